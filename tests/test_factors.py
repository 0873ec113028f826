"""The factor table: every figure has a unit, a source and a status; look-ups work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from aicost.errors import InputError, UsageError
from aicost.factors import STATUSES, FactorTable, load_factors
from aicost.testing import assert_allclose
from aicost.units import Q

DATA = Path(__file__).resolve().parent / "data"
Run = Any


def test_every_entry_has_a_known_source_and_status(factors: FactorTable) -> None:
    entries = [*factors.tasks.values(), *factors.sites.values(), *factors.grids.values()]
    for entry in entries:
        assert entry.source in factors.sources, entry.id
        assert entry.status in STATUSES, entry.id
        assert entry.en and entry.fr, entry.id
    for grid in factors.grids.values():
        assert grid.water_source in factors.sources, grid.id


def test_every_figure_of_figures_md_is_a_task(factors: FactorTable) -> None:
    expected = {
        "text.llama-3.1-8b": Q(114, "J"),
        "text.llama-3.1-405b": Q(6706, "J"),
        "image.sd3-medium": Q(2282, "J"),
        "image.sd3-medium.50-steps": Q(4402, "J"),
        "video.cogvideox.5s": Q(3.4, "MJ"),
        "video.cogvideox.old": Q(109_000, "J"),
        "text.gpt-4o.short": Q(0.421, "Wh"),
        "text.gpt-4o.medium": Q(1.214, "Wh"),
        "text.gpt-4o.long": Q(1.788, "Wh"),
        "search.google-2009": Q(0.3, "Wh"),
        "text.chatgpt.epoch-2025": Q(0.3, "Wh"),
        "text.chatgpt.altman-2025": Q(0.34, "Wh"),
        "text.gemini.median-2025": Q(0.24, "Wh"),
    }
    assert set(factors.tasks) == set(expected)
    for task_id, energy in expected.items():
        assert_allclose(factors.tasks[task_id].energy, energy, rtol=1e-12)


@pytest.mark.parametrize(
    ("alias", "task_id"),
    [
        ("text.small", "text.llama-3.1-8b"),
        ("text.large", "text.llama-3.1-405b"),
        ("image", "image.sd3-medium"),
        ("image.hq", "image.sd3-medium.50-steps"),
        ("video", "video.cogvideox.5s"),
        ("TEXT.LARGE", "text.llama-3.1-405b"),
    ],
)
def test_task_aliases(factors: FactorTable, alias: str, task_id: str) -> None:
    assert factors.task(alias).id == task_id


@pytest.mark.parametrize("name", ["FR", "fr", "FRA", "France", "france", " France "])
def test_grid_lookup_by_code_or_name(factors: FactorTable, name: str) -> None:
    grid = factors.grid(name)
    assert grid.id == "FR"
    assert_allclose(grid.carbon_intensity, Q(44.179085, "g/kWh"))
    assert grid.year == 2024
    assert_allclose(grid.water, Q(3.6737, "L/kWh"))
    assert not grid.water_fallback


def test_grids_cover_both_csv_files(factors: FactorTable) -> None:
    assert len(factors.grids) >= 200
    us = factors.grid("USA")
    assert_allclose(us.carbon_intensity, Q(383.5492, "g/kWh"))
    assert_allclose(us.water, Q(3.1321, "L/kWh"))
    assert factors.grid("États-Unis").id == "US"
    assert factors.grid("Allemagne").id == "DE"
    assert_allclose(factors.grid("world").carbon_intensity, Q(473.0065, "g/kWh"))
    kosovo = factors.grid("XK")  # in the carbon file only: water is the world fallback
    assert kosovo.water_fallback
    assert_allclose(kosovo.water, Q(3.908, "L/kWh"))
    assert_allclose(factors.grid("US-DC").carbon_intensity, Q(548, "g/kWh"))


def test_unknown_grid_suggests_the_nearest(factors: FactorTable) -> None:
    with pytest.raises(UsageError) as info:
        factors.grid("Frnace")
    assert str(info.value) == "unknown grid 'Frnace' (did you mean: FR?); `aicost grids` lists them"


def test_search_grids(factors: FactorTable) -> None:
    assert [g.id for g in factors.search_grids("germ")] == ["DE"]
    assert factors.search_grids("fr")[0].id == "FR"


def test_a_bad_factor_table_names_file_line_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "factors.yaml"
    text = (Path(__file__).resolve().parent.parent / "factors.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("energy: 6706 J", "energy: 6706 L"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_factors(bad)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.strip() == "energy: 6706 J")
    assert str(info.value) == (
        f"{bad}:{line}: tasks.text.llama-3.1-405b.energy must be an energy such as "
        "'6706 J, 0.42 Wh, 3.4 MJ', got '6706 L' (a volume)"
    )


def _small_table(tmp_path: Path, old: str, new: str) -> Path:
    text = (DATA / "diff" / "old.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "factors.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("range_", "message"),
    [
        ("low: 4 Wh\n    high: 6 Wh", None),
        ("low: 6 Wh\n    high: 8 Wh", "equivalences.charge.low low ≤ per ≤ high must hold"),
        ("low: 4 Wh", "equivalences.charge.high give both 'low' and 'high', or neither"),
        ("low: 4 L\n    high: 6 Wh", "equivalences.charge.low must be an energy"),
    ],
)
def test_an_equivalence_keeps_its_range(tmp_path: Path, range_: str, message: str | None) -> None:
    path = _small_table(tmp_path, "per: 5 Wh", f"per: 5 Wh\n    {range_}")
    if message is None:
        charge = load_factors(path).equivalences["charge"]
        assert (charge.low, charge.high) == (Q(4, "Wh"), Q(6, "Wh"))
        return
    with pytest.raises(InputError) as info:
        load_factors(path)
    assert message in str(info.value)


def test_a_boundary_can_be_an_assumption(factors: FactorTable, tmp_path: Path) -> None:
    google = factors.tasks["search.google-2009"]
    assert (google.status, google.boundary_status) == ("secondary", "assumption")
    assert factors.tasks["text.gpt-4o.short"].boundary_status == "primary"  # its own status
    path = _small_table(tmp_path, "boundary: it", "boundary: it\n    boundary_status: guess")
    with pytest.raises(InputError) as info:
        load_factors(path)
    assert "tasks.answer.boundary_status must be one of primary" in str(info.value)


def test_the_entry_says_when_its_boundary_is_an_assumption(run: Run) -> None:
    out = run("factors", "tasks", "search.google-2009").stdout
    assert "  boundary: facility (assumption), includes PUE 1.20 (assumption)\n" in out

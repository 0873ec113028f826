"""Dates on every figure: `as_of` (the period it describes) and `checked` (when it was last
compared with its source), in every section of every shipped table; their form is checked."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from aicost.dates import is_day, is_period
from aicost.factors import load_factors
from aicost.yamlfile import load_yaml

ROOT = Path(__file__).resolve().parent.parent
# Every YAML table shipped beside factors.yaml (models.yaml and any other, when they exist).
TABLES = sorted(
    p
    for p in ROOT.glob("*.yaml")
    if not p.name.startswith(".")  # not .pre-commit-hooks.yaml
)
NOT_FIGURES = {"schema", "sources"}  # citations carry their own `date`
Run = Any


def _figure_entries() -> list[tuple[str, str, str, dict[str, Any]]]:
    """(file, section, id, entry) for every entry of every section but sources, in every table."""
    found = []
    for path in TABLES:
        data = load_yaml(path, what="factor table")
        for section, entries in data.items():
            if section in NOT_FIGURES or not isinstance(entries, dict):
                continue
            for entry_id, entry in entries.items():
                if isinstance(entry, dict):
                    found.append((path.name, section, str(entry_id), entry))
    return found


def test_every_shipped_table_is_found() -> None:
    assert "factors.yaml" in [p.name for p in TABLES]
    sections = {section for _, section, _, _ in _figure_entries()}
    assert {"tasks", "sites", "grids", "equivalences"} <= sections


def test_every_figure_has_both_dates_in_form() -> None:
    missing, malformed = [], []
    for name, section, entry_id, entry in _figure_entries():
        where = f"{name}: {section}.{entry_id}"
        if "as_of" not in entry or "checked" not in entry:
            missing.append(where)
            continue
        if not is_period(str(entry["as_of"])) or not is_day(str(entry["checked"])):
            malformed.append(where)
    assert missing == []
    assert malformed == []


def test_no_check_is_dated_in_the_future() -> None:
    today = date.today().isoformat()
    late = [(n, s, i) for n, s, i, e in _figure_entries() if str(e.get("checked", "")) > today]
    assert late == []


def test_generated_grids_take_their_year_as_as_of() -> None:
    table = load_factors()
    assert (table.grids["FR"].as_of, table.grids["FR"].checked) == ("2024", "2026-11-24")
    assert table.grids["EH"].as_of == "2009"  # Western Sahara's latest year in the CSV
    assert table.grids["EEE"].as_of == "2026-10"  # only in EcoLogits: its release


@pytest.mark.parametrize(
    ("text", "period", "day"),
    [
        ("2024", True, False),
        ("2025-05", True, False),
        ("2025-05-20", True, True),
        ("2023-09/2024-08", True, False),
        ("2024-08/2023-09", False, False),  # ends before it starts
        ("2025-13", False, False),
        ("2025-02-30", False, False),
        ("2024/2025/2026", False, False),
        ("May 2025", False, False),
        ("25-05-2025", False, False),
        ("", False, False),
    ],
)
def test_forms(text: str, period: bool, day: bool) -> None:
    assert (is_period(text), is_day(text)) == (period, day)


ANCHOR = "    status: primary\nsites:"  # the end of the one task of the small table


def _table_with(tmp_path: Path, old: str, new: str) -> Path:
    text = (ROOT / "tests" / "data" / "diff" / "old.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "factors.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (
            "as_of: May 2025",
            "tasks.answer.as_of must be a year, a month or a day (2024, 2025-05, 2025-05-20), "
            "or two of those as START/END, got 'May 2025'",
        ),
        (
            "as_of: 2025\n    checked: 2026-02-30",
            "tasks.answer.checked must be a date as YYYY-MM-DD, got '2026-02-30'",
        ),
        (
            "checked: [2026-11-25]",
            "tasks.answer.checked must be a date as YYYY-MM-DD, got '['2026-11-25']'",
        ),
    ],
)
def test_bad_dates_are_refused_with_their_place(
    run: Run, tmp_path: Path, dates: str, message: str
) -> None:
    path = _table_with(tmp_path, ANCHOR, f"    status: primary\n    {dates}\nsites:")
    result = run("factors", "--factors", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}:")
    assert result.stderr.endswith(f"{message}\n"), result.stderr


def test_dates_are_read_as_written(tmp_path: Path) -> None:
    dates = "    status: primary\n    as_of: 2025\n    checked: 2026-11-25\nsites:"
    path = _table_with(tmp_path, ANCHOR, dates)
    task = load_factors(path).tasks["answer"]
    assert (task.as_of, task.checked) == ("2025", "2026-11-25")


def test_factors_show_the_dates(run: Run) -> None:
    one = run("factors", "equivalences", "fr-car-km")
    assert "  as of: 2025; checked: 2026-11-25\n" in one.stdout
    french = run("factors", "tasks", "text.gemini.median-2025", "--lang", "fr")
    assert "  période\u00a0: 2025-05\u00a0; vérifié le 2026-11-25\n" in french.stdout
    listing = run("factors", "sites")
    assert "2026-11-24" in listing.stdout and "As of" in listing.stdout

"""--uncertainty and --explain: intervals, drivers, reproducibility, derivations."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aicost.engine import estimate
from aicost.factors import FactorTable
from aicost.scenarios import load_scenario
from aicost.uncertainty import _quantile, analyse, central, task_input
from aicost.units import magnitude_in

ROOT = Path(__file__).resolve().parent.parent
Run = Callable[..., Any]


def _est(name: str, factors: FactorTable):  # type: ignore[no-untyped-def]
    return estimate(load_scenario(ROOT / "scenarios" / f"{name}.yaml", factors))


@pytest.mark.parametrize("name", ["marathon", "chatgpt-day", "chatgpt-2025", "local-model"])
def test_the_monte_carlo_model_at_its_centre_is_the_engine(name: str, factors: FactorTable) -> None:
    est = _est(name, factors)
    energy, co2e, water = central(est)
    assert energy == pytest.approx(magnitude_in(est.energy, "kWh"), rel=1e-12)
    for g in est.grids:
        assert co2e[g.grid.id] == pytest.approx(magnitude_in(g.co2e, "g"), rel=1e-12)
        assert water[g.grid.id] == pytest.approx(magnitude_in(g.water, "L"), rel=1e-12)


def test_marathon_interval_contains_the_total_and_video_drives_it(factors: FactorTable) -> None:
    u = analyse(_est("marathon", factors))
    assert u.energy_wh.p5 < 2873.5 < u.energy_wh.p95
    assert u.drivers[0].key == "task:video.cogvideox.5s"


def test_chatgpt_2025_interval_overlaps_the_published_range(factors: FactorTable) -> None:
    u = analyse(_est("chatgpt-2025", factors))
    low, high = 391_509e6, 463_269e6  # Wh
    assert u.energy_wh.p5 < high and u.energy_wh.p95 > low


def test_source_sd_is_used_for_gpt_4o(factors: FactorTable) -> None:
    inp = task_input(factors.task("text.gpt-4o.short"))
    assert inp.kind == "normal"
    assert inp.sd == pytest.approx(0.127 / 0.421)


def test_default_spread_by_status(factors: FactorTable) -> None:
    inp = task_input(factors.task("video"))  # secondary, no range: ±35 %
    assert inp.low == pytest.approx(0.65)
    assert inp.high == pytest.approx(1.35)
    assert _quantile(inp, 0.5) == pytest.approx(1.0)


def test_same_seed_same_bytes_other_seed_other_intervals(run: Run) -> None:
    args = ("scenario", "scenarios/marathon.yaml", "-f", "json", "--uncertainty")
    a = run(*args).stdout
    assert a == run(*args).stdout
    b = run(*args, "--seed", "7").stdout
    total_a, total_b = (
        json.loads(a)["scenarios"][0]["total"],
        json.loads(b)["scenarios"][0]["total"],
    )
    assert total_a["energy_wh"] == total_b["energy_wh"]
    assert total_a["energy_wh_p5"] != total_b["energy_wh_p5"]


def test_explain_names_task_factors_and_grid_intensities(run: Run) -> None:
    result = run("scenario", "scenarios/marathon.yaml", "--explain", "-f", "json")
    steps = json.loads(result.stdout)["scenarios"][0]["derivation"]
    text = "\n".join(steps)
    for task in ("text.llama-3.1-405b", "image.sd3-medium.50-steps", "video.cogvideox.5s"):
        assert task in text
    assert (
        "  15 × 6.71 kJ (text.llama-3.1-405b; mit-tr-2025: O'Donnell & Crownhart 2025; "
        "secondary) = 27.9 Wh" in steps
    )
    assert any(s.startswith("FR: 2.87 kWh × 44.2 g/kWh") and "ember-owid-2025" in s for s in steps)
    assert any(s.startswith("US: 2.87 kWh × 384 g/kWh") and "ember-owid-2025" in s for s in steps)


def test_check_within_uncertainty(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "claims:\n  - id: high\n    quote: 3.5 kWh\n"
        f"    scenario: {ROOT / 'scenarios/marathon.yaml'}\n"
        "    metric: energy\n    expected: 3.5 kWh\n",
        encoding="utf-8",
    )
    assert json.loads(run("check", str(path), "-f", "json").stdout)["claims"][0]["verdict"] == "off"
    result = run("check", str(path), "-f", "json", "--uncertainty")
    claim = json.loads(result.stdout)["claims"][0]
    assert claim["verdict"] == "within uncertainty"
    assert claim["interval"][0] < 3500 < claim["interval"][1]
    assert result.exit_code == 0


def _task_with(extra: str, tmp_path: Path) -> FactorTable:
    from aicost.factors import load_factors

    text = (ROOT / "factors.yaml").read_text(encoding="utf-8")
    text = text.replace("    energy: 6706 J\n", "    energy: 6706 J\n" + extra, 1)
    path = tmp_path / "factors.yaml"
    path.write_text(text, encoding="utf-8")
    return load_factors(path)


def test_uniform_and_lognormal_distributions(tmp_path: Path) -> None:
    uniform = task_input(
        _task_with("    low: 5000 J\n    high: 8000 J\n    distribution: uniform\n", tmp_path).task(
            "text.large"
        )
    )
    assert uniform.kind == "uniform"
    assert _quantile(uniform, 0.5) == pytest.approx((5000 + 8000) / 2 / 6706)
    (tmp_path / "b").mkdir()
    lognormal = task_input(
        _task_with("    distribution: lognormal\n    gsd: 2\n", tmp_path / "b").task("text.large")
    )
    assert lognormal.kind == "lognormal"
    assert _quantile(lognormal, 0.5) == pytest.approx(1.0)  # the value is the median
    # p95 of a lognormal with gsd 2: 2 ** 1.6449
    assert _quantile(lognormal, 0.95) == pytest.approx(2**1.6448536, rel=1e-6)


def test_a_distribution_without_its_parameters_is_refused(tmp_path: Path) -> None:
    from aicost.errors import InputError

    with pytest.raises(InputError, match="a lognormal distribution needs 'gsd'"):
        _task_with("    distribution: lognormal\n", tmp_path)

"""Boundaries: accelerator -> IT (host factor) -> facility (PUE), hand-computed, through the
engine, the JSON, --explain and the Monte Carlo (one arithmetic for all of them)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aicost.engine import estimate
from aicost.factors import FactorTable
from aicost.scenarios import parse_scenario
from aicost.testing import assert_allclose
from aicost.uncertainty import analyse
from aicost.units import Q

ROOT = Path(__file__).resolve().parent.parent
Run = Callable[..., Any]

GPU_ONLY = {"label": "GPU only", "energy": "57 J", "boundary": "accelerator", "count": 10}


def _scenario(factors: FactorTable, site: str, item: dict[str, object] = GPU_ONLY) -> Any:
    data = {"name": "t", "site": site, "grids": ["FR"], "items": [item]}
    return parse_scenario(data, "t.yaml", factors)


def test_the_host_factor_is_sourced_with_its_range(factors: FactorTable) -> None:
    host = factors.conversions["accelerator-to-it"]
    # Google's breakdown: (0.14 + 0.06 + 0.02) / 0.14 Wh, rounded to 1.57; MIT's doubling is high
    assert host.value == pytest.approx((0.14 + 0.06 + 0.02) / 0.14, abs=0.005)
    assert (host.low, host.high) == (1.4, 2.0)
    assert host.source == "elsworth-2025" and host.status == "derived"


def test_accelerator_energy_to_it_then_facility(factors: FactorTable) -> None:
    est = estimate(_scenario(factors, "azure.jegham-early"))
    (r,) = est.items
    # 57 J × 1.57 = 89.49 J at the IT boundary; × PUE 1.12 = 100.2288 J at the site
    assert_allclose(r.accelerator_per_item, Q(57, "J"), rtol=1e-12)
    assert_allclose(r.it_per_item, Q(89.49, "J"), rtol=1e-12)
    assert_allclose(r.per_item, Q(100.2288, "J"), rtol=1e-12)
    assert_allclose(est.energy, Q(1002.288, "J"), rtol=1e-12)
    assert_allclose(est.it_energy, Q(894.9, "J"), rtol=1e-12)
    # FR: 1002.288 J = 0.278413 Wh × 44.179085 g/kWh
    assert_allclose(est.grids[0].co2e, Q(1002.288 / 3.6e6 * 44.179085, "g"), rtol=1e-6)
    # on-site water: 894.9 J of IT energy × 0.30 L/kWh
    assert_allclose(est.grids[0].water_onsite, Q(894.9 / 3.6e6 * 0.30, "L"), rtol=1e-9)


def test_as_reported_converts_nothing_even_at_the_accelerator(factors: FactorTable) -> None:
    (r,) = estimate(_scenario(factors, "as-reported")).items
    assert_allclose(r.per_item, Q(57, "J"), rtol=1e-12)
    assert_allclose(r.it_per_item, Q(89.49, "J"), rtol=1e-12)


def test_json_carries_every_boundary_per_item_with_intervals(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "gpu.yaml"
    path.write_text(
        "site: azure.jegham-early\ngrids: [FR]\nitems:\n"
        "  - {label: GPU only, energy: 57 J, boundary: accelerator, count: 10}\n"
        "  - {task: text.gpt-4o.short, count: 1}\n",
        encoding="utf-8",
    )
    result = run("scenario", str(path), "-f", "json", "--uncertainty")
    assert result.exit_code == 0
    gpu, gpt = json.loads(result.stdout)["scenarios"][0]["items"]
    assert gpu["accelerator_energy_per_item_wh"] == pytest.approx(57 / 3600, rel=1e-11)
    assert gpu["it_energy_per_item_wh"] == pytest.approx(89.49 / 3600, rel=1e-11)
    assert gpu["energy_per_item_wh"] == pytest.approx(100.2288 / 3600, rel=1e-11)
    for key in ("accelerator_energy_per_item_wh", "it_energy_per_item_wh", "energy_per_item_wh"):
        assert gpu[f"{key}_p5"] < gpu[key] < gpu[f"{key}_p95"]
    # a facility figure: 0.421 Wh includes PUE 1.12, so 0.421 / 1.12 Wh at the IT boundary;
    # its accelerator energy is not known
    assert gpt["it_energy_per_item_wh"] == pytest.approx(0.421 / 1.12, rel=1e-11)
    assert gpt["accelerator_energy_per_item_wh"] is None
    assert gpt["accelerator_energy_per_item_wh_p5"] is None


def test_monte_carlo_draws_the_host_factor_and_its_centre_is_the_engine(
    factors: FactorTable,
) -> None:
    est = estimate(_scenario(factors, "azure.jegham-early"))
    u = analyse(est, samples=2000)
    host = next(i for i in u.inputs if i.key == "conversion:accelerator-to-it")
    assert (host.kind, host.low, host.high) == ("triangular", 1.4 / 1.57, 2.0 / 1.57)
    (item,) = u.items
    assert item.accelerator_wh is not None
    assert item.it_wh.central == pytest.approx(89.49 / 3600, rel=1e-12)
    # the host factor alone moves the IT energy between 57 J × 1.4 and 57 J × 2.0 (times the
    # item's own spread): its interval is wider than the accelerator's in relative terms
    acc, it = item.accelerator_wh, item.it_wh
    assert it.p95 / it.p5 > acc.p95 / acc.p5


def test_explain_shows_the_host_step(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "gpu.yaml"
    path.write_text(
        "site: azure.jegham-early\ngrids: [FR]\nitems:\n"
        "  - {label: GPU only, energy: 57 J, boundary: accelerator, count: 10}\n",
        encoding="utf-8",
    )
    steps = json.loads(run("scenario", str(path), "--explain", "-f", "json").stdout)
    assert (
        "  10 × 57.0 J (GPU only; your own figure) × 1.57 (accelerator-to-it, accelerators to "
        "whole server; elsworth-2025: Elsworth et al. 2025; derived) = 89.5 J at the IT boundary"
        " × 1.12 (PUE of azure.jegham-early) = 0.278 Wh" in steps["scenarios"][0]["derivation"]
    )


def test_an_accelerator_figure_needs_the_conversion(run: Run, tmp_path: Path) -> None:
    text = (ROOT / "factors.yaml").read_text(encoding="utf-8")
    start = text.index("conversions:\n")
    end = text.index("# Equivalences:")
    (tmp_path / "factors.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    path = tmp_path / "gpu.yaml"
    path.write_text(
        "items:\n  - label: GPU only\n    energy: 57 J\n    boundary: accelerator\n    count: 1\n",
        encoding="utf-8",
    )
    result = run("scenario", str(path), "--factors", str(tmp_path / "factors.yaml"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path}:4: items[0].boundary is at the accelerator boundary, but the factor "
        "table has no conversion 'accelerator-to-it' to bring it to the IT boundary; add it to "
        "its conversions section\n"
    )


def test_a_site_range_is_drawn_as_its_source_gives_it(factors: FactorTable) -> None:
    from aicost.uncertainty import pue_input, wue_input

    site = factors.site("anthropic.us")
    assert site.pue_low is not None and site.pue_high is not None and site.pue is not None
    pue = pue_input(site)
    # the overhead (PUE - 1) between the source's bounds, uniform: 1.09-1.14 around 1.115
    assert pue.kind == "uniform"
    assert pue.low == pytest.approx((site.pue_low - 1) / (site.pue - 1))
    assert pue.high == pytest.approx((site.pue_high - 1) / (site.pue - 1))
    assert wue_input(factors.site("azure.jegham-early")).origin.startswith("default")

"""The arithmetic against hand-computed figures (figures.md, "Published totals")."""

from __future__ import annotations

from pathlib import Path

import pytest

from aicost.engine import estimate
from aicost.factors import FactorTable
from aicost.scenarios import load_scenario, parse_scenario
from aicost.testing import assert_allclose
from aicost.units import Q

ROOT = Path(__file__).resolve().parent.parent


def _scenario(name: str, factors: FactorTable):  # type: ignore[no-untyped-def]
    return load_scenario(ROOT / "scenarios" / f"{name}.yaml", factors)


def test_marathon_reproduces_the_mit_total(factors: FactorTable) -> None:
    est = estimate(_scenario("marathon", factors))
    # 15 × 6,706 J + 10 × 4,402 J + 3 × 3.4 MJ = 10,344,610 J = 2,873.5 Wh
    assert_allclose(est.energy, Q(15 * 6706 + 10 * 4402 + 3 * 3.4e6, "J"), rtol=1e-9)
    assert_allclose(est.energy, Q(2873.5, "Wh"), rtol=1e-3)
    co2e = {g.grid.id: g.co2e for g in est.grids}
    # 2.8735 kWh × 44.18 g/kWh = 127.0 g; × 383.55 g/kWh = 1,102 g
    assert_allclose(co2e["FR"], Q(127.0, "g"), rtol=5e-3)
    assert_allclose(co2e["US"], Q(1102.0, "g"), rtol=5e-3)
    # as-reported: no on-site water; off-site = 2.8735 kWh × 3.6737 L/kWh = 10.556 L
    water = {g.grid.id: g for g in est.grids}
    assert_allclose(water["FR"].water_onsite, Q(0.0, "L"))
    assert_allclose(water["FR"].water, Q(2.8735028 * 3.6737, "L"), rtol=1e-6)
    assert est.ratio == pytest.approx(383.5492 / 44.179085, rel=1e-9)


def test_chatgpt_2025_falls_inside_the_published_ranges(factors: FactorTable) -> None:
    est = estimate(_scenario("chatgpt-2025", factors))
    # 772e9 × (0.8 × 0.421 + 0.2 × 1.214) Wh = 447,451.2 MWh
    assert_allclose(est.energy, Q(772e9 * (0.8 * 0.421 + 0.2 * 1.214), "Wh"), rtol=1e-9)
    assert Q(391_509, "MWh") <= est.energy <= Q(463_269, "MWh")
    azure = next(g for g in est.grids if g.grid.id == "azure.jegham-early")
    # × 0.3528 kg/kWh = 157,861 t
    assert_allclose(azure.co2e, Q(447_451.2 * 0.3528, "t"), rtol=1e-6)
    assert Q(138_125, "t") <= azure.co2e <= Q(163_441, "t")
    # IT energy × 0.30 + facility energy × 3.142, IT = facility / 1.12
    expected_water = Q(447_451.2e3 * (0.30 / 1.12 + 3.142), "L")
    assert_allclose(azure.water, expected_water, rtol=1e-6)
    assert Q(1_334_991, "m**3") <= azure.water <= Q(1_579_680, "m**3")


def test_later_version_water_overshoots_the_published_range(factors: FactorTable) -> None:
    scenario = _scenario("chatgpt-2025", factors).with_overrides(
        grids=(factors.grid("azure.jegham-later"),)
    )
    (later,) = estimate(scenario).grids
    # 447,451.2 MWh × (0.30 / 1.12 + 4.35) L/kWh = 2.07 billion L > 1.58 billion L
    assert_allclose(later.water, Q(447_451.2e3 * (0.30 / 1.12 + 4.35), "L"), rtol=1e-6)
    assert later.water > Q(1_579_680, "m**3")


def test_chatgpt_day(factors: FactorTable) -> None:
    est = estimate(_scenario("chatgpt-day", factors))
    short, medium = est.items
    assert_allclose(short.energy, Q(8 * 0.421, "Wh"), rtol=1e-9)  # 3.37 Wh
    assert_allclose(medium.energy, Q(8 * 1.214, "Wh"), rtol=1e-9)  # 9.71 Wh


def test_facility_figure_is_converted_once_never_twice(factors: FactorTable) -> None:
    data = {"site": "openai.ecologits", "items": [{"task": "text.gpt-4o.short", "count": 10}]}
    est = estimate(parse_scenario(data, "inline", factors))
    # 0.421 Wh includes Azure's PUE 1.12: IT = 0.421 / 1.12 = 0.3759 Wh; at PUE 1.20: 0.4511 Wh
    assert_allclose(est.items[0].per_item, Q(0.421 / 1.12 * 1.20, "Wh"), rtol=1e-9)
    assert_allclose(est.it_energy, Q(10 * 0.421 / 1.12, "Wh"), rtol=1e-9)
    assert_allclose(est.energy, Q(10 * 0.421 / 1.12 * 1.20, "Wh"), rtol=1e-9)
    # on-site water counts per kWh of IT energy: 3.759 Wh × 0.569 L/kWh
    assert_allclose(est.grids[0].water_onsite, Q(10 * 0.421 / 1.12 * 0.569, "mL"), rtol=1e-9)


def test_facility_figure_at_its_own_site_is_unchanged(factors: FactorTable) -> None:
    data = {"site": "azure", "items": [{"task": "gpt-4o.medium", "count": 1}]}
    est = estimate(parse_scenario(data, "inline", factors))
    assert_allclose(est.energy, Q(1.214, "Wh"), rtol=1e-12)


def test_it_figure_gets_the_site_overhead(factors: FactorTable) -> None:
    data = {"site": "us-dc", "grids": ["US-DC"], "items": [{"task": "text.large", "count": 1}]}
    est = estimate(parse_scenario(data, "inline", factors))
    assert_allclose(est.energy, Q(6706 * 1.4, "J"), rtol=1e-12)
    (grid,) = est.grids
    assert_allclose(grid.co2e, Q(6706 * 1.4 / 3.6e6 * 548, "g"), rtol=1e-9)
    # 6,706 J IT × 0.36 L/kWh on site + 9,388 J facility × 4.52 L/kWh off site
    expected = Q(6706 / 3.6e6 * 0.36 + 6706 * 1.4 / 3.6e6 * 4.52, "L")
    assert_allclose(grid.water, expected, rtol=1e-9)


def test_local_model_power_times_duration(factors: FactorTable) -> None:
    est = estimate(_scenario("local-model", factors))
    # 40 × 35 W × 20 s = 28,000 J = 7.78 Wh, no overhead, no on-site water
    assert_allclose(est.energy, Q(28_000, "J"), rtol=1e-12)
    fr = est.grids[0]
    assert_allclose(fr.co2e, Q(28_000 / 3.6e6 * 44.179085, "g"), rtol=1e-9)
    assert_allclose(fr.water_onsite, Q(0, "L"))


def test_scale_multiplies_every_total(factors: FactorTable) -> None:
    base = {"items": [{"task": "image", "count": 3}]}
    scaled = {**base, "scale": {"days": 365, "people": 1000}}
    one = estimate(parse_scenario(base, "a", factors))
    many = estimate(parse_scenario(scaled, "b", factors))
    assert_allclose(many.energy, one.energy * 365_000, rtol=1e-12)
    assert_allclose(many.energy_once, one.energy, rtol=1e-12)
    for a, b in zip(one.grids, many.grids, strict=True):
        assert_allclose(b.co2e, a.co2e * 365_000, rtol=1e-12)
        assert_allclose(b.water, a.water * 365_000, rtol=1e-12)

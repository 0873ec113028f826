"""Properties: any input gives a valid estimate or the project's own error, never another
exception; and the arithmetic is linear in counts, proportional to grid intensity and scale."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from aicost.engine import estimate
from aicost.errors import AicostError
from aicost.factors import FactorTable, load_factors
from aicost.scenarios import Scenario, parse_scenario
from aicost.testing import assert_allclose
from aicost.yamlfile import load_yaml, load_yaml_text

FACTORS: FactorTable = load_factors()
TASKS = sorted(FACTORS.tasks)
GRIDS = sorted(FACTORS.grids)
SITES = sorted(FACTORS.sites)
KEYS = ["name", "site", "grids", "scale", "items", "task", "count", "label", "energy", "power",
        "duration", "boundary", "pue", "source", "days", "description"]  # fmt: skip


def _check(data: object) -> None:
    """Either a scenario that computes, or an AicostError: nothing else may escape."""
    try:
        est = estimate(parse_scenario(data, "h.yaml", FACTORS))
    except AicostError:
        return
    assert math.isfinite(est.energy.magnitude)


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(TASKS + GRIDS + SITES + ["5 Wh", "35 W", "20 s", "1e400", "-1", "5 L"])
)
keys = st.sampled_from(KEYS) | st.text(max_size=8)
structures = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=20,
)


@given(structures)
def test_any_structure_gives_an_estimate_or_our_error(data: object) -> None:
    _check(data)


@given(st.dictionaries(st.sampled_from(KEYS[:5]), structures, max_size=5))
def test_any_top_level_mapping_gives_an_estimate_or_our_error(data: object) -> None:
    _check(data)


def _valid_item() -> st.SearchStrategy[dict[str, Any]]:
    task_item = st.fixed_dictionaries(
        {"task": st.sampled_from(TASKS), "count": st.integers(0, 10**6)}
    )
    inline_item = st.fixed_dictionaries(
        {
            "label": st.just("inline"),
            "energy": st.sampled_from(["0.4 Wh", "6706 J", "3.4 MJ"]),
            "count": st.just(0.0) | st.floats(1e-3, 1e6),
        }
    )
    return task_item | inline_item


near_valid = st.fixed_dictionaries(
    {
        "site": st.sampled_from(SITES),
        "grids": st.lists(st.sampled_from(GRIDS), min_size=1, max_size=3),
        "items": st.lists(_valid_item(), min_size=1, max_size=4),
    }
)


@given(near_valid, st.sampled_from(KEYS), scalars | structures, st.integers(0, 3))
def test_near_valid_scenario_with_one_field_mutated(
    base: dict[str, Any], key: str, value: object, where: int
) -> None:
    target: dict[str, Any] = base if where == 0 else base["items"][where % len(base["items"])]
    target[key] = value
    _check(base)


_TMP = Path(tempfile.mkdtemp(prefix="aicost-hypothesis-"))


@given(st.binary(max_size=300))
def test_random_bytes_give_an_estimate_or_our_error(raw: bytes) -> None:
    path = _TMP / "random.yaml"
    path.write_bytes(raw)
    try:
        data = load_yaml(path, what="scenario file")
    except AicostError:
        return
    _check(data)


@given(
    st.text(
        max_size=200, alphabet=st.characters(codec="utf-8") | st.sampled_from("[]{}:-&*!|>'\"#\n ")
    )
)
def test_random_text_gives_an_estimate_or_our_error(text: str) -> None:
    try:
        data = load_yaml_text(text, "h.yaml")
    except AicostError:
        return
    _check(data)


# -- the arithmetic ------------------------------------------------------------------------


def _scenario(data: dict[str, Any]) -> Scenario:
    return parse_scenario(data, "h.yaml", FACTORS)


@given(near_valid, st.floats(0.001, 1000))
def test_totals_are_linear_in_counts(data: dict[str, Any], k: float) -> None:
    once = estimate(_scenario(data))
    for item in data["items"]:
        item["count"] = item["count"] * k
    scaled = estimate(_scenario(data))
    assert_allclose(scaled.energy, once.energy * k, rtol=1e-9)
    assert_allclose(scaled.it_energy, once.it_energy * k, rtol=1e-9)
    for a, b in zip(scaled.grids, once.grids, strict=True):
        assert_allclose(a.co2e, b.co2e * k, rtol=1e-9)
        assert_allclose(a.water, b.water * k, rtol=1e-9)


@given(near_valid, st.sampled_from(GRIDS), st.sampled_from(GRIDS))
def test_co2e_ratio_between_grids_is_the_ratio_of_intensities(
    data: dict[str, Any], g1: str, g2: str
) -> None:
    data["grids"] = [g1, g2]
    est = estimate(_scenario(data))
    a, b = est.grids
    # co2e(a) × intensity(b) == co2e(b) × intensity(a): the ratio, without dividing by zero
    assert_allclose(
        (a.co2e * b.grid.carbon_intensity).to("g**2/kWh"),
        (b.co2e * a.grid.carbon_intensity).to("g**2/kWh"),
        rtol=1e-9,
    )


@given(near_valid, st.floats(0.001, 1e4), st.floats(0.001, 1e3))
def test_scale_multiplies_every_figure(data: dict[str, Any], days: float, people: float) -> None:
    once = estimate(_scenario(data))
    data["scale"] = {"days": days, "people": people}
    scaled = estimate(_scenario(data))
    k = days * people
    assert_allclose(scaled.energy, once.energy * k, rtol=1e-9)
    assert_allclose(scaled.it_energy, once.it_energy * k, rtol=1e-9)
    for a, b in zip(scaled.grids, once.grids, strict=True):
        assert_allclose(a.co2e, b.co2e * k, rtol=1e-9)
        assert_allclose(a.water_onsite, b.water_onsite * k, rtol=1e-9)
        assert_allclose(a.water_offsite, b.water_offsite * k, rtol=1e-9)

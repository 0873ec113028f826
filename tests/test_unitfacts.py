"""pint's kept answers (aicost/units.cache.json) and aicost's quantities: the proof that they
answer exactly as pint does.

The kept file is the only place aicost's units could drift from pint's: every answer it holds
is asked of pint again here, and the quantities' arithmetic is compared with pint's on every
unit text the file knows (which includes every unit text of the factor table and scenarios).
"""

from __future__ import annotations

import itertools
import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicost.quantity import CACHE_PATH, Quantity, Units, facts, installed_pint_version
from aicost.units import Q, pint_unit, registry

KEPT = json.loads(CACHE_PATH.read_text(encoding="utf-8"))


def pint_container(code: str) -> Any:
    from aicost.quantity import _pint_container

    return _pint_container(Units.of(code))


def to_pint(q: Quantity) -> Any:
    return registry().Quantity(q.magnitude, pint_container(q.units.code))


def test_the_kept_file_was_written_with_the_installed_pint_and_units_txt() -> None:
    """Otherwise it is ignored (every answer asked of pint): slower, never wrong."""
    from aicost.quantity import units_txt_fingerprint

    assert KEPT["pint"] == installed_pint_version() is not None
    assert KEPT["units_txt"] == units_txt_fingerprint()
    assert len(KEPT["texts"]) > 40 and len(KEPT["factors"]) > 30


def test_every_kept_unit_text_reads_as_pint_reads_it() -> None:
    for text, code in KEPT["texts"].items():
        theirs = pint_unit(text) if text else registry().dimensionless
        assert list(theirs._units.items()) == list(Units.of(code).items), text


def test_every_kept_fact_of_a_unit_is_pints() -> None:
    for code, (dims, shown, multiplicative, root) in KEPT["units"].items():
        one = registry().Quantity(1.0, pint_container(code))
        assert dict(one.dimensionality) == dict(Units.of(dims).items), code
        assert str(one.dimensionality) == shown, code
        assert one._is_multiplicative is multiplicative, code
        if root is not None:
            assert list(one.to_root_units()._units.items()) == list(Units.of(root).items)


def test_every_kept_way_of_writing_a_unit_is_pints() -> None:
    for key, text in KEPT["formats"].items():
        code, _, spec = key.rpartition("|")
        assert format(registry().Unit(pint_container(code)), spec) == text, key


def test_every_kept_factor_is_pints_conversion() -> None:
    for key, factor in KEPT["factors"].items():
        source, _, target = key.partition("|")
        one = registry().Quantity(1.0, pint_container(source))
        if factor is None:  # an offset unit: pint converts each time
            assert not (one._is_multiplicative and Q(1.0, Units.of(target))._is_multiplicative)
            continue
        for value in (1.0, 0.3, 7, 4.2e6, 1.7e-9):
            theirs = registry().Quantity(value, pint_container(source))
            assert Quantity(value, Units.of(source)).to(Units.of(target)).magnitude == (
                theirs.to(pint_container(target)).magnitude
            ), key


def test_offset_units_are_converted_by_pint() -> None:
    assert Q(20.0, "degC").to("K").magnitude == 293.15
    assert Q(68.0, "degF").to("degC").magnitude == pytest.approx(20.0)


TEXTS = sorted(KEPT["texts"])
MAGNITUDES = st.one_of(
    st.floats(min_value=1e-12, max_value=1e12, allow_nan=False),
    st.floats(min_value=-1e6, max_value=-1e-6),
    st.integers(min_value=-1000, max_value=1000),
)


@settings(max_examples=300, deadline=None)
@given(a=MAGNITUDES, b=MAGNITUDES, first=st.sampled_from(TEXTS), second=st.sampled_from(TEXTS))
def test_arithmetic_is_pints(a: float, b: float, first: str, second: str) -> None:
    """Products, quotients, sums, comparisons and conversions of any two kept unit texts: the
    same magnitudes (to the bit), the same unit containers in the same order, the same text."""
    x, y = Q(a, first), Q(b, second)
    px, py = to_pint(x), to_pint(y)
    if not x._is_multiplicative or not y._is_multiplicative:
        return
    for mine, theirs in ((x * y, px * py), (x * 2.5, px * 2.5), (3 * y, 3 * py)):
        assert mine.magnitude == theirs.magnitude
        assert list(mine.units.items) == list(theirs._units.items())
    if b != 0:
        mine, theirs = x / y, px / py
        assert mine.magnitude == theirs.magnitude
        assert list(mine.units.items) == list(theirs._units.items())
        assert str(mine.units) == str(theirs.units)
        assert (x / 4).magnitude == (px / 4).magnitude
    if a != 0:
        assert (2.0 / x).magnitude == (2.0 / px).magnitude
        assert list((2.0 / x).units.items) == list((2.0 / px)._units.items())
    if x.dimensionality == y.dimensionality:
        assert str(px.dimensionality) == str(py.dimensionality)
        for mine, theirs in ((x + y, px + py), (x - y, px - py)):
            assert mine.magnitude == theirs.magnitude or (
                math.isnan(mine.magnitude) and math.isnan(theirs.magnitude)
            )
        converted, pints = x.to(y.units).magnitude, px.to(py.units).magnitude
        assert converted == pints and type(converted) is type(pints)
        assert (x < y, x <= y, x == y, x > y) == (px < py, px <= py, px == py, px > py)
    else:
        assert str(px.dimensionality) != str(py.dimensionality) or (
            dict(px.dimensionality) == dict(py.dimensionality)
        )
        assert (x == y) is False


def test_every_kept_unit_text_converts_to_every_other_of_its_dimension_as_pint() -> None:
    checked = 0
    for first, second in itertools.permutations(TEXTS, 2):
        x = Q(0.7, first)
        if not x._is_multiplicative or x.dimensionality != Q(1, second).dimensionality:
            continue
        if not Q(1, second)._is_multiplicative:
            continue
        assert x.to(second).magnitude == to_pint(x).to(registry().parse_units(second)).magnitude
        checked += 1
    assert checked > 200


def test_a_unit_no_kept_answer_covers_is_asked_of_pint_and_kept_for_the_run() -> None:
    before = facts.asked
    q = Q(3.0, "kWh/fortnight")
    assert q.to("W").magnitude == to_pint(q).to("W").magnitude
    asked = facts.asked
    assert asked > before
    assert Q(5.0, "kWh/fortnight").to("W").magnitude == pytest.approx(5 / 3 * q.to("W").magnitude)
    assert facts.asked == asked  # kept: not asked again


def test_quantities_pickle_and_hash_as_values() -> None:
    import pickle

    q = Q(1.5, "g/kWh")
    again = pickle.loads(pickle.dumps(q))
    assert again == q and again.units == q.units and str(again.units) == "gram / kilowatt_hour"
    assert hash(Q(1000.0, "g")) == hash(Q(1000.0, "g"))
    assert Q(1.0, "radian") == Q(1.0, "dimensionless")
    assert hash(Q(1.0, "radian")) == hash(Q(1.0, "dimensionless"))
    assert Q(1.0, "kg") == Q(1000.0, "g") and Q(0, "J") == Q(0, "Wh") and Q(0, "J") != Q(0, "g")


def test_a_quantity_becomes_pints_own_and_numpy_defers_to_it() -> None:
    import numpy as np

    q = Q(1.5, "g/kWh")
    theirs = q.to_pint()
    assert theirs.magnitude == 1.5 and str(theirs.units) == "gram / kilowatt_hour"
    assert theirs.to("kg/MWh").magnitude == q.to("kg/MWh").magnitude
    for product in (np.float64(2.0) * q, q * np.float64(2.0)):
        assert isinstance(product, Quantity) and product.magnitude == 3.0
        assert product.units == q.units
    with pytest.raises(TypeError, match="to_pint"):
        q * theirs
    assert Q(1, "Wh").to("J").magnitude == 3600 and type(Q(1, "Wh").to("J").magnitude) is int

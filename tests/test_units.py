"""The unit registry: pint's own definitions, read exactly as pint's default registry reads them.

aicost's registry starts with the few dozen units of aicost/units.txt instead of pint's
thousand; these tests are the proof that this changes no answer.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path
from typing import Any

import pint
import pytest

from aicost.registry import DEFINITIONS, build, pint_names
from aicost.units import Q, _unit, parse_quantity, registry


def to_pint(q: Any) -> Any:
    """The same quantity in pint (the program's registry: the tests above show it reads as
    pint's default one)."""
    return registry().Quantity(q.magnitude, str(q.units))


ROOT = Path(__file__).resolve().parent.parent
PINT_FILE = Path(pint.__file__).parent / "default_en.txt"


@pytest.fixture(scope="module")
def full() -> pint.UnitRegistry[Any]:
    """A default registry of pint's own, apart from the ones aicost builds."""
    registry: pint.UnitRegistry[Any] = pint.UnitRegistry(cache_folder=None)
    return registry


def test_units_txt_only_copies_lines_of_pint_s_own_file() -> None:
    pint_lines = {line.strip() for line in PINT_FILE.read_text(encoding="utf-8").splitlines()}
    ours = [
        line.strip()
        for line in DEFINITIONS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(ours) > 50
    assert [line for line in ours if line not in pint_lines] == []


def test_pint_names_are_the_names_of_the_default_registry(full: pint.UnitRegistry[Any]) -> None:
    names = pint_names()
    keys = set(full._units)
    assert names <= keys
    # What pint adds while it builds: prefixed units it has read ('kilogram') and the
    # differences of offset units ('delta_degC'). Neither is written in its files.
    for key in keys - names:
        derived = key.startswith(("delta_", "Δ")) or full.parse_unit_name(key)[0][0] != ""
        assert derived, key


def test_every_name_the_registry_reads_reads_as_in_pint_s_default_registry(
    full: pint.UnitRegistry[Any],
) -> None:
    """Every prefix × every name, symbol and alias × singular/plural: the same unit, the same
    conversion to SI, the same dimension and symbol, or left to pint's default registry."""
    small = build()
    # All of pint's prefixes, in pint's order: a name splits into prefix + unit as in pint.
    assert list(small._prefixes) == list(full._prefixes)
    checked = 0
    for prefix, name, plural in itertools.product(
        list(small._prefixes), list(small._units), ("", "s")
    ):
        text = prefix + name + plural
        try:
            mine = small.get_name(text)
        except pint.UndefinedUnitError:
            continue  # not read here: pint's default registry reads it (see below)
        except pint.PintError as exc:
            with pytest.raises(type(exc)):
                full.get_name(text)
            continue
        checked += 1
        assert full.get_name(text) == mine, text
        factor, root = small.get_root_units(mine)
        full_factor, full_root = full.get_root_units(mine)
        assert (factor, dict(root._units)) == (full_factor, dict(full_root._units)), text
        assert dict(small.get_dimensionality(mine)) == dict(full.get_dimensionality(mine))
        assert small.get_symbol(text) == full.get_symbol(text), text
    assert checked > 10_000


def test_names_that_pint_reads_as_another_unit_are_not_read_as_prefixed_units(
    full: pint.UnitRegistry[Any],
) -> None:
    small = build()
    pairs = (("kt", "knot"), ("pt", "pint"), ("ha", "hectare"), ("at", "technical_atmosphere"))
    for text, unit in pairs:
        assert full.get_name(text) == unit
        with pytest.raises(pint.UndefinedUnitError):
            small.get_name(text)  # not kilotonne, pico-tonne, hecto-year, atto-tonne


@pytest.mark.parametrize(
    "text",
    [
        "kcal",
        "BTU/h",
        "kWh/fortnight",
        "kt",
        "pt",
        "nmi",
        "ha",
        "Eh",
        "amps",
        "hp",
        "floz",
        "degF",
        "delta_degC",
        "MWh/ha/year",
    ],
)
def test_a_unit_outside_units_txt_reads_as_in_pint_s_default_registry(
    text: str, full: pint.UnitRegistry[Any]
) -> None:
    assert dict(_unit(text).items) == dict(full.parse_units(text)._units)
    mine, theirs = Q(1.7, text).to_root_units(), full.Quantity(1.7, text).to_root_units()
    assert mine.magnitude == theirs.magnitude
    assert dict(mine.units.items) == dict(theirs.units._units)


def test_a_common_unit_pint_knows_is_still_accepted() -> None:
    assert parse_quantity("2 kcal", "energy").to("J").magnitude == pytest.approx(8368)
    assert parse_quantity("290 Wh/mi", "energy per length").to("Wh/km").magnitude == (
        pytest.approx(290 / 1.609344)
    )


@pytest.mark.parametrize("text", ["5 wats", "5 ((J", "5 J**1e400", "5 __class__", "5 kWhh"])
def test_a_unit_pint_does_not_know_is_still_refused(text: str) -> None:
    with pytest.raises(Exception, match="has a unit pint does not know"):
        parse_quantity(text, "energy")


def test_shipped_files_need_no_unit_outside_units_txt() -> None:
    """The factor table, the scenarios, the claims and every output format use only the units
    of units.txt: pint's default registry is never built for them (it is the slow path). With
    the kept answers of aicost/units.cache.json put aside, every answer comes from pint."""
    code = """
import contextlib, io, sys
from aicost.cli import app
from aicost.unitfacts import rebuild
rebuild()
runs = [
    ["scenario", "scenarios/marathon.yaml", "scenarios/chatgpt-day.yaml",
     "scenarios/chatgpt-2025.yaml", "scenarios/local-model.yaml"],
    ["scenario", "scenarios/marathon.yaml", "-f", "json", "--uncertainty", "--samples", "200"],
    ["scenario", "scenarios/marathon.yaml", "-f", "csv"],
    ["scenario", "scenarios/marathon.yaml", "-f", "markdown", "--explain", "--lang", "fr"],
    ["estimate", "text.large=15", "0.3 Wh=100"],
    ["check", "examples/report-fr-claims.yaml"],
    ["factors", "tasks"], ["factors", "equivalences"], ["factors", "sites"], ["grids"],
]
for args in runs:
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            app(args, standalone_mode=False)
        except SystemExit:
            pass
from aicost.registry import default_registry
print(default_registry.cache_info().currsize)
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "0", out.stderr


def test_a_unit_text_is_read_once_and_keeps_its_meaning() -> None:
    from aicost.units import registry

    ureg = registry()
    first = ureg.parse_units_as_container("g/kWh")
    assert ureg.parse_units_as_container("g/kWh") is first
    _unit("kcal/h")  # taking a unit from pint's default registry changes no earlier reading
    assert ureg.parse_units_as_container("g/kWh") is first
    assert Q(1, "kg/kWh").to("g/kWh").magnitude == 1000


def _table_quantities() -> list[Any]:
    """Every quantity of the packaged factor table."""
    from dataclasses import fields, is_dataclass

    from aicost.factors import load_factors

    found: list[Any] = []

    def walk(value: Any) -> None:
        if hasattr(value, "magnitude") and hasattr(value, "units"):
            found.append(value)
        elif is_dataclass(value) and not isinstance(value, type):
            for f in fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, tuple | list):
            for v in value:
                walk(v)

    walk(load_factors())
    return found


ASKED = ("Wh", "J", "kWh", "MWh", "L/kWh", "g/kWh", "W", "L", "s", "g", "kg", "t", "min", "h",
         "km", "mi", "Wh/km", "g/km", "g/h", "dimensionless", "")  # fmt: skip


def test_magnitude_in_is_pints_own_conversion_for_every_unit_of_the_table() -> None:
    """magnitude_in keeps pint's factor for each pair of units: for every quantity of the
    factor table, at its own value and at others, in every unit aicost asks for that has its
    dimension, the result is exactly pint's `.to()`, and the quantity reads as pint reads it."""
    from aicost.units import Q, magnitude_in, registry

    quantities = _table_quantities()
    assert len(quantities) > 100
    checked = 0
    for q in quantities:
        theirs = registry().Quantity(q.magnitude, str(q.units))
        assert dict(theirs._units) == dict(q.units.items)
        assert str(theirs.dimensionality) == str(q.dimensionality)
        for unit in ASKED:
            target = registry().parse_units(unit) if unit else registry().dimensionless
            if theirs.dimensionality != target.dimensionality:
                continue
            for value in (q.magnitude, 1, 0.1, 3.7e-5, 123456.789, 7):
                other = Q(value, str(q.units))
                pints = registry().Quantity(value, str(q.units))
                assert magnitude_in(other, unit) == float(pints.to(target).magnitude)
                checked += 1
    assert checked > 1000


def test_magnitude_in_leaves_offset_units_to_pint() -> None:
    from aicost.units import Q, magnitude_in

    assert magnitude_in(Q(20.0, "degC"), "K") == 293.15
    assert magnitude_in(Q(25.0, "degC"), "K") == float(Q(25.0, "degC").to("K").magnitude)


def test_quotient_in_is_pints_own_division_and_conversion() -> None:
    """Every equivalence of the table applied to totals of its dimension: exactly pint's
    `(total / value).to(unit)`, magnitude and unit."""
    from aicost.factors import load_factors
    from aicost.units import Q, quotient_in

    totals = {
        "energy": [Q(v, u) for v in (1, 0.3, 4.2e6, 17.25) for u in ("Wh", "J", "kWh")],
        "co2e": [Q(v, u) for v in (1, 0.3, 4.2e6, 17.25) for u in ("g", "kg", "t")],
        "water": [Q(v, u) for v in (1, 0.3, 4.2e6, 17.25) for u in ("L", "mL")],
    }
    checked = 0
    for e in load_factors().equivalences.values():
        for total in totals[e.dimension]:
            mine = quotient_in(total, e.value, e.pint_unit)
            pints = (to_pint(total) / to_pint(e.value)).to(e.pint_unit)
            assert mine.magnitude == pints.magnitude
            assert type(mine.magnitude) is type(pints.magnitude)
            assert dict(mine.units.items) == dict(pints._units)
            assert str(mine.units) == str(pints.units)
            checked += 1
    assert checked > 50

"""Quantities and the one pint unit registry of the program, built only when first needed.

Everything that carries a unit is a Quantity (aicost/quantity.py: pint's arithmetic, with pint's
answers about units kept at build time, so that a run on the shipped files never imports pint);
plain floats appear only at the edges (rendering and JSON), through `magnitude_in`.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from aicost.errors import InputError
from aicost.i18n import N_, tr
from aicost.numbers import DECIMAL, computable
from aicost.quantity import Quantity as _Quantity
from aicost.quantity import Units, convert, facts, parse_units

if TYPE_CHECKING:
    from aicost.registry import Registry

Quantity = Any  # aicost.quantity.Quantity, as loosely typed as pint's was

_NUMBER = re.compile(rf"^\s*({DECIMAL})\s*(.*?)\s*$", re.DOTALL)

# Dimensions, named as users think of them: a reference unit (its dimensionality is the
# dimension) and an example to show in error messages.
DIMENSIONS: dict[str, tuple[str, str]] = {
    "energy": ("J", "6706 J, 0.42 Wh, 3.4 MJ"),
    "power": ("W", "35 W"),
    "time": ("s", "20 s, 2.5 min"),
    "mass": ("g", "127 g, 4.6 t"),
    "volume": ("L", "0.5 L, 314 L"),
    "length": ("m", "16 km"),
    "carbon intensity": ("g/kWh", "44.18 g/kWh"),
    "water intensity": ("L/kWh", "3.14 L/kWh"),
    "energy per length": ("Wh/km", "180 Wh/km, 290 Wh/mi"),
    "mass per length": ("g/km", "0.2176 kg/km"),
    "mass per time": ("g/h", "64 g/h"),
    "dimensionless": ("dimensionless", "1.12"),
}


@cache
def registry() -> Registry:
    """The program's unit registry (created on first use, then shared).

    It holds pint's own definitions of the units aicost and its users commonly write
    (aicost/units.txt) and takes any other unit from pint's default registry when it is first
    written: see aicost/registry.py.
    """
    from aicost.registry import build

    return build()


def Q(value: float, unit: str | Units) -> Quantity:
    """A quantity from a number and a unit written the pint way ('Wh', 'g/kWh')."""
    return _Quantity(value, unit if isinstance(unit, Units) else parse_units(unit))


def _unit(text: str) -> Units:
    """The units a text names (pint's own error if pint cannot read it)."""
    return parse_units(text)


@cache
def pint_unit(text: str) -> Any:
    """pint's own reading of a unit text, in the program's registry (asked only for what
    aicost/units.cache.json does not answer)."""
    ureg = registry()  # first: it imports pint its own way (aicost/registry.py)
    from pint.errors import UndefinedUnitError

    try:
        return ureg.parse_units(text)
    except UndefinedUnitError:
        ureg.adopt(text)  # pint's error again if its default registry does not know it either
        return ureg.parse_units(text)


MAX_UNIT_CHARS = 40


# A dimension's name with its article, as messages say it ('must be an energy ...').
_WITH_ARTICLE = {
    "energy": N_("an energy"),
    "power": N_("a power"),
    "time": N_("a time"),
    "mass": N_("a mass"),
    "volume": N_("a volume"),
    "length": N_("a length"),
    "carbon intensity": N_("a carbon intensity"),
    "water intensity": N_("a water intensity"),
    "energy per length": N_("an energy per length"),
    "mass per length": N_("a mass per length"),
    "mass per time": N_("a mass per time"),
    "dimensionless": N_("a plain number"),
}


def article(dimension: str) -> str:
    """'an energy', 'a power' (in the language of messages); 'a quantity of [mass] / [time]'
    for a dimension without a name."""
    if dimension in _WITH_ARTICLE:
        return tr(_WITH_ARTICLE[dimension])
    return tr("a quantity of {dimensionality}", dimensionality=dimension)


def _shown(text: object) -> str:
    """A value as quoted in a message, cut short when long."""
    shown = repr(text)
    return shown if len(shown) <= 40 else shown[:37] + "..."


@cache
def _dimensionality(dimension: str) -> Any:
    return _unit(DIMENSIONS[dimension][0]).dimensionality


def parse_quantity(
    text: object,
    dimension: str,
    *,
    path: str | None = None,
    line: int | None = None,
    where: str | None = None,
) -> Quantity:
    """Parse '6706 J' into a Quantity of the given dimension, or raise a one-line InputError."""

    def fail(message: str) -> InputError:
        return InputError(message, path=path, line=line, where=where)

    example = DIMENSIONS[dimension][1]
    got = _shown(text)
    if isinstance(text, bool) or not isinstance(text, (str, int, float)):
        shown = {dict: tr("a mapping"), list: tr("a list"), type(None): tr("nothing")}.get(
            type(text), got
        )
        raise fail(
            tr(
                "must be {a_dimension} with its unit such as '{example}', got {got}",
                a_dimension=article(dimension),
                example=example,
                got=shown,
            )
        )
    if isinstance(text, (int, float)):
        if dimension != "dimensionless":
            raise fail(
                tr("needs a unit: write it like '{example}', got {got}", example=example, got=got)
            )
        number_text, unit_text = repr(text), ""
    else:
        match = _NUMBER.match(text)
        if match is None:
            raise fail(
                tr(
                    "must be a number with its unit such as '{example}', got {got}",
                    example=example,
                    got=got,
                )
            )
        number_text, unit_text = match.group(1), match.group(2)
    value = computable(number_text.replace("_", ""))
    if value is None:
        small = abs(float(number_text.replace("_", ""))) < 1
        raise fail(
            tr("is out of range (too small to compute with), got {got}", got=got)
            if small
            else tr("is out of range (too large to compute with), got {got}", got=got)
        )
    if unit_text == "" and dimension != "dimensionless":
        raise fail(
            tr("needs a unit: write it like '{example}', got {got}", example=example, got=got)
        )
    unit = _parse_unit(unit_text)
    if unit is None and _known_to_pint(unit_text):
        raise fail(
            tr(
                "has a unit aicost does not take (longer than {most} characters, or a power"
                " beyond ±10): {unit} (write it like '{example}')",
                most=MAX_UNIT_CHARS,
                unit=_shown(unit_text),
                example=example,
            )
        )
    if unit is None:
        raise fail(
            tr(
                "has a unit pint does not know: {unit} (write it like '{example}')",
                unit=_shown(unit_text),
                example=example,
            )
        )
    quantity = _Quantity(value, unit)
    if not quantity._is_multiplicative:  # degC, dBm: an offset or a logarithm, not a multiple
        raise fail(
            tr(
                "has a unit on an offset or logarithmic scale ({unit}), which cannot be"
                " multiplied; write it like '{example}'",
                unit=_shown(unit_text),
                example=example,
            )
        )
    if quantity.dimensionality != _dimensionality(dimension):
        raise fail(
            tr(
                "must be {a_dimension} such as '{example}', got {got} ({a_found})",
                a_dimension=article(dimension),
                example=example,
                got=got,
                a_found=article(describe_dimension(quantity)),
            )
        )
    return quantity


def _parse_unit(text: str) -> Any:
    """The pint unit a text names, or None for anything pint cannot read as a plain unit.

    pint raises many kinds of exception on odd text (syntax, tokenizer, attribute, zero
    division, recursion...), and accepts exponents such as `J**1e400`: all mean "not a unit".
    """
    if not text:
        return _unit("dimensionless")
    if len(text) > MAX_UNIT_CHARS:
        return None
    try:
        unit = _unit(text)
        exponents = list(unit.dimensionality.values())
    except Exception:
        return None
    if not all(math.isfinite(e) and abs(e) <= 10 for e in exponents):
        return None
    return unit


def _known_to_pint(text: str) -> bool:
    """Whether pint reads a unit text that `_parse_unit` refused (too long, huge powers)."""
    if len(text) > 4 * MAX_UNIT_CHARS:
        return False
    try:
        unit = _unit(text)
        return all(math.isfinite(e) for e in unit.dimensionality.values())
    except Exception:
        return False


def describe_dimension(quantity: Quantity) -> str:
    """Name the dimension of a quantity in the words of DIMENSIONS ('energy', 'volume'...)."""
    for name in DIMENSIONS:
        if quantity.dimensionality == _dimensionality(name):
            return name
    return str(quantity.dimensionality)


def magnitude_in(quantity: Quantity, unit: str) -> float:
    """The plain float of a quantity in a given unit: the only way numbers leave quantities.

    As pint converts: the magnitude as it is between the same units, else times pint's factor
    for the pair (aicost/quantity.py). tests/test_units.py checks this against pint's own
    `.to()` for every unit of the factor table and every unit asked for."""
    target, factor = _to(quantity._units, unit)
    if factor is _SAME:
        return float(quantity._magnitude)
    if factor is _PINT:  # an offset unit (degC): pint converts each time
        return float(convert(quantity._magnitude, quantity._units, target))
    return float(quantity._magnitude * factor)


def quotient_in(numerator: Quantity, denominator: Quantity, unit: str) -> Quantity:
    """`(numerator / denominator).to(unit)`, without the quantity in between (the same
    magnitude: pint's quotient, then pint's factor for the quotient's units). Every
    equivalence of every total goes through here."""
    n, d = numerator._magnitude, denominator._magnitude
    if isinstance(n, int) or isinstance(d, int):  # pint's own division of ints
        return (numerator / denominator).to(unit)
    target, factor = _to(numerator._units / denominator._units, unit)
    if factor is _PINT:
        return (numerator / denominator).to(target)
    return _Quantity(n / d if factor is _SAME else n / d * factor, target)


def _to(units: Units, unit: str) -> tuple[Units, Any]:
    """The units a text names, and pint's factor to them from `units` (_SAME for the same
    units, _PINT for offset units), kept per pair: a run asks for the same few conversions
    tens of thousands of times."""
    key = (units.code, unit)
    found = _CONVERSIONS.get(key)
    if found is None:
        target = parse_units(unit)
        factor = _SAME if units == target else facts.factor(units, target)
        found = _CONVERSIONS[key] = (target, _PINT if factor is None else factor)
    return found


_SAME, _PINT = object(), object()
_CONVERSIONS: dict[tuple[str, str], tuple[Units, Any]] = {}  # (units code, unit text) -> ...

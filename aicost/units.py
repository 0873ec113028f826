"""The one pint unit registry of the program, built once and only when first needed.

Everything that carries a unit is a pint Quantity; plain floats appear only at the edges
(rendering and JSON), through `magnitude_in`.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from aicost.errors import InputError

if TYPE_CHECKING:
    import pint

Quantity = Any  # pint.Quantity; pint's own generic types are too loose to be useful to mypy here

_NUMBER = re.compile(r"^\s*([-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")

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
def registry() -> pint.UnitRegistry[Any]:
    """The program's unit registry (created on first use, then shared)."""
    import pint

    ureg: pint.UnitRegistry[Any] = pint.UnitRegistry(cache_folder=None)
    return ureg


def Q(value: float, unit: str) -> Quantity:
    """A quantity from a number and a unit written the pint way ('Wh', 'g/kWh')."""
    return registry().Quantity(value, _unit(unit))


@cache
def _unit(text: str) -> Any:
    return registry().parse_units(text)


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
    a = "an" if dimension[0] in "aeiou" else "a"
    if isinstance(text, bool) or not isinstance(text, (str, int, float)):
        raise fail(f"must be {a} {dimension} with its unit such as '{example}', got {text!r}")
    if isinstance(text, (int, float)):
        if dimension != "dimensionless":
            raise fail(f"needs a unit: write it like '{example}', got {text!r}")
        number_text, unit_text = str(text), ""
    else:
        match = _NUMBER.match(text)
        if match is None:
            raise fail(f"must be a number with its unit such as '{example}', got {text!r}")
        number_text, unit_text = match.group(1), match.group(2)
    value = float(number_text.replace("_", ""))
    if not math.isfinite(value):
        raise fail(f"is out of range, got {text!r}")
    if unit_text == "" and dimension != "dimensionless":
        raise fail(f"needs a unit: write it like '{example}', got {text!r}")
    try:
        unit = _unit(unit_text) if unit_text else _unit("dimensionless")
    except Exception:
        raise fail(
            f"has a unit pint does not know: {unit_text!r} (write it like '{example}')"
        ) from None
    quantity = registry().Quantity(value, unit)
    if quantity.dimensionality != _dimensionality(dimension):
        raise fail(
            f"must be {a} {dimension} such as '{example}', got {text!r} "
            f"(a {describe_dimension(quantity)})"
        )
    return quantity


def describe_dimension(quantity: Quantity) -> str:
    """Name the dimension of a quantity in the words of DIMENSIONS ('energy', 'volume'...)."""
    for name in DIMENSIONS:
        if quantity.dimensionality == _dimensionality(name):
            return name
    return str(quantity.dimensionality)


def magnitude_in(quantity: Quantity, unit: str) -> float:
    """The plain float of a quantity in a given unit: the only way numbers leave pint."""
    return float(quantity.to(_unit(unit)).magnitude)

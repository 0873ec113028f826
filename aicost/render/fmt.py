"""Numbers and quantities as people read them: auto-scaled units, honest precision, and
locale-aware digits through Babel (English `1,102.5`; French `1 102,5` with a narrow no-break
space). SI unit symbols stay the same in every language.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

from aicost.units import Quantity, magnitude_in

if TYPE_CHECKING:
    from decimal import Decimal

# Unit ladders: (unit to convert to, symbol shown, threshold in the ladder's base unit).
LADDERS: dict[str, tuple[tuple[str, str, float], ...]] = {
    "energy-si": (("J", "J", 0.0), ("kJ", "kJ", 1e3), ("MJ", "MJ", 1e6), ("GJ", "GJ", 1e9)),
    "energy": (
        ("Wh", "Wh", 0.0),
        ("kWh", "kWh", 3.6e6),
        ("MWh", "MWh", 3.6e9),
        ("GWh", "GWh", 3.6e12),
        ("TWh", "TWh", 3.6e15),
    ),
    "mass": (
        ("g", "g", 0.0),
        ("kg", "kg", 1e3),
        ("t", "t", 1e6),
        ("kilotonne", "kt", 1e9),
        ("megatonne", "Mt", 1e12),
    ),
    "volume": (("mL", "mL", 0.0), ("L", "L", 1.0), ("m**3", "m³", 1e3)),
}
_BASE = {"energy": "J", "energy-si": "J", "mass": "g", "volume": "L"}


@cache
def _babel_locale(lang: str) -> Any:
    from babel import Locale

    return Locale.parse(lang)


def number(value: float, lang: str = "en", *, digits: int = 3) -> str:
    """`value` with about `digits` significant digits, all integer digits kept, grouped by locale.

    2.8735 -> '2.87'; 127.0 -> '127'; 1102.13 -> '1,102'; 0.0123 -> '0.0123'.
    """
    from babel.numbers import format_decimal

    magnitude = abs(value)
    if magnitude == 0:
        decimals = 0
    else:
        import math

        integer_digits = math.floor(math.log10(magnitude)) + 1
        decimals = max(0, digits - integer_digits)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    rounded = round(value, decimals)
    with _digits():
        return str(format_decimal(rounded, format=pattern, locale=_babel_locale(lang)))


@contextmanager
def _digits() -> Iterator[None]:
    """A decimal context wide enough for every float Babel is given (1.8e308 has 309 digits;
    Python's default of 28 makes Babel fail on figures of 1e28 and more)."""
    import decimal

    with decimal.localcontext() as context:
        context.prec = 400
        yield


def plain(value: float, lang: str = "en", decimals: int = 2) -> str:
    """A number with a fixed count of decimals (trailing zeros dropped), grouped by locale."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    with _digits():
        return str(format_decimal(value, format=pattern, locale=_babel_locale(lang)))


def scaled(quantity: Quantity, kind: str) -> tuple[float, str]:
    """The value and unit symbol of the ladder step that reads best for this quantity."""
    base = abs(magnitude_in(quantity, _BASE[kind]))
    chosen = LADDERS[kind][0]
    for step in LADDERS[kind]:
        if base >= step[2]:
            chosen = step
    return magnitude_in(quantity, chosen[0]), chosen[1]


def human(quantity: Quantity, kind: str, lang: str = "en") -> str:
    """'2.87 kWh', '1.10 kg', '10.6 L' (or '2,87 kWh' in French).

    Kind 'energy' reads in Wh/kWh/MWh/GWh/TWh; 'energy-as-given' keeps the family of
    the quantity's own unit: a figure given in joules reads in J/kJ/MJ, one in Wh in Wh/kWh.
    """
    if kind == "energy-as-given":
        kind = "energy-si" if str(quantity.units).endswith("joule") else "energy"
    value, symbol = scaled(quantity, kind)
    return (
        f"{number(value, lang)}\u00a0{symbol}"
        if lang == "fr"
        else f"{number(value, lang)} {symbol}"
    )


def ratio(value: float, lang: str = "en") -> str:
    return number(value, lang, digits=2) + "×"


def approx_decimal(value: float) -> Decimal:
    """The number an equivalence shows: two significant digits, the rest zeros, and no
    trailing zero after the decimal point.

    3.5919 -> 3.6; 15.95 -> 16; 41465 -> 41000; 0.1466 -> 0.15; 1.02 -> 1; 0.996 -> 1.
    """
    import math
    from decimal import Decimal

    if value == 0:
        return Decimal(0)
    power = math.floor(math.log10(abs(value))) - 1
    with _digits():
        shown = Decimal(repr(round(value, -power))).quantize(Decimal(1).scaleb(min(0, power)))
        if shown == shown.to_integral_value():
            return shown.quantize(Decimal(1))
        return shown.normalize()


def approx(value: float, lang: str = "en") -> str:
    """`approx_decimal`, grouped by locale: '3.6', '41,000', '0.15' ('3,6', '41 000')."""
    shown = approx_decimal(value)
    decimals = max(0, -int(shown.as_tuple().exponent))
    return plain(float(shown), lang, decimals=decimals)


def is_one(shown: Decimal, lang: str = "en") -> bool:
    """Whether a number as shown takes the singular in `lang` (CLDR plural rules through
    Babel): French '0,15 douche', '1,5 douche'; English '1 shower' but '1.5 showers'."""
    return bool(_babel_locale(lang).plural_form(shown) == "one")


def equivalent(value: float, symbol: str, words: str, lang: str = "en") -> str:
    """'≈ 3.6 h of a microwave oven', '≈ 575 smartphone charges' ('≈ 3,6 h de micro-onde')."""
    space = "\u00a0" if lang == "fr" else " "
    unit = f"{space}{symbol}" if symbol else ""
    return f"≈{space}{approx(value, lang)}{unit} {words}"

"""Numbers and quantities as people read them: auto-scaled units, honest precision, and
locale-aware digits through Babel (English `1,102.5`; French `1 102,5` with a narrow no-break
space). SI unit symbols stay the same in every language.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from aicost.units import Quantity, magnitude_in

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


# The decimal and group symbols of the languages aicost prints, as CLDR gives them (Babel's
# data: tests/test_fmt.py checks them against Babel). Babel loads the whole CLDR data of a
# locale to give two symbols, about 10 ms a run; another language goes through Babel itself.
_SYMBOLS = {"en": (".", ","), "fr": (",", "\u202f")}


def _format_decimal(value: float, lang: str, min_frac: int, max_frac: int) -> str:
    """Babel's `format_decimal(value, '#,##0.00##', locale)`, with `min_frac` zeros and
    `max_frac` digits in all after the point, done as Babel does it (NumberPattern.apply):
    the value as a Decimal of its repr, rounded half to even, groups of three."""
    symbols = _SYMBOLS.get(lang)
    number = Decimal(str(value))
    if symbols is None or number.is_infinite():
        from babel.numbers import format_decimal

        fraction = "0" * min_frac + "#" * (max_frac - min_frac)
        pattern = "#,##0" + ("." + fraction if fraction else "")
        return str(format_decimal(value, format=pattern, locale=_babel_locale(lang)))
    decimal_symbol, group_symbol = symbols
    negative = number.is_signed()
    rounded = abs(number).normalize().quantize(Decimal(10) ** -max_frac)
    integer, _, fraction = f"{rounded:f}".partition(".")
    grouped = ""
    while len(integer) > 3:
        grouped = group_symbol + integer[-3:] + grouped
        integer = integer[:-3]
    text = integer + grouped
    fraction = (fraction or "0").ljust(min_frac, "0")
    if max_frac and not (min_frac == 0 and int(fraction) == 0):
        while len(fraction) > min_frac and fraction[-1] == "0":
            fraction = fraction[:-1]
        text += decimal_symbol + fraction
    return ("-" if negative else "") + text


def number(value: float, lang: str = "en", *, digits: int = 3) -> str:
    """`value` with about `digits` significant digits, all integer digits kept, grouped by locale.

    2.8735 -> '2.87'; 127.0 -> '127'; 1102.13 -> '1,102'; 0.0123 -> '0.0123'.
    """
    magnitude = abs(value)
    if magnitude == 0:
        decimals = 0
    else:
        import math

        integer_digits = math.floor(math.log10(magnitude)) + 1
        decimals = max(0, digits - integer_digits)
    rounded = round(value, decimals)
    return _format_decimal(rounded, lang, decimals, decimals)


def plain(value: float, lang: str = "en", decimals: int = 2) -> str:
    """A number with a fixed count of decimals (trailing zeros dropped), grouped by locale."""
    return _format_decimal(value, lang, 0, decimals)


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


def approx(value: float, lang: str = "en") -> str:
    """A number for an equivalence: two significant digits, the rest zeros, grouped by locale.

    3.5919 -> '3.6'; 15.95 -> '16'; 41465 -> '41,000'; 0.1466 -> '0.15'.
    """
    import math

    if value == 0:
        return number(0, lang)
    power = math.floor(math.log10(abs(value))) - 1
    rounded = round(value, -power)
    decimals = max(0, -power)
    return plain(rounded, lang, decimals=decimals)


def equivalent(value: float, symbol: str, words: str, lang: str = "en") -> str:
    """'≈ 3.6 h of a microwave oven', '≈ 575 smartphone charges' ('≈ 3,6 h de micro-onde')."""
    space = "\u00a0" if lang == "fr" else " "
    unit = f"{space}{symbol}" if symbol else ""
    return f"≈{space}{approx(value, lang)}{unit} {words}"

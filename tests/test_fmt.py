"""Numbers as people read them: aicost formats English and French numbers without loading
Babel's locale data, and must print exactly what Babel prints."""

from __future__ import annotations

import math

import pytest
from babel import Locale
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from hypothesis import example, given
from hypothesis import strategies as st

from aicost.render import fmt


def babel_number(value: float, lang: str, digits: int = 3) -> str:
    """fmt.number as it was written with Babel."""
    magnitude = abs(value)
    decimals = 0 if magnitude == 0 else max(0, digits - (math.floor(math.log10(magnitude)) + 1))
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(format_decimal(round(value, decimals), format=pattern, locale=Locale.parse(lang)))


def babel_plain(value: float, lang: str, decimals: int = 2) -> str:
    """fmt.plain as it was written with Babel."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale=Locale.parse(lang)))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_symbols_are_cldr_s(lang: str) -> None:
    assert fmt._SYMBOLS[lang] == (get_decimal_symbol(lang), get_group_symbol(lang))


values = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15)


@given(value=values, lang=st.sampled_from(["en", "fr"]), digits=st.integers(1, 5))
@example(value=2.675, lang="en", digits=3)  # a tie in decimal, not in binary
@example(value=0.125, lang="fr", digits=2)
@example(value=-0.0, lang="en", digits=3)
@example(value=1102.13, lang="fr", digits=3)
@example(value=5e-324, lang="en", digits=3)
def test_number_prints_what_babel_prints(value: float, lang: str, digits: int) -> None:
    assert fmt.number(value, lang, digits=digits) == babel_number(value, lang, digits)


@given(value=values, lang=st.sampled_from(["en", "fr"]), decimals=st.integers(0, 6))
@example(value=41465.0, lang="fr", decimals=0)
@example(value=0.1466, lang="en", decimals=2)
@example(value=2.675, lang="en", decimals=2)
@example(value=-1234.5, lang="fr", decimals=1)
@example(value=1e-7, lang="fr", decimals=5)
def test_plain_prints_what_babel_prints(value: float, lang: str, decimals: int) -> None:
    assert fmt.plain(value, lang, decimals) == babel_plain(value, lang, decimals)


def test_other_languages_and_infinities_go_through_babel() -> None:
    assert fmt.plain(1234.5, "de", 1) == "1.234,5"
    assert fmt.plain(math.inf, "fr") == babel_plain(math.inf, "fr")

"""aicost.render.fmt.format_decimal writes numbers as Babel's format_decimal does, for the
patterns and languages aicost uses: Babel stays the authority, checked here on many numbers."""

from __future__ import annotations

import decimal

import pytest
from babel.numbers import format_decimal as babels
from babel.numbers import get_decimal_symbol, get_group_symbol
from hypothesis import given, settings
from hypothesis import strategies as st

from aicost.render.fmt import SYMBOLS, _digits, format_decimal

PATTERNS = ["#,##0", "#,##0.#", "#,##0.##", "#,##0.00", "#,##0.###", "#,##0.0000", "#,##0.00##"]
SPECIAL = [0.0, -0.0, 0.5, 1.5, 2.5, 2.675, 0.125, 0.005, 1e-9, 999.995, 1234567.891, 1e15,
           1.7976931348623157e308, 5e-324, -1234.5, 123456789012345678901234567890.0, 7, -3,
           10**25, decimal.Decimal("2.345"), float("inf"), float("-inf")]  # fmt: skip


def _babel(value: object, pattern: str, lang: str) -> str:
    with _digits():
        return str(babels(value, format=pattern, locale=lang))  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", sorted(SYMBOLS))
def test_the_symbols_are_babels(lang: str) -> None:
    assert SYMBOLS[lang] == (get_group_symbol(lang), get_decimal_symbol(lang))


@pytest.mark.parametrize("lang", sorted(SYMBOLS))
@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("value", SPECIAL)
def test_edge_numbers_read_as_babel_writes_them(value: object, pattern: str, lang: str) -> None:
    with _digits():
        assert format_decimal(value, format=pattern, locale=lang) == _babel(value, pattern, lang)


@settings(max_examples=500, deadline=None)
@given(
    value=st.floats(allow_nan=False, allow_infinity=False)
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.decimals(allow_nan=False, allow_infinity=False, places=6),
    pattern=st.sampled_from(PATTERNS),
    lang=st.sampled_from(sorted(SYMBOLS)),
)
def test_any_number_reads_as_babel_writes_it(value: object, pattern: str, lang: str) -> None:
    with _digits():
        assert format_decimal(value, format=pattern, locale=lang) == _babel(value, pattern, lang)


def test_other_patterns_and_languages_are_left_to_babel() -> None:
    assert format_decimal(1234.5, format="#,##0.00", locale="de") == "1.234,50"
    assert format_decimal(0.25, format="#,##0%", locale="en") == _babel(0.25, "#,##0%", "en")


@settings(max_examples=500, deadline=None)
@given(
    shown=st.decimals(allow_nan=False, allow_infinity=False, places=3)
    | st.decimals(min_value=-3, max_value=3, allow_nan=False, places=1)
    | st.sampled_from([decimal.Decimal(t) for t in ("1", "1.0", "0", "0.0", "1.5", "2", "-1")]),
    lang=st.sampled_from(sorted(SYMBOLS)),
)
def test_the_singular_is_chosen_by_babels_plural_rules(shown: decimal.Decimal, lang: str) -> None:
    from babel import Locale

    from aicost.render.fmt import is_one

    assert is_one(shown, lang) is (Locale.parse(lang).plural_form(shown) == "one")

"""click's own range messages (Typer before 0.29 checks ranges with click, not pydantic) read
as aicost's one line: the bound that was crossed, in the language asked."""

from __future__ import annotations

import pytest

from aicost.render.usage import one_line


@pytest.mark.parametrize(
    ("detail", "lang", "said"),
    [
        ("5 is not in the range 100<=x<=1000000.", "en", "must be ≥ 100"),
        ("2000000 is not in the range 100<=x<=1000000.", "en", "must be ≤ 1000000"),
        ("-5.0 is not in the range x>=0.", "en", "must be ≥ 0"),
        ("7 is not in the range x<=5.", "en", "must be ≤ 5"),
        ("5 is not in the range 100<=x<=1000000.", "fr", "doit être ≥ 100"),
        ("abc is not in the range 1<=x<=2.", "en", "abc is not in the range 1<=x<=2."),
    ],
)
def test_click_range_messages(detail: str, lang: str, said: str) -> None:
    line = one_line(f"Invalid value for '--samples': {detail}", "aicost scenario", lang)
    if lang == "en":
        assert line == f"Error: invalid value for '--samples': {said}; see `aicost scenario --help`"
    else:
        assert line == (
            f"Erreur : valeur invalide pour '--samples' : {said} ; voir `aicost scenario --help`"
        )

"""Text from files and arguments, shown as written: never run as markup, terminal codes or
spreadsheet formulas, never cut in a way that hides what it is.

- `visible` writes control characters, bidirectional overrides and other invisible format
  characters as Python-style escapes (`\\x1b`, `\\u202e`), so that a label cannot move the
  cursor, recolour the terminal or reorder what is printed after it. Line feeds and tabs stay.
- `shown` is `visible` cut to a length, for quoting a value back in a one-line message.
- `md_cell` / `md_row`: a Markdown table cell / row as written (`visible`, with `|` and `\\`
  escaped, on one line).
- `csv_cell` neutralises a text a spreadsheet would run as a formula (OWASP "CSV injection"):
  a cell starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe.
"""

from __future__ import annotations

import re
import unicodedata

_HIDDEN_CATEGORIES = ("Cc", "Cf", "Zl", "Zp", "Cs", "Co")
_KEEP = "\n\t"
# Fast path: printable ASCII and common letters never need escaping.
_PLAIN = re.compile(r"[\x20-\x7e\n\t\u00a1-\u00ac\u00ae-\u05ff]*")


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def is_hidden(char: str) -> bool:
    """Whether a character is invisible or acts on the terminal (control, format, separator)."""
    return char not in _KEEP and unicodedata.category(char) in _HIDDEN_CATEGORIES


def visible(text: str) -> str:
    """`text` with its control and invisible characters written as escapes."""
    if _PLAIN.fullmatch(text):
        return text
    return "".join(_escape(c) if is_hidden(c) else c for c in text)


def shown(text: str, limit: int = 60) -> str:
    """`visible(text)`, cut to about `limit` characters with '...' when longer."""
    cut = text[: limit * 2] if len(text) > limit * 2 else text
    out = visible(cut)
    if len(out) > limit or len(cut) < len(text):
        return out[: limit - 3] + "..."
    return out


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A text cell for CSV that no spreadsheet runs as a formula; shown with `visible`."""
    text = visible(text)
    return "'" + text if text.startswith(_FORMULA) else text


def unusual_characters(text: str) -> str:
    """ "U+043E CYRILLIC SMALL LETTER O, U+200B ZERO WIDTH SPACE" for the characters of a key
    that are not plain ASCII (look-alikes, invisible ones); "" when there are none."""
    from aicost.yamlfile import character_name

    seen = dict.fromkeys(c for c in text if not (" " < c <= "~"))
    return ", ".join(character_name(c) for c in list(seen)[:3])


def md_cell(text: str) -> str:
    """A Markdown table cell as written: control characters escaped, `|` and `\\` escaped,
    one line."""
    return visible(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def md_row(cells: list[str]) -> str:
    """A Markdown table row of `cells`, each through `md_cell`."""
    return "| " + " | ".join(md_cell(c) for c in cells) + " |"

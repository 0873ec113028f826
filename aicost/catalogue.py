"""The French catalogue, for maintainers: `python -m aicost.catalogue COMMAND`.

aicost's words are gettext messages: the English text in the code is the msgid (a `tr()`
template, a `t()` label with its key as msgctxt, a help text, or one of click's words), and
aicost/locale/fr/LC_MESSAGES/aicost.po holds the French. The compiled aicost.mo beside it is
committed, so that a checkout, an editable install and the wheel all read it without a build
step; tests/test_messages.py checks that it says what the .po says.

    compile   write aicost.mo from aicost.po (run after editing the .po)
    port      move French still written in Python into the .po, then compile: the entries
              of aicost/messages_fr.py (FRENCH: English template -> French; the file is then
              deleted) and any (English, French) pair left in aicost.i18n.MESSAGES (replace
              the pair by its English afterwards: the command lists them)

Babel (a dependency of aicost) reads and writes the files; aicost itself reads the .mo with
the standard library's gettext.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
PO = PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "aicost.po"
MO = PO.with_suffix(".mo")
MESSAGES_FR = PACKAGE / "messages_fr.py"


def read(path: Path | None = None) -> Any:
    from babel.messages.pofile import read_po

    with (path or PO).open("rb") as f:
        return read_po(f, locale="fr", domain="aicost")


def write(catalog: Any, path: Path | None = None) -> None:
    from babel.messages.pofile import write_po

    with (path or PO).open("wb") as f:
        write_po(f, catalog, width=100, omit_header=False, sort_output=False)


def compile_mo(catalog: Any = None, path: Path | None = None) -> None:
    """aicost.mo from aicost.po: what gettext reads at run time."""
    from babel.messages.mofile import write_mo

    with (path or MO).open("wb") as f:
        write_mo(f, catalog if catalog is not None else read(), use_fuzzy=False)


def _french_of_messages_fr(path: Path) -> dict[str, str]:
    """FRENCH from messages_fr.py, read without importing it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign | ast.Assign) and isinstance(node.value, ast.Dict):
            found = ast.literal_eval(node.value)
            if isinstance(found, dict):
                return {str(k): str(v) for k, v in found.items()}
    return {}


def port() -> list[str]:
    """Add the French found in Python to the .po (existing entries are updated); compile.
    Returns what was moved, one line each."""
    from aicost.i18n import MESSAGES

    catalog = read()
    moved: list[str] = []
    if MESSAGES_FR.exists():
        for english, french in _french_of_messages_fr(MESSAGES_FR).items():
            catalog.add(english, french)
            moved.append(f"messages_fr.py: {english!r}")
    for key, value in MESSAGES.items():
        if isinstance(value, tuple):
            english, french = value
            catalog.add(english, french, context=key)
            moved.append(f"i18n.MESSAGES[{key!r}]: replace the pair by its English {english!r}")
    write(catalog)
    compile_mo(read(), MO)
    if MESSAGES_FR.exists():
        MESSAGES_FR.unlink()
        moved.append("deleted aicost/messages_fr.py")
    return moved


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["compile"]:
        compile_mo()
        print(f"wrote {MO}")
        return 0
    if args == ["port"]:
        for line in port() or ["nothing to port"]:
            print(line)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())

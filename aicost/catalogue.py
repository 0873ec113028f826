"""The French catalogue, for maintainers: `python -m aicost.catalogue COMMAND`.

aicost's words are gettext messages: the English text in the code is the msgid (a `tr()`
template, a `t()` label with its key as msgctxt, a help text, or one of click's words), and
aicost/locale/fr/LC_MESSAGES/aicost.po holds the French. The compiled aicost.mo beside it is
committed, so that a checkout, an editable install and the wheel all read it without a build
step; tests/test_messages.py checks that it says what the .po says.

    compile   write aicost.mo from aicost.po (run after editing the .po)
    missing   print, as .po entries to fill in and append, every message, label and help
              text of the code that the .po lacks (a new command's help texts, say)
    port      move French still written in Python into the .po, then compile: the entries
              of aicost/messages_fr.py (FRENCH: English template -> French) that the code
              still uses and the .po lacks or says otherwise (the file is then deleted),
              and any (English, French) pair left in aicost.i18n.MESSAGES (replace the
              pair by its English afterwards: the command lists them)

Babel (a dependency of aicost) reads and writes the files; aicost itself reads the .mo with
the standard library's gettext.
"""

from __future__ import annotations

import ast
import io
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


def messages_in_code() -> dict[str, str]:
    """Every English template in the package (first argument of tr/N_), with where it is."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            arg = node.args[0]
            if (
                name in ("tr", "N_")
                and isinstance(arg, ast.Constant)
                and isinstance(arg.value, str)
            ):
                found.setdefault(arg.value, f"{path.name}:{node.lineno}")
    return found


def help_texts() -> set[str]:
    """Every help text of the command line (commands, their options and arguments)."""
    import typer.main

    from aicost.cli import app

    found: set[str] = set()

    def walk(node: Any) -> None:
        found.update(t for t in [node.help, *(getattr(p, "help", None) for p in node.params)] if t)
        for sub in getattr(node, "commands", {}).values():
            walk(sub)

    walk(typer.main.get_command(app))
    return found


def missing() -> str:
    """The .po entries (French left empty) of what the code says and the .po lacks."""
    from babel.messages.catalog import Catalog

    from aicost.i18n import MESSAGES

    catalog = read()
    todo = Catalog(locale="fr", domain="aicost")
    for text in [*messages_in_code(), *sorted(help_texts())]:
        found = catalog.get(text)
        if found is None or not found.string:
            todo.add(text, "")
    for key, english in MESSAGES.items():
        text = english if isinstance(english, str) else english[0]
        found = catalog.get(text, context=key)
        if found is None or not found.string:
            todo.add(text, "", context=key)
    out = io.BytesIO()
    from babel.messages.pofile import write_po

    write_po(out, todo, width=100, omit_header=True)
    return out.getvalue().decode("utf-8")


def port() -> list[str]:
    """Add the French found in Python to the .po (existing entries are updated); compile.
    Returns what was moved, one line each."""
    from aicost.i18n import MESSAGES

    catalog = read()
    moved: list[str] = []
    if MESSAGES_FR.exists():
        in_code = set(messages_in_code())
        for english, french in _french_of_messages_fr(MESSAGES_FR).items():
            if english not in in_code:  # the code no longer says it (changed or removed)
                moved.append(f"messages_fr.py: {english!r} skipped, not in the code")
            elif catalog.get(english) is None or catalog.get(english).string != french:
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
    if args == ["missing"]:
        sys.stdout.write(missing())
        return 0
    if args == ["port"]:
        for line in port() or ["nothing to port"]:
            print(line)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())

"""`--help` in the language of the command.

Click handles `--help` while it parses, before any command runs, so the language is read
from the raw arguments and the locale first (as for usage errors), and the command tree is
translated before click sees it: every help text (a msgid of the catalogue) in place, and a
formatter that says click's own words ("Usage:", "Options", "[default: …]") in that language.
Typer builds a fresh click command on every run, so nothing leaks into the next one.
"""

from __future__ import annotations

import re
from typing import Any

from aicost.i18n import N_, translate

# click's and Typer's words in a help page (msgids of the catalogue).
CLICK_WORDS = (
    N_("Usage: "),
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("default: {default}"),
    N_("required"),
    N_("{heading}:"),
)
_EXTRA = re.compile(r"^(?P<help>.*?)(?P<gap>\s*)\[(?P<extra>[^\[\]]*)\]$", re.S)


def _extra(part: str, lang: str) -> str:
    """One part of click's '[default: table; required]' in `lang`."""
    name, sep, value = part.partition(": ")
    if sep and name == "default":
        return translate("default: {default}", lang).format(default=value)
    return translate(part, lang)


def _help_cell(text: str, lang: str) -> str:
    """An option's help with click's '[default: …]' after it, both translated."""
    found = _EXTRA.match(text)
    if found is None:
        return translate(text, lang)
    extra = "; ".join(_extra(p, lang) for p in found.group("extra").split("; "))
    return f"{translate(found.group('help'), lang)}{found.group('gap')}[{extra}]"


def _formatter(base: type[Any], lang: str) -> type[Any]:
    class Formatter(base):  # type: ignore[misc]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            words = translate("Usage: ", lang) if prefix is None else translate(prefix, lang)
            super().write_usage(prog, args, words)

        def write_heading(self, heading: str) -> None:
            words = translate("{heading}:", lang).format(heading=translate(heading, lang))
            self.write(f"{'':>{self.current_indent}}{words}\n")

        def write_dl(self, rows: Any, *args: Any, **kwargs: Any) -> None:
            rows = [(term, _help_cell(text, lang)) for term, text in rows]
            super().write_dl(rows, *args, **kwargs)

    return Formatter


def translated(command: Any, lang: str) -> Any:
    """`command` (a click command tree) with its help texts and click's words in `lang`."""
    if lang == "en":
        return command
    base = command.context_class
    context = type("Context", (base,), {"formatter_class": _formatter(base.formatter_class, lang)})

    def walk(node: Any) -> None:
        node.context_class = context
        if node.help:
            node.help = translate(node.help, lang)
        for param in node.params:
            if getattr(param, "help", None):
                param.help = translate(param.help, lang)
        for sub in getattr(node, "commands", {}).values():
            walk(sub)

    walk(command)
    return command

"""A command-line usage error (an unknown option, a missing argument, a bad choice) as one
line, in the language of the command, like every other aicost error.

Click (which Typer uses) writes these as four lines of English: "Usage: ...", "Try ...", a
blank line and "Error: ...". aicost keeps click's detection and exit code (2), and writes
the one line itself. The French is matched on click's English shapes; a shape not known here
keeps click's English detail inside the French frame.
"""

from __future__ import annotations

import re

from aicost.i18n import N_, speaking, tr

# click's English message -> the template of its French (fields from the match's groups).
_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Missing argument '(?P<name>.+)'\.$"), N_("missing argument '{name}'")),
    (re.compile(r"^Missing option '(?P<name>.+)'\.$"), N_("missing option '{name}'")),
    (
        re.compile(r"^No such option: (?P<name>\S+?)(?: Did you mean (?P<near>\S+?)\?)?$"),
        N_("no such option: {name}{suggestion}"),
    ),
    (
        re.compile(r"^No such command '(?P<name>.+?)'\.(?: Did you mean '(?P<near>.+)'\?)?$"),
        N_("no such command '{name}'{suggestion}"),
    ),
    (
        re.compile(r"^Option '(?P<name>.+)' requires an argument\.$"),
        N_("option '{name}' needs a value"),
    ),
    (
        re.compile(r"^Invalid value for (?P<name>.+?): (?P<detail>.+)$"),
        N_("invalid value for {name}: {detail}"),
    ),
)
_DETAILS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^(?:Value error, )?'(?P<got>.*)' is not one of (?P<choices>.+)\.$"),
        N_("'{got}' is not one of {choices}"),
    ),
    (
        re.compile(r"^Input should be greater than or equal to (?P<least>\S+)$"),
        N_("must be ≥ {least}"),
    ),
    (re.compile(r"^Input should be less than or equal to (?P<most>\S+)$"), N_("must be ≤ {most}")),
    (
        re.compile(r"^(?P<got>'.*') is not a valid integer(?: range)?\.?$"),
        N_("{got} is not a whole number"),
    ),
    (re.compile(r"^Input should be a valid integer.*$"), N_("must be a whole number")),
)


# click's own range check (Typer before 0.29): '5 is not in the range 100<=x<=1000000.',
# '-5.0 is not in the range x>=0.', '7 is not in the range x<=5.'
_RANGE = re.compile(
    r"^(?P<got>\S+) is not in the range "
    r"(?:x>=(?P<min>[^<=\s]+)|x<=(?P<max>[^<=\s]+)|(?P<low>[^<=\s]+)<=x<=(?P<high>[^<=\s]+))\.$"
)


def _range(detail: str) -> str | None:
    """click's range message as the bound that was crossed ('must be ≥ 100')."""
    found = _RANGE.match(detail)
    if found is None:
        return None
    got, least, most = found.group("got"), found.group("min"), found.group("max")
    low, high = found.group("low", "high")
    if low is not None:
        try:
            below = float(got) < float(low)
        except ValueError:
            return None
        least, most = (low, None) if below else (None, high)
    if least is not None:
        return tr("must be ≥ {least}", least=least)
    return tr("must be ≤ {most}", most=most)


def _match(shapes: tuple[tuple[re.Pattern[str], str], ...], text: str) -> str | None:
    for pattern, template in shapes:
        found = pattern.match(text)
        if found is None:
            continue
        fields = {k: v for k, v in found.groupdict().items() if k not in ("near", "detail")}
        if "{suggestion}" in template:
            near = found.group("near")
            fields["suggestion"] = tr(" (did you mean: {names}?)", names=near) if near else ""
        if "{detail}" in template:
            detail = found.group("detail")
            fields["detail"] = _range(detail) or _match(_DETAILS, detail) or detail
        return tr(template, **fields)
    return None


def one_line(message: str, command: str, lang: str) -> str:
    """click's `message` for `command` ('aicost scenario') as aicost's one error line."""
    with speaking(lang):
        said = _match(_SHAPES, message) or message
        return tr(
            "Error: {message}",
            message=tr("{said}; see `{command} --help`", said=said, command=command),
        )


def lang_of(args: list[str]) -> str | None:
    """The value of --lang among the raw arguments ('--lang fr' or '--lang=fr'; the last one
    wins, as in click), lowercased (--lang FR), or None."""
    found = None
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found.lower() if found is not None else None

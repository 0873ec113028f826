"""The errors a user can cause. Each renders as one line naming the file, the place and the fix.

The CLI turns any `AicostError` into `Error: <message>` on stderr and exit code 2; anything
else is a bug and keeps its traceback.
"""

from __future__ import annotations


class AicostError(Exception):
    """Base of every user-facing error."""


class InputError(AicostError):
    """Something wrong in a file the user gave (scenario, factors, claims).

    `where` is a key path such as ``items[2].count``; `line` is 1-based when known.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        where: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        place = ""
        if self.path is not None:
            path = self.path
            if path == "command line":  # `aicost estimate`'s arguments: named in the user's words
                from aicost.i18n import tr

                path = tr("command line")
            place = path + (f":{self.line}" if self.line is not None else "") + ": "
        elif self.line is not None:
            from aicost.i18n import tr

            place = tr("line {line}: ", line=str(self.line))
        subject = f"{self.where} " if self.where else ""
        return f"{place}{subject}{self.message}"


class UsageError(AicostError):
    """A command-line value that cannot be used (an unknown --grid, a bad --site...)."""


MAX_COMPARED = 100  # characters of a mistyped name compared with the known names


def did_you_mean(word: str, choices: list[str] | tuple[str, ...], n: int = 3) -> str:
    """Return ' (did you mean: a, b?)' for the choices that start with `word` (at least three
    letters), else the nearest by spelling, or '' when none is near."""
    import difflib

    if len(word) > MAX_COMPARED:  # no choice is that long; difflib would take seconds
        return ""
    lowered = {c.lower(): c for c in choices}
    typed = word.strip().lower()
    near = sorted((c for c in lowered if len(typed) >= 3 and c.startswith(typed)), key=len)[:n]
    near = near or difflib.get_close_matches(typed, list(lowered), n=n, cutoff=0.6)
    if not near:
        return ""
    from aicost.i18n import tr

    return tr(" (did you mean: {names}?)", names=", ".join(lowered[w] for w in near))

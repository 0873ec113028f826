"""The Rich console aicost prints with: text from files is shown as written.

Markup and emoji codes are off (`[red]`, `[/bold]`, `:smile:` in a label are text), and every
string Rich renders has its control and invisible characters written as escapes
(aicost.text.visible), so no label can send terminal codes. `Text` objects built by the
renderers pass their text through `visible` themselves.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from aicost.text import visible


class SafeConsole(Console):
    """A Console that never interprets the text it is given."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("markup", False)
        kwargs.setdefault("emoji", False)
        super().__init__(**kwargs)

    def render_str(self, text: str, **kwargs: Any) -> Text:
        kwargs["markup"] = False
        kwargs["emoji"] = False
        return super().render_str(visible(text), **kwargs)

    def print(self, *objects: Any, **kwargs: Any) -> None:
        """Print; a table too wide for the terminal is printed wider rather than cut: labels
        wrap, but a number (a right-justified column) is never cut or ellipsised."""
        from rich.table import Table

        if len(objects) == 1 and isinstance(objects[0], Table):
            table = objects[0]
            needed = _least_width(self, table)
            if needed > self.width:
                kept, no_wrap = self._width, [c.no_wrap for c in table.columns]
                self.width = needed
                for column in table.columns:
                    column.no_wrap = column.no_wrap or column.justify == "right"
                try:
                    super().print(*objects, **kwargs)
                finally:
                    self._width = kept
                    for column, before in zip(table.columns, no_wrap, strict=True):
                        column.no_wrap = before
                return
        super().print(*objects, **kwargs)


def _least_width(console: Console, table: Any) -> int:
    """The narrowest a table can be with every number whole: a right-justified column (aicost
    right-justifies its numbers) keeps its widest cell; the others their longest word."""
    options = console.options.update_width(10_000)
    total = table._extra_width
    for column in table.columns:
        measured = table._measure_column(console, options, column)
        whole = column.no_wrap or column.justify == "right"
        total += measured.maximum if whole else measured.minimum
    return int(total)

"""A table that reads in the terminal it is printed in.

Rich squeezes a table that is too wide for the terminal until its words are cut ("gener…",
"marathon-…"). `Fitting(table)` prints the table as it is when Rich can lay it out at the
terminal's width without cutting a word (wrapping lines is fine), and otherwise one record
per row, vertically:

    text.llama-3.1-8b
      Label                  Text answer, Llama 3.1 8B
      Energy per generation  0.0317 Wh
      ...

The first column (an id, what users type) is the record's title; nothing is ever cut.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.table import Table


class Fitting:
    """`table` when it fits the width it is printed at; else without its `optional` columns
    (indexes), if that fits; else its rows as records. Anything but a Table is left as is."""

    def __init__(self, table: RenderableType, optional: tuple[int, ...] = ()) -> None:
        self.table = table
        self.optional = optional

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.table import Table

        table = self.table
        if not isinstance(table, Table):
            yield table
            return
        if _fits(table, console, options):
            yield table
            return
        if self.optional:
            fewer = copy.copy(table)
            fewer.columns = [c for i, c in enumerate(table.columns) if i not in self.optional]
            if _fits(fewer, console, options):
                yield fewer
                return
        yield from records(table)


def _fits(table: Table, console: Console, options: ConsoleOptions) -> bool:
    """Whether Rich lays `table` out at this width without cutting a word (it marks a cut
    with "…"; wrapping lines is fine)."""
    lines = console.render_lines(table, options, pad=False)
    shown = "".join(segment.text for line in lines for segment in line)
    given = "".join(str(cell) for column in table.columns for cell in column.cells)
    return shown.count("…") <= given.count("…") + str(table.title or "").count("…")


def records(table: Table) -> list[RenderableType]:
    """The rows of `table`, one block each: the first cell as a title, then each other
    column's header and cell (empty cells left out), the cells wrapping on words."""
    from rich.table import Table
    from rich.text import Text

    out: list[RenderableType] = []
    if table.title:
        out.append(Text(str(table.title)))
    columns = table.columns
    cells = [list(column.cells) for column in columns]
    for row in range(table.row_count):
        out.append(Text(str(cells[0][row]), style="bold"))
        fields = Table.grid(padding=(0, 2))
        fields.add_column(no_wrap=True)
        fields.add_column(overflow="fold")
        for column, column_cells in zip(columns[1:], cells[1:], strict=True):
            cell = column_cells[row]
            if str(cell).strip():
                fields.add_row("  " + str(column.header), cell)
        out.append(fields)
    if table.caption:
        out.append(Text(str(table.caption)))
    return out

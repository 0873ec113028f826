"""CSV: one row per (scenario, item or total, grid), canonical units in the header names.

Item rows carry the item's share of the scaled total, so the item rows of a scenario and grid
add up to its total row. When items run on their own sites or grids (issue 14), rows
`item as run` (on the item's own grid) and `total as run` come before the totals per grid.
`embodied_co2e_g` is the manufacturing share (the same on every grid; empty where the hardware
is not known) and `co2e_total_g` = `co2e_g` + it.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from aicost.engine import item_as_run, item_footprints
from aicost.numbers import decimal_value
from aicost.text import csv_cell
from aicost.units import magnitude_in

if TYPE_CHECKING:
    from aicost.engine import Estimate, GridEstimate, ItemEstimate
    from aicost.units import Quantity

HEADER = (
    "scenario",
    "file",
    "row",
    "label",
    "task",
    "count",
    "scale",
    "energy_per_item_wh",
    "energy_wh",
    "it_energy_wh",
    "grid",
    "carbon_intensity_g_per_kwh",
    "co2e_g",
    "water_l",
    "source",
    "embodied_co2e_g",
    "co2e_total_g",
)


def _num(value: float) -> str:
    return f"{value:.12g}"


def render(estimates: list[Estimate]) -> str:
    out = io.StringIO()
    writer = _SafeWriter(csv.writer(out, lineterminator="\n"))
    writer.writerow(HEADER)
    for est in estimates:
        sc = est.scenario
        scale = _num(sc.scale.total)
        for item in est.items:
            for g in item_footprints(est, item):
                writer.writerow(_item_row(est, item, g, "item"))
        if est.located:  # each item on its own grid: rows "item as run", "total as run"
            _as_run_rows(writer, est)
        for g in est.grids:
            writer.writerow(
                (
                    sc.name,
                    sc.path,
                    "total",
                    "Total",
                    "",
                    "",
                    scale,
                    "",
                    _num(magnitude_in(est.energy, "Wh")),
                    _num(magnitude_in(est.it_energy, "Wh")),
                    g.grid.id,
                    _num(magnitude_in(g.grid.carbon_intensity, "g/kWh")),
                    _num(magnitude_in(g.co2e, "g")),
                    _num(magnitude_in(g.water, "L")),
                    "",
                    *_with_embodied(est.embodied.co2e if est.embodied else None, g.co2e),
                )
            )
    return out.getvalue()


def _with_embodied(made: Quantity | None, co2e: Quantity) -> tuple[str, str]:
    """The manufacturing CO2e and the CO2e with it (empty: no hardware known)."""
    if made is None:
        return "", ""
    return _num(magnitude_in(made, "g")), _num(magnitude_in(co2e + made, "g"))


def _item_embodied(est: Estimate, item: ItemEstimate) -> Quantity | None:
    """The item's manufacturing CO2e, scaled like its share of the totals (None: unknown)."""
    if item.embodied_per_item is None:
        return None
    return item.embodied_per_item.co2e * item.item.count * est.scenario.scale.total


def _item_row(est: Estimate, item: ItemEstimate, g: GridEstimate, row: str) -> tuple[str, ...]:
    sc = est.scenario
    return (
        sc.name,
        sc.path,
        row,
        item.item.label,
        item.item.task.id if item.item.task else "",
        _num(item.item.count),
        _num(sc.scale.total),
        _num(magnitude_in(item.per_item, "Wh")),
        _num(magnitude_in(item.energy, "Wh") * sc.scale.total),
        _num(magnitude_in(item.it_energy, "Wh") * sc.scale.total),
        g.grid.id,
        _num(magnitude_in(g.grid.carbon_intensity, "g/kWh")),
        _num(magnitude_in(g.co2e, "g")),
        _num(magnitude_in(g.water, "L")),
        item.item.source or "",
        *_with_embodied(_item_embodied(est, item), g.co2e),
    )


def _as_run_rows(writer: Any, est: Estimate) -> None:
    sc = est.scenario
    scale = _num(sc.scale.total)
    assert est.as_run is not None
    for item in est.items:
        writer.writerow(_item_row(est, item, item_as_run(est, item), "item as run"))
    writer.writerow(
        (
            sc.name,
            sc.path,
            "total as run",
            "Total",
            "",
            "",
            scale,
            "",
            _num(magnitude_in(est.energy, "Wh")),
            _num(magnitude_in(est.it_energy, "Wh")),
            " ".join(g.id for g in est.as_run_grids),
            "",
            _num(magnitude_in(est.as_run.co2e, "g")),
            _num(magnitude_in(est.as_run.water, "L")),
            "",
            *_with_embodied(est.embodied.co2e if est.embodied else None, est.as_run.co2e),
        )
    )


class _SafeWriter:
    """A csv writer whose text cells are shown as written and never run as a formula by a
    spreadsheet (aicost.text.csv_cell); numbers are written as they are."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def writerow(self, row: Any) -> None:
        self.writer.writerow([_cell(c) for c in row])


def _cell(value: object) -> object:
    if not isinstance(value, str) or decimal_value(value) is not None:
        return value
    return csv_cell(value)

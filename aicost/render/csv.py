"""CSV: one row per (scenario, item or total, grid), canonical units in the header names.

Item rows carry the item's share of the scaled total, so the item rows of a scenario and grid
add up to its total row.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from aicost.engine import item_footprints
from aicost.text import csv_cell
from aicost.units import magnitude_in

if TYPE_CHECKING:
    from aicost.engine import Estimate

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
)


def _num(value: float) -> str:
    return f"{value:.12g}"


def render(estimates: list[Estimate]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for est in estimates:
        sc = est.scenario
        scale = _num(sc.scale.total)
        for item in est.items:
            for g in item_footprints(est, item):
                writer.writerow(
                    (
                        csv_cell(sc.name),
                        csv_cell(sc.path),
                        "item",
                        csv_cell(item.item.label),
                        csv_cell(item.item.task.id) if item.item.task else "",
                        _num(item.item.count),
                        scale,
                        _num(magnitude_in(item.per_item, "Wh")),
                        _num(magnitude_in(item.energy, "Wh") * sc.scale.total),
                        _num(magnitude_in(item.it_energy, "Wh") * sc.scale.total),
                        csv_cell(g.grid.id),
                        _num(magnitude_in(g.grid.carbon_intensity, "g/kWh")),
                        _num(magnitude_in(g.co2e, "g")),
                        _num(magnitude_in(g.water, "L")),
                        csv_cell(item.item.source or ""),
                    )
                )
        for g in est.grids:
            writer.writerow(
                (
                    csv_cell(sc.name),
                    csv_cell(sc.path),
                    "total",
                    "Total",
                    "",
                    "",
                    scale,
                    "",
                    _num(magnitude_in(est.energy, "Wh")),
                    _num(magnitude_in(est.it_energy, "Wh")),
                    csv_cell(g.grid.id),
                    _num(magnitude_in(g.grid.carbon_intensity, "g/kWh")),
                    _num(magnitude_in(g.co2e, "g")),
                    _num(magnitude_in(g.water, "L")),
                    "",
                )
            )
    return out.getvalue()

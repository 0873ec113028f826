"""CSV: one row per (scenario, item or total, grid), canonical units in the header names.

Item rows carry the item's share of the scaled total, so the item rows of a scenario and grid
add up to its total row. `embodied_co2e_g` is the manufacturing share (the same on every grid;
empty where the hardware is not known) and `co2e_total_g` = `co2e_g` + it.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from aicost.engine import item_footprints
from aicost.units import magnitude_in

if TYPE_CHECKING:
    from aicost.engine import Estimate, ItemEstimate

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


def _item_embodied_g(est: Estimate, item: ItemEstimate) -> float | None:
    """The item's manufacturing CO2e, scaled like its share of the totals (None: unknown)."""
    if item.embodied_per_item is None:
        return None
    per = magnitude_in(item.embodied_per_item.co2e, "g")
    return per * item.item.count * est.scenario.scale.total


def render(estimates: list[Estimate]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for est in estimates:
        sc = est.scenario
        scale = _num(sc.scale.total)
        for item in est.items:
            made = _item_embodied_g(est, item)
            for g in item_footprints(est, item):
                writer.writerow(
                    (
                        sc.name,
                        sc.path,
                        "item",
                        item.item.label,
                        item.item.task.id if item.item.task else "",
                        _num(item.item.count),
                        scale,
                        _num(magnitude_in(item.per_item, "Wh")),
                        _num(magnitude_in(item.energy, "Wh") * sc.scale.total),
                        _num(magnitude_in(item.it_energy, "Wh") * sc.scale.total),
                        g.grid.id,
                        _num(magnitude_in(g.grid.carbon_intensity, "g/kWh")),
                        _num(magnitude_in(g.co2e, "g")),
                        _num(magnitude_in(g.water, "L")),
                        item.item.source or "",
                        _num(made) if made is not None else "",
                        _num(magnitude_in(g.co2e, "g") + made) if made is not None else "",
                    )
                )
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
                    _num(magnitude_in(est.embodied.co2e, "g")) if est.embodied is not None else "",
                    _num(magnitude_in(est.co2e_total(g), "g")) if est.embodied is not None else "",
                )
            )
    return out.getvalue()

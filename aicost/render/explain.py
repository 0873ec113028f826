"""`--explain`: every number with its derivation, in words and arithmetic, and its sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aicost.engine import it_energy_per_item
from aicost.render.fmt import human, number, plain

if TYPE_CHECKING:
    from aicost.engine import Estimate
    from aicost.factors import FactorTable


def _cite(table: FactorTable, source_id: str, status: str) -> str:
    source = table.sources[source_id]
    return f"{source_id}: {source.short()}; {status}"


def steps(est: Estimate, table: FactorTable, lang: str = "en") -> list[str]:
    """The derivation of one estimate, one step per line."""
    sc = est.scenario
    site = sc.site
    out = [f"{sc.name}"]
    if site.as_reported:
        out.append(f"site {site.id}: each figure counts at the boundary its source reported")
    else:
        out.append(
            f"site {site.id}: PUE {number(site.pue or 1, lang)} ({site.pue_status}), on-site water "
            f"{number(site.wue.to('L/kWh').magnitude if site.wue is not None else 0, lang)} L/kWh"
            f" of IT energy ({_cite(table, site.source, site.status)})"
        )
    for r in est.items:
        item = r.item
        count = plain(item.count, lang, decimals=3)
        if item.task is not None:
            task = item.task
            cite = _cite(table, task.source, task.status)
            what = f"{human(item.energy, 'energy-as-given', lang)} ({task.id}; {cite})"
        else:
            what = f"{human(item.energy, 'energy-as-given', lang)} ({item.label}; your own figure)"
        conversion = ""
        if not site.as_reported:
            if item.boundary == "facility":
                it = human(it_energy_per_item(item), "energy-as-given", lang)
                conversion = (
                    f" ÷ {number(item.pue or 1, lang)} (PUE the source includes)"
                    f" = {it} at the IT boundary"
                )
            conversion += f" × {number(site.pue or 1, lang)} (PUE of {site.id})"
        out.append(f"  {count} × {what}{conversion} = {human(r.energy, 'energy', lang)}")
    parts = " + ".join(human(r.energy, "energy", lang) for r in est.items)
    out.append(f"  total: {parts} = {human(est.energy_once, 'energy', lang)}")
    for label, factor in sc.scale.factors:
        out.append(f"  × {number(factor, lang, digits=1)} {label}")
    if sc.scale.factors:
        out.append(f"  = {human(est.energy, 'energy', lang)}")
    for g in est.grids:
        grid = g.grid
        year = f" {grid.year}" if grid.year else ""
        out.append(
            f"{grid.id}: {human(est.energy, 'energy', lang)} × "
            f"{number(grid.carbon_intensity.to('g/kWh').magnitude, lang)} g/kWh "
            f"(carbon intensity of {grid.en}{year}; {_cite(table, grid.source, grid.status)}) "
            f"= {human(g.co2e, 'mass', lang)} CO2e"
        )
        fallback = ", world average" if grid.water_fallback else ""
        onsite = ""
        if not site.as_reported and site.wue is not None and site.wue.magnitude:
            onsite = (
                f"{human(est.it_energy, 'energy', lang)} IT × "
                f"{number(site.wue.to('L/kWh').magnitude, lang)} L/kWh on site + "
            )
        out.append(
            f"  water: {onsite}{human(est.energy, 'energy', lang)} × "
            f"{number(grid.water.to('L/kWh').magnitude, lang)} L/kWh off site "
            f"({_cite(table, grid.water_source, grid.status)}{fallback})"
            f" = {human(g.water, 'volume', lang)}"
        )
    return out

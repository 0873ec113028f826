"""`--explain`: every number with its derivation, in words and arithmetic, and its sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aicost.engine import it_energy_per_item
from aicost.i18n import status_word, t
from aicost.render.fmt import human, number, plain
from aicost.units import magnitude_in

if TYPE_CHECKING:
    from aicost.engine import Estimate
    from aicost.factors import FactorTable


def _cite(table: FactorTable, source_id: str, status: str, lang: str) -> str:
    source = table.sources[source_id]
    return t("x_cite", lang, id=source_id, short=source.short(), status=status_word(status, lang))


def steps(est: Estimate, table: FactorTable, lang: str = "en") -> list[str]:
    """The derivation of one estimate, one step per line, in `lang`."""
    sc = est.scenario
    site = sc.site
    out = [f"{sc.title(lang)}"]
    if site.as_reported:
        out.append(t("x_site_reported", lang, id=site.id))
    else:
        out.append(
            t(
                "x_site",
                lang,
                id=site.id,
                pue=number(site.pue or 1, lang),
                status=status_word(site.pue_status or site.status, lang),
                wue=number(magnitude_in(site.wue, "L/kWh") if site.wue is not None else 0, lang),
                cite=_cite(table, site.source, site.status, lang),
            )
        )
    for r in est.items:
        item = r.item
        count = plain(item.count, lang, decimals=3)
        energy = human(item.energy, "energy-as-given", lang)
        if item.task is not None:
            task = item.task
            cite = _cite(table, task.source, task.status, lang)
            what = t("x_task", lang, energy=energy, id=task.id, cite=cite)
        else:
            what = t("x_own", lang, energy=energy, label=item.named(lang))
        conversion = ""
        if not site.as_reported:
            if item.boundary == "facility":
                it = human(it_energy_per_item(item), "energy-as-given", lang)
                conversion = t("x_to_it", lang, pue=number(item.pue or 1, lang), it=it)
            elif item.host is not None:
                it = human(it_energy_per_item(item), "energy-as-given", lang)
                cite = _cite(table, item.host.source, item.host.status, lang)
                conversion = t(
                    "x_host", lang, host=number(item.host.value, lang), id=item.host.id, cite=cite
                )
                conversion += t("x_at_it", lang, it=it)
            conversion += t("x_site_pue", lang, pue=number(site.pue or 1, lang), id=site.id)
        out.append(f"  {count} × {what}{conversion} = {human(r.energy, 'energy', lang)}")
    parts = " + ".join(human(r.energy, "energy", lang) for r in est.items)
    out.append("  " + t("x_total", lang, parts=parts, total=human(est.energy_once, "energy", lang)))
    for label, factor in sc.scale.factors:
        out.append(f"  × {number(factor, lang, digits=1)} {label}")
    if sc.scale.factors:
        out.append(f"  = {human(est.energy, 'energy', lang)}")
    for g in est.grids:
        grid = g.grid
        out.append(
            t(
                "x_grid",
                lang,
                id=grid.id,
                energy=human(est.energy, "energy", lang),
                intensity=number(magnitude_in(grid.carbon_intensity, "g/kWh"), lang),
                name=grid.label(lang) + (f" {grid.year}" if grid.year else ""),
                cite=_cite(table, grid.source, grid.status, lang),
                co2e=human(g.co2e, "mass", lang),
            )
        )
        onsite = ""
        if not site.as_reported and site.wue is not None and site.wue.magnitude:
            onsite = t(
                "x_onsite",
                lang,
                it=human(est.it_energy, "energy", lang),
                wue=number(magnitude_in(site.wue, "L/kWh"), lang),
            )
        cite = _cite(table, grid.water_source, grid.status, lang)
        if grid.water_fallback:
            cite += t("x_world_average", lang)
        out.append(
            "  "
            + t(
                "x_water",
                lang,
                onsite=onsite,
                energy=human(est.energy, "energy", lang),
                water=number(magnitude_in(grid.water, "L/kWh"), lang),
                cite=cite,
                total=human(g.water, "volume", lang),
            )
        )
    return out

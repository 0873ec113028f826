"""Markdown: per scenario, an items table and a grids table, ready to paste into a report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aicost.i18n import t
from aicost.render.fmt import human, number, plain
from aicost.render.table import ratio_sentence, scale_text, sources_used
from aicost.text import visible

if TYPE_CHECKING:
    from aicost.engine import Estimate


def _cell(text: str) -> str:
    """A table cell as written: control characters escaped, `|` and `\\` escaped, one line."""
    return visible(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def render_one(est: Estimate, lang: str = "en") -> str:
    sc = est.scenario
    lines = [f"### {_cell(sc.title(lang))}", ""]
    site = f"{sc.site.label(lang)} (`{sc.site.id}`)"
    lines.append(t("field", lang, name=t("site_label", lang), value=site))
    lines.append("")
    lines.append(
        _row(
            [
                t("item", lang),
                t("task", lang),
                t("count", lang),
                t("per_item", lang),
                t("energy", lang),
            ]
        )
    )
    lines.append("|---|---|--:|--:|--:|")
    for r in est.items:
        lines.append(
            _row(
                [
                    r.item.named(lang),
                    f"`{r.item.task.id}`" if r.item.task else t("inline", lang),
                    plain(r.item.count, lang, decimals=3),
                    human(r.per_item, "energy-as-given", lang),
                    human(r.energy, "energy", lang),
                ]
            )
        )
    if sc.scale.factors:
        lines.append(
            _row([t("total_once", lang), "", "", "", human(est.energy_once, "energy", lang)])
        )
        total_label = f"{t('total', lang)} ({scale_text(est, lang)})"
    else:
        total_label = t("total", lang)
    lines.append(
        _row([f"**{total_label}**", "", "", "", f"**{human(est.energy, 'energy', lang)}**"])
    )
    lines += ["", _row([t("grid", lang), t("intensity", lang), t("co2e", lang), t("water", lang)])]
    lines.append("|---|--:|--:|--:|")
    for g in est.grids:
        year = f", {g.grid.year}" if g.grid.year else ""
        lines.append(
            _row(
                [
                    f"{g.grid.label(lang)} (`{g.grid.id}`{year})",
                    number(g.grid.carbon_intensity.to("g/kWh").magnitude, lang) + " g/kWh",
                    human(g.co2e, "mass", lang),
                    human(g.water, "volume", lang) + (" \\*" if g.grid.water_fallback else ""),
                ]
            )
        )
    lines.append("")
    sentence = ratio_sentence(est, lang)
    if sentence:
        lines += [sentence, ""]
    if any(g.grid.water_fallback for g in est.grids):
        lines += ["\\" + t("fallback", lang), ""]
    sources = ", ".join(f"`{s}` ({status})" for s, status in sources_used(est, lang=lang))
    lines += [t("field", lang, name=t("sources", lang), value=sources), ""]
    return "\n".join(lines)


def render(estimates: list[Estimate], lang: str = "en") -> str:
    return "\n".join(render_one(e, lang) for e in estimates)

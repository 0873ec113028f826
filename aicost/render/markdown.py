"""Markdown: per scenario, an items table and a grids table, ready to paste into a report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aicost.i18n import t
from aicost.render.fmt import human, number, plain
from aicost.render.table import model_text, ratio_sentence, scale_text, sources_used

if TYPE_CHECKING:
    from aicost.engine import Estimate


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def render_one(est: Estimate, lang: str = "en") -> str:
    from aicost.render.disclosures import lines as disclosure_lines

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
                    f"`{r.item.task.id}`"
                    if r.item.task
                    else model_text(r.item, lang, "`")
                    if r.item.text
                    else t("inline", lang),
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
    published = disclosure_lines(est, None, lang)
    if published:
        lines += ["", published[0], ""] + [f"- {_cell(p.strip())}" for p in published[1:]]
    if est.located:
        lines += ["", as_run_markdown(est, lang)]
        lines += ["", f"**{_cell(t('what_if_title', lang))}**"]
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


def as_run_markdown(est: Estimate, lang: str = "en") -> str:
    """Each item at its own site, on its own grid, then the total as run."""
    from aicost.engine import item_as_run

    assert est.as_run is not None
    lines = [f"**{_cell(t('as_run_title', lang))}**", ""]
    heads = [t("item", lang), t("site_col", lang), t("grid", lang), t("co2e", lang)]
    lines += [_row([*heads, t("water", lang)]), "|---|---|---|--:|--:|"]
    for r in est.items:
        fp = item_as_run(est, r)
        site = r.site if r.site is not None else est.scenario.site
        grid = f"{fp.grid.label(lang)} (`{fp.grid.id}`)"
        co2e, water = human(fp.co2e, "mass", lang), human(fp.water, "volume", lang)
        lines.append(_row([r.item.named(lang), f"`{site.id}`", grid, co2e, water]))
    total = [f"**{t('as_run_total', lang)}**", "", ""]
    total += [f"**{human(est.as_run.co2e, 'mass', lang)}**"]
    lines.append(_row([*total, f"**{human(est.as_run.water, 'volume', lang)}**"]))
    return "\n".join(lines)


def render(estimates: list[Estimate], lang: str = "en") -> str:
    return "\n".join(render_one(e, lang) for e in estimates)

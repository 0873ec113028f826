"""Markdown, ready to paste into a report: per scenario, the items and grids tables, what the
totals amount to (equivalences), the 90 % intervals with `--uncertainty`; then every source as
a footnote with its full citation, the user's own `source:` of an inline figure included.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from aicost.i18n import status_word, t
from aicost.render.fmt import human, number, plain
from aicost.render.table import (
    equivalence_rows,
    equivalent_words,
    model_text,
    ratio_sentence,
    scale_text,
    site_value,
    sites_run,
)
from aicost.text import md_cell, md_row

if TYPE_CHECKING:
    from aicost.engine import Estimate
    from aicost.factors import FactorTable
    from aicost.uncertainty import Uncertainty


class Footnotes:
    """The footnotes of one Markdown output: a label per source (or per own figure), in order
    of first reference, each defined once at the end."""

    def __init__(self, factors: FactorTable | None, lang: str) -> None:
        self.factors, self.lang = factors, lang
        self.notes: dict[str, str] = {}
        self.statuses: dict[str, set[str]] = {}

    def source(self, source_id: str, status: str) -> str:
        """The reference to a factor-table source: `[^mit-tr-2025]`."""
        label = re.sub(r"[^A-Za-z0-9_-]", "-", source_id)
        self.statuses.setdefault(label, set()).add(status)
        if label not in self.notes:
            found = self.factors.sources.get(source_id) if self.factors is not None else None
            self.notes[label] = found.citation() if found is not None else f"`{source_id}`"
        return f"[^{label}]"

    def own(self, text: str | None) -> str:
        """The reference to the user's own figure, with its `source:` if it has one."""
        words = t("own_source", self.lang, source=text) if text else t("own_unsourced", self.lang)
        label = next(
            (k for k, v in self.notes.items() if v == words),
            f"own-{sum(k.startswith('own-') for k in self.notes) + 1}",
        )
        self.notes[label] = words
        return f"[^{label}]"

    def lines(self) -> list[str]:
        out = []
        for label, text in self.notes.items():
            statuses = self.statuses.get(label)
            if statuses:
                shown = "/".join(status_word(s, self.lang) for s in sorted(statuses))
                text = f"{text} ({shown})"
            out.append(f"[^{label}]: {md_cell(text)}")
        return out


def scope_lines(est: Estimate, lang: str) -> list[str]:
    """What the figures count and leave out, in one line (aicost.scope)."""
    from aicost.scope import scope

    return [t("field", lang, name=f"*{t('scope', lang)}*", value=scope(est).line(lang))]


def render_one(
    est: Estimate,
    lang: str = "en",
    factors: FactorTable | None = None,
    wanted: tuple[str, ...] | None = None,
    uncertainty: Uncertainty | None = None,
    notes: Footnotes | None = None,
) -> str:
    """One scenario; its source footnotes go to `notes` (defined by `render`, or here)."""
    from aicost.render.disclosures import lines as disclosure_lines
    from aicost.render.embodied import comparison_lines, total_lines

    own_notes = notes is None
    notes = notes if notes is not None else Footnotes(factors, lang)
    sc = est.scenario
    lines = [f"### {md_cell(sc.title(lang))}", ""]
    site = site_value(est, lang, code="`") + "".join(
        notes.source(s.source, s.status) for s, _ in sites_run(est)
    )
    lines.append(t("field", lang, name=t("site_label", lang), value=site))
    lines.append("")
    scope = scope_lines(est, lang)
    if scope:
        lines += [*scope, ""]
    lines.append(
        md_row(
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
            md_row(
                [
                    r.item.named(lang),
                    f"`{r.item.task.id}`" + notes.source(r.item.task.source, r.item.task.status)
                    if r.item.task
                    else model_text(r.item, lang, "`")
                    + "".join(notes.source(source, status) for source, status in r.item.cited())
                    if r.item.text
                    else t("inline", lang) + notes.own(r.item.note),
                    plain(r.item.count, lang, decimals=3),
                    human(r.per_item, "energy-as-given", lang),
                    human(r.energy, "energy", lang),
                ]
            )
        )
    if sc.scale.factors:
        lines.append(
            md_row([t("total_once", lang), "", "", "", human(est.energy_once, "energy", lang)])
        )
        total_label = f"{t('total', lang)} ({scale_text(est, lang)})"
    else:
        total_label = t("total", lang)
    lines.append(
        md_row([f"**{total_label}**", "", "", "", f"**{human(est.energy, 'energy', lang)}**"])
    )
    published = disclosure_lines(est, None, lang, notes.source)
    if published:
        lines += ["", published[0], ""] + [f"- {md_cell(p.strip())}" for p in published[1:]]
    compared = comparison_lines(est, factors, lang)
    if compared:
        lines += ["", compared[0], ""] + [
            ("  " if p.startswith("    ") else "") + f"- {md_cell(p.strip())}" for p in compared[1:]
        ]
    if est.located:
        lines += ["", as_run_markdown(est, lang)]
        lines += ["", f"**{md_cell(t('what_if_title', lang))}**"]
    lines += [
        "",
        md_row([t("grid", lang), t("intensity", lang), t("co2e", lang), t("water", lang)]),
    ]
    lines.append("|---|--:|--:|--:|")
    for g in est.grids:
        year = f", {g.grid.year}" if g.grid.year else ""
        carbon = notes.source(g.grid.source, g.grid.status)
        water = notes.source(g.grid.water_source, g.grid.status)
        lines.append(
            md_row(
                [
                    f"{g.grid.label(lang)} (`{g.grid.id}`{year})",
                    number(g.grid.carbon_intensity.to("g/kWh").magnitude, lang) + " g/kWh" + carbon,
                    human(g.co2e, "mass", lang),
                    human(g.water, "volume", lang)
                    + (" \\*" if g.grid.water_fallback else "")
                    + water,
                ]
            )
        )
    lines.append("")
    sentence = ratio_sentence(est, lang)
    if sentence:
        lines += [sentence, ""]
    made = total_lines(est, lang, factors)
    if made:
        hardware = {
            r.item.hardware.embodied.id: r.item.hardware.embodied
            for r in est.items
            if r.item.hardware
        }
        made[0] += "".join(notes.source(e.source, e.status) for e in hardware.values())
        lines += [f"{made[0]}  ", *(f"{m}  " for m in made[1:-1]), made[-1], ""]
    if any(g.grid.water_fallback for g in est.grids):
        lines += ["\\" + t("fallback", lang), ""]
    if factors is not None:
        lines += _equivalences(est, factors, lang, wanted, notes)
    if uncertainty is not None:
        lines += _intervals(est, uncertainty, lang)
    if own_notes:
        lines += [*notes.lines(), ""]
    return "\n".join(lines)


def as_run_markdown(est: Estimate, lang: str = "en") -> str:
    """Each item at its own site, on its own grid, then the total as run."""
    from aicost.engine import item_as_run

    assert est.as_run is not None
    lines = [f"**{md_cell(t('as_run_title', lang))}**", ""]
    heads = [t("item", lang), t("site_col", lang), t("grid", lang), t("co2e", lang)]
    lines += [md_row([*heads, t("water", lang)]), "|---|---|---|--:|--:|"]
    for r in est.items:
        fp = item_as_run(est, r)
        site = r.site if r.site is not None else est.scenario.site
        grid = f"{fp.grid.label(lang)} (`{fp.grid.id}`)"
        co2e, water = human(fp.co2e, "mass", lang), human(fp.water, "volume", lang)
        lines.append(md_row([r.item.named(lang), f"`{site.id}`", grid, co2e, water]))
    total = [f"**{t('as_run_total', lang)}**", "", ""]
    total += [f"**{human(est.as_run.co2e, 'mass', lang)}**"]
    lines.append(md_row([*total, f"**{human(est.as_run.water, 'volume', lang)}**"]))
    return "\n".join(lines)


def _equivalences(
    est: Estimate,
    factors: FactorTable,
    lang: str,
    wanted: tuple[str, ...] | None,
    notes: Footnotes,
) -> list[str]:
    rows = equivalence_rows(est, factors, lang, wanted)
    if not rows:
        return []
    lines = [
        f"**{t('amounts_to', lang)}**",
        "",
        md_row(["", t("total", lang), "≈"]),
        "|---|--:|---|",
    ]
    for what, total, e in rows:
        source = notes.source(e.equivalence.source, e.equivalence.status)
        lines.append(md_row([what, total, equivalent_words(e, lang) + source]))
    return [*lines, ""]


def _intervals(est: Estimate, u: Uncertainty, lang: str) -> list[str]:
    from aicost.units import Q

    def span(central: float, low: float, high: float, unit: str, kind: str) -> list[str]:
        return [
            human(Q(central, unit), kind, lang),
            f"{human(Q(low, unit), kind, lang)} – {human(Q(high, unit), kind, lang)}",
        ]

    title = t("uncertainty_title", lang, samples=number(u.samples, lang), seed=str(u.seed))
    lines = [f"**{title}**", ""]
    lines += [md_row([t("figure", lang), t("central", lang), t("interval", lang)]), "|---|--:|--:|"]
    e = u.energy_wh
    lines.append(md_row([t("energy", lang), *span(e.central, e.p5, e.p95, "Wh", "energy")]))
    for g in est.grids:
        c = u.co2e_g[g.grid.id]
        lines.append(
            md_row([f"{t('co2e', lang)} ({g.grid.id})", *span(c.central, c.p5, c.p95, "g", "mass")])
        )
    for g in est.grids:
        w = u.water_l[g.grid.id]
        lines.append(
            md_row(
                [f"{t('water', lang)} ({g.grid.id})", *span(w.central, w.p5, w.p95, "L", "volume")]
            )
        )
    if est.located and u.as_run_co2e_g is not None and u.as_run_water_l is not None:
        c, w, label = u.as_run_co2e_g, u.as_run_water_l, t("as_run_label", lang)
        lines.append(
            md_row([f"{t('co2e', lang)} ({label})", *span(c.central, c.p5, c.p95, "g", "mass")])
        )
        lines.append(
            md_row([f"{t('water', lang)} ({label})", *span(w.central, w.p5, w.p95, "L", "volume")])
        )
    return [*lines, ""]


def render(
    estimates: list[Estimate],
    lang: str = "en",
    factors: FactorTable | None = None,
    wanted: tuple[str, ...] | None = None,
    uncertainties: list[Uncertainty] | None = None,
) -> str:
    """Every scenario, then the footnotes of all their sources (each defined once)."""
    notes = Footnotes(factors, lang)
    parts = [
        render_one(e, lang, factors, wanted, uncertainties[i] if uncertainties else None, notes)
        for i, e in enumerate(estimates)
    ]
    footnotes = notes.lines()
    return "\n".join(parts) + ("\n" + "\n".join(footnotes) + "\n" if footnotes else "")

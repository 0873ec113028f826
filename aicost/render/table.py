"""Rich tables for the terminal: the items of a scenario, then CO2e and water per grid."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aicost.i18n import speaking, status_word, t, tr
from aicost.render.fmt import approx_decimal, equivalent, human, is_one, number, plain, ratio
from aicost.text import visible

if TYPE_CHECKING:
    from rich.console import RenderableType

    from aicost.engine import Estimate
    from aicost.equivalences import Equivalent
    from aicost.factors import FactorTable, Grid, Site
    from aicost.scenarios import Item
    from aicost.uncertainty import Uncertainty

BAR_WIDTH = 30
_EIGHTHS = " ▏▎▍▌▋▊▉"


def ratio_sentence(estimate: Estimate, lang: str) -> str | None:
    """'United States emits 8.7× the CO2e of France for the same use.' (None if < 2 grids, or
    when manufacturing is known: the totals' sentence then gives both ratios)."""
    value = estimate.ratio
    if value is None or estimate.ratio_total is not None:
        return None
    by_co2e = sorted(estimate.grids, key=lambda g: g.co2e)
    return t(
        "ratio",
        lang,
        dirty=by_co2e[-1].grid.label(lang),
        clean=by_co2e[0].grid.label(lang),
        ratio=ratio(value, lang),
    )


def sites_run(estimate: Estimate) -> list[tuple[Site, list[Item]]]:
    """The sites the items run at (issue 14: a model may run at its catalogue site), each with
    its items, in order of first use; the scenario's site alone when no item has its own."""
    groups: dict[str, tuple[Site, list[Item]]] = {}
    for result in estimate.items:
        site = estimate.scenario.where(result.item)[0]
        groups.setdefault(site.id, (site, []))[1].append(result.item)
    if (len(groups) == 1 and estimate.scenario.site.id in groups) or not groups:
        return [(estimate.scenario.site, [])]
    return list(groups.values())


def site_value(estimate: Estimate, lang: str, code: str = "") -> str:
    """'As reported by each source (no conversion) (as-reported)', or where each item runs:
    'each item at its own site: huggingface.us (SD3 Medium), openai.ecologits (GPT-4o)'."""
    groups = sites_run(estimate)
    if len(groups) == 1 and not groups[0][1]:
        site = groups[0][0]
        return f"{site.label(lang)} ({code}{site.id}{code})"
    with speaking(lang):
        return tr(
            "each item at its own site: {sites}",
            sites=", ".join(
                f"{code}{site.id}{code} ({', '.join(visible(i.named(lang)) for i in items)})"
                for site, items in groups
            ),
        )


def scale_text(estimate: Estimate, lang: str) -> str:
    return " ".join(
        f"× {number(factor, lang, digits=1)} {label}"
        for label, factor in estimate.scenario.scale.factors
    )


def model_text(item: Item, lang: str, code: str = "") -> str:
    """'model gpt-4o', or 'model of 8 B, bf16' for a model given by its size."""
    text = item.text
    assert text is not None
    if text.model is not None:
        return t("model_item", lang, id=f"{code}{text.name}{code}")
    return t(
        "model_sized", lang, size=plain(text.total_b, lang, decimals=3), precision=text.precision
    )


def sources_used(
    estimate: Estimate, extra: list[tuple[str, str]] | None = None, lang: str = "en"
) -> list[tuple[str, str]]:
    """(source id, statuses in `lang`) of every factor behind the estimate, in order of first
    use; `extra` adds (source, status) pairs of other factors shown (equivalences)."""
    used: dict[str, set[str]] = {}
    for item in estimate.scenario.items:
        for source, status in item.cited():
            used.setdefault(source, set()).add(status)
    sites = {estimate.scenario.site.id: estimate.scenario.site}
    sites.update({r.site.id: r.site for r in estimate.items if r.site is not None})
    for site in sites.values():
        used.setdefault(site.source, set()).add(site.status)
    for grid in (*estimate.scenario.grids, *estimate.as_run_grids):
        used.setdefault(grid.source, set()).add(grid.status)
        used.setdefault(grid.water_source, set()).add(grid.status)
    for source, status in extra or []:
        used.setdefault(source, set()).add(status)
    return [
        (source, "/".join(status_word(s, lang) for s in sorted(statuses)))
        for source, statuses in used.items()
    ]


def equivalence_rows(
    estimate: Estimate,
    factors: FactorTable,
    lang: str = "en",
    wanted: tuple[str, ...] | None = None,
) -> list[tuple[str, str, Equivalent]]:
    """(what, total, equivalent) for the total energy, then each grid's CO2e and water: the
    equivalents picked (or `wanted`); `what` and `total` are empty on continuation rows."""
    from aicost.equivalences import energy_equivalents, grid_equivalents, pick

    rows: list[tuple[str, str, Equivalent]] = []
    for n, e in enumerate(pick(energy_equivalents(estimate, factors), "energy", wanted)):
        rows.append(
            (
                t("energy", lang) if n == 0 else "",
                human(estimate.energy, "energy", lang) if n == 0 else "",
                e,
            )
        )
    for g in estimate.grids:
        all_of_grid = grid_equivalents(g, factors)
        first = True
        for dimension, total in (
            ("co2e", f"{human(g.co2e, 'mass', lang)} CO2e"),
            ("water", human(g.water, "volume", lang)),
        ):
            of_dim = [e for e in all_of_grid if e.equivalence.dimension == dimension]
            for n, e in enumerate(pick(of_dim, dimension, wanted)):
                rows.append((g.grid.id if first else "", total if n == 0 else "", e))
                first = False
    return rows


def equivalent_words(e: Equivalent, lang: str = "en") -> str:
    """'≈ 3.6 h of a microwave oven' ('≈ 3,6 h de micro-onde')."""
    value, symbol = e.shown()
    one = is_one(approx_decimal(value), lang)
    return equivalent(value, symbol, e.equivalence.words(lang, one=one), lang=lang)


def equivalences_table(
    estimate: Estimate,
    factors: FactorTable,
    lang: str = "en",
    wanted: tuple[str, ...] | None = None,
) -> tuple[RenderableType | None, list[Equivalent]]:
    """The total energy, and each grid's CO2e and water, in familiar units (one per row),
    with the equivalents shown."""
    from rich.table import Table

    out = Table.grid(padding=(0, 1))
    out.add_column(no_wrap=True)
    out.add_column(justify="right", no_wrap=True)
    out.add_column()
    rows = equivalence_rows(estimate, factors, lang, wanted)
    for what, total, e in rows:
        out.add_row(what, total, equivalent_words(e, lang))
    if not rows:
        return None, []
    out.title = t("amounts_to", lang)
    out.title_justify = "left"
    return out, [e for _, _, e in rows]


def short_label(grid: Grid, lang: str) -> str:
    """The grid's name if short, else its id (keeps charts narrow)."""
    label = grid.label(lang)
    return label if len(label) <= 20 else grid.id


def _bar(fraction: float) -> str:
    """A bar of BAR_WIDTH cells at most, in eighths of a cell."""
    eighths = round(max(0.0, min(1.0, fraction)) * BAR_WIDTH * 8)
    if eighths == 0 and fraction > 0:
        eighths = 1
    full, rest = divmod(eighths, 8)
    return ("█" * full + (_EIGHTHS[rest] if rest else "")).ljust(BAR_WIDTH)


def bar_chart(estimate: Estimate, lang: str = "en") -> RenderableType:
    """CO2e and water across the grids, as bars of text (each scaled to its own largest)."""
    from rich.table import Table

    out = Table.grid(padding=(0, 1))
    out.add_column()
    out.add_column()
    out.add_column()
    out.add_column(justify="right")
    for key, kind, values in (
        ("co2e", "mass", [g.co2e for g in estimate.grids]),
        ("water", "volume", [g.water for g in estimate.grids]),
    ):
        largest = max(values)
        for n, (g, value) in enumerate(zip(estimate.grids, values, strict=True)):
            fraction = float((value / largest).to("dimensionless").magnitude) if largest else 0.0
            out.add_row(
                t(key, lang) if n == 0 else "",
                short_label(g.grid, lang),
                _bar(fraction),
                human(value, kind, lang),
            )
    return out


def scenario_renderables(
    estimate: Estimate,
    lang: str = "en",
    factors: FactorTable | None = None,
    wanted: tuple[str, ...] | None = None,
) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    from aicost.render.disclosures import lines as disclosure_lines
    from aicost.render.embodied import comparison_lines, total_lines
    from aicost.render.embodied import sources as embodied_sources
    from aicost.scope import scope

    scenario = estimate.scenario
    items = Table(
        title=scenario.title(lang),
        title_justify="left",
        caption=t(
            "field",
            lang,
            name=t("site_label", lang),
            value=site_value(estimate, lang),
        ),
        caption_justify="left",
    )
    items.add_column(t("item", lang))
    items.add_column(t("count", lang), justify="right")
    items.add_column(t("per_item", lang), justify="right")
    items.add_column(t("energy", lang), justify="right")
    for result in estimate.items:
        item = result.item
        task = item.task.id if item.task is not None else t("inline", lang)
        if item.text is not None:
            task = model_text(item, lang)
        label = Text(visible(item.named(lang)))
        label.append(f"\n{task}", style="dim")
        items.add_row(
            label,
            plain(item.count, lang, decimals=3),
            human(result.per_item, "energy-as-given", lang),
            human(result.energy, "energy", lang),
        )
    items.add_section()
    if scenario.scale.factors:
        items.add_row(t("total_once", lang), "", "", human(estimate.energy_once, "energy", lang))
        items.add_row(
            Text(visible(f"{t('total', lang)} ({scale_text(estimate, lang)})"), style="bold"),
            "",
            "",
            Text(human(estimate.energy, "energy", lang), style="bold"),
        )
    else:
        items.add_row(
            Text(t("total", lang), style="bold"),
            "",
            "",
            Text(human(estimate.energy, "energy", lang), style="bold"),
        )

    grids = Table()
    grids.add_column(t("grid", lang))
    grids.add_column(t("intensity", lang), justify="right")
    grids.add_column(t("co2e", lang), justify="right")
    grids.add_column(t("water", lang), justify="right")
    any_fallback = False
    for g in estimate.grids:
        year = f", {g.grid.year}" if g.grid.year else ""
        mark = " *" if g.grid.water_fallback else ""
        any_fallback = any_fallback or g.grid.water_fallback
        intensity = number(g.grid.carbon_intensity.to("g/kWh").magnitude, lang) + " g/kWh"
        grids.add_row(
            f"{g.grid.label(lang)} ({g.grid.id}{year})",
            intensity,
            human(g.co2e, "mass", lang),
            human(g.water, "volume", lang) + mark,
        )
    notes: list[str] = [t("field", lang, name=t("scope", lang), value=scope(estimate).line(lang))]
    sentence = ratio_sentence(estimate, lang)
    if sentence:
        notes.append(sentence)
    if any_fallback:
        notes.append(t("fallback", lang))
    out: list[RenderableType] = [items]
    published = disclosure_lines(estimate, factors, lang)
    if published:
        out.append(Text("\n".join(published)))
    if estimate.located:
        out.append(as_run_table(estimate, lang))
        grids.title = t("what_if_title", lang)
        grids.title_justify = "left"
    out.append(grids)
    made = total_lines(estimate, lang, factors) + comparison_lines(estimate, factors, lang)
    if made:
        out.append(Text("\n".join(made)))
    shown: list[Equivalent] = []
    if factors is not None:
        amounts, shown = equivalences_table(estimate, factors, lang, wanted)
        if amounts is not None:
            out.append(amounts)
    extra = [(e.equivalence.source, e.equivalence.status) for e in shown]
    used = sources_used(estimate, embodied_sources(estimate, factors) + extra, lang)
    sources = ", ".join(f"{s} ({status})" for s, status in used)
    notes.append(t("field", lang, name=t("sources", lang), value=sources))
    notes.append(t("sources_hint", lang))
    if len(estimate.grids) > 0:
        out.append(bar_chart(estimate, lang))
    out.append(Text(visible("\n".join(notes)), style="dim"))
    return out


def grid_name(grid: Grid, lang: str) -> str:
    """'United States (US)'."""
    return f"{grid.label(lang)} ({grid.id})"


def as_run_table(estimate: Estimate, lang: str = "en") -> RenderableType:
    """Each item at its own site, on its own grid: its CO2e and water, then the total."""
    from rich.table import Table
    from rich.text import Text

    from aicost.engine import item_as_run

    assert estimate.as_run is not None
    out = Table(title=t("as_run_title", lang), title_justify="left")
    out.add_column(t("item", lang))
    out.add_column(t("site_col", lang), overflow="fold")
    out.add_column(t("grid", lang))
    out.add_column(t("co2e", lang), justify="right")
    out.add_column(t("water", lang), justify="right")
    for r in estimate.items:
        fp = item_as_run(estimate, r)
        site = r.site if r.site is not None else estimate.scenario.site
        out.add_row(
            r.item.named(lang),
            site.id,
            grid_name(fp.grid, lang),
            human(fp.co2e, "mass", lang),
            human(fp.water, "volume", lang),
        )
    out.add_section()
    out.add_row(
        Text(t("as_run_total", lang), style="bold"),
        "",
        "",
        Text(human(estimate.as_run.co2e, "mass", lang), style="bold"),
        Text(human(estimate.as_run.water, "volume", lang), style="bold"),
    )
    return out


def uncertainty_renderables(
    estimate: Estimate, u: Uncertainty, lang: str = "en"
) -> list[RenderableType]:
    """90 % intervals of the totals, then the inputs that move the headline figure most."""
    from rich.table import Table

    from aicost.units import Q

    def span(value: float, low: float, high: float, unit: str, kind: str) -> tuple[str, str]:
        return (
            human(Q(value, unit), kind, lang),
            f"{human(Q(low, unit), kind, lang)} – {human(Q(high, unit), kind, lang)}",
        )

    out = Table(
        title=t("uncertainty_title", lang, samples=number(u.samples, lang), seed=str(u.seed)),
        title_justify="left",
    )
    out.add_column(t("figure", lang))
    out.add_column(t("central", lang), justify="right")
    out.add_column(t("interval", lang), justify="right")
    e = u.energy_wh
    out.add_row(t("energy", lang), *span(e.central, e.p5, e.p95, "Wh", "energy"))
    for g in estimate.grids:
        c = u.co2e_g[g.grid.id]
        out.add_row(f"{t('co2e', lang)} ({g.grid.id})", *span(c.central, c.p5, c.p95, "g", "mass"))
    for g in estimate.grids:
        w = u.water_l[g.grid.id]
        out.add_row(
            f"{t('water', lang)} ({g.grid.id})", *span(w.central, w.p5, w.p95, "L", "volume")
        )
    if u.embodied_co2e_g is not None and u.co2e_total_g is not None:
        c = u.embodied_co2e_g
        out.add_row(t("manufacturing", lang), *span(c.central, c.p5, c.p95, "g", "mass"))
        for g in estimate.grids:
            c = u.co2e_total_g[g.grid.id]
            label = f"{t('co2e', lang)} ({g.grid.id}) + {t('manufacturing', lang).lower()}"
            out.add_row(label, *span(c.central, c.p5, c.p95, "g", "mass"))
    if estimate.located and u.as_run_co2e_g is not None and u.as_run_water_l is not None:
        c, w = u.as_run_co2e_g, u.as_run_water_l
        label = t("as_run_label", lang)
        out.add_row(f"{t('co2e', lang)} ({label})", *span(c.central, c.p5, c.p95, "g", "mass"))
        out.add_row(f"{t('water', lang)} ({label})", *span(w.central, w.p5, w.p95, "L", "volume"))

    headline = u.headline.replace("(as run)", f"({t('as_run_label', lang)})")
    drivers = Table(title=t("drivers_title", lang, headline=headline), title_justify="left")
    drivers.add_column(t("factor", lang))
    drivers.add_column(t("at_p5", lang), justify="right")
    drivers.add_column(t("at_p95", lang), justify="right")
    for d in u.drivers:
        drivers.add_row(
            d.label(lang),
            human(Q(d.at_low, "g"), "mass", lang),
            human(Q(d.at_high, "g"), "mass", lang),
        )
    return [out, drivers]

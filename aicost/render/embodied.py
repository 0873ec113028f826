"""Manufacturing (embodied) lines, totals with manufacturing, and published per-use footprints
beside aicost's own estimate for the same use: shared by the table, Markdown and JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aicost.i18n import N_, speaking, status_word, tr
from aicost.records import record
from aicost.render.fmt import human, ratio

if TYPE_CHECKING:
    from aicost.engine import Estimate, ItemEstimate
    from aicost.factors import FactorTable, Footprint, Grid
    from aicost.units import Quantity

# id -> words: what differs between a published footprint and aicost's estimate
DIFFERENCES = {
    "market_based": N_(
        "the published CO2e is market-based (the provider's clean-energy contracts), "
        "aicost's location-based (the grid's average)"
    ),
    "water_onsite_only": N_(
        "the published water is on-site cooling only; aicost adds the water of electricity "
        "generation ({offsite})"
    ),
    "water_life_cycle": N_(
        "the published water covers the whole life cycle (manufacturing too); aicost counts "
        "cooling and electricity generation only"
    ),
    "manufacturing_both": N_("both include the manufacturing of the hardware"),
    "manufacturing_published_only": N_("only the published figure includes manufacturing"),
    "training_published": N_("the published figure includes training; aicost does not"),
    "grid_differs": N_(
        "aicost counts the electricity of {grid}, the model's default location (an assumption)"
    ),
}


def sources(est: Estimate, factors: FactorTable | None = None) -> list[tuple[str, str]]:
    """(source id, status) behind the manufacturing figures and the published footprints."""
    out: list[tuple[str, str]] = []
    for r in est.items:
        if r.item.hardware is not None:
            made = r.item.hardware.embodied
            out.append((made.source, made.status))
            if made.range_source is not None:
                out.append((made.range_source, made.status))
    out += [(c.published.source, c.published.status) for c in comparisons(est, factors)]
    return out


def sb_eq(adpe: Quantity, lang: str) -> str:
    """Abiotic depletion in mg Sb eq, three significant digits: '0.160 mg Sb eq'."""
    from aicost.render.fmt import number

    space = "\u00a0" if lang == "fr" else " "
    return f"{number(adpe.to('mg').magnitude, lang)}{space}mg Sb eq"


def total_lines(est: Estimate, lang: str = "en", factors: FactorTable | None = None) -> list[str]:
    """Manufacturing (grid-independent) and each grid's total with it (with `factors`: in the
    familiar unit that reads best, as the equivalences), and both what-if ratios. None when
    no item's hardware is known."""
    made = est.embodied
    if made is None:
        return []
    with speaking(lang):
        out = [
            tr(
                "Manufacturing of the hardware (the same on every grid): {co2e} CO2e, "
                "{adpe} (abiotic resources), {pe} of primary energy",
                co2e=human(made.co2e, "mass", lang),
                adpe=sb_eq(made.adpe, lang),
                pe=human(made.pe, "energy", lang),
            )
        ]
        if est.grids:
            totals = ", ".join(
                f"{g.grid.label(lang)} ({g.grid.id}) {human(est.co2e_total(g), 'mass', lang)}"
                + _felt(est.co2e_total(g), factors, lang)
                for g in est.grids
            )
            out.append(tr("CO2e with manufacturing: {totals}", totals=totals))
        if est.located and est.as_run is not None:
            out.append(
                tr(
                    "As run, with manufacturing: {co2e} CO2e",
                    co2e=human(est.as_run.co2e + made.co2e, "mass", lang),
                )
            )
        both = est.ratio_total
        alone = est.ratio
        if both is not None and alone is not None:
            by_co2e = sorted(est.grids, key=lambda g: g.co2e)
            out.append(
                tr(
                    "{dirty} emits {ratio} the CO2e of {clean} with manufacturing "
                    "({alone} for electricity alone).",
                    dirty=by_co2e[-1].grid.label(lang),
                    clean=by_co2e[0].grid.label(lang),
                    ratio=ratio(both, lang),
                    alone=ratio(alone, lang),
                )
            )
    return out


def _felt(co2e: Quantity, factors: FactorTable | None, lang: str) -> str:
    """' (≈ 1.1 km in an average car in France)': the CO2e equivalence that reads best."""
    if factors is None:
        return ""
    from aicost.equivalences import apply, pick
    from aicost.render.table import equivalent_words

    best = pick(apply(co2e, factors, "co2e"), "co2e")
    return f" ({equivalent_words(best[0], lang)})" if best else ""


@record
class Comparison:
    """A published per-use footprint beside aicost's estimate of one use of the same model."""

    item: ItemEstimate
    published: Footprint
    grid: Grid
    electricity_co2e: Quantity  # aicost, one use, on `grid`, location-based
    embodied_co2e: Quantity | None
    water_onsite: Quantity
    water_offsite: Quantity
    differences: tuple[str, ...]

    @property
    def co2e(self) -> Quantity:
        made = self.embodied_co2e
        return self.electricity_co2e + made if made is not None else self.electricity_co2e

    @property
    def water(self) -> Quantity:
        return self.water_onsite + self.water_offsite


def published_for(r: ItemEstimate, factors: FactorTable) -> list[Footprint]:
    """The footprints published for the model of item `r`: named by the catalogue id, or for
    a task its catalogue entry discloses."""
    text = r.item.text
    if text is None or text.model is None:
        return []
    tasks = {t.id for t in text.disclosures}
    return [
        fp
        for fp in factors.footprints.values()
        if text.model.id in fp.models or (fp.task is not None and fp.task in tasks)
    ]


def comparisons(est: Estimate, factors: FactorTable | None) -> list[Comparison]:
    """Every published footprint of the estimate's model items, beside aicost's estimate."""
    if factors is None or not factors.footprints:
        return []
    from aicost.engine import footprint

    out: list[Comparison] = []
    seen: set[tuple[str, str]] = set()
    for r in est.items:
        for fp in published_for(r, factors):
            assert r.item.text is not None
            if (r.item.text.name, fp.id) in seen:
                continue
            seen.add((r.item.text.name, fp.id))
            site = r.site if r.site is not None else est.scenario.site
            grid = r.grid if r.grid is not None else est.scenario.home
            assert r.it_per_item is not None
            one = footprint(r.per_item, r.it_per_item, site, grid)
            made = r.embodied_per_item.co2e if r.embodied_per_item is not None else None
            differences = []
            if fp.co2e_basis == "market":
                differences.append("market_based")
            if fp.water_scope == "onsite":
                differences.append("water_onsite_only")
            elif fp.water_scope == "total":
                differences.append("water_life_cycle")
            if fp.manufacturing:
                differences.append(
                    "manufacturing_both" if made is not None else "manufacturing_published_only"
                )
            if fp.training:
                differences.append("training_published")
            differences.append("grid_differs")
            out.append(
                Comparison(
                    r,
                    fp,
                    grid,
                    one.co2e,
                    made,
                    one.water_onsite,
                    one.water_offsite,
                    tuple(differences),
                )
            )
    return out


def difference_words(c: Comparison, lang: str) -> list[str]:
    with speaking(lang):
        return [
            tr(
                DIFFERENCES[d],
                offsite=human(c.water_offsite, "volume", lang),
                grid=f"{c.grid.label(lang)} ({c.grid.id})",
            )
            for d in c.differences
        ]


def comparison_lines(est: Estimate, factors: FactorTable | None, lang: str = "en") -> list[str]:
    """A title, then per published footprint: aicost's figures, the published ones, and what
    differs (none: [])."""
    found = comparisons(est, factors)
    if not found:
        return []
    assert factors is not None
    with speaking(lang):
        out = [tr("Published footprints beside aicost's estimate of the same use (per answer):")]
        for c in found:
            fp = c.published
            made = human(c.embodied_co2e, "mass", lang) if c.embodied_co2e is not None else "–"
            published = []
            if fp.co2e is not None:
                published.append(f"{human(fp.co2e, 'mass', lang)} CO2e")
            if fp.water is not None:
                published.append(tr("{water} of water", water=human(fp.water, "volume", lang)))
            if fp.adpe is not None:
                published.append(sb_eq(fp.adpe, lang))
            out.append(
                "  "
                + tr(
                    "{model}: aicost {co2e} CO2e ({electricity} electricity on {grid} + {made} "
                    "manufacturing), {water} of water; published {published}, {label} ({id}; "
                    "{source}; {status})",
                    model=c.item.item.named(lang),
                    co2e=human(c.co2e, "mass", lang),
                    electricity=human(c.electricity_co2e, "mass", lang),
                    grid=c.grid.id,
                    made=made,
                    water=human(c.water, "volume", lang),
                    published=", ".join(published),
                    label=fp.label(lang),
                    id=fp.id,
                    source=f"{fp.source}: {factors.sources[fp.source].short()}",
                    status=status_word(fp.status, lang),
                )
            )
            if fp.co2e is not None and c.co2e.magnitude > 0:
                times = float((fp.co2e / c.co2e).to("dimensionless").magnitude)
                out.append(
                    "    " + tr("published ÷ aicost (CO2e): {ratio}", ratio=ratio(times, lang))
                )
            words = (" ; " if lang == "fr" else "; ").join(difference_words(c, lang))
            out.append("    " + tr("What differs: {words}.", words=words))
    return out


def explain_lines(est: Estimate, factors: FactorTable, lang: str = "en") -> list[str]:
    """--explain: each item's hardware time and manufacturing share, then the total and each
    grid's CO2e with it (none: [])."""
    made = est.embodied
    if made is None:
        return []
    from aicost.render.fmt import number, plain
    from aicost.units import magnitude_in

    with speaking(lang):
        out = [tr("manufacturing (the same on every grid):")]
        for r in est.items:
            hardware, each = r.item.hardware, r.embodied_per_item
            if hardware is None or each is None or r.hardware_per_item is None:
                continue
            e = hardware.embodied
            per_hour = magnitude_in(e.gwp, "g") / magnitude_in(e.lifetime, "h")
            source = factors.sources[e.source].short() if e.source in factors.sources else ""
            out.append(
                "  "
                + tr(
                    "{count} × {seconds} s of {id} × {rate} g CO2e per hour ({gwp} over "
                    "{lifetime} h; {source}; {status}) = {co2e}",
                    count=plain(r.item.count, lang, decimals=3),
                    seconds=number(magnitude_in(r.hardware_per_item, "s"), lang),
                    rate=number(per_hour, lang),
                    id=e.id,
                    gwp=human(e.gwp, "mass", lang),
                    lifetime=number(magnitude_in(e.lifetime, "h"), lang),
                    source=source,
                    status=status_word(e.status, lang),
                    co2e=human(each.co2e * r.item.count, "mass", lang),
                )
            )
        out.append("  " + tr("total: {co2e} CO2e", co2e=human(made.co2e, "mass", lang)))
        for g in est.grids:
            out.append(
                "  "
                + tr(
                    "{id}: {electricity} + {made} = {total} CO2e with manufacturing",
                    id=g.grid.id,
                    electricity=human(g.co2e, "mass", lang),
                    made=human(made.co2e, "mass", lang),
                    total=human(est.co2e_total(g), "mass", lang),
                )
            )
    return out

"""`aicost compare`: one row per alternative (energy, CO2e and water as run, with intervals and
equivalences), then a sentence naming the cheapest; as a table, Markdown, CSV or JSON."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from aicost.compare import cheapest_and_dearest
from aicost.i18n import t
from aicost.render.fmt import approx_decimal, equivalent, human, is_one, ratio
from aicost.text import md_cell
from aicost.units import Q, magnitude_in

if TYPE_CHECKING:
    from rich.console import RenderableType

    from aicost.compare import Alternative
    from aicost.equivalences import Equivalent
    from aicost.factors import FactorTable
    from aicost.uncertainty import Interval

_UNIT = {"energy": "Wh", "co2e": "g", "water": "L"}
_KIND = {"energy": "energy", "co2e": "mass", "water": "volume"}


def where_text(alt: Alternative, lang: str) -> str:
    """'United States (US), site openai.ecologits'; several places joined by '; '."""
    places: dict[tuple[str, str], str] = {}
    sc = alt.scenario
    for r in alt.estimate.items:
        site = r.site if r.site is not None else sc.site
        grid = r.grid if r.grid is not None else sc.home
        places.setdefault(
            (site.id, grid.id),
            t("where_text", lang, grid=f"{grid.label(lang)} ({grid.id})", site=site.id),
        )
    return "; ".join(places.values())


def totals(alt: Alternative) -> dict[str, Any]:
    """The three figures as run, as quantities."""
    a = alt.estimate.as_run
    assert a is not None
    return {"energy": alt.estimate.energy, "co2e": a.co2e, "water": a.water}


def intervals(alt: Alternative) -> dict[str, Interval | None]:
    u = alt.uncertainty
    if u is None:
        return {"energy": None, "co2e": None, "water": None}
    return {"energy": u.energy_wh, "co2e": u.as_run_co2e_g, "water": u.as_run_water_l}


def equivalents(
    alternatives: list[Alternative], factors: FactorTable, wanted: tuple[str, ...] | None = None
) -> dict[str, list[Equivalent | None]]:
    """Per metric, ONE equivalence for every row (so that rows compare), the one that reads
    most naturally across them (or the first asked for with --equivalent): per row, its value."""
    from aicost.equivalences import apply

    out: dict[str, list[Equivalent | None]] = {}
    for metric in ("co2e", "water"):
        rows = [apply(totals(a)[metric], factors, metric) for a in alternatives]
        if not rows or not rows[0]:
            out[metric] = [None] * len(alternatives)
            continue
        ids = [e.equivalence.id for e in rows[0]]
        chosen = next((w for w in (wanted or ()) if w in ids), None)
        if chosen is None:
            scores = [sum(row[n].distance_from_natural() for row in rows) for n in range(len(ids))]
            chosen = ids[min(range(len(ids)), key=lambda n: (scores[n], n))]
        index = ids.index(chosen)
        out[metric] = [row[index] for row in rows]
    return out


def _words(e: Equivalent | None, lang: str) -> str:
    if e is None:
        return ""
    value, symbol = e.shown()
    one = is_one(approx_decimal(value), lang)
    return equivalent(value, symbol, e.equivalence.words(lang, one=one), lang=lang)


def _span(interval: Interval | None, metric: str, lang: str) -> str:
    if interval is None:
        return ""
    unit, kind = _UNIT[metric], _KIND[metric]
    low, high = human(Q(interval.p5, unit), kind, lang), human(Q(interval.p95, unit), kind, lang)
    return f"{low} – {high}"


def sentence(alternatives: list[Alternative], lang: str) -> str | None:
    """'Least CO2e as run: A (0.011 g); the most: B (0.272 g), 25× as much.'"""
    if len(alternatives) < 2:
        return None
    low, high, factor = cheapest_and_dearest(alternatives)
    cheap, dear = alternatives[low], alternatives[high]
    values = {
        "cheap": cheap.scenario.title(lang),
        "cheap_co2e": human(totals(cheap)["co2e"], "mass", lang),
        "dear": dear.scenario.title(lang),
        "dear_co2e": human(totals(dear)["co2e"], "mass", lang),
    }
    if factor is None:
        return t("compare_sentence_zero", lang, **values)
    return t("compare_sentence", lang, ratio=ratio(factor, lang), **values)


def table(
    alternatives: list[Alternative],
    factors: FactorTable,
    lang: str = "en",
    wanted: tuple[str, ...] | None = None,
) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    eq = equivalents(alternatives, factors, wanted)
    out = Table(title=t("compare_title", lang), title_justify="left")
    out.add_column(t("alternative", lang))
    out.add_column(t("energy", lang), justify="right")
    out.add_column(t("co2e_as_run", lang), justify="right")
    out.add_column(t("water_as_run", lang), justify="right")
    for n, alt in enumerate(alternatives):
        label = Text(alt.scenario.title(lang))
        label.append(f"\n{where_text(alt, lang)}", style="dim")
        cells = []
        figures, spans = totals(alt), intervals(alt)
        for metric in ("energy", "co2e", "water"):
            cell = Text(human(figures[metric], _KIND[metric], lang))
            if spans[metric] is not None:
                cell.append(f"\n{_span(spans[metric], metric, lang)}", style="dim")
            words = _words(eq[metric][n], lang) if metric in eq else ""
            if words:
                cell.append(f"\n{words}", style="dim")
            cells.append(cell)
        out.add_row(label, *cells)
    notes = []
    if any(a.uncertainty is not None for a in alternatives):
        u = next(a.uncertainty for a in alternatives if a.uncertainty is not None)
        notes.append(t("compare_intervals", lang, samples=str(u.samples), seed=str(u.seed)))
    said = sentence(alternatives, lang)
    rendered: list[RenderableType] = [out]
    if said:
        rendered.append(Text(said))
    notes.append(t("compare_note", lang))
    rendered.append(Text("\n".join(notes), style="dim"))
    return rendered


def markdown(
    alternatives: list[Alternative],
    factors: FactorTable,
    lang: str = "en",
    wanted: tuple[str, ...] | None = None,
) -> str:
    eq = equivalents(alternatives, factors, wanted)
    heads = [t("alternative", lang), t("where_runs", lang), t("energy", lang)]
    heads += [t("co2e_as_run", lang), t("water_as_run", lang)]
    lines = [f"### {t('compare_title', lang)}", ""]
    lines.append("| " + " | ".join(heads) + " |")
    lines.append("|---|---|--:|--:|--:|")
    for n, alt in enumerate(alternatives):
        figures, spans = totals(alt), intervals(alt)
        cells = [alt.scenario.title(lang), where_text(alt, lang)]
        for metric in ("energy", "co2e", "water"):
            cell = human(figures[metric], _KIND[metric], lang)
            if spans[metric] is not None:
                cell += f" ({_span(spans[metric], metric, lang)})"
            words = _words(eq[metric][n], lang) if metric in eq else ""
            if words:
                cell += f", {words}"
            cells.append(cell)
        lines.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
    lines.append("")
    said = sentence(alternatives, lang)
    if said:
        lines += [said, ""]
    lines += [t("compare_note", lang), ""]
    return "\n".join(lines)


CSV_HEADER = (
    "alternative",
    "file",
    "sites",
    "grids",
    "energy_wh",
    "energy_wh_p5",
    "energy_wh_p95",
    "co2e_g",
    "co2e_g_p5",
    "co2e_g_p95",
    "water_l",
    "water_l_p5",
    "water_l_p95",
)


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.12g}"


def csv_text(alternatives: list[Alternative]) -> str:
    """One row per alternative, as run; the `_p5`/`_p95` columns are empty without
    --uncertainty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for alt in alternatives:
        figures, spans = totals(alt), intervals(alt)
        row: list[str] = [
            alt.scenario.name,
            alt.scenario.path,
            " ".join(dict.fromkeys(_site_ids(alt))),
            " ".join(g.id for g in alt.estimate.as_run_grids),
        ]
        for metric in ("energy", "co2e", "water"):
            span = spans[metric]
            row += [
                _num(magnitude_in(figures[metric], _UNIT[metric])),
                _num(span.p5 if span is not None else None),
                _num(span.p95 if span is not None else None),
            ]
        writer.writerow(row)
    return out.getvalue()


def _site_ids(alt: Alternative) -> list[str]:
    return [(r.site or alt.scenario.site).id for r in alt.estimate.items]


def document(
    alternatives: list[Alternative],
    factors: FactorTable,
    wanted: tuple[str, ...] | None = None,
) -> dict[str, Any]:
    """The JSON document: per alternative its figures as run (and intervals), where its items
    run, and the equivalences shown; then which is cheapest and by how much."""
    from aicost import __version__
    from aicost.render.json import SCHEMA, _round
    from aicost.render.table import sources_used

    eq = equivalents(alternatives, factors, wanted)
    entries = []
    for n, alt in enumerate(alternatives):
        figures, spans = totals(alt), intervals(alt)
        entry: dict[str, Any] = {
            "name": alt.scenario.name,
            "name_fr": alt.scenario.name_fr,
            "file": alt.scenario.path,
            "here": alt.scenario.home.id,
            "items": [
                {
                    "label": r.item.label,
                    "site": (r.site or alt.scenario.site).id,
                    "grid": (r.grid or alt.scenario.home).id,
                    "energy_wh": _round(magnitude_in(r.energy, "Wh") * alt.scenario.scale.total),
                }
                for r in alt.estimate.items
            ],
            "grids": [g.id for g in alt.estimate.as_run_grids],
        }
        for metric, key in (("energy", "energy_wh"), ("co2e", "co2e_g"), ("water", "water_l")):
            entry[key] = _round(magnitude_in(figures[metric], _UNIT[metric]))
            span = spans[metric]
            if span is not None:
                entry[f"{key}_p5"] = _round(span.p5)
                entry[f"{key}_p95"] = _round(span.p95)
        entry["equivalences"] = [
            {
                "id": e.equivalence.id,
                "of": metric,
                "value": _round(magnitude_in(e.amount, e.equivalence.pint_unit)),
                "unit": e.equivalence.unit,
            }
            for metric in ("co2e", "water")
            if (e := eq[metric][n]) is not None
        ]
        entries.append(entry)
    low, high, factor = cheapest_and_dearest(alternatives)
    used = dict.fromkeys(s for a in alternatives for s, _ in sources_used(a.estimate))
    for metric in ("co2e", "water"):
        used.update(dict.fromkeys(e.equivalence.source for e in eq[metric] if e is not None))
    first = next((a.uncertainty for a in alternatives if a.uncertainty is not None), None)
    return {
        "schema": SCHEMA,
        "aicost_version": __version__,
        "factors": {"file": factors.path, "sha256": factors.sha256},
        "alternatives": entries,
        "ranked_by": "co2e_g",
        "cheapest": low,
        "dearest": high,
        "dearest_to_cheapest": _round(factor) if factor is not None else None,
        "uncertainty": {"samples": first.samples, "seed": first.seed} if first else None,
        "sources": {
            sid: {"title": src.title, "url": src.url}
            for sid in used
            if (src := factors.sources[sid])
        },
    }

"""A chart for a report (SVG or PNG): CO2e and water across the grids, and the share of each
item in the energy. matplotlib is an optional extra (`aicost[chart]`), imported only here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from aicost.errors import UsageError
from aicost.i18n import t, tr
from aicost.render.fmt import human, number, scaled
from aicost.units import Q, magnitude_in

if TYPE_CHECKING:
    from aicost.compare import Alternative
    from aicost.engine import Estimate
    from aicost.factors import FactorTable

CO2E_COLOUR = "#4d4d4d"
ONSITE_COLOUR = "#9ecae1"
OFFSITE_COLOUR = "#3182bd"
AS_RUN_COLOUR = "#e6550d"  # the as-run row, where the items really run
ITEM_COLOURS = ("#e6550d", "#fdae6b", "#31a354", "#a1d99b", "#756bb1", "#bcbddc")


def _matplotlib() -> object:
    try:
        import matplotlib
    except ImportError:
        raise UsageError(tr("--chart needs matplotlib: pip install 'aicost[chart]'")) from None
    matplotlib.use("Agg")
    return matplotlib


def write_chart(estimate: Estimate, factors: FactorTable, path: Path, lang: str = "en") -> None:
    """Write the chart of one estimate to `path` (.svg or .png), labelled in `lang`."""
    _matplotlib()
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    # One row per grid of the what-if table; first, when the items run elsewhere or on
    # several grids, the as-run row (each item at its own site, on its own grid).
    rows: list[tuple[str, Any]] = [(g.grid.label(lang), g) for g in estimate.grids]
    if estimate.located and estimate.as_run is not None:
        where = ", ".join(g.id for g in estimate.as_run_grids)
        rows.insert(0, (f"{t('chart_as_run', lang)} ({where})", estimate.as_run))
    colours = [AS_RUN_COLOUR if r is estimate.as_run else CO2E_COLOUR for _, r in rows]
    co2e_unit = scaled(max(r.co2e for _, r in rows), "mass")[1] if rows else "g"
    water_unit = scaled(max(r.water for _, r in rows), "volume")[1] if rows else "L"
    unit_of = {"kt": "kilotonne", "Mt": "megatonne", "m³": "m**3"}

    def value(q: object, symbol: str) -> float:
        return magnitude_in(q, unit_of.get(symbol, symbol))

    fig, (ax_co2e, ax_water, ax_share) = plt.subplots(
        1, 3, figsize=(13, 4.4), gridspec_kw={"width_ratios": [1, 1, 1]}
    )
    title = t(
        "chart_title",
        lang,
        name=estimate.scenario.title(lang),
        energy=human(estimate.energy, "energy", lang),
    )
    fig.suptitle(title, fontsize=13, fontweight="bold", x=0.01, ha="left")

    # Horizontal bars: long grid names stay readable, and value labels never collide.
    y = list(range(len(rows)))[::-1]
    ticks = FuncFormatter(lambda v, _pos: number(v, lang, digits=2))

    # CO2e per grid
    co2e = [value(r.co2e, co2e_unit) for _, r in rows]
    bars = ax_co2e.barh(y, co2e, color=colours)
    ax_co2e.bar_label(
        bars, labels=[human(r.co2e, "mass", lang) for _, r in rows], padding=3, fontsize=9
    )
    ax_co2e.set_title(t("chart_co2e", lang), fontsize=11, loc="left")
    ax_co2e.set_xlabel(f"{co2e_unit} CO2e")

    # Water per grid: on-site (cooling) + off-site (electricity generation)
    onsite = [value(r.water_onsite, water_unit) for _, r in rows]
    offsite = [value(r.water_offsite, water_unit) for _, r in rows]
    ax_water.barh(y, onsite, color=ONSITE_COLOUR, label=t("chart_onsite", lang))
    bars = ax_water.barh(
        y, offsite, left=onsite, color=OFFSITE_COLOUR, label=t("chart_offsite", lang)
    )
    ax_water.bar_label(
        bars, labels=[human(r.water, "volume", lang) for _, r in rows], padding=3, fontsize=9
    )
    ax_water.set_title(t("chart_water", lang), fontsize=11, loc="left")
    ax_water.set_xlabel(water_unit)
    if any(v > 0 for v in onsite):
        ax_water.legend(
            fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=2
        )

    for ax in (ax_co2e, ax_water):
        ax.set_yticks(y, labels=[_wrap(label, 18) for label, _ in rows], fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        ax.xaxis.set_major_formatter(ticks)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=3))
        ax.margins(x=0.3)
        ax.set_xlim(left=0)

    # Share of each item in the energy (one repetition)
    total = magnitude_in(estimate.energy_once, "J")
    shares = [magnitude_in(r.energy, "J") / total * 100 if total else 0.0 for r in estimate.items]
    labels = [r.item.named(lang) for r in estimate.items]
    colours = [ITEM_COLOURS[i % len(ITEM_COLOURS)] for i in range(len(labels))]
    y_items = list(range(len(labels)))[::-1]
    bars = ax_share.barh(y_items, shares, color=colours)
    ax_share.set_yticks(y_items, labels=[_wrap(label) for label in labels], fontsize=9)
    ax_share.bar_label(
        bars, labels=[number(s, lang, digits=2) + " %" for s in shares], padding=2, fontsize=9
    )
    ax_share.set_xlim(0, 118)
    ax_share.set_xlabel("%")
    ax_share.xaxis.set_major_formatter(ticks)
    ax_share.set_title(t("chart_share", lang), fontsize=11, loc="left")
    ax_share.spines[["top", "right"]].set_visible(False)

    fig.text(
        0.01,
        0.01,
        t("chart_source", lang, sha=factors.sha256[:12]),
        fontsize=7,
        color="#666666",
    )
    fig.tight_layout(rect=(0, 0.04, 1, 0.95))
    _save(fig, path)


def _wrap(text: str, width: int = 22) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def write_compare_chart(
    alternatives: list[Alternative], factors: FactorTable, path: Path, lang: str = "en"
) -> None:
    """The choices side by side: energy, CO2e and water as run, one bar per choice (with its
    90 % interval as a whisker under --uncertainty)."""
    _matplotlib()
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from aicost.render.compare import intervals, totals

    unit_of = {"kt": "kilotonne", "Mt": "megatonne", "m³": "m**3"}
    labels = [_wrap(a.scenario.title(lang), 24) for a in alternatives]
    y = list(range(len(alternatives)))[::-1]
    ticks = FuncFormatter(lambda v, _pos: number(v, lang, digits=2))
    fig, axes = plt.subplots(1, 3, figsize=(13, 1.6 + 0.7 * len(alternatives)))
    fig.suptitle(t("chart_compare_title", lang), fontsize=13, fontweight="bold", x=0.01, ha="left")
    panels = (
        ("energy", "energy", "chart_compare_energy", ITEM_COLOURS[0], "Wh"),
        ("co2e", "mass", "chart_compare_co2e", CO2E_COLOUR, "g"),
        ("water", "volume", "chart_compare_water", OFFSITE_COLOUR, "L"),
    )
    for ax, (metric, kind, title, colour, canonical) in zip(axes, panels, strict=True):
        figures = [totals(a)[metric] for a in alternatives]
        symbol = scaled(max(figures), kind)[1]
        unit = unit_of.get(symbol, symbol)
        values = [magnitude_in(q, unit) for q in figures]
        spans = [intervals(a)[metric] for a in alternatives]
        errors = None
        if all(s is not None for s in spans):
            factor = magnitude_in(Q(1.0, canonical), unit)
            errors = [
                [max(0.0, v - s.p5 * factor) for v, s in zip(values, spans, strict=True) if s],
                [max(0.0, s.p95 * factor - v) for v, s in zip(values, spans, strict=True) if s],
            ]
        bars = ax.barh(y, values, color=colour, xerr=errors, ecolor="#999999", capsize=3)
        ax.bar_label(bars, labels=[human(q, kind, lang) for q in figures], padding=3, fontsize=9)
        ax.set_title(t(title, lang), fontsize=11, loc="left")
        ax.set_xlabel(f"{symbol} CO2e" if metric == "co2e" else symbol)
        ax.set_yticks(y, labels=labels if ax is axes[0] else [""] * len(labels), fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        ax.xaxis.set_major_formatter(ticks)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=3))
        ax.margins(x=0.35)
        ax.set_xlim(left=0)
    fig.text(
        0.01, 0.01, t("chart_source", lang, sha=factors.sha256[:12]), fontsize=7, color="#666666"
    )
    fig.tight_layout(rect=(0, 0.05, 1, 0.92))
    _save(fig, path)


def _save(fig: Any, path: Path) -> None:
    import matplotlib.pyplot as plt

    try:
        fig.savefig(path, dpi=150, metadata={"Date": None} if path.suffix == ".svg" else None)
    except OSError as exc:
        raise UsageError(
            tr("{path}: cannot write the chart ({reason})", path=str(path), reason=exc.strerror)
        ) from None
    finally:
        plt.close(fig)

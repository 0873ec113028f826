"""A chart for a report (SVG or PNG): CO2e and water across the grids, and the share of each
item in the energy. matplotlib is an optional extra (`pip install -e '.[chart]'`), imported
only here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from aicost.errors import UsageError
from aicost.i18n import t, tr
from aicost.render.fmt import human, number, scaled
from aicost.units import magnitude_in

if TYPE_CHECKING:
    from aicost.engine import Estimate
    from aicost.factors import FactorTable

CO2E_COLOUR = "#4d4d4d"
ONSITE_COLOUR = "#9ecae1"
OFFSITE_COLOUR = "#3182bd"
ITEM_COLOURS = ("#e6550d", "#fdae6b", "#31a354", "#a1d99b", "#756bb1", "#bcbddc")


def _matplotlib() -> object:
    try:
        import matplotlib
    except ImportError:
        raise UsageError(
            tr("--chart needs matplotlib: in the aicost checkout, pip install -e '.[chart]'")
        ) from None
    matplotlib.use("Agg")
    return matplotlib


def write_chart(estimate: Estimate, factors: FactorTable, path: Path, lang: str = "en") -> None:
    """Write the chart of one estimate to `path` (.svg or .png), labelled in `lang`."""
    _matplotlib()
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    grids = estimate.grids
    co2e_unit = scaled(max(g.co2e for g in grids), "mass")[1] if grids else "g"
    water_unit = scaled(max(g.water for g in grids), "volume")[1] if grids else "L"
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
    y = list(range(len(grids)))[::-1]
    ticks = FuncFormatter(lambda v, _pos: number(v, lang, digits=2))

    # CO2e per grid
    co2e = [value(g.co2e, co2e_unit) for g in grids]
    bars = ax_co2e.barh(y, co2e, color=CO2E_COLOUR)
    ax_co2e.bar_label(
        bars, labels=[human(g.co2e, "mass", lang) for g in grids], padding=3, fontsize=9
    )
    ax_co2e.set_title(t("chart_co2e", lang), fontsize=11, loc="left")
    ax_co2e.set_xlabel(f"{co2e_unit} CO2e")

    # Water per grid: on-site (cooling) + off-site (electricity generation)
    onsite = [value(g.water_onsite, water_unit) for g in grids]
    offsite = [value(g.water_offsite, water_unit) for g in grids]
    ax_water.barh(y, onsite, color=ONSITE_COLOUR, label=t("chart_onsite", lang))
    bars = ax_water.barh(
        y, offsite, left=onsite, color=OFFSITE_COLOUR, label=t("chart_offsite", lang)
    )
    ax_water.bar_label(
        bars, labels=[human(g.water, "volume", lang) for g in grids], padding=3, fontsize=9
    )
    ax_water.set_title(t("chart_water", lang), fontsize=11, loc="left")
    ax_water.set_xlabel(water_unit)
    if any(v > 0 for v in onsite):
        ax_water.legend(
            fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=2
        )

    for ax in (ax_co2e, ax_water):
        ax.set_yticks(y, labels=[_wrap(g.grid.label(lang), 18) for g in grids], fontsize=9)
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
    try:
        fig.savefig(path, dpi=150, metadata={"Date": None} if path.suffix == ".svg" else None)
    except OSError as exc:
        raise UsageError(
            tr("{path}: cannot write the chart ({reason})", path=str(path), reason=exc.strerror)
        ) from None
    finally:
        plt.close(fig)


def _wrap(text: str, width: int = 22) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text

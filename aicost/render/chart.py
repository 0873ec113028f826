"""A chart for a report or a slide (SVG or PNG): CO2e and water across the grids, and the share
of each item in the energy. matplotlib is an optional extra (`pip install -e '.[chart]'`),
imported only here.

- Sizes: `a4` (17 cm wide, the text width of an A4 page; panels stacked), `slide` (16:9,
  25.4 × 14.3 cm; panels side by side), or `WxH` in cm (`16x9`, also `160x90mm`, `6x4in`).
- Panels: any of `co2e`, `water`, `share`, in that order; one panel fills the figure. The
  share panel is left out, unasked, for a scenario of one item (it would be one 100 % bar).
- With `--uncertainty`, the CO2e and water bars carry their 5th-95th percentile as error bars.
- SVG text stays text (`svg.fonttype: none`): editable in Inkscape or Scribus.
- The footer cites the studies behind the figures.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aicost.errors import UsageError
from aicost.i18n import t, tr
from aicost.records import record
from aicost.render.fmt import human, number, plain, scaled
from aicost.text import visible
from aicost.units import magnitude_in

if TYPE_CHECKING:
    from aicost.compare import Alternative
    from aicost.engine import Estimate
    from aicost.factors import FactorTable
    from aicost.uncertainty import Uncertainty

CO2E_COLOUR = "#4d4d4d"
ONSITE_COLOUR = "#9ecae1"
OFFSITE_COLOUR = "#3182bd"
ITEM_COLOURS = ("#e6550d", "#fdae6b", "#31a354", "#a1d99b", "#756bb1", "#bcbddc")
PANELS = ("co2e", "water", "share")
CM = 1 / 2.54  # inches per centimetre


@record
class Size:
    """A chart's size in cm, whether its panels stand side by side, its base font size (pt)
    and the PNG resolution."""

    width_cm: float
    height_cm: float | None  # None: from the panels (a4: each panel by its rows)
    across: bool
    font: float
    dpi: int


PRESETS = {
    "a4": Size(17.0, None, across=False, font=8.0, dpi=300),
    "slide": Size(25.4, 14.29, across=True, font=12.0, dpi=200),
}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(cm|mm|in)?\s*$")
_PER_CM = {"cm": 1.0, "mm": 0.1, "in": 2.54}


def parse_size(text: str) -> Size:
    """`a4`, `slide`, or `WxH` (cm unless it says mm or in), else a UsageError."""
    if text.lower() in PRESETS:
        return PRESETS[text.lower()]
    match = _SIZE.match(text)
    if match is None:
        raise UsageError(
            tr("--chart-size is a4, slide or WIDTHxHEIGHT in cm (16x9), got '{got}'", got=text)
        )
    per_cm = _PER_CM[match.group(3) or "cm"]
    width, height = float(match.group(1)) * per_cm, float(match.group(2)) * per_cm
    if not (4 <= width <= 100 and 3 <= height <= 100):
        raise UsageError(
            tr("--chart-size must be 4-100 cm wide and 3-100 cm high, got '{got}'", got=text)
        )
    return Size(width, height, across=width >= 1.6 * height, font=9.0, dpi=300)


def parse_panels(text: str | None) -> tuple[str, ...] | None:
    """`co2e,water` -> ('co2e', 'water') in the chart's order; None for the default."""
    if text is None:
        return None
    asked = [p.strip().lower() for p in text.split(",") if p.strip()]
    unknown = [p for p in asked if p not in PANELS]
    if unknown or not asked:
        raise UsageError(
            tr(
                "--chart-panels lists some of {panels}, got '{got}'",
                panels=", ".join(PANELS),
                got=text,
            )
        )
    return tuple(p for p in PANELS if p in asked)


MAX_BARS = 12  # items drawn one by one in the share panel; the rest are summed in one bar


def _matplotlib() -> Any:
    import logging
    import warnings

    # matplotlib's notices (a cache folder it cannot write, font searches) are not aicost's
    # to show: stderr carries aicost's own messages only.
    logging.getLogger("matplotlib").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module="matplotlib")
    try:
        import matplotlib
    except ImportError:
        raise UsageError(
            tr("--chart needs matplotlib: in the aicost checkout, pip install -e '.[chart]'")
        ) from None
    matplotlib.use("Agg")
    matplotlib.rcParams["text.parse_math"] = False  # a '$' in a label is a dollar sign
    matplotlib.rcParams["text.usetex"] = False
    return matplotlib


def footer(estimates: list[Estimate], factors: FactorTable, lang: str) -> str:
    """'Sources: O'Donnell & Crownhart 2025 (MIT Technology Review); …; computed with aicost
    0.1.0': the studies behind the figures, as a reader can look them up."""
    from aicost import __version__
    from aicost.render.table import sources_used

    cited = []
    ids = dict.fromkeys(s for e in estimates for s, _status in sources_used(e, lang=lang))
    for source_id in ids:
        source = factors.sources.get(source_id)
        if source is None or source_id == "aicost":
            continue
        where = source.publisher
        if len(where) > 30 or ";" in where:  # a long publisher: the title's first words
            # a sentence's end, not the dot inside a name ("The ML.ENERGY Benchmark")
            where = re.split(r"\.(?:\s|$)|[(:;]", source.title)[0].strip()
        cited.append(f"{source.short()}, {where}")
    return t(
        "chart_sources",
        lang,
        sources=(" ; " if lang == "fr" else "; ").join(cited),
        version=__version__,
    )


def write_chart(
    estimate: Estimate,
    factors: FactorTable,
    path: Path,
    lang: str = "en",
    *,
    size: Size | None = None,
    panels: tuple[str, ...] | None = None,
    uncertainty: Uncertainty | None = None,
) -> None:
    """Write the chart of one estimate to `path` (.svg or .png), labelled in `lang`."""
    _matplotlib()
    size = size or PRESETS["a4"]
    grids = estimate.grids
    if panels is None:
        panels = tuple(p for p in PANELS if p != "share" or len(estimate.items) > 1)
    if not grids:
        panels = tuple(p for p in panels if p == "share") or ("share",)
    wrap = 16 if size.across and len(panels) > 2 else 28
    labels_of = {
        "co2e": [label for label, _, _ in _rows(estimate, lang)],
        "water": [label for label, _, _ in _rows(estimate, lang)],
        "share": [r.item.named(lang) for r in estimate.items],
    }
    line_cm = size.font / 72 * 2.54 * 1.25
    rows_cm = {
        p: sum(max(0.55, _wrap(x, wrap).count("\n") * line_cm + line_cm * 1.3) for x in labels)
        for p, labels in labels_of.items()
    }
    title = t(
        "chart_title",
        lang,
        name=estimate.scenario.title(lang),
        energy=human(estimate.energy, "energy", lang),
    )
    font = size.font

    def draw(panel: str, ax: Any) -> None:
        if panel == "co2e":
            _co2e(ax, estimate, lang, uncertainty, font, wrap)
        elif panel == "water":
            _water(ax, estimate, lang, uncertainty, font, wrap, size.across)
        else:
            _share(ax, estimate, lang, font, wrap)

    _draw(size, panels, rows_cm, title, footer([estimate], factors, lang), path, draw)


def write_comparison(
    estimates: list[Estimate],
    factors: FactorTable,
    path: Path,
    lang: str = "en",
    *,
    size: Size | None = None,
    panels: tuple[str, ...] | None = None,
    uncertainties: list[Uncertainty] | None = None,
) -> None:
    """Several scenarios side by side: CO2e and water per scenario (a bar per grid), and the
    energy of each scenario in the `share` panel's place."""
    _matplotlib()
    size = size or PRESETS["a4"]
    panels = panels or PANELS
    grid_ids = list(dict.fromkeys(g.grid.id for e in estimates for g in e.grids))
    if not grid_ids:
        panels = ("share",)
    wrap = 16 if size.across and len(panels) > 2 else 28
    line_cm = size.font / 72 * 2.54 * 1.25
    names = [e.scenario.title(lang) for e in estimates]
    group_cm = sum(
        max(len(grid_ids) * 0.45, _wrap(n, wrap).count("\n") * line_cm + line_cm * 1.3) + 0.3
        for n in names
    )
    single_cm = sum(max(0.55, _wrap(n, wrap).count("\n") * line_cm + line_cm * 1.3) for n in names)
    rows_cm = {"co2e": group_cm, "water": group_cm, "share": single_cm}
    title = t("chart_compare_title", lang, count=str(len(estimates)))
    font = size.font

    def draw(panel: str, ax: Any) -> None:
        if panel == "share":
            _energies(ax, estimates, lang, font, wrap)
        else:
            _grouped(ax, panel, estimates, grid_ids, lang, uncertainties, font, wrap)

    _draw(size, panels, rows_cm, title, footer(estimates, factors, lang), path, draw)


def _draw(
    size: Size,
    panels: tuple[str, ...],
    rows_cm: dict[str, float],
    title: str,
    footer_text: str,
    path: Path,
    draw: Any,
) -> None:
    """The figure: its size and layout, the title, each panel by `draw(panel, axes)`, the
    footer; then written to `path`."""
    import matplotlib
    import matplotlib.pyplot as plt

    font = size.font
    if size.height_cm is None:  # stacked: each panel as high as its bars and labels need
        heights = [2.2 + rows_cm[p] for p in panels]
        height_cm = sum(heights) + 2.6
    else:
        heights = [rows_cm[p] + 1.5 for p in panels]
        height_cm = size.height_cm
    with matplotlib.rc_context(
        {
            "svg.fonttype": "none",  # text stays text in the SVG
            "svg.hashsalt": "aicost",  # the same chart gives the same file
            "font.size": font,
            "axes.titlesize": font * 1.1,
            "axes.labelsize": font,
            "xtick.labelsize": font * 0.9,
            "ytick.labelsize": font * 0.9,
        }
    ):
        if size.across:
            fig, axes = plt.subplots(
                1, len(panels), figsize=(size.width_cm * CM, height_cm * CM), squeeze=False
            )
        else:
            fig, axes = plt.subplots(
                len(panels),
                1,
                figsize=(size.width_cm * CM, height_cm * CM),
                squeeze=False,
                gridspec_kw={"height_ratios": heights},
            )
        fig.suptitle(visible(title), fontsize=font * 1.25, fontweight="bold", x=0.01, ha="left")
        for panel, ax in zip(panels, axes.flat, strict=True):
            draw(panel, ax)
        small = font * 0.75
        per_line = int(size.width_cm / 2.54 * 72 / (small * 0.55))  # characters per line
        text = _wrap(footer_text, per_line)
        fig.text(0.01, 0.01, text, fontsize=small, color="#555555", va="bottom")
        lines = text.count("\n") + 1
        height_in = height_cm * CM
        bottom = min(0.3, (lines * small * 1.35 / 72 + 0.05) / height_in + 0.01)
        top = 1 - (font * 1.25 * 1.2 / 72) / height_in
        fig.tight_layout(rect=(0, bottom, 1, top))
        import io

        from aicost.output import write_atomic

        buffer = io.BytesIO()
        try:  # drawn in memory, then written atomically (never half a chart)
            fig.savefig(
                buffer,
                format=path.suffix.lower().lstrip("."),
                dpi=size.dpi,
                metadata={"Date": None} if path.suffix == ".svg" else None,
            )
        finally:
            plt.close(fig)
        write_atomic(path, buffer.getvalue(), inputs=_INPUTS.get(str(path), ()))


GRID_COLOURS = ("#4d4d4d", "#b2182b", "#2166ac", "#1b7837", "#762a83", "#e08214")


def _grouped(
    ax: Any,
    panel: str,
    estimates: list[Estimate],
    grid_ids: list[str],
    lang: str,
    uncertainties: list[Uncertainty] | None,
    font: float,
    wrap: int,
) -> None:
    """CO2e or water of each scenario: a group of bars, one per grid, with a legend."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from aicost.units import Q

    kind, canonical = ("mass", "g") if panel == "co2e" else ("volume", "L")

    def figure(g: Any) -> Any:
        return g.co2e if panel == "co2e" else g.water

    everything = [figure(g) for e in estimates for g in e.grids]
    unit = scaled(max(everything), kind)[1]
    n = len(grid_ids)
    height = 0.8 / n
    centres = list(range(len(estimates)))[::-1]
    tops: list[float] = []
    for j, grid_id in enumerate(grid_ids):
        ys, values, labels, lows, highs = [], [], [], [], []
        for i, est in enumerate(estimates):
            found = next((g for g in est.grids if g.grid.id == grid_id), None)
            if found is None:
                continue
            ys.append(centres[i] + 0.4 - height * (j + 0.5))
            values.append(_value(figure(found), unit))
            labels.append(human(figure(found), kind, lang))
            if uncertainties is not None:
                spread = uncertainties[i].co2e_g if panel == "co2e" else uncertainties[i].water_l
                lows.append(_value(Q(spread[grid_id].p5, canonical), unit))
                highs.append(_value(Q(spread[grid_id].p95, canonical), unit))
        intervals = list(zip(lows, highs, strict=True)) if uncertainties is not None else None
        label = next(g.grid.label(lang) for e in estimates for g in e.grids if g.grid.id == grid_id)
        bars = ax.barh(
            ys, values, height=height * 0.9, color=GRID_COLOURS[j % len(GRID_COLOURS)],
            label=label, xerr=_errors(values, intervals), capsize=font / 3,
            error_kw={"ecolor": "#999999", "elinewidth": 0.8},
        )  # fmt: skip
        ax.bar_label(bars, labels=labels, padding=3, fontsize=font * 0.8)
        tops += [*values, *highs]
    ax.set_yticks(centres, labels=[_wrap(e.scenario.title(lang), wrap) for e in estimates])
    ax.spines[["top", "right"]].set_visible(False)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: plain(v, lang, decimals=2)))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
    ax.set_xlim(0, (max(tops) or 1.0) * 1.35)
    ax.set_title(t("chart_co2e" if panel == "co2e" else "chart_water", lang), loc="left")
    interval = f" — {t('chart_interval', lang)}" if uncertainties is not None else ""
    ax.set_xlabel((f"{unit} CO2e" if panel == "co2e" else unit) + interval)
    ax.legend(
        fontsize=font * 0.8, frameon=False, loc="lower right", ncols=min(n, 3),
        bbox_to_anchor=(1.0, 1.0),
    )  # fmt: skip


def _energies(ax: Any, estimates: list[Estimate], lang: str, font: float, wrap: int) -> None:
    """The energy of each scenario."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    unit = scaled(max(e.energy for e in estimates), "energy")[1]
    y = list(range(len(estimates)))[::-1]
    values = [magnitude_in(e.energy, unit) for e in estimates]
    bars = ax.barh(y, values, color=ITEM_COLOURS[0])
    ax.bar_label(
        bars, labels=[human(e.energy, "energy", lang) for e in estimates], padding=3,
        fontsize=font * 0.9,
    )  # fmt: skip
    ax.set_yticks(y, labels=[_wrap(e.scenario.title(lang), wrap) for e in estimates])
    ax.spines[["top", "right"]].set_visible(False)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: plain(v, lang, decimals=2)))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
    ax.set_xlim(0, (max(values) or 1.0) * 1.35)
    ax.set_xlabel(unit)
    ax.set_title(t("chart_energy", lang), loc="left")


_UNIT_OF = {"kt": "kilotonne", "Mt": "megatonne", "m³": "m**3"}


def _value(q: object, symbol: str) -> float:
    return magnitude_in(q, _UNIT_OF.get(symbol, symbol))


AS_RUN_COLOUR = "#e6550d"  # the as-run row: where the items really run


def _rows(estimate: Estimate, lang: str) -> list[tuple[str, Any, str | None]]:
    """(label, figures, grid id) of each bar: the grids of the what-if table and, first,
    when the items run elsewhere or on several grids, the as-run row (grid id None)."""
    rows: list[tuple[str, Any, str | None]] = [
        (g.grid.label(lang), g, g.grid.id) for g in estimate.grids
    ]
    if estimate.located and estimate.as_run is not None:
        where = ", ".join(g.id for g in estimate.as_run_grids)
        rows.insert(0, (f"{t('chart_as_run', lang)} ({where})", estimate.as_run, None))
    return rows


def _grid_axes(ax: Any, estimate: Estimate, lang: str, wrap: int) -> list[int]:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    rows = _rows(estimate, lang)
    y = list(range(len(rows)))[::-1]
    ax.set_yticks(y, labels=[_wrap(label, wrap) for label, _, _ in rows])
    ax.spines[["top", "right"]].set_visible(False)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: plain(v, lang, decimals=2)))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
    return y


def _errors(
    values: list[float], intervals: list[tuple[float, float]] | None
) -> list[list[float]] | None:
    if intervals is None:
        return None
    return [
        [max(0.0, v - low) for v, (low, _) in zip(values, intervals, strict=True)],
        [max(0.0, high - v) for v, (_, high) in zip(values, intervals, strict=True)],
    ]


def _co2e(
    ax: Any, estimate: Estimate, lang: str, u: Uncertainty | None, font: float, wrap: int
) -> None:
    from aicost.units import Q

    grids = [fp for _, fp, _ in _rows(estimate, lang)]
    keys = [key for _, _, key in _rows(estimate, lang)]
    unit = scaled(max(g.co2e for g in grids), "mass")[1]
    y = _grid_axes(ax, estimate, lang, wrap)
    values = [_value(g.co2e, unit) for g in grids]
    intervals = None
    if u is not None:
        found = [u.co2e_g[k] if k is not None else u.as_run_co2e_g for k in keys]
        intervals = [
            (_value(Q(i.p5, "g"), unit), _value(Q(i.p95, "g"), unit)) if i else (v, v)
            for i, v in zip(found, values, strict=True)
        ]
    colours = [CO2E_COLOUR if k is not None else AS_RUN_COLOUR for k in keys]
    bars = ax.barh(
        y, values, color=colours, xerr=_errors(values, intervals), capsize=font / 3,
        error_kw={"ecolor": "#b2182b", "elinewidth": 0.8},
    )  # fmt: skip
    ax.bar_label(
        bars,
        labels=[human(g.co2e, "mass", lang) for g in grids],
        padding=3,
        fontsize=font * 0.9,
    )
    ax.set_title(t("chart_co2e", lang), loc="left")
    ax.set_xlabel(f"{unit} CO2e" + (f" — {t('chart_interval', lang)}" if u else ""))
    _room(ax, values, intervals)


def _water(
    ax: Any,
    estimate: Estimate,
    lang: str,
    u: Uncertainty | None,
    font: float,
    wrap: int,
    across: bool = False,
) -> None:
    from aicost.units import Q

    grids = [fp for _, fp, _ in _rows(estimate, lang)]
    keys = [key for _, _, key in _rows(estimate, lang)]
    unit = scaled(max(g.water for g in grids), "volume")[1]
    y = _grid_axes(ax, estimate, lang, wrap)
    onsite = [_value(g.water_onsite, unit) for g in grids]
    offsite = [_value(g.water_offsite, unit) for g in grids]
    totals = [a + b for a, b in zip(onsite, offsite, strict=True)]
    intervals = None
    if u is not None:
        found = [u.water_l[k] if k is not None else u.as_run_water_l for k in keys]
        intervals = [
            (_value(Q(i.p5, "L"), unit), _value(Q(i.p95, "L"), unit)) if i else (v, v)
            for i, v in zip(found, totals, strict=True)
        ]
    ax.barh(y, onsite, color=ONSITE_COLOUR, label=t("chart_onsite", lang))
    bars = ax.barh(
        y, offsite, left=onsite, color=OFFSITE_COLOUR, label=t("chart_offsite", lang),
        xerr=_errors(totals, intervals), capsize=font / 3,
        error_kw={"ecolor": "#b2182b", "elinewidth": 0.8},
    )  # fmt: skip
    ax.bar_label(
        bars,
        labels=[human(g.water, "volume", lang) for g in grids],
        padding=3,
        fontsize=font * 0.9,
    )
    ax.set_title(t("chart_water", lang), loc="left")
    ax.set_xlabel(unit + (f" — {t('chart_interval', lang)}" if u else ""))
    if any(v > 0 for v in onsite):  # clear of the bars: under the axis label, or top right
        if across:
            ax.legend(
                fontsize=font * 0.8, frameon=False, loc="upper center",
                bbox_to_anchor=(0.5, -0.22),
            )  # fmt: skip
        else:
            ax.legend(
                fontsize=font * 0.8, frameon=False, loc="lower right", ncols=2,
                bbox_to_anchor=(1.0, 1.0),
            )  # fmt: skip
    _room(ax, totals, intervals)


def _room(ax: Any, values: list[float], intervals: list[tuple[float, float]] | None) -> None:
    """Room on the right for the value labels (and the error bars)."""
    top = max([*values, *(high for _, high in intervals or [])], default=1.0) or 1.0
    ax.set_xlim(0, top * 1.35)


def _share(ax: Any, estimate: Estimate, lang: str, font: float, wrap: int) -> None:
    from matplotlib.ticker import FuncFormatter

    total = magnitude_in(estimate.energy_once, "J")
    shares = [magnitude_in(r.energy, "J") / total * 100 if total else 0.0 for r in estimate.items]
    labels = [r.item.named(lang) for r in estimate.items]
    if len(labels) > MAX_BARS:  # the largest items, then the others summed in one bar
        order = sorted(range(len(labels)), key=lambda i: -shares[i])
        kept, rest = order[: MAX_BARS - 1], order[MAX_BARS - 1 :]
        labels = [labels[i] for i in kept] + [t("chart_others", lang, count=str(len(rest)))]
        shares = [shares[i] for i in kept] + [sum(shares[i] for i in rest)]
    colours = [ITEM_COLOURS[i % len(ITEM_COLOURS)] for i in range(len(labels))]
    y = list(range(len(labels)))[::-1]
    bars = ax.barh(y, shares, color=colours)
    ax.set_yticks(y, labels=[_wrap(label, wrap) for label in labels])
    ax.bar_label(
        bars, labels=[number(s, lang, digits=2) + " %" for s in shares], padding=2,
        fontsize=font * 0.9,
    )  # fmt: skip
    ax.set_xlim(0, 118)
    ax.set_xlabel("%")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: plain(v, lang, decimals=0)))
    ax.set_title(t("chart_share", lang), loc="left")
    ax.spines[["top", "right"]].set_visible(False)


def _wrap(text: str, width: int = 22) -> str:
    """A label on lines of `width`, its control characters shown escaped."""
    import textwrap

    text = visible(text)
    return "\n".join(textwrap.wrap(text, width)) or text


def write_choices(
    alternatives: list[Alternative],
    factors: FactorTable,
    path: Path,
    lang: str = "en",
    *,
    size: Size | None = None,
) -> None:
    """The choices of `aicost compare` side by side: energy, CO2e and water as run, a bar per
    choice (its 90 % interval as an error bar under --uncertainty)."""
    from aicost.render.compare import intervals, totals
    from aicost.units import Q

    _matplotlib()
    size = size or PRESETS["a4"]
    panels = ("energy", "co2e", "water")
    wrap = 16 if size.across else 28
    line_cm = size.font / 72 * 2.54 * 1.25
    names = [a.scenario.title(lang) for a in alternatives]
    rows = sum(max(0.55, _wrap(n, wrap).count("\n") * line_cm + line_cm * 1.3) for n in names)
    font = size.font
    kinds = {"energy": ("energy", "Wh", ITEM_COLOURS[0]), "co2e": ("mass", "g", CO2E_COLOUR)}
    kinds["water"] = ("volume", "L", OFFSITE_COLOUR)

    def draw(panel: str, ax: Any) -> None:
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        kind, canonical, colour = kinds[panel]
        figures = [totals(a)[panel] for a in alternatives]
        unit = scaled(max(figures), kind)[1]
        values = [_value(q, unit) for q in figures]
        spans = [intervals(a)[panel] for a in alternatives]
        bounds = None
        if all(s is not None for s in spans):
            bounds = [
                (_value(Q(s.p5, canonical), unit), _value(Q(s.p95, canonical), unit))
                for s in spans
                if s is not None
            ]
        y = list(range(len(alternatives)))[::-1]
        bars = ax.barh(
            y, values, color=colour, xerr=_errors(values, bounds), capsize=font / 3,
            error_kw={"ecolor": "#b2182b", "elinewidth": 0.8},
        )  # fmt: skip
        ax.bar_label(
            bars, labels=[human(q, kind, lang) for q in figures], padding=3, fontsize=font * 0.9
        )
        ax.set_yticks(y, labels=[_wrap(n, wrap) for n in names])
        ax.spines[["top", "right"]].set_visible(False)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: plain(v, lang, decimals=2)))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
        ax.set_title(t(f"chart_choices_{panel}", lang), loc="left")
        ax.set_xlabel(f"{unit} CO2e" if panel == "co2e" else unit)
        _room(ax, values, bounds)

    title = t("chart_choices_title", lang)
    estimates = [a.estimate for a in alternatives]
    rows_cm = dict.fromkeys(panels, rows)
    _draw(size, panels, rows_cm, title, footer(estimates, factors, lang), path, draw)


# The input files of the chart being written (by its path), set by the command line: a chart
# never goes over one of them.
_INPUTS: dict[str, tuple[Path, ...]] = {}

"""Views of the factor table: a summary, one section as a table, one entry with its source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aicost.i18n import t
from aicost.render.fmt import human, number, plain

if TYPE_CHECKING:
    from rich.console import RenderableType

    from aicost.factors import Equivalence, FactorTable, Grid, Source, Task


def _id_column(out: object, ids: list[str]) -> None:
    """An id column that is never cut: ids are what users type."""
    out.add_column("Id", no_wrap=True, min_width=max((len(i) for i in ids), default=2))  # type: ignore[attr-defined]


def _energy(task: Task) -> str:
    text = human(task.energy, "energy")
    if task.low is not None and task.high is not None:
        text += f" ({human(task.low, 'energy')}–{human(task.high, 'energy')})"
    if task.sd is not None:
        text += f" ± {human(task.sd, 'energy-as-given')}"
    return text


def summary(table: FactorTable) -> RenderableType:
    from rich.table import Table

    out = Table(title=f"Factor table: {table.path}", title_justify="left")
    out.add_column("Section")
    out.add_column("Entries", justify="right")
    out.add_column("Show with")
    for section, count in (
        ("tasks", len(table.tasks)),
        ("sites", len(table.sites)),
        ("grids", len(table.grids)),
        ("equivalences", len(table.equivalences)),
        ("sources", len(table.sources)),
    ):
        out.add_row(section, str(count), f"aicost factors {section}")
    return out


def grids_table(grids: list[Grid]) -> RenderableType:
    from rich.table import Table

    out = Table()
    _id_column(out, [g.id for g in grids])
    for name, justify in (
        ("Name", "left"),
        ("Nom", "left"),
        ("Aliases", "left"),
        ("g CO2e/kWh", "right"),
        ("Year", "right"),
        ("Water L/kWh", "right"),
    ):
        out.add_column(name, justify=justify)  # type: ignore[arg-type]
    for g in grids:
        out.add_row(
            g.id,
            g.en,
            g.fr,
            ", ".join(g.aliases),
            number(g.carbon_intensity.to("g/kWh").magnitude),
            str(g.year or ""),
            number(g.water.to("L/kWh").magnitude) + (" *" if g.water_fallback else ""),
        )
    if any(g.water_fallback for g in grids):
        out.caption = "* water: world average (the zone has no figure of its own)"
    return out


def per_text(equivalence: Equivalence, lang: str = "en") -> str:
    """'800 W', '290 Wh/mi', '4.6 t': the value of one unit as written in the table."""
    value = equivalence.value
    magnitude = plain(float(value.magnitude), lang, decimals=5)
    space = "\u00a0" if lang == "fr" else " "
    return f"{magnitude}{space}{value.units:~P}"


DIMENSION_WORDS = {"energy": "energy", "co2e": "co2e", "water": "water"}


def equivalences_table(table: FactorTable, lang: str = "en") -> RenderableType:
    from rich.table import Table

    out = Table()
    _id_column(out, list(table.equivalences))
    for key in ("eq_words", "eq_per", "eq_applies", "source", "status"):
        out.add_column(t(key, lang))
    for e in table.equivalences.values():
        out.add_row(
            e.id,
            e.label(lang),
            per_text(e, lang),
            t(DIMENSION_WORDS[e.dimension], lang),
            e.source,
            e.status,
        )
    return out


def section_table(table: FactorTable, section: str, lang: str = "en") -> RenderableType:
    from rich.table import Table

    if section == "grids":
        return grids_table(list(table.grids.values()))
    if section == "equivalences":
        return equivalences_table(table, lang)
    out = Table()
    if section == "tasks":
        _id_column(out, list(table.tasks))
        for col in ("Label", "Energy per generation", "Boundary", "Source", "Status", "Aliases"):
            out.add_column(col)
        for task in table.tasks.values():
            boundary = task.boundary + (f" (PUE {task.pue:g})" if task.pue else "")
            out.add_row(
                task.id,
                task.en,
                _energy(task),
                boundary,
                task.source,
                task.status,
                ", ".join(task.aliases),
            )
    elif section == "sites":
        _id_column(out, list(table.sites))
        for col in ("Label", "PUE", "On-site water", "Source", "Status", "Aliases"):
            out.add_column(col)
        for site in table.sites.values():
            out.add_row(
                site.id,
                site.en,
                "as reported" if site.as_reported else f"{site.pue:g}",
                "–" if site.wue is None else f"{site.wue.to('L/kWh').magnitude:g} L/kWh",
                site.source,
                site.status,
                ", ".join(site.aliases),
            )
    else:
        _id_column(out, list(table.sources))
        out.add_column("Citation")
        for source in table.sources.values():
            out.add_row(source.id, source.citation())
    return out


def _source_lines(source: Source) -> list[str]:
    lines = [f"  {source.citation()}"]
    if source.note:
        lines.append(f"  {source.note}")
    return lines


def entry_renderable(
    table: FactorTable, section: str, name: str, lang: str = "en"
) -> RenderableType:
    from rich.text import Text

    lines: list[str] = []
    sources: list[str] = []
    if section == "tasks":
        task = table.task(name)
        lines += [
            f"{task.id} — {task.en}",
            f"  fr: {task.fr}",
            f"  energy per generation: {human(task.energy, 'energy-as-given')}"
            + (
                f" (low {human(task.low, 'energy-as-given')},"
                f" high {human(task.high, 'energy-as-given')})"
                if task.low is not None and task.high is not None
                else ""
            )
            + (f" ± {human(task.sd, 'energy-as-given')} (one sd)" if task.sd is not None else ""),
            f"  boundary: {task.boundary}"
            + (f", includes PUE {task.pue:g} ({task.pue_status})" if task.pue else ""),
            f"  status: {task.status}",
        ]
        if task.aliases:
            lines.append(f"  aliases: {', '.join(task.aliases)}")
        note, sources = task.note, [task.source]
    elif section == "sites":
        site = table.site(name)
        lines += [f"{site.id} — {site.en}", f"  fr: {site.fr}"]
        if site.as_reported:
            lines.append(
                "  converts nothing: each figure counts at the boundary its source reported"
            )
        else:
            lines.append(f"  PUE: {site.pue:g} ({site.pue_status})")
            lines.append(f"  on-site water (WUE): {site.wue:~P} per kWh of IT energy")
        lines.append(f"  status: {site.status}")
        note, sources = site.note, [site.source]
    elif section == "grids":
        grid = table.grid(name)
        lines += [
            f"{grid.id} — {grid.en}",
            f"  fr: {grid.fr}",
            f"  carbon intensity: {grid.carbon_intensity:~P}"
            + (f" ({grid.year})" if grid.year else ""),
            f"  off-site water: {grid.water:~P}"
            + (" — world average, no figure of its own" if grid.water_fallback else ""),
            f"  status: {grid.status}",
        ]
        if grid.aliases:
            lines.append(f"  aliases: {', '.join(grid.aliases)}")
        note, sources = grid.note, list(dict.fromkeys([grid.source, grid.water_source]))
    elif section == "equivalences":
        e = table.equivalence(name)
        lines += [
            f"{e.id} — {e.label(lang)}",
            f"  en: {e.en}",
            f"  fr: {e.fr}",
            f"  {t('eq_per', lang).lower()}: {per_text(e, lang)} ({e.kind})",
            f"  {t('eq_applies', lang).lower()}: {t(DIMENSION_WORDS[e.dimension], lang)}",
            f"  status: {e.status}" + (f" — {e.derived}" if e.derived else ""),
        ]
        note, sources = e.note, [e.source]
    else:
        from aicost.errors import UsageError

        if name not in table.sources:
            from aicost.errors import did_you_mean

            raise UsageError(f"unknown source '{name}'{did_you_mean(name, list(table.sources))}")
        note, sources = None, [name]
        lines.append(name)
    if note:
        lines.append(f"  note: {note}")
    for sid in sources:
        lines.append(f"source {sid}:")
        lines += _source_lines(table.sources[sid])
    return Text("\n".join(lines))

"""Views of the factor table: a summary, one section as a table, one entry with its source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aicost.i18n import status_word, t, tr
from aicost.render.fmt import human, number, plain
from aicost.text import visible
from aicost.units import magnitude_in

if TYPE_CHECKING:
    from rich.console import RenderableType

    from aicost.factors import Equivalence, FactorTable, Grid, Labelled, Source, Task
    from aicost.units import Quantity


def _id_column(out: object, ids: list[str]) -> None:
    """An id column that is never cut: ids are what users type."""
    out.add_column("Id", no_wrap=True, min_width=max((len(i) for i in ids), default=2))  # type: ignore[attr-defined]


def boundary(word: str, lang: str = "en") -> str:
    return t(f"boundary_{word}", lang)


def _space(lang: str) -> str:
    return "\u00a0" if lang == "fr" else " "


def _as_stored(quantity: Quantity, unit: str, lang: str) -> str:
    """A factor's value in `unit`, as the table stores it (up to 5 decimals): '44.18 g/kWh'."""
    return f"{plain(magnitude_in(quantity, unit), lang, decimals=5)}{_space(lang)}{unit}"


def _energy(task: Task, lang: str) -> str:
    text = human(task.energy, "energy", lang)
    if task.low is not None and task.high is not None:
        text += f" ({human(task.low, 'energy', lang)}–{human(task.high, 'energy', lang)})"
    if task.sd is not None:
        text += f" ± {human(task.sd, 'energy-as-given', lang)}"
    return text


def summary(table: FactorTable, lang: str = "en") -> RenderableType:
    from rich.table import Table

    out = Table(title=t("factor_table", lang, path=table.path), title_justify="left")
    out.add_column(t("section", lang))
    out.add_column(t("entries", lang), justify="right")
    out.add_column(t("show_with", lang))
    for section, count in (
        ("tasks", len(table.tasks)),
        ("sites", len(table.sites)),
        ("grids", len(table.grids)),
        ("equivalences", len(table.equivalences)),
        ("sources", len(table.sources)),
    ):
        out.add_row(t(f"section_{section}", lang), str(count), f"aicost factors {section}")
    return out


def _dates(entry: Labelled) -> tuple[str, str]:
    return entry.as_of or "–", entry.checked or "–"


def _dates_cell(entry: Labelled) -> str:
    """The period on one line, the day checked under it: one narrow column for both."""
    return "\n".join(_dates(entry))


def grids_table(grids: list[Grid], lang: str = "en", *, dates: bool = False) -> RenderableType:
    """The zones; with `dates`, each figure's as_of and checked too (`aicost factors grids`)."""
    from rich.table import Table

    out = Table()
    _id_column(out, [g.id for g in grids])
    first, second = ("name_fr", "name_en") if lang == "fr" else ("name_en", "name_fr")
    for key, justify in (
        (first, "left"),
        (second, "left"),
        ("aliases", "left"),
        (None, "right"),
        ("year", "right"),
        ("water_per_kwh", "right"),
    ):
        out.add_column("g CO2e/kWh" if key is None else t(key, lang), justify=justify)  # type: ignore[arg-type]
    if dates:
        _date_columns(out, lang)
    for g in grids:
        names = (g.fr, g.en) if lang == "fr" else (g.en, g.fr)
        out.add_row(
            g.id,
            *names,
            ", ".join(g.aliases),
            number(magnitude_in(g.carbon_intensity, "g/kWh"), lang),
            str(g.year or ""),
            number(magnitude_in(g.water, "L/kWh"), lang) + (" *" if g.water_fallback else ""),
            *((_dates_cell(g),) if dates else ()),
        )
    if any(g.water_fallback for g in grids):
        out.caption = t("fallback", lang)
    return out


def per_text(equivalence: Equivalence, lang: str = "en") -> str:
    """'800 W', '290 Wh/mi', '4.6 t': the value of one unit as written in the table."""
    value = equivalence.value
    magnitude = plain(float(value.magnitude), lang, decimals=5)
    return f"{magnitude}{_space(lang)}{value.units:~P}"


DIMENSION_WORDS = {"energy": "energy", "co2e": "co2e", "water": "water"}


def _date_columns(out: object, lang: str) -> None:
    out.add_column(t("as_of_checked", lang), no_wrap=True)  # type: ignore[attr-defined]


def equivalences_table(table: FactorTable, lang: str = "en") -> RenderableType:
    from rich.table import Table

    out = Table()
    _id_column(out, list(table.equivalences))
    for key in ("eq_words", "eq_per", "eq_applies", "source", "status"):
        out.add_column(t(key, lang))
    _date_columns(out, lang)
    for e in table.equivalences.values():
        out.add_row(
            e.id,
            e.label(lang),
            per_text(e, lang),
            t(DIMENSION_WORDS[e.dimension], lang),
            e.source,
            status_word(e.status, lang),
            _dates_cell(e),
        )
    return out


def section_table(table: FactorTable, section: str, lang: str = "en") -> RenderableType:
    from rich.table import Table

    if section == "grids":
        return grids_table(list(table.grids.values()), lang, dates=True)
    if section == "equivalences":
        return equivalences_table(table, lang)
    out = Table()
    if section == "tasks":
        _id_column(out, list(table.tasks))
        for key in ("label", "energy_per_generation", "boundary", "source", "status", "aliases"):
            out.add_column(t(key, lang))
        _date_columns(out, lang)
        for task in table.tasks.values():
            where = boundary(task.boundary, lang)
            if task.pue:
                where += f" (PUE {number(task.pue, lang)})"
            out.add_row(
                task.id,
                task.label(lang),
                _energy(task, lang),
                where,
                task.source,
                status_word(task.status, lang),
                ", ".join(task.aliases),
                _dates_cell(task),
            )
    elif section == "sites":
        _id_column(out, list(table.sites))
        for header in ("label", "PUE", "onsite_water", "source", "status", "aliases"):
            out.add_column(header if header == "PUE" else t(header, lang))
        _date_columns(out, lang)
        for site in table.sites.values():
            out.add_row(
                site.id,
                site.label(lang),
                t("as_reported", lang) if site.as_reported else number(site.pue or 1, lang),
                "–" if site.wue is None else _as_stored(site.wue, "L/kWh", lang),
                site.source,
                status_word(site.status, lang),
                ", ".join(site.aliases),
                _dates_cell(site),
            )
    else:
        _id_column(out, list(table.sources))
        out.add_column(t("citation", lang))
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
    """One entry with its figures, status, note and full source. Labels and figures follow
    `lang`; notes and citations stay in the language of the factor table (English)."""
    from rich.text import Text

    def field(key: str, value: str) -> str:
        return "  " + t("field", lang, name=t(key, lang), value=value)

    def given(quantity: Quantity) -> str:
        return human(quantity, "energy-as-given", lang)

    lines: list[str] = []
    sources: list[str] = []
    entry: Labelled | None = None
    if section == "tasks":
        task = entry = table.task(name)
        energy = given(task.energy)
        if task.low is not None and task.high is not None:
            energy += f" ({t('low_high', lang, low=given(task.low), high=given(task.high))})"
        if task.sd is not None:
            energy += f" ± {given(task.sd)} ({t('one_sd', lang)})"
        where = boundary(task.boundary, lang)
        if task.boundary_status not in (None, task.status):
            where += f" ({status_word(task.boundary_status, lang)})"
        if task.pue:
            pue_status = status_word(task.pue_status or task.status, lang)
            where += ", " + t("includes_pue", lang, pue=number(task.pue, lang), status=pue_status)
        lines += [
            f"{task.id} — {task.label(lang)}",
            f"  en: {task.en}",
            f"  fr: {task.fr}",
            field("energy_word", energy),
            field("boundary_word", where),
            field("status_word", status_word(task.status, lang)),
        ]
        if task.aliases:
            lines.append(field("aliases_word", ", ".join(task.aliases)))
        if task.id.startswith(("image.", "video.")):  # issue 13: the method beside the figure
            from aicost.render.media import beside_task

            lines += beside_task(table, task.id, lang)
        note, sources = task.note, [task.source]
    elif section == "sites":
        site = entry = table.site(name)
        lines += [f"{site.id} — {site.label(lang)}", f"  en: {site.en}", f"  fr: {site.fr}"]
        if site.as_reported:
            lines.append("  " + t("converts_nothing", lang))
        else:
            pue_status = status_word(site.pue_status or site.status, lang)
            pue = number(site.pue or 1, lang)
            if site.pue_low is not None and site.pue_high is not None:  # the source's range
                low, mid, high = (
                    plain(v, lang, decimals=3) for v in (site.pue_low, site.pue or 1, site.pue_high)
                )
                pue = f"{mid} ({t('low_high', lang, low=low, high=high)})"
            lines.append("  " + t("pue_line", lang, pue=pue, status=pue_status))
            wue = _as_stored(site.wue, "L/kWh", lang) if site.wue is not None else "–"
            if site.wue_low is not None and site.wue_high is not None:
                low, high = (_as_stored(v, "L/kWh", lang) for v in (site.wue_low, site.wue_high))
                wue += f" ({t('low_high', lang, low=low, high=high)})"
            lines.append("  " + t("wue_line", lang, wue=wue))
        lines.append(field("status_word", status_word(site.status, lang)))
        note, sources = site.note, [site.source]
    elif section == "grids":
        grid = entry = table.grid(name)
        carbon = _as_stored(grid.carbon_intensity, "g/kWh", lang)
        water = _as_stored(grid.water, "L/kWh", lang)
        if grid.water_fallback:
            water += " — " + t("world_average", lang)
        lines += [
            f"{grid.id} — {grid.label(lang)}",
            f"  en: {grid.en}",
            f"  fr: {grid.fr}",
            "  " + t("carbon_line", lang, value=carbon + (f" ({grid.year})" if grid.year else "")),
            "  " + t("offsite_line", lang, value=water),
            field("status_word", status_word(grid.status, lang)),
        ]
        if grid.aliases:
            lines.append(field("aliases_word", ", ".join(grid.aliases)))
        note, sources = grid.note, list(dict.fromkeys([grid.source, grid.water_source]))
    elif section == "equivalences":
        e = entry = table.equivalence(name)
        state = status_word(e.status, lang) + (f" — {e.derived}" if e.derived else "")
        lines += [
            f"{e.id} — {e.label(lang)}",
            f"  en: {e.en}",
            f"  fr: {e.fr}",
            field("eq_per", f"{per_text(e, lang)} ({t('kind_' + e.kind, lang)})"),
            field("eq_applies", t(DIMENSION_WORDS[e.dimension], lang)),
            field("status_word", state),
        ]
        note, sources = e.note, [e.source]
    else:
        from aicost.errors import UsageError

        if name not in table.sources:
            from aicost.errors import did_you_mean

            raise UsageError(
                tr(
                    "unknown source '{name}'{suggestion}; `aicost factors sources` lists them",
                    name=name,
                    suggestion=did_you_mean(name, list(table.sources)),
                )
            )
        note, sources = None, [name]
        lines.append(name)
    if entry is not None:
        as_of, checked = _dates(entry)
        lines.append("  " + t("dates_line", lang, as_of=as_of, checked=checked))
    if note:
        lines.append(field("note_word", note))
    for sid in sources:
        lines.append(t("source_of", lang, id=sid))
        lines += _source_lines(table.sources[sid])
    return Text(visible("\n".join(lines)))

"""`aicost factors diff`: what changed between two factor tables, and what moves with it,
as a table, Markdown or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aicost.i18n import MESSAGES, t
from aicost.render.fmt import human, number, plain
from aicost.text import md_cell, md_row
from aicost.units import magnitude_in

if TYPE_CHECKING:
    from rich.console import RenderableType

    from aicost.factordiff import EntryChange, Move
    from aicost.units import Quantity

# A moved figure in a fixed unit (JSON), by what it measures.
CANONICAL = {
    "[mass] * [length] ** 2 / [time] ** 2": "Wh",
    "[mass]": "g",
    "[length] ** 3": "L",
    "[time]": "s",
    "[length]": "km",
    "dimensionless": "",
}
_HUMAN = {"Wh": "energy", "g": "mass", "L": "volume"}


def canonical_unit(quantity: Quantity) -> str:
    return CANONICAL.get(str(quantity.dimensionality), str(quantity.units))


def shown(quantity: Quantity, lang: str = "en") -> str:
    """'2.87 kWh', '1.10 kg', '5.1 km', '3.6 h', '41,465' as people read them."""
    unit = canonical_unit(quantity)
    space = "\u00a0" if lang == "fr" else " "
    if unit in _HUMAN:
        return human(quantity, _HUMAN[unit], lang)
    if unit == "s":
        seconds = magnitude_in(quantity, "s")
        value, symbol = (
            (seconds, "s")
            if seconds < 120
            else (seconds / 60, "min")
            if seconds < 7200
            else (seconds / 3600, "h")
        )
        return f"{number(value, lang)}{space}{symbol}"
    if unit == "":
        return number(magnitude_in(quantity, "dimensionless"), lang)
    return f"{number(magnitude_in(quantity, unit), lang)}{space}{unit}"


def _ratio(value: float | None, lang: str) -> str:
    return "–" if value is None else "×" + plain(value, lang, decimals=4)


def _section(name: str, lang: str) -> str:
    key = f"section_{name}"
    return t(key, lang) if key in MESSAGES else name


LONG = 60  # a text longer than this is shown by the words that changed, with a little context
CONTEXT = 3  # words kept on each side of a change
MOST = 120  # characters shown at most for one side


def changed_words(old: str, new: str) -> tuple[str, str]:
    """The part of two long texts that differs, word by word, with a few words of context and
    '…' where text is left out: the full texts are in --format json."""
    a, b = old.split(), new.split()
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1

    def side(words: list[str]) -> str:
        first = max(0, start - CONTEXT)
        last = len(words) - max(0, end - CONTEXT)
        text = " ".join(words[first:last])
        cut = len(text) > MOST
        if cut:
            text = text[: MOST - 1].rstrip()
        return ("… " if first > 0 else "") + text + (" …" if cut or last < len(words) else "")

    return side(a), side(b)


def _field_rows(change: EntryChange, lang: str) -> list[tuple[str, str, str, str]]:
    """(field, old, new, ratio) per changed field; one row for an added or removed entry."""
    if not change.fields:
        return [("", "", "", "")]
    rows = []
    for f in change.fields:
        old, new = f.old or "–", f.new or "–"
        if f.old and f.new and max(len(f.old), len(f.new)) > LONG:
            old, new = changed_words(f.old, f.new)
        elif len(new) > LONG:  # a long text added (or removed): its opening
            new = new[: MOST - 1].rstrip() + " …" if len(new) > MOST else new
        elif len(old) > LONG:
            old = old[: MOST - 1].rstrip() + " …" if len(old) > MOST else old
        rows.append((f.field, old, new, _ratio(f.ratio, lang)))
    return rows


def _verdict(move: Move, lang: str) -> str:
    from aicost.render.claims import verdict_word

    if move.old_status is None or move.new_status is None:
        return ""
    old, new = verdict_word(move.old_status, lang), verdict_word(move.new_status, lang)
    return old if old == new else f"{old} → {new}"


def tables(
    changes: list[EntryChange],
    scenarios: list[tuple[str, list[Move]]],
    claims: list[tuple[str, list[Move]]],
    old: str,
    new: str,
    lang: str = "en",
) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    out: list[RenderableType] = []
    entries = Table(title=t("diff_title", lang, old=old, new=new), title_justify="left")
    for key in ("section", "id_word", "diff_change", "diff_field", "diff_old", "diff_new"):
        entries.add_column(t(key, lang), overflow="fold")
    entries.add_column(t("diff_ratio", lang), justify="right", no_wrap=True)
    for change in changes:
        for n, (field, before, after, ratio) in enumerate(_field_rows(change, lang)):
            first = n == 0
            entries.add_row(
                _section(change.section, lang) if first else "",
                change.id if first else "",
                t(f"diff_{change.kind}", lang) if first else "",
                field,
                before,
                after,
                ratio,
            )
    out.append(entries if changes else Text(t("diff_no_change", lang, old=old, new=new)))
    for path, moves in scenarios:
        title = t("diff_moves", lang, subject=path)
        if not moves:
            out.append(Text(title + " " + t("diff_nothing_moves", lang)))
            continue
        table = Table(title=title, title_justify="left")
        table.add_column(t("figure", lang), overflow="fold")
        for key in ("diff_old", "diff_new", "diff_ratio"):
            table.add_column(t(key, lang), justify="right", no_wrap=True)
        for m in moves:
            table.add_row(m.figure, shown(m.old, lang), shown(m.new, lang), _ratio(m.ratio, lang))
        out.append(table)
    for path, moves in claims:
        title = t("diff_moves", lang, subject=path)
        if not moves:
            out.append(Text(title + " " + t("diff_nothing_moves", lang)))
            continue
        table = Table(title=title, title_justify="left")
        table.add_column(t("claim", lang), no_wrap=True)
        table.add_column(t("figure", lang), overflow="fold")
        for key in ("diff_old", "diff_new", "diff_ratio"):
            table.add_column(t(key, lang), justify="right", no_wrap=True)
        table.add_column(t("verdict", lang))
        for m in moves:
            table.add_row(
                m.subject,
                m.figure,
                shown(m.old, lang),
                shown(m.new, lang),
                _ratio(m.ratio, lang),
                _verdict(m, lang),
            )
        out.append(table)
    return out


def markdown_text(
    changes: list[EntryChange],
    scenarios: list[tuple[str, list[Move]]],
    claims: list[tuple[str, list[Move]]],
    old: str,
    new: str,
    lang: str = "en",
) -> str:
    lines = [f"### {md_cell(t('diff_title', lang, old=old, new=new))}", ""]
    if changes:
        keys = ("section", "id_word", "diff_change", "diff_field", "diff_old", "diff_new")
        lines.append(md_row([t(k, lang) for k in keys] + [t("diff_ratio", lang)]))
        lines.append("|---|---|---|---|---|---|--:|")
        for change in changes:
            for n, (field, before, after, ratio) in enumerate(_field_rows(change, lang)):
                first = n == 0
                lines.append(
                    md_row(
                        [
                            _section(change.section, lang) if first else "",
                            f"`{change.id}`" if first else "",
                            t(f"diff_{change.kind}", lang) if first else "",
                            field,
                            before,
                            after,
                            ratio,
                        ]
                    )
                )
    else:
        lines.append(t("diff_no_change", lang, old=old, new=new))
    for path, moves in scenarios:
        lines += ["", f"### {md_cell(t('diff_moves', lang, subject=path))}", ""]
        if not moves:
            lines.append(t("diff_nothing_moves", lang))
            continue
        lines.append(md_row([t(k, lang) for k in ("figure", "diff_old", "diff_new", "diff_ratio")]))
        lines.append("|---|--:|--:|--:|")
        for m in moves:
            lines.append(
                md_row([m.figure, shown(m.old, lang), shown(m.new, lang), _ratio(m.ratio, lang)])
            )
    for path, moves in claims:
        lines += ["", f"### {md_cell(t('diff_moves', lang, subject=path))}", ""]
        if not moves:
            lines.append(t("diff_nothing_moves", lang))
            continue
        keys = ("claim", "figure", "diff_old", "diff_new", "diff_ratio", "verdict")
        lines.append(md_row([t(k, lang) for k in keys]))
        lines.append("|---|---|--:|--:|--:|---|")
        for m in moves:
            lines.append(
                md_row(
                    [
                        m.subject,
                        m.figure,
                        shown(m.old, lang),
                        shown(m.new, lang),
                        _ratio(m.ratio, lang),
                        _verdict(m, lang),
                    ]
                )
            )
    return "\n".join(lines) + "\n"


def _number(value: float | None) -> float | None:
    return None if value is None else float(f"{value:.12g}")


def _move(m: Move) -> dict[str, Any]:
    unit = canonical_unit(m.new)
    pint_unit = unit or "dimensionless"
    row: dict[str, Any] = {
        "figure": m.figure,
        "unit": unit,
        "old": _number(magnitude_in(m.old, pint_unit)),
        "new": _number(magnitude_in(m.new, pint_unit)),
        "ratio": _number(m.ratio),
    }
    if m.old_status is not None:
        row = {"id": m.subject, **row, "verdict_old": m.old_status, "verdict_new": m.new_status}
    return row


def document(
    changes: list[EntryChange],
    scenarios: list[tuple[str, list[Move]]],
    claims: list[tuple[str, list[Move]]],
    old: tuple[str, str],
    new: tuple[str, str],
) -> dict[str, Any]:
    """The JSON document: both tables (path, sha256), entries, and what moves."""
    from aicost import __version__

    return {
        "schema": 1,
        "aicost_version": __version__,
        "old": {"path": old[0], "sha256": old[1]},
        "new": {"path": new[0], "sha256": new[1]},
        "entries": [
            {
                "section": c.section,
                "id": c.id,
                "change": c.kind,
                "fields": [
                    {"field": f.field, "old": f.old, "new": f.new, "ratio": _number(f.ratio)}
                    for f in c.fields
                ],
            }
            for c in changes
        ],
        "scenarios": [{"path": p, "figures": [_move(m) for m in ms]} for p, ms in scenarios],
        "claims": [{"path": p, "claims": [_move(m) for m in ms]} for p, ms in claims],
    }

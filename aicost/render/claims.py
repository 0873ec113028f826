"""The claims check as a table, JSON or CSV."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aicost.claims import METRIC_DIMENSION, canonical, canonical_high
from aicost.i18n import t
from aicost.render.fmt import LADDERS, human, number, plain
from aicost.text import csv_cell, md_row, visible

if TYPE_CHECKING:
    from rich.console import RenderableType

    from aicost.claims import Verdict

_STYLE = {
    "holds": "green",
    "off": "bold red",
    "known error": "yellow",
    "within uncertainty": "cyan",
}


# Units a claim's figures are shown in without being asked: those of the ladders, and the
# units an equivalence is shown in. Any other unit an `expected` is written in (mi, ft...) is
# the claim's own, and its figures are shown in it.
_LADDER_UNITS = {step[0] for ladder in LADDERS.values() for step in ladder} | {
    "s", "min", "h", "km", "kWh", "MWh",
}  # fmt: skip


def own_unit(v: Verdict) -> str | None:
    """The unit the claim says its figures are in: `unit:`, else an unusual unit of `expected`."""
    claim = v.claim
    if claim.unit is not None:
        return claim.unit
    if claim.versus is not None:
        return None
    if claim.bound != "exact":  # "less than 5 h": the bound as written, the figure beside it
        return f"{claim.expected.units:~}"
    from aicost.units import Q

    units = claim.expected.units
    if units == Q(1, "dimensionless").units or any(Q(1, u).units == units for u in _LADDER_UNITS):
        return None
    return f"{units:~}"


def shown(v: Verdict, value: Any, lang: str = "en", *, as_typed: bool = False) -> str:
    """A claim's figure as shown; `as_typed`: a bound's own number, not rounded to 3 digits."""
    unit = own_unit(v)
    if as_typed and unit is None and v.claim.versus is not None:
        return plain(float(value.magnitude), lang, decimals=3) + "×"
    if unit is not None:
        from aicost.units import magnitude_in

        space = "\u00a0" if lang == "fr" else " "
        amount = magnitude_in(value, unit)
        shown = plain(amount, lang, decimals=3) if as_typed else number(amount, lang)
        return f"{shown}{space}{unit}"
    if v.claim.versus is not None:
        return number(float(value.magnitude), lang) + "×"
    if v.claim.run.equivalence is not None:
        from aicost.equivalences import Equivalent

        amount, unit = Equivalent(v.claim.run.equivalence, value).shown()
        return f"{number(amount, lang)} {unit}".strip()
    return human(value, METRIC_DIMENSION[v.claim.run.metric], lang)


def expected_text(v: Verdict, lang: str = "en") -> str:
    """The expected figure with its bound: '2.9 kWh', '≥ 1 h', '≤ 5 h', '1 h – 2 h'."""
    c = v.claim
    space = "\u00a0" if lang == "fr" else " "
    if c.bound == "exact":
        return shown(v, c.expected, lang)
    text = shown(v, c.expected, lang, as_typed=True)
    if c.bound == "at-least":
        return f"≥{space}{text}"
    if c.bound == "at-most":
        return f"≤{space}{text}"
    if c.high is not None:
        return f"{text} – {shown(v, c.high, lang, as_typed=True)}"
    return text


def _deviation(value: float, lang: str) -> str:
    from babel.numbers import format_percent

    return str(format_percent(value, format="+#,##0.0%;-#,##0.0%", locale=lang))


def verdict_word(status: str, lang: str) -> str:
    return t("verdict_" + status.replace(" ", "_"), lang)


def table(verdicts: list[Verdict], lang: str = "en") -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    out = Table(title=t("claims", lang), title_justify="left")
    for key, justify in (
        ("claim", "left"),
        ("quoted", "left"),
        ("expected", "right"),
        ("computed", "right"),
        ("deviation", "right"),
        ("verdict", "left"),
    ):
        out.add_column(t(key, lang), justify=justify)  # type: ignore[arg-type]
    for v in verdicts:
        out.add_row(
            v.claim.id,
            v.claim.quote,
            expected_text(v, lang),
            shown(v, v.computed, lang),
            _deviation(v.deviation, lang),
            Text(verdict_word(v.status, lang), style=_STYLE[v.status]),
        )
    return out


def notes(verdicts: list[Verdict], lang: str = "en") -> str:
    lines = []
    for v in verdicts:
        c = v.claim
        if c.known_error:
            lines.append(f"{c.id}: {verdict_word('known error', lang)} — {c.known_error}")
        if c.note:
            lines.append(f"{c.id}: {c.note}")
    return "\n".join(lines)


def document(verdicts: list[Verdict], path: str) -> dict[str, Any]:
    from aicost import __version__

    rows = []
    for v in verdicts:
        computed, expected, unit = canonical(v)
        in_unit = _unit_of(v, unit)
        rows.append(
            {
                "id": v.claim.id,
                "quote": v.claim.quote,
                "metric": "ratio" if v.claim.versus else v.claim.run.metric,
                "equivalence": v.claim.run.equivalence.id if v.claim.run.equivalence else None,
                "grid": v.claim.run.grid,
                "unit": unit,
                "expected": expected,
                "computed": float(f"{computed:.12g}"),
                "deviation": float(f"{v.deviation:.6g}"),
                "tolerance_relative": v.claim.relative,
                "verdict": v.status,
                "interval": (
                    [float(f"{x.to(in_unit).magnitude:.12g}") for x in v.interval]
                    if v.interval is not None and in_unit
                    else None
                ),
                "tolerance_absolute": (
                    float(f"{v.claim.absolute.to(in_unit).magnitude:.12g}")
                    if v.claim.absolute is not None
                    else None
                ),
                "versus": _versus(v),
                "known_error": v.claim.known_error,
                "note": v.claim.note,
                "bound": v.claim.bound,
                "expected_high": canonical_high(v),
            }
        )
    return {"schema": 1, "aicost_version": __version__, "claims_file": path, "claims": rows}


def _unit_of(v: Verdict, unit: str) -> str:
    """The pint unit of a claim's figures in JSON (a count's is 'dimensionless')."""
    if v.claim.versus is not None:
        return "dimensionless"
    equivalence = v.claim.run.equivalence
    return equivalence.pint_unit if equivalence is not None else unit


def _versus(v: Verdict) -> dict[str, Any] | None:
    """The other side of a ratio claim: what it computes, in its canonical unit."""
    run = v.claim.versus
    if run is None or v.denominator is None:
        return None
    if run.equivalence is not None:
        unit, shown = run.equivalence.pint_unit, run.equivalence.unit
    else:
        from aicost.claims import _CANONICAL

        unit = shown = _CANONICAL[run.metric]
    return {
        "metric": run.metric,
        "equivalence": run.equivalence.id if run.equivalence else None,
        "grid": run.grid,
        "scenario": run.scenario.path,
        "unit": "" if shown == "1" else shown,
        "computed": float(f"{v.denominator.to(unit).magnitude:.12g}"),
    }


CSV_HEADER = (
    "id", "quote", "metric", "equivalence", "grid", "unit", "expected", "computed",
    "deviation", "tolerance_relative", "verdict", "known_error", "note", "bound", "expected_high",
)  # fmt: skip


def csv_text(verdicts: list[Verdict]) -> str:
    """One row per claim; numbers in the canonical unit named in `unit`."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in document(verdicts, "")["claims"]:
        writer.writerow(
            [
                "" if row[k] is None else csv_cell(row[k]) if isinstance(row[k], str) else row[k]
                for k in CSV_HEADER
            ]
        )
    return out.getvalue()


def markdown_text(verdicts: list[Verdict], lang: str = "en") -> str:
    """A table ready to paste into a report, then the notes."""
    keys = ("claim", "quoted", "expected", "computed", "deviation", "verdict")
    lines = ["| " + " | ".join(t(k, lang) for k in keys) + " |", "|---|---|--:|--:|--:|---|"]
    for v in verdicts:
        cells = [
            v.claim.id, v.claim.quote, expected_text(v, lang),
            shown(v, v.computed, lang), _deviation(v.deviation, lang),
            verdict_word(v.status, lang),
        ]  # fmt: skip
        lines.append(md_row(cells))
    text = notes(verdicts, lang)
    if text:
        lines += ["", *(f"- {visible(line)}" for line in text.splitlines())]
    return "\n".join(lines) + "\n"

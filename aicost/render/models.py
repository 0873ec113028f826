"""`aicost models`: the catalogue as a table that reads at 80 columns, or as a JSON list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aicost.i18n import t
from aicost.render.fmt import plain

if TYPE_CHECKING:
    from rich.console import RenderableType

    from aicost.models import Model, Range


def _range(r: Range, lang: str) -> str:
    low = plain(r.low, lang, decimals=2)
    return low if r.exact else f"{low}–{plain(r.high, lang, decimals=2)}"


def params_text(model: Model, lang: str = "en") -> str:
    """'8.03'; '440 / 44–132' (total / active); '10–35' (a range: size not published)."""
    total = _range(model.total_params_b, lang)
    if model.active_params_b == model.total_params_b:
        return total
    return f"{total} / {_range(model.active_params_b, lang)}"


def answer_text(model: Model, lang: str = "en") -> str:
    """'300'; '300+2,000' (hidden reasoning); '' for image and video models."""
    if model.kind != "text":
        return ""
    text = plain(model.output_tokens, lang, decimals=0)
    if model.reasoning_tokens:
        text += f"+{plain(model.reasoning_tokens, lang, decimals=0)}"
    return text


WIDTH = 80  # the table reads in a terminal of 80 columns


def models_table(models: list[Model], lang: str = "en") -> RenderableType:
    from rich import box
    from rich.table import Table

    out = Table(
        box=box.SIMPLE_HEAD,  # columns one space apart, no edges, no padding
        show_edge=False,
        padding=0,
        caption=t("models_caption", lang, count=plain(len(models), lang, decimals=0)),
        caption_justify="left",
    )
    rows = [(m.id, m.provider, params_text(m, lang), m.grid, answer_text(m, lang)) for m in models]
    keys = ("model_col", "provider_col", "params_col", "runs_col", "answer_col")
    widths = [max(len(t(k, lang)), *(len(r[i]) for r in rows)) for i, k in enumerate(keys)]
    # Every column but the sizes keeps its width; the sizes wrap ('5,400 /' over '540–1,800')
    # when the longest ids leave them less than 80 columns (one space between columns).
    room = WIDTH - (sum(widths) - widths[2]) - (len(keys) - 1)
    widths[2] = max(min(widths[2], room), len(t(keys[2], lang).split()[0]))
    for i, key in enumerate(keys):
        out.add_column(
            t(key, lang),
            justify="right" if i in (2, 4) else "left",
            no_wrap=i != 2,
            min_width=widths[i],
            max_width=widths[i],
        )
    for row in rows:
        out.add_row(*row)
    return out


def _num(value: float) -> float | int:
    """A whole number as an integer in JSON (300, not 300.0)."""
    return int(value) if float(value).is_integer() else value


def _range_doc(r: Range) -> dict[str, float | int]:
    return {"low": _num(r.low), "high": _num(r.high)}


def models_document(models: list[Model]) -> list[dict[str, Any]]:
    """Every field of each model, as `aicost models -f json` prints it."""
    docs = []
    for m in models:
        doc: dict[str, Any] = {
            "id": m.id,
            "kind": m.kind,
            "en": m.en,
            "fr": m.fr or m.en,
            "provider": m.provider,
            "family": m.family,
            "aliases": list(m.aliases),
            "open_weights": m.open_weights,
            "total_params_b": _range_doc(m.total_params_b),
            "active_params_b": _range_doc(m.active_params_b),
            "precision": m.precision,
            "source": m.source,
            "status": m.status,
            "as_of": m.as_of,
            "checked": m.checked,
            "location": {
                "site": m.site,
                "grid": m.grid,
                "source": m.location_source,
                "status": m.location_status,
            },
        }
        if m.kind == "text":
            doc["answer"] = {
                "output_tokens": _num(m.output_tokens),
                "input_tokens": _num(m.input_tokens),
                "reasoning_tokens": _num(m.reasoning_tokens),
                "source": m.answer_source,
                "status": m.answer_status,
            }
        if m.settings:
            doc["settings"] = {
                k: _num(v) if isinstance(v, float) else v for k, v in m.settings.items()
            }
        doc["disclosures"] = list(m.disclosures)
        doc["note"] = m.note
        docs.append(doc)
    return docs

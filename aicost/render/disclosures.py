"""Published per-use figures shown beside a method's estimate for the same model: both,
never silently one (table, Markdown; the JSON has them per item under `disclosures`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aicost.i18n import status_word, t
from aicost.render.fmt import human, number

if TYPE_CHECKING:
    from aicost.engine import Estimate
    from aicost.factors import FactorTable


def lines(est: Estimate, table: FactorTable | None, lang: str = "en") -> list[str]:
    """A title and one line per published figure of each model item (none: [])."""
    out: list[str] = []
    seen: set[tuple[str, str]] = set()
    for r in est.items:
        text = r.item.text
        if text is None:
            continue
        for task in text.disclosures:
            if (text.name, task.id) in seen:
                continue
            seen.add((text.name, task.id))
            boundary = t(f"boundary_{task.boundary}", lang)
            if task.pue is not None:
                boundary += ", PUE " + number(task.pue, lang)
            source = task.source
            if table is not None:
                source += f": {table.sources[task.source].short()}"
            out.append(
                "  "
                + t(
                    "disclosure_line",
                    lang,
                    model=r.item.named(lang),
                    method=human(r.per_item, "energy", lang),
                    published=human(task.energy, "energy-as-given", lang),
                    label=task.label(lang),
                    id=task.id,
                    source=source,
                    status=status_word(task.status, lang),
                    boundary=boundary,
                )
            )
    return [t("disclosures_title", lang), *out] if out else []

"""Published per-use figures shown beside a method's estimate for the same model: both,
never silently one (table, Markdown; the JSON has them per item under `disclosures`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from aicost.i18n import status_word, t, tr
from aicost.render.fmt import human, number, ratio

if TYPE_CHECKING:
    from aicost.engine import Estimate
    from aicost.factors import FactorTable


def lines(
    est: Estimate,
    table: FactorTable | None,
    lang: str = "en",
    cite: Callable[[str, str], str] | None = None,
) -> list[str]:
    """A title and one line per published figure of each model item (none: []); `cite`
    (source id, status) adds a reference after each source id (a Markdown footnote)."""
    from aicost.engine import task_per_item
    from aicost.units import magnitude_in

    out: list[str] = []
    seen: set[tuple[str, str, str]] = set()
    for r in est.items:
        text = r.item.text
        if text is None:
            continue
        method = human(r.per_item, "energy", lang)
        for task in text.disclosures:
            # once per model and figure, unless another item of that model differs (its tokens)
            if (text.name, task.id, method) in seen:
                continue
            seen.add((text.name, task.id, method))
            boundary = t(f"boundary_{task.boundary}", lang)
            if task.pue is not None:
                boundary += ", PUE " + number(task.pue, lang)
            source = task.source
            # How far the method is from the published figure, both counted at this site:
            # the units may differ (kJ, Wh) and a factor of 3 must not go unsaid.
            site = r.site or est.scenario.site  # the item's own site if it names one
            here = task_per_item(task, site)[1]
            published = magnitude_in(here, "J")
            times = magnitude_in(r.per_item, "J") / published if published > 0 else None
            shown = human(task.energy, "energy-as-given", lang)
            if not site.as_reported and human(here, "energy", lang) != shown:
                shown += tr(
                    " ({energy} at site {site})", energy=human(here, "energy", lang), site=site.id
                )
            if table is not None:
                colon = " : " if lang == "fr" else ": "
                source += f"{colon}{table.sources[task.source].short()}"
            if cite is not None:
                source += cite(task.source, task.status)
            out.append(
                "  "
                + t(
                    "disclosure_line",
                    lang,
                    model=r.item.named(lang),
                    method=method,
                    times=ratio(times, lang) if times is not None else "–",
                    published=shown,
                    label=task.label(lang),
                    id=task.id,
                    source=source,
                    status=status_word(task.status, lang),
                    boundary=boundary,
                )
            )
    return [t("disclosures_title", lang), *out] if out else []

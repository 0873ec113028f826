"""Scenario files: a named list of items (task × count, or an inline energy), a site, the
grids to compare and a scale, read and checked into frozen dataclasses.

    name: Charity marathon with AI
    site: as-reported            # default: as-reported
    grids: [FR, US]              # default: FR and US
    scale: {days: 365}           # optional: multipliers with a free label each
    items:
      - task: text.large         # an id or alias of factors.yaml
        count: 15
      - label: Answer from a local model
        power: 35 W              # or: energy: 0.5 Wh
        duration: 20 s
        count: 40
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

from aicost.factors import BOUNDARIES, FactorTable, Grid, Site, Task
from aicost.fields import Fields, describe, join
from aicost.i18n import tr
from aicost.units import Quantity
from aicost.yamlfile import line_of, load_yaml

DEFAULT_SITE = "as-reported"
DEFAULT_GRIDS = ("FR", "US")
MAX_ITEMS = 10_000


@dataclass(frozen=True)
class Item:
    """One line of a scenario: `count` generations of `energy` each, at `boundary`."""

    label: str
    count: float
    energy: Quantity
    boundary: str
    task: Task | None = None
    pue: float | None = None  # the PUE a facility figure includes
    source: str | None = None  # the task's source id (None for an inline figure)
    note: str | None = None  # an inline figure's own words on where it comes from
    line: int | None = None
    label_fr: str | None = None  # the label in French, where the file (or the task) gives one

    def named(self, lang: str = "en") -> str:
        """The label in `lang` when there is one, else as written."""
        return self.label_fr if lang == "fr" and self.label_fr else self.label


@dataclass(frozen=True)
class Scale:
    """Multipliers applied to the whole scenario: (label, factor) pairs."""

    factors: tuple[tuple[str, float], ...] = ()

    @property
    def total(self) -> float:
        product = 1.0
        for _, factor in self.factors:
            product *= factor
        return product


@dataclass(frozen=True)
class Scenario:
    path: str
    name: str
    description: str | None
    site: Site
    grids: tuple[Grid, ...]
    items: tuple[Item, ...]
    scale: Scale = Scale()
    name_fr: str | None = None

    def title(self, lang: str = "en") -> str:
        """The name in `lang` when the file gives one (`name_fr`), else as written."""
        return self.name_fr if lang == "fr" and self.name_fr else self.name

    def with_overrides(
        self, site: Site | None = None, grids: tuple[Grid, ...] | None = None
    ) -> Scenario:
        """The same scenario under another site and/or grids (the CLI's --site and --grid)."""
        return replace(
            self, site=site if site is not None else self.site, grids=grids or self.grids
        )


def _item(f: Fields, factors: FactorTable) -> Item:
    count = f.number("count", minimum=0)
    assert count is not None
    inline_keys = [k for k in ("energy", "power", "duration") if f.has(k)]
    if f.has("task"):
        if inline_keys:
            raise f.error(
                tr(
                    "has both 'task' and '{key}': give a task id, or an inline figure, not both",
                    key=inline_keys[0],
                ),
                inline_keys[0],
            )
        name = f.req_text("task")
        task = factors.task(name, path=f.path, line=f.line_of("task"), where=join(f.where, "task"))
        label = f.text("label", required=False)
        label_fr = f.text("label_fr", required=False)
        if label is None:
            label, label_fr = task.en, label_fr or task.fr
        f.done(also=("energy", "power", "duration", "boundary", "pue", "source"))
        return Item(
            label=label,
            label_fr=label_fr,
            count=count,
            energy=task.energy,
            boundary=task.boundary,
            task=task,
            pue=task.pue,
            source=task.source,
            line=f.line,
        )
    if not inline_keys:
        raise f.error(tr("needs 'task: ID', or an inline 'energy' (or 'power' and 'duration')"))
    if not f.has("label"):
        raise f.error(tr("an inline figure needs a 'label' saying what it is"))
    label = f.req_text("label")
    label_fr = f.text("label_fr", required=False)
    if f.has("energy"):
        if f.has("power") or f.has("duration"):
            extra = "power" if f.has("power") else "duration"
            raise f.error(tr("give 'energy', or 'power' and 'duration', not both"), extra)
        energy = f.req_quantity("energy", "energy")
    else:
        if not f.has("power"):
            raise f.error(
                tr("has 'duration' but no 'power': energy = power × duration"), "duration"
            )
        if not f.has("duration"):
            raise f.error(tr("has 'power' but no 'duration': energy = power × duration"), "power")
        energy = (f.req_quantity("power", "power") * f.req_quantity("duration", "time")).to("J")
    boundary = f.choice("boundary", BOUNDARIES, default="it")
    pue = None
    if boundary == "facility":
        pue = f.number("pue", minimum=1.0)
    elif f.has("pue"):
        raise f.error(
            tr("only a 'boundary: facility' figure has a pue (the one it includes)"), "pue"
        )
    note = f.text("source", required=False)
    f.done(also=("task", "pue", "energy", "power", "duration"))
    return Item(
        label=label,
        label_fr=label_fr,
        count=count,
        energy=energy,
        boundary=boundary,
        pue=pue,
        note=note,
        line=f.line,
    )


def _scale(f: Fields | None) -> Scale:
    if f is None:
        return Scale()
    factors = []
    for key in f.data:
        value = f.number(str(key), positive=True)
        assert value is not None
        factors.append((str(key), value))
    f.done()
    scale = Scale(tuple(factors))
    if not math.isfinite(scale.total):
        raise f.error(tr("multiplies to a number too large to compute with; use smaller factors"))
    return scale


def parse_scenario(data: object, path: str, factors: FactorTable) -> Scenario:
    top = Fields(data, path=path, where="")
    name = top.text("name", required=False) or Path(path).stem
    name_fr = top.text("name_fr", required=False)
    description = top.text("description", required=False)
    site_name = top.text("site", required=False, default=DEFAULT_SITE)
    assert site_name is not None
    site = factors.site(site_name, path=path, line=top.line_of("site"), where="site")
    grid_names = top.text_list("grids", non_empty=True) or DEFAULT_GRIDS
    grids_raw = top.data.get("grids")
    grids = tuple(
        factors.grid(
            g, path=path, line=line_of(grids_raw, i) if grids_raw else None, where=join("grids", i)
        )
        for i, g in enumerate(grid_names)
    )
    scale = _scale(top.mapping("scale", required=False))
    raw_items = top.raw("items")
    if not isinstance(raw_items, list) or not raw_items:
        got = describe(raw_items) if "items" in top.data else tr("nothing")
        raise top.error(tr("needs a non-empty list of items, got {got}", got=got), "items")
    if len(raw_items) > MAX_ITEMS:
        raise top.error(
            tr("has {count} items; at most {most}", count=len(raw_items), most=MAX_ITEMS), "items"
        )
    items = tuple(
        _item(Fields(raw, path=path, where=join("items", i), line=line_of(raw_items, i)), factors)
        for i, raw in enumerate(raw_items)
    )
    top.done()
    return Scenario(path, name, description, site, grids, items, scale, name_fr)


def items_from_arguments(arguments: list[str]) -> list[dict[str, object]]:
    """`text.large=15` or `"0.3 Wh=100"` as scenario items (COUNT defaults to 1).

    A word is a task id or alias; text that starts with a number is an energy per generation.
    """
    from aicost.errors import UsageError
    from aicost.fields import as_number

    items: list[dict[str, object]] = []
    for argument in arguments:
        what, sep, count_text = argument.rpartition("=")
        if not sep:
            what, count_text = argument, "1"
        what = _decimal_point(what.strip(), argument)
        count = as_number(_decimal_point(count_text.strip(), argument))
        if not what:
            raise UsageError(
                tr("argument '{argument}': write WHAT=COUNT, e.g. text.large=15", argument=argument)
            )
        if count is None or count < 0:
            raise UsageError(
                tr(
                    "argument '{argument}': the count after '=' must be a number ≥ 0, got '{got}'",
                    argument=argument,
                    got=count_text,
                )
            )
        if what[0].isdigit() or what[0] in ".+-":
            items.append({"label": what, "energy": what, "count": count})
        else:
            items.append({"task": what, "count": count})
    return items


_DECIMAL_COMMA = re.compile(r"^([-+]?\d+),(\d+)(?=$|\s*[^\d\s.,])")


def _decimal_point(text: str, argument: str) -> str:
    """In French (`--lang fr`, or a French locale) `1,5` is 1.5: the comma becomes a point.
    `1,500` could be 1500 (English grouping) or 1.5: refused rather than guessed."""
    from aicost.i18n import language

    found = _DECIMAL_COMMA.match(text)
    if found is None or language() != "fr":
        return text
    whole, decimals = found.groups()
    if len(decimals) == 3:
        from aicost.errors import UsageError

        raise UsageError(
            tr(
                "argument '{argument}': '{got}' could be {thousands} or {decimal}; "
                "write {thousands} or {decimal_point}",
                argument=argument,
                got=found.group(0),
                thousands=whole + decimals,
                decimal=f"{whole},{decimals.rstrip('0') or '0'}",
                decimal_point=f"{whole}.{decimals.rstrip('0') or '0'}",
            )
        )
    return f"{whole}.{decimals}{text[found.end() :]}"


def load_scenario(path: str | Path, factors: FactorTable) -> Scenario:
    return parse_scenario(load_yaml(path, what="scenario file"), str(path), factors)


__all__ = ["Item", "Scale", "Scenario", "load_scenario", "parse_scenario"]

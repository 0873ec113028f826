"""Scenario files: a named list of items (task × count, or an inline energy), a site, the
grids to compare and a scale, read and checked into frozen dataclasses.

    name: Charity marathon with AI
    site: as-reported            # default: as-reported
    grids: [FR, US]              # the what-if grids; default: FR and US
    here: FR                     # optional: the user's grid (default: the first of grids)
    scale: {days: 365}           # optional: multipliers with a free label each
    items:
      - task: text.large         # an id or alias of factors.yaml
        count: 15
      - label: Answer from a local model
        power: 35 W              # or: energy: 0.5 Wh
        duration: 20 s
        count: 40
        site: local              # optional: where this item runs (see `where`)
        grid: FR                 # optional: the grid it runs on

Where an item runs (`where`): its own `site:`, else the scenario's site (or --site) unless
that is `as-reported`, else a model's default site from the catalogue, else the scenario's
site. Its grid: its own `grid:`, else the user's grid (`here:`, --here, else the first what-if
grid) on the site `local`, else a model's default grid, else the user's grid.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from aicost.errors import InputError
from aicost.factors import BOUNDARIES, Conversion, FactorTable, Grid, Site, Task
from aicost.fields import Fields, describe, join
from aicost.i18n import tr
from aicost.modelitem import is_model_item
from aicost.numbers import nonzero_underflow
from aicost.records import record
from aicost.units import Quantity

if TYPE_CHECKING:
    from aicost.embodied import HardwareUse
    from aicost.mediaitem import MediaModel
    from aicost.modelitem import TextModel
from aicost.yamlfile import LineDict, line_of, load_yaml

DEFAULT_SITE = "as-reported"
LOCAL = "local"  # the site of the user's own device: it runs on the user's grid
DEFAULT_GRIDS = ("FR", "US")
MAX_ITEMS = 10_000


@record
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
    host: Conversion | None = None  # accelerator -> IT, for a figure at the accelerator boundary
    # a model computed by a method (energy: its centre): text, or image/video (issue 13)
    text: TextModel | MediaModel | None = None
    site: Site | None = None  # where the file says this item runs (None: see `where`)
    grid: Grid | None = None  # the grid the file says it runs on (None: see `where`)
    default_grid: Grid | None = None  # a model's default grid (the catalogue's location)
    hardware: HardwareUse | None = None  # what it occupies, for embodied impacts (None: unknown)

    def named(self, lang: str = "en") -> str:
        """The label in `lang` when there is one, else as written."""
        return self.label_fr if lang == "fr" and self.label_fr else self.label

    def cited(self) -> tuple[tuple[str, str], ...]:
        """(source id, status) of every factor of the table behind this item's energy."""
        cited: list[tuple[str, str]] = []
        if self.task is not None:
            cited.append((self.task.source, self.task.status))
        if self.text is not None:
            cited.append((self.text.method.source, self.text.method.status))
            if self.text.model is not None:
                cited.append((self.text.model.source, self.text.model.status))
            if self.text.device is not None:
                cited.append((self.text.device.source, self.text.device.status))
        if self.host is not None:
            cited.append((self.host.source, self.host.status))
        return tuple(cited)


@record
class Scale:
    """Multipliers applied to the whole scenario: (label, factor) pairs."""

    factors: tuple[tuple[str, float], ...] = ()

    @property
    def total(self) -> float:
        product = 1.0
        for _, factor in self.factors:
            product *= factor
        return product


@record
class Scenario:
    path: str
    name: str
    description: str | None
    site: Site
    grids: tuple[Grid, ...]
    items: tuple[Item, ...]
    scale: Scale = Scale()
    name_fr: str | None = None
    here: Grid | None = None  # the user's grid (`here:` or --here); None: the first of grids

    @property
    def home(self) -> Grid:
        """The user's own grid: where `local` items, and items with no grid, run."""
        return self.here if self.here is not None else self.grids[0]

    def where(self, item: Item) -> tuple[Site, Grid]:
        """The site and grid `item` runs on, as run (see the module's docstring)."""
        site = item.site
        if site is None and not self.site.as_reported:
            site = self.site
        if site is None and item.text is not None and item.text.default_site is not None:
            site = item.text.default_site
        if site is None:
            site = self.site
        if item.grid is not None:
            return site, item.grid
        if site.id != LOCAL and item.default_grid is not None:
            return site, item.default_grid
        return site, self.home

    def title(self, lang: str = "en") -> str:
        """The name in `lang` when the file gives one (`name_fr`), else as written."""
        return self.name_fr if lang == "fr" and self.name_fr else self.name

    def with_overrides(
        self,
        site: Site | None = None,
        grids: tuple[Grid, ...] | None = None,
        here: Grid | None = None,
    ) -> Scenario:
        """The same scenario under another site, what-if grids and/or user's grid (the CLI's
        --site, --grid and --here). An item that names its own site or grid keeps it."""
        return replace(
            self,
            site=site if site is not None else self.site,
            grids=grids or self.grids,
            here=here if here is not None else self.here,
        )


HOST = "accelerator-to-it"  # the conversion from the accelerator boundary to the IT boundary


def host_conversion(f: Fields, factors: FactorTable, key: str) -> Conversion:
    """The accelerator -> IT factor an accelerator-boundary figure needs."""
    host = factors.conversions.get(HOST)
    if host is None:
        raise f.error(
            tr(
                "is at the accelerator boundary, but the factor table has no conversion "
                "'{id}' to bring it to the IT boundary; add it to its conversions section",
                id=HOST,
            ),
            key,
        )
    return host


def _item(f: Fields, factors: FactorTable) -> Item:
    site = grid = None
    f.read.update(("site", "grid"))  # allowed on every item
    if f.has("site"):
        name = f.req_text("site")
        site = factors.site(name, path=f.path, line=f.line_of("site"), where=join(f.where, "site"))
    if f.has("grid"):
        name = f.req_text("grid")
        grid = factors.grid(name, path=f.path, line=f.line_of("grid"), where=join(f.where, "grid"))
    item = _what(f, factors)
    if site is not None:
        item = replace(item, site=site)
    if grid is not None:
        item = replace(item, grid=grid)
    return item


def _what(f: Fields, factors: FactorTable) -> Item:
    count = f.number("count", minimum=0)
    assert count is not None
    if is_model_item(f):
        return _model_item(f, factors, count)
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
            host=host_conversion(f, factors, "task") if task.boundary == "accelerator" else None,
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
        power, duration = f.req_quantity("power", "power"), f.req_quantity("duration", "time")
        energy = (power * duration).to("J")
        if nonzero_underflow(energy.magnitude, power.magnitude, duration.magnitude):
            raise f.error(
                tr("power × duration is too small to compute with; check both"), "duration"
            )
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
        host=host_conversion(f, factors, "boundary") if boundary == "accelerator" else None,
        pue=pue,
        note=note,
        line=f.line,
    )


def _model_item(f: Fields, factors: FactorTable, count: float) -> Item:
    """`model: ID` or `kind: text` with a size: the energy comes from the method."""
    from aicost.modelitem import text_model
    from aicost.units import Q

    for key in ("task", "energy", "power", "duration", "boundary", "pue"):
        if f.has(key):
            raise f.error(
                tr(
                    "a model item's energy comes from its method: remove '{key}', or give an "
                    "inline figure without 'model' or 'kind'",
                    key=key,
                ),
                key,
            )
    from aicost.mediaitem import is_media_item, media_model

    text: TextModel | MediaModel = (
        media_model(f, factors) if is_media_item(f) else text_model(f, factors)
    )
    label = f.text("label", required=False)
    label_fr = f.text("label_fr", required=False)
    if label is None:
        assert text.model is not None  # a model given by its size needs a label
        label, label_fr = text.model.en, label_fr or text.model.fr
    where = "model" if text.model is not None else "kind"
    item = Item(
        label=label,
        label_fr=label_fr,
        count=count,
        energy=Q(float(text.energy_j({})), "J").to("Wh"),
        boundary=text.boundary,
        host=host_conversion(f, factors, where) if text.boundary == "accelerator" else None,
        source=text.method.source,
        line=f.line,
        text=text,
        # On a device: the user's own computer (site local, the user's grid).
        site=factors.site(LOCAL) if text.device is not None else None,
        default_grid=factors.grid(text.model.grid)
        if text.model is not None and text.device is None
        else None,
    )
    f.done()
    return item


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
    if nonzero_underflow(scale.total, *(v for _, v in factors)):
        raise f.error(tr("multiplies to a number too small to compute with; use larger factors"))
    return scale


def _defaults_in_table(top: Fields, factors: FactorTable) -> None:
    """A custom factor table that lacks what a scenario uses by default (the site, the grids):
    reported against the table, where the gap is, not against the scenario."""
    gaps = []
    if not top.has("site") and factors.find("sites", DEFAULT_SITE) is None:
        gaps.append(("sites", DEFAULT_SITE))
    if not top.has("grids"):
        gaps += [("grids", g) for g in DEFAULT_GRIDS if factors.find("grids", g) is None]
    if gaps:
        kind, name = gaps[0]
        raise InputError(
            tr(
                "has no {kind} entry '{name}', which a scenario without '{key}:' uses;"
                " add it to the table, or give '{key}:' in {scenario}",
                kind=kind,
                name=name,
                key="site" if kind == "sites" else "grids",
                scenario=top.path,
            ),
            path=factors.path,
        )


def parse_scenario(data: object, path: str, factors: FactorTable, where: str = "") -> Scenario:
    """A scenario from YAML data; `where` names its place in a larger file (an option, a
    claim's inline items: `claims[2].items[0]`)."""
    top = Fields(data, path=path, where=where)
    name = top.text("name", required=False) or Path(path).stem
    name_fr = top.text("name_fr", required=False)
    description = top.text("description", required=False)
    site_name = top.text("site", required=False, default=DEFAULT_SITE)
    assert site_name is not None
    _defaults_in_table(top, factors)
    site = factors.site(site_name, path=path, line=top.line_of("site"), where=join(where, "site"))
    grid_names = top.text_list("grids", non_empty=True) or DEFAULT_GRIDS
    grids_raw = top.data.get("grids")
    grids = tuple(
        factors.grid(
            g,
            path=path,
            line=line_of(grids_raw, i) if grids_raw else None,
            where=join(join(where, "grids"), i),
        )
        for i, g in enumerate(grid_names)
    )
    here = None
    top.read.add("here")
    if top.has("here"):
        here = factors.grid(
            top.req_text("here"), path=path, line=top.line_of("here"), where=join(where, "here")
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
        _item(
            Fields(raw, path=path, where=join(join(where, "items"), i), line=line_of(raw_items, i)),
            factors,
        )
        for i, raw in enumerate(raw_items)
    )
    from aicost.embodied import hardware_of

    items = tuple(replace(item, hardware=hardware_of(item, factors)) for item in items)
    top.done()
    return Scenario(path, name, description, site, grids, items, scale, name_fr, here)


def items_from_arguments(
    arguments: list[str],
    factors: FactorTable | None = None,
    tokens: Mapping[str, object] | None = None,
    settings: dict[str, object] | None = None,
) -> list[dict[str, object]]:
    """`text.large=15`, `gpt-4o=10`, `gpt-4o:1000=10` or `"0.3 Wh=100"` as scenario items
    (COUNT defaults to 1).

    A word is a task id or alias, else a model of the catalogue (`MODEL:TOKENS` gives its
    output tokens; `tokens` gives output/input/reasoning tokens, or a `device`, to every text
    model); an image
    or video model takes its settings after the colon (`flux.1-dev:512x512,20steps`,
    `sora-2:12s`; see aicost.mediaitem.parse_spec) and `settings` gives them to every image and
    video model; text that starts with a number is an energy per generation.
    """
    from aicost.errors import UsageError
    from aicost.fields import as_number

    items: list[dict[str, object]] = []
    item: dict[str, object]
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
        elif factors is None or _is_task(what, factors):
            items.append({"task": what, "count": count})
        else:
            name, colon, output = what.partition(":")
            media = _media_kind(name.strip())
            if media is not None:  # an image or video model: MODEL:512x512,30s ...
                from aicost.mediaitem import parse_spec

                item = {"model": name.strip(), "count": count, **(settings or {})}
                item.update(parse_spec(output, argument) if colon else {})
                items.append(item)
                continue
            item = {"model": name.strip(), "count": count, **(tokens or {})}
            if colon:
                item["output_tokens"] = output.strip()
            items.append(item)
    return items


def _media_kind(name: str) -> str | None:
    """'image' or 'video' when `name` is such a model of the catalogue, else None."""
    from aicost.models import load_catalogue

    found = load_catalogue().find(name)
    return found.kind if found is not None and found.kind in ("image", "video") else None


def _is_task(word: str, factors: FactorTable) -> bool:
    """A task id or alias, or a near miss of one that is no model's near miss."""
    if factors.find("tasks", word) is not None:
        return True
    from aicost.models import load_catalogue

    catalogue = load_catalogue()
    name = word.partition(":")[0]
    if catalogue.find(name) is not None or catalogue.family(name):
        return False
    return bool(factors.suggestions("tasks", word)) and not catalogue.near(name)


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


OPTION_KEYS = ("label", "label_fr", "items", "site", "here", "description")
SHARED_KEYS = ("name", "name_fr", "description", "site", "grids", "here", "scale")


def load_scenarios(path: str | Path, factors: FactorTable) -> list[Scenario]:
    """The scenario of a file, or one scenario per option of its `options:` (a set of
    choices: see aicost.compare)."""
    data = load_yaml(path, what="scenario file")
    if not isinstance(data, dict) or "options" not in data:
        return [parse_scenario(data, str(path), factors)]
    top = Fields(data, path=str(path), where="")
    raw = top.raw("options")
    if not isinstance(raw, list) or len(raw) < 1:
        got = describe(raw)
        raise top.error(tr("needs a non-empty list of options, got {got}", got=got), "options")
    if top.has("items"):
        raise top.error(
            tr("has both 'items' and 'options': give the items inside each option"), "items"
        )
    top.read.update(SHARED_KEYS)
    top.done()
    out = []
    for i, entry in enumerate(raw):
        where = join("options", i)
        f = Fields(entry, path=str(path), where=where, line=line_of(raw, i))
        label = f.req_text("label")
        f.read.update(OPTION_KEYS)
        f.done()
        merged = LineDict({k: v for k, v in data.items() if k in SHARED_KEYS})
        merged.line = f.line
        merged.key_lines = {
            **getattr(data, "key_lines", {}),
            **getattr(entry, "key_lines", {}),
        }
        for key in ("items", "site", "here", "description"):
            if key in entry:
                merged[key] = entry[key]
        merged["name"] = label
        if "label_fr" in entry:
            merged["name_fr"] = entry["label_fr"]
        else:
            merged.pop("name_fr", None)
        out.append(parse_scenario(merged, str(path), factors, where=where))
    return out


__all__ = ["Item", "Scale", "Scenario", "load_scenario", "load_scenarios", "parse_scenario"]

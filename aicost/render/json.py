"""The JSON document (schema 2): fixed canonical units named in the keys (Wh, g CO2e, L),
and the ids and sources of every factor used. See README, "JSON output".
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring as _quote
from typing import TYPE_CHECKING, Any

from aicost import __version__
from aicost.factors import STATUSES
from aicost.render.table import sources_used
from aicost.scope import scope
from aicost.units import Quantity, magnitude_in

if TYPE_CHECKING:
    from aicost.engine import Estimate, ItemEstimate
    from aicost.equivalences import Equivalent
    from aicost.factors import FactorTable, Site
    from aicost.scenarios import Item
    from aicost.uncertainty import Uncertainty

SCHEMA = 2


def _count(value: float) -> float | int:
    return int(value) if value.is_integer() else value


def _round(value: float) -> float:
    """Twelve significant digits: exact enough, and free of binary noise (0.30000000000000004)."""
    return float(f"{value:.12g}")


def _wh(energy: Quantity | None) -> float | None:
    return _round(magnitude_in(energy, "Wh")) if energy is not None else None


def _add_uncertainty(doc: dict[str, Any], u: Uncertainty) -> None:
    """Each figure gets its 5th and 95th percentiles beside it; then how they were drawn."""
    doc["total"]["energy_wh_p5"] = _round(u.energy_wh.p5)
    doc["total"]["energy_wh_p95"] = _round(u.energy_wh.p95)
    for item, per in zip(doc["items"], u.items, strict=True):
        for key, interval in (
            ("energy_per_item_wh", per.energy_wh),
            ("it_energy_per_item_wh", per.it_wh),
            ("accelerator_energy_per_item_wh", per.accelerator_wh),
        ):
            item[f"{key}_p5"] = _round(interval.p5) if interval is not None else None
            item[f"{key}_p95"] = _round(interval.p95) if interval is not None else None
    if doc.get("as_run") is not None:
        as_run = doc["as_run"]
        as_run["energy_wh_p5"] = _round(u.energy_wh.p5)
        as_run["energy_wh_p95"] = _round(u.energy_wh.p95)
        for name, found in (("co2e_g", u.as_run_co2e_g), ("water_l", u.as_run_water_l)):
            as_run[f"{name}_p5"] = _round(found.p5) if found is not None else None
            as_run[f"{name}_p95"] = _round(found.p95) if found is not None else None
    for grid in doc["grids"]:
        for name, intervals in (("co2e_g", u.co2e_g), ("water_l", u.water_l)):
            grid[f"{name}_p5"] = _round(intervals[grid["id"]].p5)
            grid[f"{name}_p95"] = _round(intervals[grid["id"]].p95)
        if u.co2e_total_g is not None:
            grid["co2e_total_g_p5"] = _round(u.co2e_total_g[grid["id"]].p5)
            grid["co2e_total_g_p95"] = _round(u.co2e_total_g[grid["id"]].p95)
    if doc.get("embodied") is not None and u.embodied_co2e_g is not None:
        doc["embodied"]["co2e_g_p5"] = _round(u.embodied_co2e_g.p5)
        doc["embodied"]["co2e_g_p95"] = _round(u.embodied_co2e_g.p95)
    doc["uncertainty"] = {
        "samples": u.samples,
        "seed": u.seed,
        "drivers_of": u.headline,
        "drivers": [
            {"factor": d.key, "at_p5": _round(d.at_low), "at_p95": _round(d.at_high)}
            for d in u.drivers
        ],
        "inputs": [
            {
                "factor": i.key,
                "distribution": i.kind,
                "low": i.low if i.kind in ("triangular", "uniform", "loguniform") else None,
                "high": i.high if i.kind in ("triangular", "uniform", "loguniform") else None,
                "sd": i.sd if i.kind == "normal" else None,
                "gsd": i.sd if i.kind == "lognormal" else None,
                "origin": i.origin,
            }
            for i in u.inputs
        ],
    }


def _status(item: Item) -> str:
    if item.task is not None:
        return item.task.status
    if item.text is not None:  # the weakest of what the estimate rests on (method, entry...)
        return max((s for _, s in item.cited()), key=STATUSES.index)
    return "user"


def _model(item: Item) -> dict[str, Any] | None:
    """What the method computed from: the model, its size, the answer, the serving."""
    from aicost.mediaitem import MediaModel

    text = item.text
    if text is None:
        return None
    if isinstance(text, MediaModel):
        from aicost.render.media import json_model

        return json_model(item, text)
    device = text.device
    return {
        "id": text.model.id if text.model is not None else None,
        "kind": "text",
        "method": text.method.id,
        "params_b": _round(text.total_b),
        "params_b_low": text.total_params_b.low,
        "params_b_high": text.total_params_b.high,
        "active_params_b": _round(text.active_b),
        "active_params_b_low": text.active_params_b.low,
        "active_params_b_high": text.active_params_b.high,
        "precision": text.precision,
        "output_tokens": _count(text.output_tokens),
        "input_tokens": _count(text.input_tokens),
        "reasoning_tokens": _count(text.reasoning_tokens),
        "batch": _round(text.central_batch) if device is None else 1,
        "batch_fixed": text.batch is not None or device is not None,
        "hardware": text.hardware if device is None else None,
        "gpus": _count(text.gpus) if device is None else None,
        "device": device.id if device is not None else None,
        "tokens_per_s": _round(text.tokens_per_s()) if device is not None else None,
        "host_factor": item.host.value if item.host is not None else None,
        "default_site": text.default_site.id if text.default_site is not None else None,
        "source": text.model.source if text.model is not None else None,
        "status": text.model.status if text.model is not None else None,
    }


def _disclosures(item: Item, site: Site) -> list[dict[str, Any]]:
    """Published per-use figures for the item's model, as published and at this site."""
    from aicost.engine import task_per_item

    if item.text is None:
        return []
    out = []
    for task in item.text.disclosures:
        it, counted = task_per_item(task, site)
        out.append(
            {
                "task": task.id,
                "label": task.en,
                "energy_wh": _round(magnitude_in(task.energy, "Wh")),
                "boundary": task.boundary,
                "source_pue": task.pue,
                "it_energy_per_item_wh": _round(magnitude_in(it, "Wh")),
                "energy_per_item_wh": _round(magnitude_in(counted, "Wh")),
                "source": task.source,
                "status": task.status,
            }
        )
    return out


def _equivalents(items: list[Equivalent]) -> list[dict[str, Any]]:
    """{id, value, unit}: value in s (a duration), km (a distance) or 1 (a count)."""
    return [
        {
            "id": e.equivalence.id,
            "value": _round(magnitude_in(e.amount, e.equivalence.pint_unit)),
            "unit": e.equivalence.unit,
        }
        for e in items
    ]


def estimate_document(
    estimate: Estimate, factors: FactorTable | None = None, u: Uncertainty | None = None
) -> dict[str, Any]:
    doc = _estimate_document(estimate, factors)
    if u is not None:
        _add_uncertainty(doc, u)
    return doc


def _estimate_document(estimate: Estimate, factors: FactorTable | None) -> dict[str, Any]:
    from aicost.equivalences import energy_equivalents, grid_equivalents

    scenario = estimate.scenario
    site = scenario.site
    return {
        "name": scenario.name,
        "file": scenario.path,
        "description": scenario.description,
        "site": {
            "id": site.id,
            "as_reported": site.as_reported,
            "pue": site.pue,
            "wue_onsite_l_per_kwh": _round(magnitude_in(site.wue, "L/kWh"))
            if site.wue is not None
            else None,
            "source": site.source,
            "status": site.status,
        },
        "scale": {
            "factors": [
                {"label": label, "times": _count(factor)}
                for label, factor in scenario.scale.factors
            ],
            "total": _count(scenario.scale.total),
        },
        "items": [
            {
                "label": r.item.label,
                "task": r.item.task.id if r.item.task is not None else None,
                "count": _count(r.item.count),
                "boundary": r.item.boundary,
                "source_pue": r.item.pue,
                "energy_per_item_wh": _round(magnitude_in(r.per_item, "Wh")),
                "it_energy_per_item_wh": _wh(r.it_per_item),
                "accelerator_energy_per_item_wh": _wh(r.accelerator_per_item),
                "energy_wh": _round(magnitude_in(r.energy, "Wh")),
                "it_energy_wh": _round(magnitude_in(r.it_energy, "Wh")),
                "source": r.item.source,
                "source_text": r.item.note,
                "status": _status(r.item),
                "model": _model(r.item),
                "disclosures": _disclosures(r.item, r.site or site),
                "site": r.site.id if r.site is not None else site.id,
                "grid": r.grid.id if r.grid is not None else scenario.home.id,
                "embodied": _item_embodied(r),
            }
            for r in estimate.items
        ],
        "total": {
            "energy_once_wh": _round(magnitude_in(estimate.energy_once, "Wh")),
            "energy_wh": _round(magnitude_in(estimate.energy, "Wh")),
            "it_energy_wh": _round(magnitude_in(estimate.it_energy, "Wh")),
        },
        "grids": [
            {
                "id": g.grid.id,
                "label": g.grid.en,
                "carbon_intensity_g_per_kwh": _round(
                    magnitude_in(g.grid.carbon_intensity, "g/kWh")
                ),
                "year": g.grid.year,
                "water_offsite_l_per_kwh": _round(magnitude_in(g.grid.water, "L/kWh")),
                "water_fallback": g.grid.water_fallback,
                "co2e_g": _round(magnitude_in(g.co2e, "g")),
                "co2e_total_g": _round(magnitude_in(estimate.co2e_total(g), "g")),
                "water_l": _round(magnitude_in(g.water, "L")),
                "water_onsite_l": _round(magnitude_in(g.water_onsite, "L")),
                "water_offsite_l": _round(magnitude_in(g.water_offsite, "L")),
                "carbon_source": g.grid.source,
                "water_source": g.grid.water_source,
                "status": g.grid.status,
                **(
                    {"equivalences": _equivalents(grid_equivalents(g, factors))}
                    if factors is not None
                    else {}
                ),
            }
            for g in estimate.grids
        ],
        **(
            {"equivalences": _equivalents(energy_equivalents(estimate, factors))}
            if factors is not None
            else {}
        ),
        "ratio_dirtiest_to_cleanest": _round(estimate.ratio)
        if estimate.ratio is not None
        else None,
        "ratio_dirtiest_to_cleanest_total": _round(estimate.ratio_total)
        if estimate.ratio_total is not None
        else None,
        "embodied": _embodied(estimate),
        "published_footprints": _published(estimate, factors),
        "scope": scope(estimate).to_dict(),
        "here": scenario.home.id,
        "as_run": _as_run(estimate),
    }


def _item_embodied(r: ItemEstimate) -> dict[str, Any] | None:
    """One generation's manufacturing share and the hardware time it is allocated by."""
    made, hardware = r.embodied_per_item, r.item.hardware
    if made is None or hardware is None or r.hardware_per_item is None:
        return None
    return {
        "hardware": hardware.embodied.id,
        "hardware_s_per_item": _round(magnitude_in(r.hardware_per_item, "s")),
        "co2e_per_item_g": _round(magnitude_in(made.co2e, "g")),
        "source": hardware.embodied.source,
        "status": hardware.embodied.status,
    }


def _embodied(estimate: Estimate) -> dict[str, Any] | None:
    """Manufacturing, scaled like the totals: the same on every grid (None: no hardware)."""
    made = estimate.embodied
    if made is None:
        return None
    return {
        "co2e_g": _round(magnitude_in(made.co2e, "g")),
        "adpe_mg_sb_eq": _round(magnitude_in(made.adpe, "mg")),
        "primary_energy_mj": _round(magnitude_in(made.pe, "MJ")),
    }


def _published(estimate: Estimate, factors: FactorTable | None) -> list[dict[str, Any]]:
    """Footprints published per use beside aicost's estimate of one use (aicost.render.embodied)."""
    from aicost.render.embodied import comparisons

    out = []
    for c in comparisons(estimate, factors):
        fp = c.published
        out.append(
            {
                "id": fp.id,
                "item": c.item.item.label,
                "co2e_g": _round(magnitude_in(fp.co2e, "g")) if fp.co2e is not None else None,
                "water_l": _round(magnitude_in(fp.water, "L")) if fp.water is not None else None,
                "adpe_mg_sb_eq": _round(magnitude_in(fp.adpe, "mg"))
                if fp.adpe is not None
                else None,
                "co2e_basis": fp.co2e_basis,
                "water_scope": fp.water_scope,
                "manufacturing": fp.manufacturing,
                "training": fp.training,
                "source": fp.source,
                "status": fp.status,
                "aicost": {
                    "grid": c.grid.id,
                    "co2e_g": _round(magnitude_in(c.co2e, "g")),
                    "electricity_co2e_g": _round(magnitude_in(c.electricity_co2e, "g")),
                    "embodied_co2e_g": _round(magnitude_in(c.embodied_co2e, "g"))
                    if c.embodied_co2e is not None
                    else None,
                    "water_l": _round(magnitude_in(c.water, "L")),
                    "water_onsite_l": _round(magnitude_in(c.water_onsite, "L")),
                    "water_offsite_l": _round(magnitude_in(c.water_offsite, "L")),
                },
                "differences": list(c.differences),
            }
        )
    return out


def _as_run(estimate: Estimate) -> dict[str, Any] | None:
    """Each item on its own site and grid (`grids`: the grids they run on)."""
    a = estimate.as_run
    if a is None:
        return None
    return {
        "grids": [g.id for g in estimate.as_run_grids],
        "energy_wh": _round(magnitude_in(estimate.energy, "Wh")),
        "co2e_g": _round(magnitude_in(a.co2e, "g")),
        "co2e_total_g": _round(magnitude_in(estimate.co2e_total(a), "g")),
        "water_l": _round(magnitude_in(a.water, "L")),
        "water_onsite_l": _round(magnitude_in(a.water_onsite, "L")),
        "water_offsite_l": _round(magnitude_in(a.water_offsite, "L")),
        "located": estimate.located,
    }


def document(
    estimates: list[Estimate],
    factors: FactorTable,
    uncertainties: list[Uncertainty] | None = None,
) -> dict[str, Any]:
    from aicost.render.embodied import sources as embodied_sources

    used = dict.fromkeys(s for e in estimates for s, _ in sources_used(e))
    used.update(dict.fromkeys(s for e in estimates for s, _ in embodied_sources(e, factors)))
    used.update(dict.fromkeys(e.source for e in factors.equivalences.values()))
    return {
        "schema": SCHEMA,
        "aicost_version": __version__,
        "factors": {"file": factors.path, "sha256": factors.sha256},
        "scenarios": [
            estimate_document(e, factors, uncertainties[i] if uncertainties else None)
            for i, e in enumerate(estimates)
        ],
        "sources": _sources(used, factors),
    }


def _finite(value: Any) -> Any:
    """The document with any non-finite float as null: JSON has no Infinity or NaN."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


# Characters a terminal or an editor would act on (bidi overrides, line separators...): JSON
# strings carry them as \u escapes, so the text reads back as typed and displays as written.
_HIDDEN = re.compile(
    "[\u0080-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)


def _sources(used: Iterable[str], factors: FactorTable) -> dict[str, Any]:
    return {
        sid: {
            "title": src.title,
            "authors": list(src.authors),
            "publisher": src.publisher,
            "date": src.date,
            "url": src.url,
            "license": src.license,
        }
        for sid in used
        if (src := factors.sources[sid])
    }


def write_document(
    scenarios: Iterable[tuple[Estimate, dict[str, Any]]],
    factors: FactorTable,
    write: Callable[[str], None],
) -> None:
    """The text of `dumps(document(...))`, written one scenario at a time as each is done, so
    that a run over many scenario files keeps none of them (its memory stays flat).
    `scenarios` gives each estimate with its document (`estimate_document`)."""

    def nested(value: Any, indent: str) -> str:  # JSON texts hold no raw newline
        return _encode(value).replace("\n", "\n" + indent)

    head = {
        "schema": SCHEMA,
        "aicost_version": __version__,
        "factors": {"file": factors.path, "sha256": factors.sha256},
    }
    write(nested(head, "")[: -len("\n}")] + ',\n  "scenarios": [')
    from aicost.render.embodied import sources as embodied_sources

    used: dict[str, None] = {}  # in the order of `document`: the items' sources first,
    embodied: dict[str, None] = {}  # then the manufacturing ones, then the equivalences'
    count = 0
    for count, (estimate, doc) in enumerate(scenarios, 1):
        used.update(dict.fromkeys(s for s, _ in sources_used(estimate)))
        embodied.update(dict.fromkeys(s for s, _ in embodied_sources(estimate, factors)))
        write(("," if count > 1 else "") + "\n    " + nested(doc, "    "))
    used.update(embodied)
    used.update(dict.fromkeys(e.source for e in factors.equivalences.values()))
    end = "\n  ]" if count else "]"
    write(end + ',\n  "sources": ' + nested(_sources(used, factors), "  ") + "\n}\n")


def dumps(doc: dict[str, Any]) -> str:
    return _encode(doc) + "\n"


def _encode(value: Any) -> str:
    """`value` as dumps writes it (indented by 2), without the final newline."""
    text = indented(value)
    return _HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def indented(value: Any) -> str:
    """`json.dumps(_finite(value), indent=2, ensure_ascii=False, allow_nan=False)`, the same
    text, three times faster: with an indent, the json module encodes in Python through
    generators (a third of a JSON run over many scenario files: benchmarks/RESULTS.md), where
    this writes pieces to one list. tests/test_stream.py compares the two on every document."""
    out: list[str] = []
    _put_json(value, 0, out.append)
    return "".join(out)


_KEYS: dict[str, str] = {}  # a mapping's key as written, with its ': ' (a run writes few)


def _key_text(key: Any) -> str:
    """What json makes of a mapping's key."""
    if isinstance(key, str):
        return key
    if key is True or key is False or key is None:
        return {True: "true", False: "false", None: "null"}[key]
    if isinstance(key, float):
        if not math.isfinite(key):
            raise ValueError(f"Out of range float values are not JSON compliant: {key!r}")
        return float.__repr__(key)
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _leaf(v: Any) -> str | None:
    """The text of a value that holds no other (None for a mapping or a list)."""
    if isinstance(v, str):
        return _quote(v)
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return int.__repr__(v)
    if isinstance(v, float):
        return float.__repr__(v) if math.isfinite(v) else "null"
    if isinstance(v, dict | list | tuple):
        return None
    raise TypeError(f"Object of type {type(v).__name__} is not JSON serializable")


def _put_json(v: Any, level: int, put: Callable[[str], None]) -> None:
    """Write `v` at an indent of `level` steps (a module function, not a closure: a closure
    calling itself is a reference cycle that would keep every text until the collector
    runs, and a command runs with it paused). Plain texts and numbers, most of a document,
    are written in the loop over their mapping or list, without a call of their own."""
    isfinite = math.isfinite
    leaf = _leaf(v)
    if leaf is not None:
        put(leaf)
        return
    if not v:
        put("{}" if isinstance(v, dict) else "[]")
        return
    inner = "\n" + "  " * (level + 1)
    if isinstance(v, dict):
        opening = "{"
        keys = _KEYS
        for key, item in v.items():
            named = keys.get(key) if type(key) is str else None
            if named is None:
                named = _quote(_key_text(key)) + ": "
                if type(key) is str and len(keys) < 4096:
                    keys[key] = named
            head = opening + inner + named
            opening = ","
            kind = type(item)
            if kind is str:
                put(head + _quote(item))
            elif kind is float:
                put(head + (float.__repr__(item) if isfinite(item) else "null"))
            elif kind is int:
                put(head + int.__repr__(item))
            elif item is None:
                put(head + "null")
            else:
                put(head)
                _put_json(item, level + 1, put)
        put("\n" + "  " * level + "}")
    else:
        opening = "["
        for item in v:
            head = opening + inner
            opening = ","
            kind = type(item)
            if kind is str:
                put(head + _quote(item))
            elif kind is float:
                put(head + (float.__repr__(item) if isfinite(item) else "null"))
            else:
                put(head)
                _put_json(item, level + 1, put)
        put("\n" + "  " * level + "]")

"""The JSON document (schema 2): fixed canonical units named in the keys (Wh, g CO2e, L),
and the ids and sources of every factor used. See README, "JSON output".
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aicost import __version__
from aicost.render.table import sources_used
from aicost.units import Quantity, magnitude_in

if TYPE_CHECKING:
    from aicost.engine import Estimate
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
    for grid in doc["grids"]:
        for name, intervals in (("co2e_g", u.co2e_g), ("water_l", u.water_l)):
            grid[f"{name}_p5"] = _round(intervals[grid["id"]].p5)
            grid[f"{name}_p95"] = _round(intervals[grid["id"]].p95)
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
    if item.text is not None:
        return item.text.method.status
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
                "disclosures": _disclosures(r.item, site),
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
    }


def document(
    estimates: list[Estimate],
    factors: FactorTable,
    uncertainties: list[Uncertainty] | None = None,
) -> dict[str, Any]:
    used = dict.fromkeys(s for e in estimates for s, _ in sources_used(e))
    used.update(dict.fromkeys(e.source for e in factors.equivalences.values()))
    return {
        "schema": SCHEMA,
        "aicost_version": __version__,
        "factors": {"file": factors.path, "sha256": factors.sha256},
        "scenarios": [
            estimate_document(e, factors, uncertainties[i] if uncertainties else None)
            for i, e in enumerate(estimates)
        ],
        "sources": {
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
        },
    }


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"

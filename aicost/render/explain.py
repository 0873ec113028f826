"""`--explain`: every number with its derivation, in words and arithmetic, and its sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aicost.engine import it_energy_per_item
from aicost.i18n import status_word, t
from aicost.render.fmt import human, number, plain
from aicost.units import magnitude_in

if TYPE_CHECKING:
    from aicost.engine import Estimate
    from aicost.factors import FactorTable
    from aicost.scenarios import Item


def _cite(table: FactorTable, source_id: str, status: str, lang: str) -> str:
    source = table.sources[source_id]
    return t("x_cite", lang, id=source_id, short=source.short(), status=status_word(status, lang))


def steps(est: Estimate, table: FactorTable, lang: str = "en") -> list[str]:
    """The derivation of one estimate, one step per line, in `lang`."""
    sc = est.scenario
    site = sc.site
    out = [f"{sc.title(lang)}"]
    if site.as_reported:
        out.append(t("x_site_reported", lang, id=site.id))
    else:
        out.append(
            t(
                "x_site",
                lang,
                id=site.id,
                pue=number(site.pue or 1, lang),
                status=status_word(site.pue_status or site.status, lang),
                wue=number(magnitude_in(site.wue, "L/kWh") if site.wue is not None else 0, lang),
                cite=_cite(table, site.source, site.status, lang),
            )
        )
    for r in est.items:
        item = r.item
        count = plain(item.count, lang, decimals=3)
        energy = human(item.energy, "energy-as-given", lang)
        if item.text is not None:
            out.append("  " + _method_steps(item, table, lang))
            key = "x_method" if item.text.device is None else "x_on_device"
            if item.boundary == "it":  # a video service: the whole server's energy
                key = "x_method_server"
            what = t(key, lang, energy=energy, label=item.named(lang))
        elif item.task is not None:
            task = item.task
            cite = _cite(table, task.source, task.status, lang)
            what = t("x_task", lang, energy=energy, id=task.id, cite=cite)
        else:
            what = t("x_own", lang, energy=energy, label=item.named(lang))
        conversion = ""
        host = ""
        if item.host is not None:
            it = human(it_energy_per_item(item), "energy-as-given", lang)
            cite = _cite(table, item.host.source, item.host.status, lang)
            host = t("x_host", lang, host=number(item.host.value, lang), id=item.host.id, cite=cite)
            host += t("x_at_it", lang, it=it)
        at = r.site if r.site is not None else site  # where this item runs
        if not at.as_reported:
            if item.boundary == "facility":
                it = human(it_energy_per_item(item), "energy-as-given", lang)
                conversion = t("x_to_it", lang, pue=number(item.pue or 1, lang), it=it)
            conversion += host
            conversion += t("x_site_pue", lang, pue=number(at.pue or 1, lang), id=at.id)
        elif item.text is not None:
            conversion = host
            default = item.text.default_site
            if default is not None:
                pue = number(default.pue or 1, lang)
                conversion += t("x_default_pue", lang, pue=pue, id=default.id)
            else:
                conversion += t("x_no_site", lang)
        out.append(f"  {count} × {what}{conversion} = {human(r.energy, 'energy', lang)}")
    parts = " + ".join(human(r.energy, "energy", lang) for r in est.items)
    out.append("  " + t("x_total", lang, parts=parts, total=human(est.energy_once, "energy", lang)))
    for label, factor in sc.scale.factors:
        out.append(f"  × {number(factor, lang, digits=1)} {label}")
    if sc.scale.factors:
        out.append(f"  = {human(est.energy, 'energy', lang)}")
    for g in est.grids:
        grid = g.grid
        out.append(
            t(
                "x_grid",
                lang,
                id=grid.id,
                energy=human(est.energy, "energy", lang),
                intensity=number(magnitude_in(grid.carbon_intensity, "g/kWh"), lang),
                name=grid.label(lang) + (f" {grid.year}" if grid.year else ""),
                cite=_cite(table, grid.source, grid.status, lang),
                co2e=human(g.co2e, "mass", lang),
            )
        )
        onsite = ""
        several = any(r.site is not None and r.site.id != site.id for r in est.items)
        if several and g.water_onsite.magnitude:
            onsite = t("x_onsite_sites", lang, onsite=human(g.water_onsite, "volume", lang))
        elif not site.as_reported and site.wue is not None and site.wue.magnitude:
            onsite = t(
                "x_onsite",
                lang,
                it=human(est.it_energy, "energy", lang),
                wue=number(magnitude_in(site.wue, "L/kWh"), lang),
            )
        cite = _cite(table, grid.water_source, grid.status, lang)
        if grid.water_fallback:
            cite += t("x_world_average", lang)
        out.append(
            "  "
            + t(
                "x_water",
                lang,
                onsite=onsite,
                energy=human(est.energy, "energy", lang),
                water=number(magnitude_in(grid.water, "L/kWh"), lang),
                cite=cite,
                total=human(g.water, "volume", lang),
            )
        )
    from aicost.render.embodied import explain_lines

    out += explain_lines(est, table, lang)
    if est.located and est.as_run is not None:
        out += _as_run_steps(est, lang)
    return out


def _as_run_steps(est: Estimate, lang: str) -> list[str]:
    """Each item at its own site, on its own grid, then the total as run."""
    from aicost.engine import item_as_run

    out = [t("x_as_run", lang)]
    for r in est.items:
        fp = item_as_run(est, r)
        site = r.site if r.site is not None else est.scenario.site
        out.append(
            "  "
            + t(
                "x_as_run_item",
                lang,
                label=r.item.named(lang),
                energy=human(r.energy * est.scenario.scale.total, "energy", lang),
                site=site.id,
                grid=f"{fp.grid.label(lang)} ({fp.grid.id})",
                intensity=number(magnitude_in(fp.grid.carbon_intensity, "g/kWh"), lang),
                co2e=human(fp.co2e, "mass", lang),
                water=human(fp.water, "volume", lang),
            )
        )
    assert est.as_run is not None
    out.append(
        "  "
        + t(
            "x_as_run_total",
            lang,
            co2e=human(est.as_run.co2e, "mass", lang),
            water=human(est.as_run.water, "volume", lang),
        )
    )
    return out


def _method_steps(item: Item, table: FactorTable, lang: str) -> str:
    """How a method found one answer's GPU energy: size, GPUs, tokens, batch, J per token."""
    from aicost.mediaitem import MediaModel

    text = item.text
    assert text is not None
    if isinstance(text, MediaModel):
        from aicost.render.media import steps_line

        return steps_line(item, text, table, lang)
    generated = text.output_tokens + text.reasoning_tokens
    weighted = generated + text.coef.prefill_weight * text.input_tokens
    per_token = magnitude_in(item.energy, "J") / weighted if weighted else 0.0
    size = t("params_billions", lang, value=number(text.total_b, lang))
    if not text.total_params_b.exact:
        size += f" [{text.total_params_b.text()}]"
    active = t("params_billions", lang, value=number(text.active_b, lang))
    if not text.active_params_b.exact:
        active += f" [{text.active_params_b.text()}]"
    if text.batch is not None:
        batch = number(text.batch, lang)
    else:
        low, high = text.coef.batch_low, text.coef.batch_high
        batch = t(
            "x_batch_range",
            lang,
            batch=number(text.central_batch, lang),
            low=f"{low:g}",
            high=f"{high:g}",
        )
    sources = [_cite(table, text.method.source, text.method.status, lang)]
    if text.model is not None:
        sources.insert(0, _cite(table, text.model.source, text.model.status, lang))
    if text.device is not None:
        d = text.device
        return t(
            "x_device_steps",
            lang,
            label=item.named(lang),
            active=active,
            precision=text.precision,
            device=d.id,
            speed=number(text.tokens_per_s(), lang),
            efficiency=number(d.efficiency, lang),
            bandwidth=number(d.bandwidth_gb_s, lang),
            power=number(magnitude_in(d.power, "W"), lang) + " W",
            output=plain(text.output_tokens, lang),
            input=plain(text.input_tokens, lang),
            reasoning=plain(text.reasoning_tokens, lang),
            prefill=number(text.coef.prefill_weight, lang),
            energy=human(item.energy, "energy-as-given", lang),
            cite=_cite(table, d.source, d.status, lang),
        )
    return t(
        "x_method_steps",
        lang,
        label=item.named(lang),
        method=text.method.id,
        size=size,
        active=active,
        precision=text.precision,
        gpus=plain(text.gpus, lang),
        hardware=text.hardware.upper(),
        output=plain(text.output_tokens, lang),
        input=plain(text.input_tokens, lang),
        reasoning=plain(text.reasoning_tokens, lang),
        prefill=number(text.coef.prefill_weight, lang),
        batch=batch,
        per_token=number(per_token, lang),
        energy=human(item.energy, "energy-as-given", lang),
        cite=(" ; " if lang == "fr" else "; ").join(sources),
    )

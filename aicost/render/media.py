"""How an image or video item was computed: its `--explain` line and its JSON `model` object
(the text method's are in aicost.render.explain and aicost.render.json)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aicost.i18n import t
from aicost.render.fmt import human, number, plain

if TYPE_CHECKING:
    from aicost.factors import FactorTable
    from aicost.mediaitem import MediaModel
    from aicost.scenarios import Item


def _tokens(m: MediaModel) -> float:
    from aicost.methods import image, video

    assert m.diffusion is not None
    stride = m.diffusion.family(m.architecture).token_stride_px
    if m.kind == "image":
        return float(image.tokens(m.width, m.height, stride))
    return float(video.tokens(m.frames, m.width, m.height, stride))


def steps_line(item: Item, m: MediaModel, table: FactorTable, lang: str) -> str:
    """One line: what the method took and what it found for one image or clip."""
    from aicost.render.explain import _cite

    sources = [_cite(table, m.method.source, m.method.status, lang)]
    if m.model is not None:
        sources.insert(0, _cite(table, m.model.source, m.model.status, lang))
    energy = human(item.energy, "energy-as-given", lang)
    size = f"{m.width:g}×{m.height:g}"
    if m.latency is not None:
        from aicost.methods.latency import frames_at_24, latency_s

        frames = frames_at_24(m.seconds)
        reg = m.latency.services[m.service]
        power = m.latency.servers[m.server]
        return t(
            "x_service_steps",
            lang,
            label=item.named(lang),
            service=m.service,
            size=size,
            seconds=number(m.seconds, lang),
            frames=plain(frames, lang),
            latency=number(latency_s(m.width, m.height, frames, reg), lang),
            power=number(power.mean, lang),
            server=m.server,
            scale=number(m.scale, lang),
            energy=energy,
            cite=(" ; " if lang == "fr" else "; ").join(sources),
        )
    params = t("params_billions", lang, value=number(m.params_central, lang))
    if not m.params_b.exact:
        params += f" [{m.params_b.text()}]"
    architecture = m.architecture or t("x_architecture_unknown", lang)
    per_step = item.energy.to("J").magnitude / m.steps if m.steps else 0.0
    key = "x_image_steps" if m.kind == "image" else "x_video_steps"
    return t(
        key,
        lang,
        label=item.named(lang),
        method=m.method.id,
        params=params,
        architecture=architecture,
        size=size,
        frames=plain(m.frames, lang),
        tokens=plain(round(_tokens(m)), lang),
        steps=plain(m.steps, lang),
        batch=plain(m.batch, lang),
        per_step=number(per_step, lang),
        energy=energy,
        cite=(" ; " if lang == "fr" else "; ").join(sources),
    )


def json_model(item: Item, m: MediaModel) -> dict[str, Any]:
    """What the method computed from: the model, its size and settings."""
    from aicost.render.json import _count, _round

    out: dict[str, Any] = {
        "id": m.model.id if m.model is not None else None,
        "kind": m.kind,
        "method": m.method.id,
        "boundary": m.boundary,
        "params_b": _round(m.params_central) if m.latency is None else None,
        "params_b_low": m.params_b.low if m.latency is None else None,
        "params_b_high": m.params_b.high if m.latency is None else None,
        "architecture": m.architecture,
        "width": _count(m.width),
        "height": _count(m.height),
    }
    if m.kind == "image":
        out.update({"steps": _count(m.steps), "batch": _count(m.batch)})
    elif m.latency is None:
        out.update(
            {
                "frames": _count(m.frames),
                "fps": m.fps,
                "seconds": _round(m.seconds) if m.fps else None,
                "steps": _count(m.steps),
                "batch": _count(m.batch),
            }
        )
    else:
        out.update(
            {
                "seconds": _round(m.seconds),
                "service": m.service,
                "server": m.server,
                "service_scale": m.scale,
            }
        )
    out.update(
        {
            "hardware": m.hardware if m.latency is None else m.server,
            "host_factor": item.host.value if item.host is not None else None,
            "default_site": m.default_site.id if m.default_site is not None else None,
            "source": m.model.source if m.model is not None else None,
            "status": m.model.status if m.model is not None else None,
        }
    )
    return out


def settings_text(m: MediaModel, lang: str) -> str:
    """'1024×1024, 25 steps' / '1360×768, 81 frames, 50 steps' / '1280×720, 8 s'."""
    size = f"{m.width:g}×{m.height:g}"
    if m.latency is not None:
        return t("settings_service", lang, size=size, seconds=number(m.seconds, lang))
    if m.kind == "image":
        return t("settings_image", lang, size=size, steps=plain(m.steps, lang))
    return t(
        "settings_video", lang, size=size, frames=plain(m.frames, lang), steps=plain(m.steps, lang)
    )


def beside_task(table: FactorTable, task_id: str, lang: str) -> list[str]:
    """For a published image or video figure (a task): the method's estimate for each model of
    the catalogue it is published for, at that model's catalogue settings, with its sources."""
    from aicost.engine import estimate
    from aicost.mediaitem import MEDIA_KINDS, MediaModel
    from aicost.models import load_catalogue
    from aicost.render.explain import _cite
    from aicost.scenarios import parse_scenario

    out = []
    for model in load_catalogue():
        if model.kind not in MEDIA_KINDS or task_id not in model.disclosures:
            continue
        data = {"name": model.id, "site": "as-reported", "items": [{"model": model.id, "count": 1}]}
        (r,) = estimate(parse_scenario(data, "models.yaml", table)).items
        m = r.item.text
        assert isinstance(m, MediaModel)
        sources = [_cite(table, model.source, model.status, lang)]
        sources.append(_cite(table, m.method.source, m.method.status, lang))
        gpu = human(r.accelerator_per_item, "energy", lang) if r.accelerator_per_item else "–"
        out.append(
            "  "
            + t(
                "task_beside_method",
                lang,
                model=model.id,
                settings=settings_text(m, lang),
                gpu=gpu,
                it=human(r.it_per_item, "energy", lang) if r.it_per_item is not None else "–",
                cite=(" ; " if lang == "fr" else "; ").join(sources),
            )
        )
    return out

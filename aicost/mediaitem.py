"""Scenario items for images and videos: a model of the catalogue (`model: flux.1-dev`) or a
model given by its size (`kind: image`, `params: 12B`), with the settings that drive its energy.

    - model: flux.1-dev          # an image model of the catalogue (`aicost models --kind image`)
      count: 10
      width: 512                 # optional: default from the catalogue
      height: 512
      steps: 28
    - model: wan-2.1-t2v-14b     # a video model: seconds (× the catalogue's fps) or frames
      seconds: 30
    - model: sora-2              # a closed video service: width, height, seconds
      seconds: 12
    - kind: video                # a model given by its size
      label: my video model
      params: 5B
      width: 1280
      height: 720
      frames: 121                # or seconds and fps
      steps: 50
      architecture: dit          # optional: linear-attention, dit, mm-dit, u-net (images)

Open models and models given by size go through the image or video method (aicost.methods.image,
aicost.methods.video): GPU energy of ONE generation (accelerator boundary), brought to IT by the
host factor like text. Closed video services go through EcoLogits' latency fits
(aicost.methods.latency): server energy of one clip (IT boundary). What is uncertain — a size
range, the method's residual spread (wider when the architecture is unknown), the server's
power — is drawn by the Monte Carlo through `uncertain`; `energy_j` computes the central value
and every sample.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from aicost.fields import Fields
from aicost.i18n import tr
from aicost.limits import bounded
from aicost.records import record

if TYPE_CHECKING:
    from aicost.factors import FactorTable, Method, Site, Task
    from aicost.methods.diffusion import DiffusionCoefficients
    from aicost.methods.latency import LatencyCoefficients
    from aicost.models import Model, Range

Value = Any  # a float or a numpy array of samples
MEDIA_KINDS = ("image", "video")
SETTINGS = {
    "image": ("width", "height", "steps", "batch"),
    "video": ("width", "height", "steps", "frames", "fps", "seconds", "batch"),
    "service": ("width", "height", "seconds", "frames", "fps"),
}
MEDIA_KEYS = ("model", "kind", "params", "architecture", *SETTINGS["video"])


@record
class MediaModel:
    """An image or video model as one item uses it (sizes in billions, pixels, frames)."""

    model: Model | None  # the catalogue entry; None for a model given by its size
    name: str
    kind: str  # image | video
    method: Method  # factors.yaml: image, video or video.latency
    params_b: Range
    width: float
    height: float
    steps: float  # 0 for a latency service
    frames: float  # video: frames of the clip (0 for an image)
    fps: float | None
    batch: float
    architecture: str | None = None
    diffusion: DiffusionCoefficients | None = None
    latency: LatencyCoefficients | None = None
    service: str = ""  # latency: the service's fit, its server, a stated scale
    server: str = ""
    scale: float = 1.0
    hardware: str = "h100"
    default_site: Site | None = None
    disclosures: tuple[Task, ...] = ()
    device: None = None  # images and videos on your own device: not modelled (text only)
    precision: str = "bf16"  # as measured by ML.ENERGY (shown for a model given by its size)

    @property
    def prefix(self) -> str:
        return f"model:{self.name}" if self.model is not None else f"sized:{self.name}"

    @property
    def boundary(self) -> str:
        """Where the method's figure stands: GPUs (diffusion) or the whole server (latency)."""
        return "it" if self.latency is not None else "accelerator"

    @property
    def params_central(self) -> float:
        r = self.params_b
        return r.low if r.exact else math.sqrt(r.low * r.high)

    @property
    def total_b(self) -> float:
        return self.params_central

    @property
    def seconds(self) -> float:
        """Length of a clip: (frames - 1) / fps (0 when there is no fps)."""
        return (self.frames - 1) / self.fps if self.fps else 0.0

    def residual_gsd(self) -> float:
        if self.latency is not None:
            return self.latency.residual_gsd
        assert self.diffusion is not None
        return self.diffusion.family(self.architecture).residual_gsd

    # -- the computation, on floats or arrays --------------------------------------------
    def energy_j(self, draws: Mapping[str, Value]) -> Value:
        """Energy of ONE image or clip (J) at `boundary`, with the inputs in `draws`."""
        residual = draws.get(f"{self.prefix}:residual", 1.0)
        if self.latency is not None:
            from aicost.methods.latency import it_energy_j

            power = self.latency.servers[self.server]
            watts: Value = power.mean
            drawn = draws.get(f"{self.prefix}:server")
            if drawn is not None:
                watts = watts * drawn
            reg = self.latency.services[self.service]
            return it_energy_j(
                self.width, self.height, self.seconds, reg, watts, self.scale * residual
            )
        from aicost.methods import image, video

        assert self.diffusion is not None
        params: Value = self.params_central
        size = draws.get(f"{self.prefix}:size")
        if size is not None:
            params = params * size
        if self.kind == "image":
            return image.accelerator_energy_j(
                params,
                self.width,
                self.height,
                self.steps,
                self.batch,
                self.diffusion,
                self.architecture,
                self.hardware,
                residual,
            )
        return video.accelerator_energy_j(
            params,
            self.width,
            self.height,
            self.frames,
            self.steps,
            self.batch,
            self.diffusion,
            self.architecture,
            self.hardware,
            residual,
        )

    def uncertain(self) -> list[tuple[str, str, str, float, float, float, str]]:
        """(key, role, kind, low, high, sd, origin) of each input the Monte Carlo draws."""
        out = []
        if self.latency is not None:
            p = self.latency.servers[self.server]
            origin = f"server power {p.low:g}-{p.high:g} W (EcoLogits p2.5-p97.5, triangular)"
            low, high = p.low / p.mean, p.high / p.mean
            out.append((f"{self.prefix}:server", "power", "triangular", low, high, 0.0, origin))
            origin = "latency fit's error (assumption, lognormal)"
        else:
            r = self.params_b
            if not r.exact:
                half = math.sqrt(r.high / r.low)
                origin = "catalogue size range (log-uniform)"
                out.append(
                    (f"{self.prefix}:size", "size", "loguniform", 1 / half, half, 0.0, origin)
                )
            origin = (
                "method's leave-one-model-out residual (lognormal)"
                if self.architecture is not None
                else "method's residual with the spread between architectures (lognormal)"
            )
        gsd = self.residual_gsd()
        out.append((f"{self.prefix}:residual", "residual", "lognormal", 1.0, 1.0, gsd, origin))
        return out


# -- reading an item --------------------------------------------------------------------


def is_media_item(f: Fields) -> bool:
    """A `kind: image|video` item, or a `model:` of the catalogue whose kind is one of them."""
    if f.has("kind"):
        return f.raw("kind") in MEDIA_KINDS
    if f.has("model") and isinstance(f.raw("model"), str):
        from aicost.models import load_catalogue

        found = load_catalogue().find(f.raw("model"))
        return found is not None and found.kind in MEDIA_KINDS
    return False


def _setting(f: Fields, key: str, default: float | str | None) -> float | None:
    """A setting of the item, else the catalogue's default (None: neither)."""
    if f.has(key):
        value = f.number(key, positive=True, integer=key in ("width", "height", "frames"))
        return bounded(f, key, value)
    f.read.add(key)
    return float(default) if default is not None else None


def _needs(f: Fields, key: str) -> Any:
    return f.error(tr("needs '{key}' ({what})", key=key, what=tr("a setting of its method")))


def _refuse(f: Fields, keys: tuple[str, ...], allowed: tuple[str, ...], what: str) -> None:
    for key in keys:
        if key not in allowed and f.has(key):
            raise f.error(
                tr(
                    "is not a setting of {what}; give {allowed}",
                    what=what,
                    allowed=", ".join(allowed),
                ),
                key,
            )


def media_model(f: Fields, factors: FactorTable) -> MediaModel:
    """The model of a media item (its keys are read from `f`)."""
    from aicost.methods.diffusion import DiffusionCoefficients
    from aicost.models import Range

    defaults: dict[str, float | str] = {}
    model: Model | None = None
    if f.has("model"):
        from aicost.modelitem import refuse_size_beside_model
        from aicost.models import load_catalogue

        refuse_size_beside_model(f, ("kind", "params"))
        model = load_catalogue().model(
            f.req_text("model"), path=f.path, line=f.line_of("model"), where=f"{f.where}.model"
        )
        kind = model.kind
        defaults = dict(model.settings)
        if f.has("architecture"):
            raise f.error(
                tr("is the catalogue's; give the model by its size to change it"), "architecture"
            )
    else:
        kind = f.choice("kind", MEDIA_KINDS)
        if not f.has("label"):
            raise f.error(tr("a model given by its size needs a 'label' saying what it is"))
    if "service" in defaults:
        return _service_model(f, factors, model, defaults)
    _refuse(f, SETTINGS["video"], SETTINGS[kind], tr("{kind} models", kind=kind))
    method = factors.method(kind, path=f.path, line=f.line, where=f.where)
    coef = DiffusionCoefficients.from_values(
        {k: c.value for k, c in method.coefficients.items()}, kind
    )
    if model is not None:
        params = model.total_params_b
        architecture = str(defaults["architecture"]) if "architecture" in defaults else None
    else:
        from aicost.modelitem import _params

        total = _params(f, "params")
        params = Range(total, total)
        architecture = None
        if f.has("architecture"):
            from aicost.methods import image, video

            known = image.ARCHITECTURES if kind == "image" else video.ARCHITECTURES
            architecture = f.choice("architecture", known)
    values = {k: _setting(f, k, defaults.get(k)) for k in SETTINGS[kind]}
    for key in ("width", "height", "steps"):
        if values[key] is None:
            raise _needs(f, key)
    frames = 0.0
    fps = values.get("fps")
    if kind == "video":
        frames_given, seconds = f.has("frames"), values.get("seconds")
        if f.has("seconds") and frames_given:
            raise f.error(tr("give 'seconds' or 'frames', not both"), "frames")
        if f.has("seconds") or (values.get("frames") is None and seconds is not None):
            if fps is None:
                raise _needs(f, "fps")
            assert seconds is not None
            from aicost.methods.video import frames as frames_of

            frames = float(frames_of(seconds, fps))
        elif values.get("frames") is not None:
            frames = float(values["frames"] or 0)
        else:
            raise _needs(f, "frames")
    return MediaModel(
        model=model,
        name=model.id if model is not None else f.req_text("label"),
        kind=kind,
        method=method,
        params_b=params,
        width=float(values["width"] or 0),
        height=float(values["height"] or 0),
        steps=float(values["steps"] or 0),
        frames=frames,
        fps=fps,
        batch=values["batch"] or 1.0,
        architecture=architecture,
        diffusion=coef,
        default_site=factors.site(model.site) if model is not None else None,
        disclosures=tuple(factors.task(t) for t in model.disclosures) if model else (),
    )


def _service_model(
    f: Fields, factors: FactorTable, model: Model | None, defaults: dict[str, float | str]
) -> MediaModel:
    """A closed video service: width, height and seconds (or frames and fps)."""
    from aicost.methods.latency import LatencyCoefficients

    assert model is not None
    _refuse(f, SETTINGS["video"], SETTINGS["service"], tr("a video service"))
    method = factors.method("video.latency", path=f.path, line=f.line, where=f.where)
    coef = LatencyCoefficients.from_values({k: c.value for k, c in method.coefficients.items()})
    width = _setting(f, "width", defaults.get("width"))
    height = _setting(f, "height", defaults.get("height"))
    if f.has("frames"):
        if f.has("seconds"):
            raise f.error(tr("give 'seconds' or 'frames', not both"), "frames")
        if not f.has("fps"):
            raise _needs(f, "fps")
        frames = bounded(f, "frames", f.number("frames", positive=True, integer=True))
        fps = bounded(f, "fps", f.number("fps", positive=True))
        assert frames is not None and fps is not None
    else:
        seconds = _setting(f, "seconds", defaults.get("seconds"))
        fps = _setting(f, "fps", None) or 24.0
        assert seconds is not None
        frames = seconds * fps + 1
    assert width is not None and height is not None
    return MediaModel(
        model=model,
        name=model.id,
        kind="video",
        method=method,
        params_b=model.total_params_b,
        width=width,
        height=height,
        steps=0.0,
        frames=frames,
        fps=fps,
        batch=1.0,
        latency=coef,
        service=str(defaults["service"]),
        server=str(defaults["server"]),
        scale=float(defaults.get("service_scale", 1.0)),
        default_site=factors.site(model.site),
        disclosures=tuple(factors.task(t) for t in model.disclosures),
    )


_SPEC = re.compile(r"^(?:(\d+)\s*[x×]\s*(\d+)|(\d+(?:\.\d+)?)\s*(s|f|fps|steps))$")
_SPEC_KEYS = {"s": "seconds", "f": "frames", "fps": "fps", "steps": "steps"}


def parse_spec(spec: str, argument: str) -> dict[str, object]:
    """The settings after `MODEL:` on the command line, comma-separated: `512x512` (width ×
    height), `30s` (seconds), `121f` (frames), `24fps`, `20steps`. A UsageError otherwise."""
    from aicost.errors import UsageError

    out: dict[str, object] = {}
    for part in (p.strip().lower() for p in spec.split(",")):
        m = _SPEC.match(part)
        if m is None:
            raise UsageError(
                tr(
                    "argument '{argument}': '{part}' is not a setting; write WIDTHxHEIGHT, Ns"
                    " (seconds), Nf (frames), Nfps or Nsteps, comma-separated, e.g."
                    " flux.1-dev:512x512,20steps=1",
                    argument=argument,
                    part=part,
                )
            )
        if m.group(1):
            out["width"], out["height"] = int(m.group(1)), int(m.group(2))
        else:
            text = m.group(3)
            out[_SPEC_KEYS[m.group(4)]] = float(text) if "." in text else int(text)
    return out

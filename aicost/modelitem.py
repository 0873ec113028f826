"""Scenario items computed by a method: a model of the catalogue (`model: gpt-4o`) or a model
given by its size (`kind: text`, `params: 27B`), with the settings that drive its energy.

    - model: gpt-4o              # an id or alias of the catalogue (`aicost models`)
      count: 10
      output_tokens: 1000        # optional: default from the catalogue's answer profile
      input_tokens: 200          # optional
      reasoning_tokens: 0        # optional (hidden tokens of a reasoning model)
      precision: fp8             # optional: default the catalogue's
      batch: 16                  # optional: fix the serving batch (default: a distribution)
    - kind: text                 # a model given by its size
      label: Gemma 3 27B
      params: 27B                # a count: 27000000000, 27e9, "27B", "1.5T"
      active_params: 27B         # optional: default params (a dense model)
      precision: bf16            # bf16 (default), fp8, fp4, int4 ...
      output_tokens: 500

The method (aicost.methods.text) gives the GPU energy of ONE answer (accelerator boundary);
the engine brings it to the IT boundary with the host factor and to the site with its PUE.
What is uncertain — a closed model's size range, the serving batch, the method's residual
spread — is drawn by the Monte Carlo through `uncertain_inputs`, and the same function
(`accelerator_j`) computes the central value and every sample.

Image and video items (issue 13) add their kind here: a `kind` key and its settings, a
method function, and its uncertain inputs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from aicost.fields import Fields, as_number, describe
from aicost.i18n import tr
from aicost.limits import bounded
from aicost.records import record

if TYPE_CHECKING:
    from aicost.factors import Device, FactorTable, Method, Site, Task
    from aicost.methods.text import TextCoefficients
    from aicost.models import Model, Range

Value = Any  # a float or a numpy array of samples
KINDS = ("text",)
# Keys of a model item besides the common ones (count, label, label_fr).
TEXT_KEYS = (
    "model",
    "kind",
    "params",
    "active_params",
    "precision",
    "output_tokens",
    "input_tokens",
    "reasoning_tokens",
    "batch",
    "device",
)
_SUFFIX = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}
_PARAMS = re.compile(r"^\s*([0-9][0-9_]*(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\s*([kKmMbBtT])?\s*$")
# A bare number below this is ambiguous (27: 27 parameters, or 27 billion?): refused.
LEAST_PLAIN_COUNT = 1e6


def params_billions(value: object) -> float | None:
    """A parameter count as typed -> billions: 27000000000, 27e9, "27B", "1.5T", "350M".
    None when it is not one, or ambiguous (a bare number under a million)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        count = as_number(value)
    elif isinstance(value, str):
        m = _PARAMS.match(value)
        if m is None:
            return None
        number = float(m.group(1).replace("_", ""))
        count = number * _SUFFIX[m.group(2).lower()] if m.group(2) else number
    else:
        return None
    if count is None or not math.isfinite(count) or count < LEAST_PLAIN_COUNT:
        return None
    return count / 1e9


@record
class TextModel:
    """A text model as one item uses it. Sizes in billions of parameters; tokens per answer."""

    model: Model | None  # the catalogue entry; None for a model given by its size
    name: str  # the catalogue id, or the item's label
    total_params_b: Range
    active_params_b: Range
    precision: str
    bytes_per_param: float
    output_tokens: float
    input_tokens: float
    reasoning_tokens: float
    batch: float | None  # a fixed batch; None: the method's distribution
    method: Method
    coef: TextCoefficients
    hardware: str = "h100"
    default_site: Site | None = None  # where the catalogue says it runs (as-reported)
    disclosures: tuple[Task, ...] = ()
    device: Device | None = None  # run on the user's own computer (`device:`)

    @property
    def boundary(self) -> str:
        """A server method gives the GPUs' energy; a device, the whole computer's."""
        return "it" if self.device is not None else "accelerator"

    def energy_j(self, draws: Mapping[str, Value]) -> Value:
        """ONE answer's energy (J) at `boundary`, with the inputs in `draws`."""
        if self.device is None:
            return self.accelerator_j(draws)
        return self.device_j(draws)

    def tokens_per_s(self, draws: Mapping[str, Value] | None = None) -> Value:
        """Decoding speed on the device: efficiency × bandwidth / weights read per token."""
        assert self.device is not None
        d = self.device
        speed: Value = d.efficiency * d.bandwidth_gb_s / (self.bytes_per_param * self.active_b)
        factor = (draws or {}).get(f"device:{d.id}:efficiency")
        return speed if factor is None else speed * factor

    def device_j(self, draws: Mapping[str, Value]) -> Value:
        """The device's energy for one answer: power × time to generate it."""
        assert self.device is not None
        from aicost.units import magnitude_in

        d = self.device
        power: Value = magnitude_in(d.power, "W")
        factor = draws.get(f"device:{d.id}:power")
        if factor is not None:
            power = power * factor
        tokens = (
            self.output_tokens
            + self.reasoning_tokens
            + self.coef.prefill_weight * self.input_tokens
        )
        return power * tokens / self.tokens_per_s(draws)

    @property
    def prefix(self) -> str:
        """Its uncertain inputs' keys start with this: shared by items of the same model."""
        return f"model:{self.name}" if self.model is not None else f"sized:{self.name}"

    # -- central values ------------------------------------------------------------------
    @property
    def total_b(self) -> float:
        """Central total size: the geometric mean of a range (the median of a log-uniform)."""
        return _centre(self.total_params_b)

    @property
    def active_b(self) -> float:
        return _centre(self.active_params_b)

    @property
    def central_batch(self) -> float:
        if self.batch is not None:
            return self.batch
        from aicost.methods.text import batch_distribution

        return batch_distribution(self.coef).median

    @property
    def gpus(self) -> float:
        from aicost.methods.text import gpus_needed

        return float(gpus_needed(self.total_b, self.bytes_per_param, self.hardware, self.coef))

    # -- the computation, on floats or arrays --------------------------------------------
    def size_ratio(self) -> float:
        """The widest high/low of its two size ranges (1: both exact)."""
        return max(_ratio(self.total_params_b), _ratio(self.active_params_b))

    def accelerator_j(self, draws: Mapping[str, Value]) -> Value:
        """GPU energy of ONE answer (J) with the inputs in `draws` (missing: central)."""
        from aicost.methods.text import accelerator_energy_j

        total: Value = self.total_b
        active: Value = self.active_b
        size = draws.get(f"{self.prefix}:size")
        if size is not None:  # one draw moves both ranges together (comonotonic)
            widest = math.log(self.size_ratio())
            total = total * size ** (math.log(_ratio(self.total_params_b)) / widest)
            active = active * size ** (math.log(_ratio(self.active_params_b)) / widest)
        batch: Value = self.central_batch
        drawn = draws.get(f"{self.prefix}:batch")
        if drawn is not None:
            batch = batch * drawn
        residual = draws.get(f"{self.prefix}:residual", 1.0)
        return accelerator_energy_j(
            total,
            active,
            self.bytes_per_param,
            self.output_tokens,
            self.input_tokens,
            self.reasoning_tokens,
            batch,
            self.coef,
            self.hardware,
            residual,
        )

    def uncertain(self) -> list[tuple[str, str, str, float, float, float, str]]:
        """(key, role, kind, low, high, sd, origin) of each input the Monte Carlo draws, as
        multipliers of the central value (see aicost.uncertainty.Input)."""
        from aicost.methods.text import batch_distribution, residual_gsd

        out = []
        if self.device is not None:
            from aicost.units import magnitude_in

            d = self.device
            watts = magnitude_in(d.power, "W")
            low, high = (
                magnitude_in(d.power_low, "W") / watts,
                magnitude_in(d.power_high, "W") / watts,
            )
            origin = "device profile range (triangular)"
            out.append((f"device:{d.id}:power", "power", "triangular", low, high, 0.0, origin))
            low, high = d.efficiency_low / d.efficiency, d.efficiency_high / d.efficiency
            key = f"device:{d.id}:efficiency"
            out.append((key, "efficiency", "triangular", low, high, 0.0, origin))
            return out
        ratio = self.size_ratio()
        if ratio > 1:
            half = math.sqrt(ratio)
            origin = "catalogue size range (log-uniform)"
            out.append((f"{self.prefix}:size", "size", "loguniform", 1 / half, half, 0.0, origin))
        if self.batch is None:
            dist = batch_distribution(self.coef)
            low, high = dist.low / dist.median, dist.high / dist.median
            origin = f"serving batch {dist.low:g}-{dist.high:g} (log-uniform)"
            out.append((f"{self.prefix}:batch", "batch", "loguniform", low, high, 0.0, origin))
        gsd = residual_gsd(self.coef).gsd
        origin = "method's leave-one-model-out residual (lognormal)"
        out.append((f"{self.prefix}:residual", "residual", "lognormal", 1.0, 1.0, gsd, origin))
        return out


def _centre(r: Range) -> float:
    return r.low if r.exact else math.sqrt(r.low * r.high)


def _ratio(r: Range) -> float:
    return 1.0 if r.exact else r.high / r.low


# -- reading an item --------------------------------------------------------------------


def is_model_item(f: Fields) -> bool:
    return f.has("model") or f.has("kind")


def _tokens(f: Fields, key: str, default: float | None) -> float:
    if default is not None and not f.has(key):
        f.read.add(key)
        return default
    value = bounded(f, key, f.number(key, minimum=0))
    assert value is not None
    return value


def _precision(f: Fields, default: str) -> tuple[str, float]:
    from aicost.methods.text import PRECISION_BYTES, precision_bytes

    if not f.has("precision"):
        f.read.add("precision")
        return default, precision_bytes(default)
    name = f.req_text("precision")
    try:
        return name.lower(), precision_bytes(name)
    except KeyError:
        from aicost.errors import did_you_mean

        choices = tuple(PRECISION_BYTES)
        raise f.error(
            tr(
                "must be one of {choices}, got {got}",
                choices=", ".join(choices),
                got=describe(name),
            )
            + did_you_mean(name.lower(), choices),
            "precision",
        ) from None


def refuse_size_beside_model(f: Fields, keys: tuple[str, ...]) -> None:
    """An item names a catalogue model OR gives one by its size: the first of `keys` present
    beside `model` is refused, at its line."""
    extra = next((k for k in keys if f.has(k)), None)
    if extra is not None:
        raise f.error(
            tr(
                "has both 'model' and '{key}': name a model of the catalogue, or give "
                "one by its size (kind, params), not both",
                key=extra,
            ),
            extra,
        )


def _params(f: Fields, key: str) -> float:
    if not f.has(key):
        raise f.error(tr("needs '{key}' ({what})", key=key, what=tr("a number of parameters")))
    raw = f.raw(key)
    billions = params_billions(raw)
    if billions is None:
        raise f.error(
            tr(
                "must be a number of parameters such as 27B, 1.5T, 27e9 or 27000000000, got {got}",
                got=describe(raw),
            ),
            key,
        )
    return billions


def text_model(f: Fields, factors: FactorTable) -> TextModel:
    """The model of a `model:` or `kind: text` item (its keys are read from `f`)."""
    from aicost.methods.text import TextCoefficients
    from aicost.models import Range

    method = factors.method("text", path=f.path, line=f.line, where=f.where)
    coef = TextCoefficients.from_table(factors)
    device = _device(f, factors)
    if device is not None and f.has("batch"):
        raise f.error(tr("a device answers one request at a time: remove 'batch'"), "batch")
    batch = f.number("batch", required=False, minimum=1)
    if f.has("model"):
        from aicost.models import load_catalogue

        refuse_size_beside_model(f, ("kind", "params", "active_params"))
        name = f.req_text("model")
        model = load_catalogue().model(
            name, path=f.path, line=f.line_of("model"), where=f"{f.where}.model"
        )
        if model.kind not in KINDS:
            raise f.error(
                tr(
                    "'{name}' is a {kind} model; aicost computes {kinds} models so far",
                    name=name,
                    kind=model.kind,
                    kinds=", ".join(KINDS),
                ),
                "model",
            )
        precision, bytes_per_param = _precision(f, device.precision if device else model.precision)
        return TextModel(
            model=model,
            name=model.id,
            total_params_b=model.total_params_b,
            active_params_b=model.active_params_b,
            precision=precision,
            bytes_per_param=bytes_per_param,
            output_tokens=_tokens(f, "output_tokens", model.output_tokens),
            input_tokens=_tokens(f, "input_tokens", model.input_tokens),
            reasoning_tokens=_tokens(f, "reasoning_tokens", model.reasoning_tokens),
            batch=batch,
            method=method,
            coef=coef,
            default_site=factors.site(model.site) if device is None else None,
            disclosures=tuple(factors.task(t) for t in model.disclosures),
            device=device,
        )
    # image and video items went to aicost.mediaitem: a kind still here is text or wrong, and
    # the message lists every kind there is
    kind = f.choice("kind", ("text", "image", "video"))
    assert kind == "text"
    if not f.has("label"):
        raise f.error(tr("a model given by its size needs a 'label' saying what it is"))
    total = _params(f, "params")
    active = _params(f, "active_params") if f.has("active_params") else total
    if active > total:
        raise f.error(tr("must not exceed 'params' (the total)"), "active_params")
    precision, bytes_per_param = _precision(f, device.precision if device else "bf16")
    return TextModel(
        model=None,
        name=f.req_text("label"),
        total_params_b=Range(total, total),
        active_params_b=Range(active, active),
        precision=precision,
        bytes_per_param=bytes_per_param,
        output_tokens=_tokens(f, "output_tokens", None),
        input_tokens=_tokens(f, "input_tokens", 0.0),
        reasoning_tokens=_tokens(f, "reasoning_tokens", 0.0),
        batch=batch,
        method=method,
        coef=coef,
        device=device,
    )


def _device(f: Fields, factors: FactorTable) -> Device | None:
    if not f.has("device"):
        f.read.add("device")
        return None
    name = f.req_text("device")
    found = factors.devices.get(name.strip().lower())
    if found is None:
        from aicost.errors import did_you_mean

        raise f.error(
            tr(
                "names an unknown device '{name}'{suggestion}; known: {known}",
                name=name,
                suggestion=did_you_mean(name, list(factors.devices)),
                known=", ".join(factors.devices),
            ),
            "device",
        )
    return found

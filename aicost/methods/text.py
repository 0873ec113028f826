"""Text generation: the GPU (accelerator-boundary) energy of ONE answer of a language model.

Physical picture (one decode step of a server running `batch` answers at once): every step reads
the model's weights once for the whole batch, and does each answer's own work (compute, reading
its KV cache, communication between GPUs). Per output token and answer:

    e_token = h_weights(hw) · A / batch + h_token(hw) · C(context)
    A = a · W^alpha_total_bytes · (P_active / P_total)^moe        W = P_total · bytes  [GB]
    C = c · P_active^beta_active · N_GPU^gamma_gpus · bytes^beta_bytes · (1 + context / L0)

and one answer's energy is

    E = e_token · (output + reasoning + prefill_weight · input)        [J]

with context = input + (output + reasoning) / 2, the mean number of tokens whose KV cache a
decoded token reads. N_GPU comes from memory: the weights times an overhead (KV cache,
activations) on GPUs of the hardware class, rounded up to a power of two (tensor/expert
parallel sizes). Coefficients: fitted by benchmarks/calibrate_text.py on ML.ENERGY v3 (H100;
B200 factors on its B200 rows); see benchmarks/calibration/text.md for the data and errors.

Everything here is arithmetic that works on floats and on numpy arrays (broadcasting).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from aicost.records import record

if TYPE_CHECKING:
    from aicost.factors import FactorTable

# A float or a numpy array of floats: the method never imports numpy unless given arrays.
Value = Any

# Accepted precision names -> bytes per parameter of the weights.
PRECISION_BYTES: dict[str, float] = {
    "fp32": 4.0,
    "bf16": 2.0,
    "fp16": 2.0,
    "fp8": 1.0,
    "int8": 1.0,
    "fp4": 0.5,
    "mxfp4": 0.5,
    "nvfp4": 0.5,
    "int4": 0.5,
}
PRECISION_ALIASES: dict[str, str] = {"bfloat16": "bf16", "float16": "fp16", "float32": "fp32"}

HARDWARE = ("h100", "b200")

# Coefficient names in factors.yaml `methods: text: coefficients:`.
COEFFICIENT_NAMES = (
    "weight_energy",
    "weight_bytes_exponent",
    "moe_exponent",
    "token_energy",
    "token_active_exponent",
    "token_gpus_exponent",
    "token_bytes_exponent",
    "context_scale",
    "prefill_weight",
    "memory_overhead",
    "gpu_memory.h100",
    "gpu_memory.b200",
    "gpu_power.h100",
    "gpu_power.b200",
    "hardware_weights.b200",
    "hardware_token.b200",
    "batch_low",
    "batch_high",
    "residual_gsd",
)


# Coefficients that must be > 0 (the others are exponents: any number).
_POSITIVE = (
    "weight_energy",
    "token_energy",
    "context_scale",
    "memory_overhead",
    "gpu_memory.h100",
    "gpu_memory.b200",
    "gpu_power.h100",
    "gpu_power.b200",
    "hardware_weights.b200",
    "hardware_token.b200",
    "batch_low",
)


def check_values(values: dict[str, float]) -> tuple[str | None, str] | None:
    """The first out-of-range coefficient as (name, message), or None."""
    from aicost.i18n import tr

    for name in _POSITIVE:
        if values[name] <= 0:
            return name, tr("must be > 0")
    if values["prefill_weight"] < 0:
        return "prefill_weight", tr("must be ≥ 0")
    if values["batch_high"] < values["batch_low"]:
        return "batch_high", tr("must be ≥ batch_low")
    if values["residual_gsd"] < 1:
        return "residual_gsd", tr("must be ≥ 1 (a geometric standard deviation)")
    return None


def precision_bytes(
    name: str,
    *,
    path: str | None = None,
    line: int | None = None,
    where: str | None = None,
) -> float:
    """Bytes per parameter for a precision name (bf16, FP8, bfloat16, int4, ...), case-insensitive.

    An unknown name raises KeyError; given a place (path and/or where), an InputError of one
    line naming the place, the nearest names and the accepted ones."""
    key = name.strip().lower()
    key = PRECISION_ALIASES.get(key, key)
    if key in PRECISION_BYTES:
        return PRECISION_BYTES[key]
    if path is None and where is None:
        raise KeyError(name)
    from aicost.errors import InputError, did_you_mean
    from aicost.i18n import tr

    message = tr(
        "unknown precision '{name}'{suggestion}; use one of {choices}",
        name=name,
        suggestion=did_you_mean(key, [*PRECISION_BYTES, *PRECISION_ALIASES]),
        choices=", ".join(PRECISION_BYTES),
    )
    raise InputError(message, path=path, line=line, where=where)


def _is_scalar(x: Value) -> bool:
    return isinstance(x, (int, float))


def _log(x: Value) -> Value:
    if _is_scalar(x):
        return math.log(x)
    import numpy

    return numpy.log(x)


def _ceil(x: Value) -> Value:
    if _is_scalar(x):
        return float(math.ceil(x))
    import numpy

    return numpy.ceil(x)


def _max1(x: Value) -> Value:
    if _is_scalar(x):
        return max(1.0, float(x))
    import numpy

    return numpy.maximum(1.0, x)


@record
class TextCoefficients:
    """The fit (see module docstring); values as in factors.yaml, plain numbers."""

    weight_energy: float  # a: J per GB of weights read per step (per answer x batch)
    weight_bytes_exponent: float  # alpha: how A follows bytes/param at equal parameters
    moe_exponent: float  # moe: A x (active/total)^moe
    token_energy: float  # c: J per token at 1 B active, 1 GPU, 2 bytes/param, no context
    token_active_exponent: float  # beta
    token_gpus_exponent: float  # gamma
    token_bytes_exponent: float  # how C follows bytes/param
    context_scale: float  # L0, tokens: C x (1 + context / L0)
    prefill_weight: float  # energy of one input token / one output token
    memory_overhead: float  # memory needed / weights
    gpu_memory_gb: dict[str, float]  # usable memory per GPU, by hardware class
    gpu_power_w: dict[str, float]  # mean power per GPU while serving (for GPU-seconds)
    hardware_weights: dict[str, float]  # factor on the weights term, by hardware (h100: 1)
    hardware_token: dict[str, float]  # factor on the per-token term, by hardware (h100: 1)
    batch_low: float  # cloud serving batch: log-uniform between low and high
    batch_high: float
    residual_gsd: float  # geometric s.d. of the fit's leave-one-model-out residuals

    @classmethod
    def from_values(cls, values: dict[str, float]) -> TextCoefficients:
        """From a mapping of COEFFICIENT_NAMES to numbers."""

        def hw(prefix: str, h100: float | None = None) -> dict[str, float]:
            out = {h: values[f"{prefix}.{h}"] for h in HARDWARE if f"{prefix}.{h}" in values}
            if h100 is not None:
                out["h100"] = h100
            return out

        return cls(
            weight_energy=values["weight_energy"],
            weight_bytes_exponent=values["weight_bytes_exponent"],
            moe_exponent=values["moe_exponent"],
            token_energy=values["token_energy"],
            token_active_exponent=values["token_active_exponent"],
            token_gpus_exponent=values["token_gpus_exponent"],
            token_bytes_exponent=values["token_bytes_exponent"],
            context_scale=values["context_scale"],
            prefill_weight=values["prefill_weight"],
            memory_overhead=values["memory_overhead"],
            gpu_memory_gb=hw("gpu_memory"),
            gpu_power_w=hw("gpu_power"),
            hardware_weights=hw("hardware_weights", 1.0),
            hardware_token=hw("hardware_token", 1.0),
            batch_low=values["batch_low"],
            batch_high=values["batch_high"],
            residual_gsd=values["residual_gsd"],
        )

    @classmethod
    def from_table(cls, table: FactorTable) -> TextCoefficients:
        """From the `methods: text:` entry of a factor table."""
        method = table.method("text")
        return cls.from_values({name: c.value for name, c in method.coefficients.items()})

    def values(self) -> dict[str, float]:
        """The inverse of from_values (what factors.yaml holds)."""
        out = {
            name: getattr(self, name)
            for name in COEFFICIENT_NAMES
            if "." not in name and hasattr(self, name)
        }
        for prefix, table in (
            ("gpu_memory", self.gpu_memory_gb),
            ("gpu_power", self.gpu_power_w),
            ("hardware_weights", self.hardware_weights),
            ("hardware_token", self.hardware_token),
        ):
            for h, v in table.items():
                if f"{prefix}.{h}" in COEFFICIENT_NAMES:
                    out[f"{prefix}.{h}"] = v
        return out


def _hardware(coef: TextCoefficients, hardware: str) -> str:
    if hardware not in coef.gpu_memory_gb:
        known = ", ".join(sorted(coef.gpu_memory_gb))
        raise ValueError(f"unknown hardware class '{hardware}' (known: {known})")
    return hardware


def gpus_needed(
    total_params_b: Value,
    bytes_per_param: Value,
    hardware: str = "h100",
    coef: TextCoefficients | None = None,
) -> Value:
    """N_GPU: weights x memory overhead over one GPU's memory, rounded up to a power of two."""
    if coef is None:
        coef = _default()
    memory = coef.gpu_memory_gb[_hardware(coef, hardware)]
    needed = _max1(_ceil(total_params_b * bytes_per_param * coef.memory_overhead / memory - 1e-9))
    return 2.0 ** _ceil(_log(needed) / math.log(2.0) - 1e-9)


def energy_per_token_j(
    total_params_b: Value,
    active_params_b: Value,
    bytes_per_param: Value,
    context_tokens: Value,
    batch: Value,
    coef: TextCoefficients,
    hardware: str = "h100",
    gpus: Value | None = None,
) -> Value:
    """GPU energy per output token of one answer (J), at a mean context and batch.

    `gpus` overrides N_GPU (the calibration uses the GPU count that was measured).
    """
    hw = _hardware(coef, hardware)
    n_gpu = gpus if gpus is not None else gpus_needed(total_params_b, bytes_per_param, hw, coef)
    weights_gb = total_params_b * bytes_per_param
    weights = (
        coef.weight_energy
        * weights_gb
        * (bytes_per_param / 2.0) ** (coef.weight_bytes_exponent - 1.0)
        * (active_params_b / total_params_b) ** coef.moe_exponent
    )
    token = (
        coef.token_energy
        * active_params_b**coef.token_active_exponent
        * n_gpu**coef.token_gpus_exponent
        * (bytes_per_param / 2.0) ** coef.token_bytes_exponent
        * (1.0 + context_tokens / coef.context_scale)
    )
    return (
        coef.hardware_weights.get(hw, 1.0) * weights / batch
        + coef.hardware_token.get(hw, 1.0) * token
    )


def accelerator_energy_j(
    total_params_b: Value,
    active_params_b: Value,
    bytes_per_param: Value,
    output_tokens: Value,
    input_tokens: Value,
    reasoning_tokens: Value,
    batch: Value,
    coef: TextCoefficients,
    hardware: str = "h100",
    residual: Value = 1.0,
) -> Value:
    """GPU energy of ONE answer, joules (accelerator boundary)."""
    generated = output_tokens + reasoning_tokens
    context = input_tokens + generated / 2.0
    per_token = energy_per_token_j(
        total_params_b, active_params_b, bytes_per_param, context, batch, coef, hardware
    )
    return per_token * (generated + coef.prefill_weight * input_tokens) * residual


def gpu_seconds(
    total_params_b: Value,
    active_params_b: Value,
    bytes_per_param: Value,
    output_tokens: Value,
    input_tokens: Value,
    reasoning_tokens: Value,
    batch: Value,
    coef: TextCoefficients,
    hardware: str = "h100",
    residual: Value = 1.0,
) -> Value:
    """GPU-seconds one answer occupies (N_GPU x time / batch): its energy over the mean power
    per GPU measured while serving (for embodied impacts)."""
    energy = accelerator_energy_j(
        total_params_b,
        active_params_b,
        bytes_per_param,
        output_tokens,
        input_tokens,
        reasoning_tokens,
        batch,
        coef,
        hardware,
        residual,
    )
    return energy / coef.gpu_power_w[_hardware(coef, hardware)]


@record
class LogUniform:
    """What the Monte Carlo draws for the serving batch: log-uniform on [low, high]."""

    low: float
    high: float

    @property
    def median(self) -> float:
        return math.sqrt(self.low * self.high)

    def quantile(self, q: Value) -> Value:
        """Inverse CDF: low x (high/low)^q, for q in [0, 1] (float or array)."""
        return self.low * (self.high / self.low) ** q

    def sample(self, rng: Any, n: int) -> Value:
        """n draws with a numpy Generator."""
        return self.quantile(rng.random(n))


@record
class LogNormal:
    """A multiplicative residual with median 1 and geometric standard deviation gsd."""

    gsd: float

    @property
    def sigma(self) -> float:
        return math.log(self.gsd)

    def sample(self, rng: Any, n: int) -> Value:
        """n multiplicative residuals (median 1) with a numpy Generator."""
        import numpy

        return numpy.exp(self.sigma * rng.standard_normal(n))


def batch_distribution(coef: TextCoefficients) -> LogUniform:
    """Cloud serving batch (concurrent answers): log-uniform between the sources' bounds; its
    median is the central value."""
    return LogUniform(coef.batch_low, coef.batch_high)


def residual_gsd(coef: TextCoefficients) -> LogNormal:
    """The fit's residual: lognormal, median 1, gsd from leave-one-model-out residuals."""
    return LogNormal(coef.residual_gsd)


def _default() -> TextCoefficients:
    from aicost.factors import load_factors

    return TextCoefficients.from_table(load_factors())

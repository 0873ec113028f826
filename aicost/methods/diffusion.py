"""The arithmetic image and video diffusion share: GPU energy of one denoising step.

A diffusion transformer's work per step grows with its parameters times the tokens it denoises
(the linear layers), plus self-attention, which grows with the square of the tokens. With
``d`` the hidden width and ``P ≈ 12·L·d²`` the parameters of ``L`` blocks, one forward pass costs
about ``2·P·ℓ·(1 + ℓ/(6·d))`` FLOPs for ``ℓ`` tokens; ``d`` is taken from the size alone
(``d = √(P/(12·L))`` for a typical depth), so the attention term is ``ℓ / (q·√P_B)`` with ``q`` a
calibrated constant (see ``benchmarks/calibrate_media.py``). Linear-attention models (SANA) and
U-Nets have no quadratic term here.

Energy of one generation (GPU only, joules)::

    E = steps · (k · P_B · ℓ · (1 + [quadratic] · ℓ / (q · √P_B)) + b0 / batch) · hw · residual

``k`` is the family's joules per (billion parameters · token · step), ``b0`` the per-step energy
a batch shares. Every argument may be a float or a numpy array (broadcasting).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aicost.records import record

Number = Any  # float or numpy array: the arithmetic below is the same for both

# The shape of each architecture family (not fitted): pixels per latent token along each side
# (VAE stride × patch: 8 × 2 for DiT, MM-DiT and U-Net latents; SANA's deep-compression
# autoencoder 32 × 1) and whether self-attention runs over all tokens (quadratic term).
# Linear-attention models have none; a U-Net is mostly convolutions.
SHAPES: dict[str, tuple[float, bool]] = {
    "linear-attention": (32.0, False),
    "dit": (16.0, True),
    "mm-dit": (16.0, True),
    "u-net": (16.0, False),
}
UNKNOWN = "unknown"  # the family of a model given only by size: counted as a DiT


@record
class Family:
    """One architecture family of a diffusion method, as calibrated."""

    id: str
    k_j: float  # joules per (billion parameters · token · step)
    token_stride_px: float  # pixels per token along each side (VAE stride × patch)
    quadratic: bool  # full self-attention over all tokens
    residual_gsd: float  # geometric standard deviation of the fit (leave-one-model-out)


@record
class DiffusionCoefficients:
    """A calibrated diffusion method: its families, the unknown-architecture default, constants."""

    families: dict[str, Family]
    unknown: Family  # used when only the size is given
    attention_q: float  # tokens per √(billion parameters) where attention equals the linear layers
    batch_shared_j: float  # b0: joules per step shared by a batch
    hardware: dict[str, float]  # GPU energy relative to an H100 for the same work

    def family(self, architecture: str | None) -> Family:
        """The family for ``architecture`` (None: the unknown-architecture default). A family
        of SHAPES the data did not calibrate (image DiTs: none in ML.ENERGY v3) gets the
        default too, which is counted as a DiT: its estimate is the size-only one."""
        if architecture is None or (architecture in SHAPES and architecture not in self.families):
            return self.unknown
        try:
            return self.families[architecture]
        except KeyError:
            known = ", ".join(sorted(self.families))
            raise ValueError(f"unknown architecture {architecture!r}; known: {known}") from None

    @classmethod
    def from_values(
        cls, values: Mapping[str, float], method_id: str = "image"
    ) -> DiffusionCoefficients:
        """Build from factors.yaml coefficient values: ``attention_q``, ``batch_shared_j``,
        ``k.FAMILY`` and ``residual_gsd.FAMILY`` (FAMILY a key of SHAPES, or ``unknown``),
        ``hardware.GPU`` (relative to an H100). ``check_values`` says what is wrong first."""
        problem = check_values(method_id, values)
        if problem is not None:
            raise ValueError(f"{problem[0] or method_id}: {problem[1]}")
        families = {}
        for fid in [*SHAPES, UNKNOWN]:
            if f"k.{fid}" in values:
                stride, quadratic = SHAPES.get(fid, SHAPES["dit"])
                families[fid] = Family(
                    fid, values[f"k.{fid}"], stride, quadratic, values[f"residual_gsd.{fid}"]
                )
        hardware = {"h100": 1.0}
        hardware.update({k[9:]: v for k, v in values.items() if k.startswith("hardware.")})
        return cls(
            families={k: v for k, v in families.items() if k != UNKNOWN},
            unknown=families[UNKNOWN],
            attention_q=values["attention_q"],
            batch_shared_j=values["batch_shared_j"],
            hardware=hardware,
        )

    def hardware_factor(self, hardware: str) -> float:
        try:
            return self.hardware[hardware]
        except KeyError:
            known = ", ".join(sorted(self.hardware))
            raise ValueError(f"unknown hardware {hardware!r}; known: {known}") from None


def check_values(method_id: str, values: Mapping[str, float]) -> tuple[str | None, str] | None:
    """The first problem of a diffusion method's coefficients as (coefficient or None,
    message), or None: the names it reads, each in its range."""
    from aicost.i18n import tr

    families = [*SHAPES, UNKNOWN]
    for key in ("attention_q", "batch_shared_j", f"k.{UNKNOWN}", f"residual_gsd.{UNKNOWN}"):
        if key not in values:
            return None, tr("needs the coefficient '{name}'", name=key)
    for key, value in values.items():
        name, _, part = key.partition(".")
        known = (name in ("attention_q", "batch_shared_j") and not part) or (
            (name in ("k", "residual_gsd") and part in families) or (name == "hardware" and part)
        )
        if not known:
            allowed = "attention_q, batch_shared_j, k.F, residual_gsd.F, hardware.GPU (F: {})"
            return key, tr(
                "is not a coefficient of the {method} method; allowed: {allowed}",
                method=method_id,
                allowed=allowed.format(", ".join(families)),
            )
        if name == "k" and f"residual_gsd.{part}" not in values:
            return None, tr("needs the coefficient '{name}'", name=f"residual_gsd.{part}")
        if name == "batch_shared_j" and value < 0:
            return key, tr("must be ≥ 0")
        if name in ("k", "attention_q", "hardware") and value <= 0:
            return key, tr("must be > 0")
        if name == "residual_gsd" and value < 1:
            return key, tr("must be ≥ 1 (a geometric standard deviation)")
    return None


def attention_factor(params_b: Number, tokens: Number, family: Family, q: float) -> Number:
    """1 + attention's share relative to the linear layers (1 when the family has none)."""
    if not family.quadratic:
        return 1.0 + 0.0 * tokens
    return 1.0 + tokens / (q * params_b**0.5)


def residual_gsd(coef: DiffusionCoefficients, architecture: str | None = None) -> float:
    """Geometric standard deviation the Monte Carlo draws for the fit's residual (images and
    clips alike)."""
    return coef.family(architecture).residual_gsd


def energy_j(
    params_b: Number,
    tokens: Number,
    steps: Number,
    batch: Number,
    family: Family,
    coef: DiffusionCoefficients,
    hardware: str = "h100",
    residual: Number = 1.0,
) -> Number:
    """GPU energy of one generation (joules) from its denoised tokens and steps."""
    per_step = (
        family.k_j
        * params_b
        * tokens
        * attention_factor(params_b, tokens, family, coef.attention_q)
    )
    shared = coef.batch_shared_j / batch
    return steps * (per_step + shared) * coef.hardware_factor(hardware) * residual

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

from dataclasses import dataclass
from typing import Any

Number = Any  # float or numpy array: the arithmetic below is the same for both


@dataclass(frozen=True)
class Family:
    """One architecture family of a diffusion method, as calibrated."""

    id: str
    k_j: float  # joules per (billion parameters · token · step)
    token_stride_px: float  # pixels per token along each side (VAE stride × patch)
    quadratic: bool  # full self-attention over all tokens
    residual_gsd: float  # geometric standard deviation of the fit (leave-one-model-out)


@dataclass(frozen=True)
class DiffusionCoefficients:
    """A calibrated diffusion method: its families, the unknown-architecture default, constants."""

    families: dict[str, Family]
    unknown: Family  # used when only the size is given
    attention_q: float  # tokens per √(billion parameters) where attention equals the linear layers
    batch_shared_j: float  # b0: joules per step shared by a batch
    hardware: dict[str, float]  # GPU energy relative to an H100 for the same work

    def family(self, architecture: str | None) -> Family:
        """The family for ``architecture`` (None: the unknown-architecture default)."""
        if architecture is None:
            return self.unknown
        try:
            return self.families[architecture]
        except KeyError:
            known = ", ".join(sorted(self.families))
            raise ValueError(f"unknown architecture {architecture!r}; known: {known}") from None

    def hardware_factor(self, hardware: str) -> float:
        try:
            return self.hardware[hardware]
        except KeyError:
            known = ", ".join(sorted(self.hardware))
            raise ValueError(f"unknown hardware {hardware!r}; known: {known}") from None


def attention_factor(params_b: Number, tokens: Number, family: Family, q: float) -> Number:
    """1 + attention's share relative to the linear layers (1 when the family has none)."""
    if not family.quadratic:
        return 1.0 + 0.0 * tokens
    return 1.0 + tokens / (q * params_b**0.5)


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

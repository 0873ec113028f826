"""Video generation method: GPU energy of one clip from the model's size, architecture family,
resolution, frames (or seconds × fps) and denoising steps (calibrated on ML.ENERGY v3
text-to-video).

Tokens denoised per step for Wan/CogVideoX-like latents (VAE stride 4 in time, 8 in space, patch
2 × 2): ``ℓ = (1 + F/4) · (H/16) · (W/16)`` (Delavande et al., arXiv 2509.19222). With full 3-D
attention the per-step energy has a term in ``ℓ²`` (:mod:`aicost.methods.diffusion`): a clip six
times longer costs more than six times as much.
"""

from __future__ import annotations

from aicost.methods.diffusion import DiffusionCoefficients, Number, energy_j

ARCHITECTURES = ("dit",)
TEMPORAL_STRIDE = 4.0  # frames per latent frame


def frames(seconds: Number, fps: Number) -> Number:
    """Frames of a clip: one first frame plus ``seconds × fps``."""
    return seconds * fps + 1.0


def tokens(frame_count: Number, width: Number, height: Number, stride_px: float) -> Number:
    """Latent tokens of one clip for a family with ``stride_px`` pixels per token."""
    return (1.0 + frame_count / TEMPORAL_STRIDE) * (width / stride_px) * (height / stride_px)


def accelerator_energy_j(
    params_b: Number,
    width: Number,
    height: Number,
    frame_count: Number,
    steps: Number,
    batch: Number,
    coef: DiffusionCoefficients,
    architecture: str | None = None,
    hardware: str = "h100",
    residual: Number = 1.0,
) -> Number:
    """GPU energy of ONE clip, joules (architecture None: only the size is known)."""
    family = coef.family(architecture)
    ell = tokens(frame_count, width, height, family.token_stride_px)
    return energy_j(params_b, ell, steps, batch, family, coef, hardware, residual)

"""Image generation method: GPU energy of one image from the model's size, architecture family,
resolution, denoising steps and batch (calibrated on ML.ENERGY v3 text-to-image).

Tokens denoised per step: ``(W / s) · (H / s)`` with ``s`` the family's pixels per token
(16 for DiT, MM-DiT and U-Net latents: VAE stride 8 × patch 2; 32 for SANA's deep-compression
autoencoder). See :mod:`aicost.methods.diffusion` for the energy of one step.
"""

from __future__ import annotations

from aicost.methods.diffusion import DiffusionCoefficients, Number, energy_j
from aicost.methods.diffusion import residual_gsd as residual_gsd  # one for images and clips

ARCHITECTURES = ("linear-attention", "dit", "mm-dit", "u-net")


def tokens(width: Number, height: Number, stride_px: float) -> Number:
    """Latent tokens of one ``width × height`` image for a family with ``stride_px``."""
    return (width / stride_px) * (height / stride_px)


def accelerator_energy_j(
    params_b: Number,
    width: Number,
    height: Number,
    steps: Number,
    batch: Number,
    coef: DiffusionCoefficients,
    architecture: str | None = None,
    hardware: str = "h100",
    residual: Number = 1.0,
) -> Number:
    """GPU energy of ONE image, joules (architecture None: only the size is known)."""
    family = coef.family(architecture)
    ell = tokens(width, height, family.token_stride_px)
    return energy_j(params_b, ell, steps, batch, family, coef, hardware, residual)

"""Closed video services: server energy of one clip from EcoLogits' latency regressions.

EcoLogits 0.11.3 (`data/video_models.json`, MPL-2.0 data, reused with attribution: GenAI Impact,
research by Luccioni, Gamazaychikov and Jegham) fits, per service, the time one clip takes from
its width ``W``, height ``H`` and frame count ``F`` (frames at 24 fps: ``F = 24·seconds + 1``)::

    T = W·H·F / 1000
    latency = (n·F·(W·H)² + m·T + m1·F + m2·(W·H)² + n1·F² + n2·T² + g) · audio_weight

and takes the whole server (8 GPUs or TPUs, its power a 2.5–97.5 % range) as busy for that long,
with no batching: energy at the ``it`` boundary = latency × server power. This module only does
that arithmetic (floats or numpy arrays); the coefficients are in factors.yaml.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from aicost.methods.diffusion import Number

TERMS = ("n", "m", "m1", "m2", "n1", "n2", "g")
FPS = 24.0  # EcoLogits counts frames at 24 per second


@dataclass(frozen=True)
class LatencyRegression:
    """One service's latency fit (seconds), EcoLogits' letters; absent terms are 0."""

    n: float = 0.0
    m: float = 0.0
    m1: float = 0.0
    m2: float = 0.0
    n1: float = 0.0
    n2: float = 0.0
    g: float = 0.0
    audio_weight: float = 1.0  # < 1: the clip without sound, for services that make sound

    @classmethod
    def from_values(cls, values: Mapping[str, float], prefix: str) -> LatencyRegression:
        """The regression whose coefficients are named ``prefix.n``, ``prefix.m``... in values."""
        found = {
            t: values[f"{prefix}.{t}"]
            for t in (*TERMS, "audio_weight")
            if f"{prefix}.{t}" in values
        }
        return cls(**found)


def frames_at_24(seconds: Number) -> Number:
    """EcoLogits' frame count for a clip of ``seconds``."""
    return seconds * FPS + 1.0


def latency_s(width: Number, height: Number, frame_count: Number, reg: LatencyRegression) -> Number:
    """Seconds one clip occupies the server."""
    area = width * height
    volume = area * frame_count / 1000.0
    return (
        reg.n * frame_count * area**2
        + reg.m * volume
        + reg.m1 * frame_count
        + reg.m2 * area**2
        + reg.n1 * frame_count**2
        + reg.n2 * volume**2
        + reg.g
    ) * reg.audio_weight


def it_energy_j(
    width: Number,
    height: Number,
    seconds: Number,
    reg: LatencyRegression,
    server_power_w: Number,
    scale: Number = 1.0,
) -> Number:
    """Server energy of ONE clip of ``seconds`` (joules, boundary `it`); ``scale`` carries a
    stated ratio to the service the regression was fitted on (1 for that service)."""
    return latency_s(width, height, frames_at_24(seconds), reg) * server_power_w * scale

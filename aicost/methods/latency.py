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

from aicost.methods.diffusion import Number
from aicost.records import record

TERMS = ("n", "m", "m1", "m2", "n1", "n2", "g")
FPS = 24.0  # EcoLogits counts frames at 24 per second


@record
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


@record
class ServerPower:
    """Power of the whole server while it makes a clip, W: EcoLogits' 2.5–97.5 % range."""

    low: float
    mean: float
    high: float


@record
class LatencyCoefficients:
    """The `video.latency` method of factors.yaml: one regression per service, server powers."""

    services: dict[str, LatencyRegression]
    servers: dict[str, ServerPower]
    residual_gsd: float

    @classmethod
    def from_values(cls, values: Mapping[str, float]) -> LatencyCoefficients:
        """From coefficients named ``SERVICE.TERM`` (TERM one of n, m, m1, m2, n1, n2, g),
        ``server_power.SERVER.low|mean|high`` and ``residual_gsd``."""
        problem = check_values(values)
        if problem is not None:
            raise ValueError(f"{problem[0] or 'video.latency'}: {problem[1]}")
        services = {k.rpartition(".")[0] for k in values if k.rpartition(".")[2] in TERMS}
        servers = {k.split(".")[1] for k in values if k.startswith("server_power.")}
        return cls(
            services={s: LatencyRegression.from_values(values, s) for s in sorted(services)},
            servers={
                s: ServerPower(*(values[f"server_power.{s}.{b}"] for b in _BOUNDS))
                for s in sorted(servers)
            },
            residual_gsd=values["residual_gsd"],
        )


_BOUNDS = ("low", "mean", "high")


def check_values(values: Mapping[str, float]) -> tuple[str | None, str] | None:
    """The first problem of the `video.latency` coefficients as (name or None, message)."""
    from aicost.i18n import tr

    if "residual_gsd" not in values:
        return None, tr("needs the coefficient '{name}'", name="residual_gsd")
    for key, value in values.items():
        parts = key.split(".")
        if key == "residual_gsd":
            if value < 1:
                return key, tr("must be ≥ 1 (a geometric standard deviation)")
        elif parts[0] == "server_power" and len(parts) == 3 and parts[2] in _BOUNDS:
            for bound in _BOUNDS:
                if f"server_power.{parts[1]}.{bound}" not in values:
                    return None, tr(
                        "needs the coefficient '{name}'", name=f"server_power.{parts[1]}.{bound}"
                    )
            if value <= 0:
                return key, tr("must be > 0")
        elif key.rpartition(".")[2] in TERMS and key.rpartition(".")[0]:
            if value < 0:
                return key, tr("must be ≥ 0")
        else:
            return key, tr(
                "is not a coefficient of the {method} method; allowed: {allowed}",
                method="video.latency",
                allowed="SERVICE.n|m|m1|m2|n1|n2|g, server_power.SERVER.low|mean|high,"
                " residual_gsd",
            )
    return None

"""Methods: how a model's energy per generation is computed from its settings.

Each method is pure arithmetic (no units, no I/O) that works on Python floats and on numpy
arrays alike, so one function serves the central value and every Monte Carlo sample. Its
coefficients are read from the `methods:` section of factors.yaml.
"""

from __future__ import annotations

from aicost.i18n import tr


def required_coefficients(method_id: str) -> tuple[str, ...] | None:
    """The coefficient names a method of aicost/methods/ reads (None: not a known method)."""
    if method_id == "text":
        from aicost.methods.text import COEFFICIENT_NAMES

        return COEFFICIENT_NAMES
    return None


def check_coefficients(method_id: str, values: dict[str, float]) -> tuple[str | None, str] | None:
    """The first problem of a method's coefficients as (coefficient or None, message), or None.

    A known method must have exactly its coefficients, each within its allowed range."""
    names = required_coefficients(method_id)
    if names is None:
        return check_media_coefficients(method_id, values)
    for name in values:
        if name not in names:
            return name, tr(
                "is not a coefficient of the {method} method; allowed: {allowed}",
                method=method_id,
                allowed=", ".join(names),
            )
    for name in names:
        if name not in values:
            return None, tr("needs the coefficient '{name}'", name=name)
    if method_id == "text":
        from aicost.methods.text import check_values

        return check_values(values)
    return None


def check_media_coefficients(
    method_id: str, values: dict[str, float]
) -> tuple[str | None, str] | None:
    """Image and video methods: their coefficient names carry a family or service, so they are
    checked by pattern (aicost/methods/diffusion.py, latency.py) rather than by a fixed list."""
    if method_id in ("image", "video"):
        from aicost.methods.diffusion import check_values

        return check_values(method_id, values)
    if method_id == "video.latency":
        from aicost.methods.latency import check_values as check_latency

        return check_latency(values)
    return None

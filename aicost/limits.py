"""Sane ranges of a model item's settings: a value outside is refused (exit 2), not computed.

The methods are fitted on images of 256-2,048 px, clips of seconds and answers of thousands of
tokens; far outside, a figure means nothing (`sora-2:99999x99999` would give 2 GWh). The
ranges are wide enough for any real use and documented in the README ("Limits")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aicost.i18n import tr

if TYPE_CHECKING:
    from aicost.fields import Fields

# key -> (least, most), both allowed
LIMITS: dict[str, tuple[float, float]] = {
    "width": (64, 8192),  # px
    "height": (64, 8192),  # px
    "steps": (1, 1000),
    "seconds": (0, 600),  # > 0 (read as positive), at most 10 minutes
    "fps": (1, 120),
    "frames": (1, 72_000),  # 600 s at 120 fps
    "input_tokens": (0, 10_000_000),
    "output_tokens": (0, 10_000_000),
    "reasoning_tokens": (0, 10_000_000),
}


def bounded(f: Fields, key: str, value: float | None) -> float | None:
    """`value` of `key` when inside its range (None passes), else an error naming the range."""
    if value is None or key not in LIMITS:
        return value
    least, most = LIMITS[key]
    if least <= value <= most:
        return value
    if value > most:
        raise f.error(
            tr("must be at most {most}, got {got}", most=_shown(most), got=_shown(value)), key
        )
    raise f.error(
        tr("must be at least {least}, got {got}", least=_shown(least), got=_shown(value)), key
    )


def _shown(value: float) -> int | float:
    """A whole number as an int, which `tr` groups by locale (8,192 / 8 192)."""
    return int(value) if float(value).is_integer() else value

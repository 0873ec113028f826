"""Comparing quantities in tests, with the meaning of pint.testing for aicost's quantities.

`assert_allclose(first, second)`: both of one dimension, `second` converted to `first`'s units,
the magnitudes within `rtol` of the larger of the two (symmetric) or within `atol`; a plain
number beside a quantity compares with that quantity as a plain number (dimensionless only).
"""

from __future__ import annotations

import math
from typing import Any

from aicost.quantity import NONE, Quantity


def _comparable(first: Any, second: Any, msg: str) -> tuple[float, float]:
    if isinstance(first, Quantity) and isinstance(second, Quantity):
        assert first.dimensionality == second.dimensionality, msg + " Units are not compatible."
        second = second.to(first.units)
        return first.magnitude, second.magnitude
    if isinstance(first, Quantity):
        assert first.dimensionless, msg + " The first is not dimensionless."
        return first.to(NONE).magnitude, second
    if isinstance(second, Quantity):
        assert second.dimensionless, msg + " The second is not dimensionless."
        return first, second.to(NONE).magnitude
    return first, second


def assert_allclose(
    first: Any, second: Any, rtol: float = 1e-07, atol: float = 0, msg: str | None = None
) -> None:
    """Assert that two quantities (or a quantity and a number) are close."""
    msg = msg or f"Comparing {first!r} and {second!r}."
    m1, m2 = _comparable(first, second, msg)
    msg += f" (converted to {m1!r} and {m2!r})"
    if math.isnan(m1) or math.isnan(m2):
        assert math.isnan(m1) and math.isnan(m2), msg
    elif math.isinf(m1) or math.isinf(m2):
        assert m1 == m2, msg
    else:
        assert abs(m1 - m2) <= max(rtol * max(abs(m1), abs(m2)), atol), msg

"""Numbers read as typed: the one place that turns a written number into a float.

A number is refused (None) when it cannot be computed with as written: too large (overflow to
infinity), not a number, or so small that it becomes zero or loses digits (a subnormal float)
although its digits are not all zero. Digit groups may be separated by single underscores
between digits (`1_000`), as in Python and YAML 1.2 core-schema texts aicost reads.
"""

from __future__ import annotations

import math
import re
import sys

# A decimal number as aicost reads it in a text: sign, digits (underscores only between
# digits), optional fraction and exponent. No hexadecimal, octal, base 60 or thousands commas.
DECIMAL = (
    r"[-+]?(?:[0-9]+(?:_[0-9]+)*(?:\.(?:[0-9]+(?:_[0-9]+)*)?)?|\.[0-9]+(?:_[0-9]+)*)"
    r"(?:[eE][-+]?[0-9]+)?"
)
_DECIMAL = re.compile(rf"\s*({DECIMAL})\s*")
_SMALLEST = sys.float_info.min


def decimal_value(text: str) -> float | None:
    """The float a decimal text writes, or None when it is not one or cannot be computed with."""
    match = _DECIMAL.fullmatch(text)
    if match is None:
        return None
    return computable(match.group(1).replace("_", ""))


def computable(number_text: str) -> float | None:
    """float(number_text), or None when the result is not the number written: infinite, NaN,
    or zero/subnormal from digits that are not all zero (underflow)."""
    try:
        value = float(number_text)
    except (ValueError, OverflowError):
        return None
    if not math.isfinite(value):
        return None
    if abs(value) < _SMALLEST and any(c in "123456789" for c in _mantissa(number_text)):
        return None
    return value


def _mantissa(number_text: str) -> str:
    return number_text.lower().split("e")[0]


def nonzero_underflow(result: float, *inputs: float) -> bool:
    """Whether a product became zero (or lost its digits) though none of its factors is zero."""
    return abs(result) < _SMALLEST and all(x != 0 for x in inputs)

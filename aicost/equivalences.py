"""What a total amounts to in familiar units: the equivalences of the factor table applied to
an estimate, and the few whose numbers read naturally.

The number of an equivalence is total / value: a duration (value is a power, or CO2e per
hour), a distance in km (value per km), or a count. Pure: no I/O, no printing.
"""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING

from aicost.records import record
from aicost.units import Q, magnitude_in

if TYPE_CHECKING:
    from aicost.engine import Estimate, GridEstimate
    from aicost.factors import Equivalence, FactorTable
    from aicost.units import Quantity

# A number "reads naturally" between these two, in the unit it is shown in.
NATURAL = (0.1, 10_000.0)
# How many are picked when none is asked for: per total energy, and per grid for CO2e, water.
PICK = {"energy": 2, "co2e": 1, "water": 1}


@cache
def _seconds(value: float, unit: str) -> float:
    """A duration's seconds (the thresholds of `Equivalent.shown`: worked out once)."""
    return magnitude_in(Q(value, unit), "s")


@record
class Equivalent:
    """One equivalence applied to one total."""

    equivalence: Equivalence
    amount: Quantity  # seconds, km, or dimensionless

    def shown(self) -> tuple[float, str]:
        """The number and unit symbol as shown: seconds under 2 minutes, minutes under 2 hours,
        else hours; km for a distance; no unit for a count."""
        kind = self.equivalence.kind
        if kind == "duration":
            seconds = magnitude_in(self.amount, "s")
            if seconds < _seconds(2, "min"):
                return seconds, "s"
            if seconds < _seconds(2, "h"):
                return magnitude_in(self.amount, "min"), "min"
            return magnitude_in(self.amount, "h"), "h"
        if kind == "distance":
            return magnitude_in(self.amount, "km"), "km"
        return magnitude_in(self.amount, "dimensionless"), ""

    def distance_from_natural(self) -> float:
        """0 inside NATURAL, else how many powers of ten outside it."""
        value = abs(self.shown()[0])
        if value == 0:
            return math.inf
        low, high = NATURAL
        if value < low:
            return math.log10(low / value)
        if value > high:
            return math.log10(value / high)
        return 0.0


def apply(total: Quantity, table: FactorTable, dimension: str) -> list[Equivalent]:
    """Every equivalence of `dimension` (energy, co2e, water) applied to `total`, table order."""
    return [
        Equivalent(e, e.amount(total))
        for e in table.equivalences.values()
        if e.dimension == dimension
    ]


def pick(
    equivalents: list[Equivalent], dimension: str, wanted: tuple[str, ...] | None = None
) -> list[Equivalent]:
    """Those asked for (ids, in that order), or the few that read most naturally."""
    if wanted:
        by_id = {e.equivalence.id: e for e in equivalents}
        return [by_id[i] for i in wanted if i in by_id]
    order = {id(e): n for n, e in enumerate(equivalents)}
    ranked = sorted(equivalents, key=lambda e: (e.distance_from_natural(), order[id(e)]))
    return ranked[: PICK[dimension]]


def energy_equivalents(estimate: Estimate, table: FactorTable) -> list[Equivalent]:
    return apply(estimate.energy, table, "energy")


def grid_equivalents(grid: GridEstimate, table: FactorTable) -> list[Equivalent]:
    """CO2e equivalences, then water ones, for one grid."""
    return apply(grid.co2e, table, "co2e") + apply(grid.water, table, "water")

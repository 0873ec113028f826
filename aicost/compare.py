"""Choices side by side (`aicost compare`): each alternative is one scenario, estimated as run
(each item at its own site, on its own grid), ranked by its CO2e. Pure: no I/O beyond reading
the files, no printing.

An alternative is a scenario file, or one of the `options:` of a file:

    name: Which model for our event's questions?
    here: FR                      # shared by every option (as are site, grids, scale)
    scale: {questions: 100}
    options:
      - label: GPT-4o (OpenAI, US)
        label_fr: GPT-4o (OpenAI, États-Unis)
        items:
          - model: gpt-4o
            count: 1
      - label: Mistral 7B on our laptops
        items:
          - label: One answer on a laptop
            site: local
            power: 45 W
            duration: 20 s
            count: 1

Each option takes the file's keys (site, grids, here, scale, description) and its own `items`
(and may give its own `site`, `here`, `description`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aicost.records import record
from aicost.scenarios import load_scenarios as load_alternatives

if TYPE_CHECKING:
    from aicost.engine import Estimate
    from aicost.scenarios import Scenario
    from aicost.uncertainty import Uncertainty


@record
class Alternative:
    """One choice: its scenario's estimate (and Monte Carlo intervals, with --uncertainty)."""

    estimate: Estimate
    uncertainty: Uncertainty | None = None

    @property
    def scenario(self) -> Scenario:
        return self.estimate.scenario

    def co2e_g(self) -> float:
        assert self.estimate.as_run is not None
        return float(self.estimate.as_run.co2e.to("g").magnitude)


def cheapest_and_dearest(alternatives: list[Alternative]) -> tuple[int, int, float | None]:
    """Indexes of the alternatives with the least and the most CO2e as run, and how many
    times more the dearest emits (None when the cheapest emits nothing, or only one)."""
    values = [a.co2e_g() for a in alternatives]
    low = min(range(len(values)), key=values.__getitem__)
    high = max(range(len(values)), key=values.__getitem__)
    if len(values) < 2 or values[low] <= 0:
        return low, high, None
    return low, high, values[high] / values[low]


__all__ = ["Alternative", "cheapest_and_dearest", "load_alternatives"]

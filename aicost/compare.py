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

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aicost.fields import Fields, describe, join
from aicost.i18n import tr
from aicost.yamlfile import LineDict, line_of, load_yaml

if TYPE_CHECKING:
    from aicost.engine import Estimate
    from aicost.factors import FactorTable
    from aicost.scenarios import Scenario
    from aicost.uncertainty import Uncertainty

OPTION_KEYS = ("label", "label_fr", "items", "site", "here", "description")
SHARED_KEYS = ("name", "name_fr", "description", "site", "grids", "here", "scale")


@dataclass(frozen=True)
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


def load_alternatives(path: str | Path, factors: FactorTable) -> list[Scenario]:
    """The scenario of a file, or one scenario per option of its `options:`."""
    from aicost.scenarios import parse_scenario

    data = load_yaml(path, what="scenario file")
    if not isinstance(data, dict) or "options" not in data:
        return [parse_scenario(data, str(path), factors)]
    top = Fields(data, path=str(path), where="")
    raw = top.raw("options")
    if not isinstance(raw, list) or len(raw) < 1:
        got = describe(raw)
        raise top.error(tr("needs a non-empty list of options, got {got}", got=got), "options")
    if top.has("items"):
        raise top.error(
            tr("has both 'items' and 'options': give the items inside each option"), "items"
        )
    top.read.update(SHARED_KEYS)
    top.done()
    out = []
    for i, entry in enumerate(raw):
        where = join("options", i)
        f = Fields(entry, path=str(path), where=where, line=line_of(raw, i))
        label = f.req_text("label")
        f.read.update(OPTION_KEYS)
        f.done()
        merged = LineDict({k: v for k, v in data.items() if k in SHARED_KEYS})
        merged.line = f.line
        merged.key_lines = {
            **getattr(data, "key_lines", {}),
            **getattr(entry, "key_lines", {}),
        }
        for key in ("items", "site", "here", "description"):
            if key in entry:
                merged[key] = entry[key]
        merged["name"] = label
        if "label_fr" in entry:
            merged["name_fr"] = entry["label_fr"]
        else:
            merged.pop("name_fr", None)
        out.append(parse_scenario(merged, str(path), factors, where=where))
    return out


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

"""Scenario files: the shipped ones load, and mistakes give one located line."""

from __future__ import annotations

from pathlib import Path

import pytest

from aicost.engine import estimate
from aicost.errors import InputError
from aicost.factors import FactorTable
from aicost.yamlfile import load_yaml_text

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_scenario_loads_and_computes(path: Path, factors: FactorTable) -> None:
    from aicost.compare import load_alternatives  # a file of choices (options:) gives several

    for scenario in load_alternatives(path, factors):
        est = estimate(scenario)
        assert est.energy.magnitude > 0
        assert len(est.grids) >= 2


def test_shipped_scenarios_are_the_four_of_the_brief() -> None:
    assert {p.stem for p in SHIPPED} >= {"marathon", "chatgpt-day", "chatgpt-2025", "local-model"}


def _load(text: str, factors: FactorTable) -> None:
    from aicost.scenarios import parse_scenario

    parse_scenario(load_yaml_text(text, "s.yaml"), "s.yaml", factors)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "items:\n  - task: text.large\n    count: ten\n",
            "s.yaml:3: items[0].count must be a number ≥ 0, got 'ten'",
        ),
        (
            "items:\n  - task: text.large\n    cuont: 15\n",
            "s.yaml:2: items[0] needs 'count' (a number)",
        ),
        (
            "items:\n  - task: text.large\n    count: 1\n    cuont: 15\n",
            "s.yaml:4: items[0].cuont is not a known key (did you mean: count?); allowed here: "
            "boundary, count, duration, energy, grid, label, label_fr, power, pue, site, source, "
            "task",
        ),
        (
            "items:\n  - task: text.lrage\n    count: 1\n",
            "s.yaml:2: items[0].task unknown task 'text.lrage' (did you mean: text.large?); "
            "`aicost factors tasks` lists them",
        ),
        (
            "items:\n  - label: x\n    energy: 5 L\n    count: 1\n",
            "s.yaml:3: items[0].energy must be an energy such as '6706 J, 0.42 Wh, 3.4 MJ', "
            "got '5 L' (a volume)",
        ),
        (
            "items:\n  - label: x\n    power: 35 W\n    count: 1\n",
            "s.yaml:3: items[0].power has 'power' but no 'duration': energy = power × duration",
        ),
        (
            "items:\n  - task: image\n    energy: 1 Wh\n    count: 1\n",
            "s.yaml:3: items[0].energy has both 'task' and 'energy': give a task id, or an "
            "inline figure, not both",
        ),
        (
            "grids: [FR, Germny]\nitems:\n  - task: image\n    count: 1\n",
            "s.yaml:1: grids[1] unknown grid 'Germny' (did you mean: DE?); "
            "`aicost grids` lists them",
        ),
        ("items: []\n", "s.yaml:1: items needs a non-empty list of items, got an empty list"),
        (
            "items:\n  - task: image\n    count: -1\n",
            "s.yaml:3: items[0].count must be a number ≥ 0, got -1",
        ),
    ],
)
def test_mistakes_give_one_located_line(text: str, message: str, factors: FactorTable) -> None:
    with pytest.raises(InputError) as info:
        _load(text, factors)
    assert str(info.value) == message

"""The Python API: the README's examples run, results equal the JSON the CLI prints, errors
are aicost's, and `import aicost` stays light."""

from __future__ import annotations

import doctest
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import aicost
import aicost.api

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _run_doctests(text: str, name: str) -> doctest.TestResults:
    test = doctest.DocTestParser().get_doctest(text, {}, name, str(ROOT / "README.md"), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    return runner.summarize(verbose=False)


def test_the_readme_python_api_examples_run() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.+?)```", section, re.S)
    assert blocks
    result = _run_doctests("".join(blocks), "README Python API")
    assert result.failed == 0
    assert result.attempted >= 8


@pytest.mark.parametrize("module", [aicost, aicost.api])
def test_the_docstring_examples_run(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.failed == 0
    assert result.attempted >= 3


def test_the_acceptance_one_liner_prints_the_marathon_total() -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import aicost; print(aicost.estimate('scenarios/marathon.yaml').to_dict()['total'])",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert out.stdout == (
        "{'energy_once_wh': 2873.50277778, 'energy_wh': 2873.50277778,"
        " 'it_energy_wh': 2873.50277778}\n"
    )


def test_to_dict_is_the_cli_json(run: Callable[..., object]) -> None:
    cli = json.loads(
        run("scenario", "scenarios/marathon.yaml", "-g", "FR,UK", "-f", "json").stdout  # type: ignore[attr-defined]
    )
    result = aicost.estimate("scenarios/marathon.yaml", grids=["FR", "UK"])
    assert result.to_dict() == cli["scenarios"][0]
    assert [g["id"] for g in result.to_dict()["grids"]] == ["FR", "GB"]
    checked = json.loads(run("check", "examples/report-fr-claims.yaml", "-f", "json").stdout)  # type: ignore[attr-defined]
    assert aicost.check("examples/report-fr-claims.yaml").to_dict() == checked


def test_items_and_mappings_compute_like_the_file() -> None:
    # 15 × 1.86 Wh (text.large, IT boundary, as reported) = 27.9 Wh; × 44.179085 g/kWh (FR)
    items = aicost.estimate(["text.large=15"], grids="FR")
    assert items.energy_wh == pytest.approx(15 * 6706 / 3600)
    assert items.co2e_g == {"FR": pytest.approx(15 * 6706 / 3600 / 1000 * 44.179085)}
    mapping = aicost.estimate({"items": [{"task": "text.large", "count": 15}]}, grids="FR")
    assert mapping.to_dict()["total"] == items.to_dict()["total"]
    # French decimal comma in an item's text, under lang="fr": 1,5 answers
    assert aicost.estimate(["text.large=1,5"], lang="fr").energy_wh == pytest.approx(
        1.5 * 6706 / 3600
    )


def test_results_are_frozen() -> None:
    import dataclasses

    result = aicost.estimate(["text.large=1"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.factors = None  # type: ignore[misc, assignment]


def test_errors_are_aicost_errors_in_the_language_asked() -> None:
    with pytest.raises(aicost.InputError) as info:
        aicost.estimate("tests/data/bad/count-negative.yaml", lang="fr")
    assert str(info.value) == (
        "tests/data/bad/count-negative.yaml:3: items[0].count doit être un nombre ≥ 0, pas -3"
    )
    assert (info.value.path, info.value.line) == ("tests/data/bad/count-negative.yaml", 3)
    with pytest.raises(aicost.UsageError, match=r"^unknown grid 'Atlantis'"):
        aicost.estimate("scenarios/marathon.yaml", grids="FR,Atlantis")
    with pytest.raises(aicost.UsageError) as lang:
        aicost.estimate("scenarios/marathon.yaml", lang="de")
    assert str(lang.value) == "unknown language 'de'; use one of en, fr"
    assert issubclass(aicost.InputError, aicost.AicostError)


def test_importing_aicost_loads_nothing_heavy() -> None:
    script = (
        "import json, sys, aicost; aicost.AicostError;"
        " print(json.dumps([m for m in ('pint', 'yaml', 'numpy', 'babel', 'aicost.api',"
        " 'aicost.factors', 'typer') if m in sys.modules]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(out.stdout) == []


def test_uncertainty_is_the_cli_json(run: Callable[..., object]) -> None:
    args = ("estimate", "text.large=15", "image=3", "-u", "--samples", "300", "--seed", "7")
    cli = json.loads(run(*args, "-f", "json").stdout)  # type: ignore[attr-defined]
    result = aicost.estimate(
        ["text.large=15", "image=3"], uncertainty=True, samples=300, seed=7, where="command line"
    )
    assert result.to_dict() == cli["scenarios"][0]
    total = result.to_dict()["total"]
    assert total["energy_wh_p5"] < total["energy_wh"] < total["energy_wh_p95"]


def test_an_item_text_naming_a_model_is_the_model_as_aicost_estimate_reads_it() -> None:
    # A model given as text ("gpt-4o=1") is the catalogue's model, as on the command line,
    # not an unknown task; its settings after the colon are read too.
    text = aicost.estimate(["gpt-4o:1000=2", "flux.1-dev:512x512=1"]).to_dict()["items"]
    mapping = aicost.estimate(
        [
            {"model": "gpt-4o", "count": 2, "output_tokens": 1000},
            {"model": "flux.1-dev", "count": 1, "width": 512, "height": 512},
        ]
    ).to_dict()["items"]
    assert [i["model"]["id"] for i in text] == ["gpt-4o", "flux.1-dev"]
    assert text[0]["model"]["output_tokens"] == 1000
    assert [i["energy_wh"] for i in text] == [i["energy_wh"] for i in mapping]
    assert (
        aicost.estimate(["gpt-4o=1"]).energy_wh
        == aicost.estimate([{"model": "gpt-4o", "count": 1}]).energy_wh
    )


def test_the_readme_scenario_examples_run() -> None:
    # Every scenario shown in the README (a YAML block with `items:`) is one aicost reads:
    # the image and video items given by size need their count, as every item does.
    import yaml

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    scenarios = [
        data
        for b in re.findall(r"```yaml\n(.+?)```", readme, re.S)
        if isinstance(data := yaml.safe_load(b), dict) and "items" in data
    ]
    assert len(scenarios) >= 4
    energies = [aicost.estimate(data).energy_wh for data in scenarios]
    assert all(e > 0 for e in energies)


def test_an_item_text_given_alone_is_pointed_to_a_list() -> None:
    # aicost.estimate("gpt-4o=1") is a path that does not exist: say how items are given.
    with pytest.raises(aicost.UsageError) as info:
        aicost.estimate("gpt-4o=1")
    assert str(info.value) == (
        "'gpt-4o=1' is not a scenario file; items go in a list: aicost.estimate([\"gpt-4o=1\"])"
    )
    with pytest.raises(aicost.UsageError) as info:
        aicost.estimate("gpt-4o=1", lang="fr")
    assert str(info.value).startswith("'gpt-4o=1' n'est pas un fichier de scénario ; ")
    with pytest.raises(aicost.InputError, match="no such scenario file"):
        aicost.estimate("missing.yaml")

"""A JSON run over several scenario files writes each scenario as it is done
(aicost.render.json.write_document): the same bytes as the whole document built at once, and
still nothing on stdout when one of the files is bad."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aicost.api import estimate_choices
from aicost.factors import FactorTable
from aicost.render.json import document, dumps, estimate_document, write_document

ROOT = Path(__file__).resolve().parent.parent
Run = Callable[..., Any]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("uncertainty", [False, True])
def test_written_one_at_a_time_is_the_document_built_at_once(
    factors: FactorTable, uncertainty: bool
) -> None:
    results = [
        r for p in SCENARIOS for r in estimate_choices(p, uncertainty=uncertainty, samples=200)
    ]
    whole = dumps(
        document(
            [r.estimate for r in results],
            factors,
            [r.uncertainty for r in results] if uncertainty else None,  # type: ignore[misc]
        )
    )
    parts: list[str] = []
    docs = ((r.estimate, estimate_document(r.estimate, factors, r.uncertainty)) for r in results)
    write_document(docs, factors, parts.append)
    assert "".join(parts) == whole
    assert len(parts) == len(results) + 2  # the head, one part per scenario, the sources
    assert len(json.loads(whole)["scenarios"]) == len(results) > len(SCENARIOS)


def test_no_scenario_is_an_empty_list(factors: FactorTable) -> None:
    parts: list[str] = []
    write_document(iter(()), factors, parts.append)
    assert "".join(parts) == dumps(document([], factors))


def test_a_bad_file_among_many_leaves_stdout_empty(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nitems:\n  - task: text.large\n", encoding="utf-8")
    result = run("scenario", "scenarios/marathon.yaml", str(bad), "-f", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {bad}:3: items[0] needs 'count' (a number)\n"


def test_a_long_run_spills_to_a_temporary_file_and_writes_the_same(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aicost import cli

    files = [str(p.relative_to(ROOT)) for p in SCENARIOS] * 3
    in_memory = run("scenario", *files, "-f", "json").stdout
    monkeypatch.setattr(cli._Spool.__init__, "__defaults__", (100,))  # spill at 100 characters
    spilled = run("scenario", *files, "-f", "json").stdout
    assert spilled == in_memory != ""
    assert len(json.loads(spilled)["scenarios"]) > len(files)  # some files hold several

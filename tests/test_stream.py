"""A JSON run over several scenario files writes each scenario as it is done
(aicost.render.json.write_document): the same bytes as the whole document built at once, and
still nothing on stdout when one of the files is bad."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def _json_module(value: Any) -> str:
    from aicost.render.json import _finite

    return json.dumps(_finite(value), indent=2, ensure_ascii=False, allow_nan=False)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(
            st.text() | st.integers() | st.floats() | st.booleans() | st.none(), inner, max_size=4
        )
    ),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(JSONISH)
def test_the_quick_encoder_writes_what_the_json_module_writes(value: Any) -> None:
    """aicost.render.json.indented is json.dumps(indent=2, ensure_ascii=False) with non-finite
    numbers as null, character for character."""
    from aicost.render.json import indented

    try:
        expected = _json_module(value)
    except ValueError as error:  # a key that is not a finite number: refused by both
        with pytest.raises(ValueError, match=str(error)):
            indented(value)
        return
    assert indented(value) == expected


def test_the_quick_encoder_writes_every_shipped_document_as_the_json_module(
    factors: FactorTable,
) -> None:
    from aicost.render.json import indented

    results = [r for p in SCENARIOS for r in estimate_choices(p, uncertainty=True, samples=200)]
    doc = document([r.estimate for r in results], factors, [r.uncertainty for r in results])  # type: ignore[misc]
    assert indented(doc) == _json_module(doc)
    with pytest.raises(TypeError, match="not JSON serializable"):
        indented({"a": object()})

"""aicost check: verdicts, exit codes, and the French report's claims."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

Run = Callable[..., Any]


def test_french_report_claims_verdicts(run: Run) -> None:
    result = run("check", "examples/report-fr-claims.yaml", "--format", "json")
    assert result.exit_code == 0, result.stdout
    verdicts = {c["id"]: c["verdict"] for c in json.loads(result.stdout)["claims"]}
    assert verdicts == {
        "marathon-energy": "holds",
        "gpt-4o-short-query": "holds",
        "gpt-4o-vs-google-search": "holds",
        "chatgpt-day-short": "holds",
        "chatgpt-day-medium": "holds",
        "gpt-4o-2025-energy": "holds",
        "gpt-4o-2025-water": "holds",
        "gpt-4o-2025-co2e": "holds",
        "france-vs-us-carbon": "holds",
        "video-low-quality": "known error",
    }


def test_french_report_claims_computed_values(run: Run) -> None:
    doc = json.loads(run("check", "examples/report-fr-claims.yaml", "-f", "json").stdout)
    computed = {c["id"]: (c["computed"], c["unit"]) for c in doc["claims"]}
    assert computed["marathon-energy"] == (pytest.approx(10_344_610 / 3600), "Wh")
    assert computed["gpt-4o-vs-google-search"] == (pytest.approx(0.421 / 0.3), "")
    assert computed["france-vs-us-carbon"] == (pytest.approx(383.5492 / 44.179085), "")
    assert computed["gpt-4o-2025-co2e"] == (pytest.approx(447_451.2e6 * 0.3528), "g")


def test_french_report_strict_fails_on_known_errors(run: Run) -> None:
    assert run("check", "examples/report-fr-claims.yaml", "--strict").exit_code == 1


def test_off_claim_exits_1_known_error_only_with_strict(run: Run) -> None:
    result = run("check", "tests/data/claims/mixed.yaml", "-f", "json")
    assert result.exit_code == 1
    verdicts = {c["id"]: c["verdict"] for c in json.loads(result.stdout)["claims"]}
    assert verdicts == {"right": "holds", "wrong": "off", "known": "known error"}


def test_wide_tolerance_needs_a_why(run: Run, tmp_path: Any) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "claims:\n  - id: a\n    quote: x\n    items: [{task: image, count: 1}]\n"
        "    metric: energy\n    expected: 1 Wh\n    tolerance: 20%\n",
        encoding="utf-8",
    )
    result = run("check", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path}:7: claims[0].tolerance a tolerance wider than 10% needs a 'why' "
        "saying what justifies it\n"
    )

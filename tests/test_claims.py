"""aicost check: verdicts, exit codes, and the French report's claims."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from aicost.units import Q

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
        "marathon-electric-car": "holds",
        "marathon-microwave": "holds",
        "text-small-microwave": "holds",
        "text-large-microwave": "holds",
        "image-microwave": "known error",
        "image-hq-microwave": "holds",
        "video-microwave": "holds",
        "chatgpt-day-smartphones": "known error",
        "gpt-4o-2025-households": "holds",
        "gpt-4o-2025-drinking-water": "holds",
        "gpt-4o-2025-cars": "holds",
    }


def test_french_report_claims_computed_values(run: Run) -> None:
    doc = json.loads(run("check", "examples/report-fr-claims.yaml", "-f", "json").stdout)
    computed = {c["id"]: (c["computed"], c["unit"]) for c in doc["claims"]}
    assert computed["marathon-energy"] == (pytest.approx(10_344_610 / 3600), "Wh")
    assert computed["gpt-4o-vs-google-search"] == (pytest.approx(0.421 / 0.3), "")
    assert computed["france-vs-us-carbon"] == (pytest.approx(383.5492 / 44.179085), "")
    assert computed["gpt-4o-2025-co2e"] == (pytest.approx(447_451.2e6 * 0.3528), "g")
    # 2,282 J / 800 W = 2.85 s of microwave, not 150 s
    assert computed["image-microwave"] == (pytest.approx(2282 / 800), "s")
    wh_per_km = Q(290, "Wh/mi").to("Wh/km").magnitude  # the assumed 290 Wh per mile
    assert computed["marathon-electric-car"] == (pytest.approx(10_344_610 / 3600 / wh_per_km), "km")
    # 8 × 1.214 Wh / 12 Wh (US EPA, a full charge) = 0.81 charges, not the report's two
    assert computed["chatgpt-day-smartphones"] == (pytest.approx(8 * 1.214 / 12), "")


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


def test_check_speaks_french(run: Run) -> None:
    result = run("check", "examples/report-fr-claims.yaml", "--lang", "fr", "-f", "markdown")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "| Affirmation | Citation | Attendu | Calculé | Écart | Verdict |"
    assert (
        "| marathon-energy | 2,9 Kilo-Watt-Heure | 2,90\u00a0kWh | 2,87\u00a0kWh | -0,9% | tient |"
        in lines
    )
    assert any(
        line.startswith("| image-microwave |") and line.endswith("| erreur connue |")
        for line in lines
    )

"""One-sided and range claims (at-least, at-most, between) and figures in a claim's own unit."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]
BOUNDS = "tests/data/claims/bounds.yaml"


def _json(run: Run, *args: str) -> tuple[int, dict[str, Any]]:
    result = run("check", *args, "-f", "json")
    return result.exit_code, {c["id"]: c for c in json.loads(result.stdout)["claims"]}


def test_bounds_hold_or_fail(run: Run) -> None:
    code, claims = _json(run, BOUNDS)
    assert code == 1
    assert {k: c["verdict"] for k, c in claims.items()} == {
        "over-100-miles": "holds",
        "over-100-miles-off": "off",
        "under-5-hours": "holds",
        "under-5-hours-off": "off",
        "over-700-times": "holds",
        "one-to-two-hours": "holds",
        "two-to-three-hours-off": "off",
    }
    # 40 videos × 3.4 MJ at 290 Wh per mile; JSON keeps the canonical km
    miles = 40 * 3.4e6 / 3600 / 290
    assert claims["over-100-miles"]["computed"] == pytest.approx(miles * 1.609344)
    assert claims["over-100-miles"]["expected"] == pytest.approx(160.9344)
    assert claims["over-100-miles"]["bound"] == "at-least"
    assert claims["under-5-hours"]["computed"] == pytest.approx(4 * 3.4e6 / 800)  # seconds
    assert claims["one-to-two-hours"]["expected_high"] == pytest.approx(7200)
    assert claims["over-700-times"]["computed"] == pytest.approx(3.4e6 / 2282)
    # deviations: from the bound; inside a range 0; below a range from its low end
    assert claims["over-100-miles-off"]["deviation"] == pytest.approx(
        20 * 3.4e6 / 3600 / 290 / 100 - 1, abs=1e-6
    )
    assert claims["one-to-two-hours"]["deviation"] == 0
    assert claims["two-to-three-hours-off"]["deviation"] == pytest.approx(
        3.4e6 / 800 / 7200 - 1, abs=1e-6
    )


def test_bounds_markdown_in_the_claims_own_units(run: Run) -> None:
    result = run("check", BOUNDS, "-f", "markdown")
    lines = result.stdout.splitlines()
    assert "| over-100-miles | over 100 miles | ≥ 100 mi | 130 mi | +30.3% | holds |" in lines
    assert "| under-5-hours-off | less than 5 h | ≤ 5 h | 5.90 h | +18.1% | off |" in lines
    assert "| over-700-times | more than 700× | ≥ 700× | 1,490× | +112.8% | holds |" in lines
    assert (
        "| two-to-three-hours-off | two to three hours | 2 h – 3 h | 1.18 h | -41.0% | off |"
        in lines
    )


def test_bounds_in_french(run: Run) -> None:
    lines = run("check", BOUNDS, "-f", "markdown", "--lang", "fr").stdout.splitlines()
    assert (
        "| over-100-miles-off | over 100 miles | ≥\u00a0100\u00a0mi | 65,1\u00a0mi "
        "| -34,9% | faux |" in lines
    )
    assert (
        "| under-5-hours | less than 5 h | ≤\u00a05\u00a0h | 4,72\u00a0h | -5,6% | tient |" in lines
    )


def _claims(tmp_path: Path, body: str) -> str:
    path = tmp_path / "c.yaml"
    path.write_text("claims:\n  - id: a\n    quote: x\n" + body, encoding="utf-8")
    return str(path)


def test_unit_key_shows_a_point_claim_in_miles(run: Run, tmp_path: Path) -> None:
    path = _claims(
        tmp_path,
        "    scenario: " + str(Path.cwd() / "scenarios/marathon.yaml") + "\n"
        "    equivalence: electric-car-km\n    expected: 16 km\n    unit: mi\n",
    )
    lines = run("check", path, "-f", "markdown").stdout.splitlines()
    # 2,873.5 Wh / 290 Wh per mile = 9.91 mi; 16 km = 9.94 mi
    assert lines[2] == "| a | x | 9.94 mi | 9.91 mi | -0.3% | holds |"


def test_a_tolerance_loosens_a_bound(run: Run, tmp_path: Path) -> None:
    body = (
        "    items: [{task: video, count: 5}]\n    equivalence: microwave\n"
        "    bound: at-most\n    expected: 5 h\n    tolerance: {tol}\n"
    )
    # 5 × 3.4 MJ / 800 W = 5.90 h: off at 10 % (5.5 h), holds at 1 h absolute (6 h)
    assert run("check", _claims(tmp_path, body.replace("{tol}", "10%"))).exit_code == 1
    assert run("check", _claims(tmp_path, body.replace("{tol}", "1 h"))).exit_code == 0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "    bound: between\n    expected: 1 h\n",
            "claims[0].expected 'bound: between' needs 'expected: [LOW, HIGH]', two figures",
        ),
        (
            "    bound: between\n    expected: [2 h, 1 h]\n",
            "claims[0].expected the low end must be below the high end",
        ),
        (
            "    expected: [1 h, 2 h]\n",
            "claims[0].expected a list of two figures goes with 'bound: between'",
        ),
        (
            "    bound: over\n    expected: 1 h\n",
            "claims[0].bound must be one of exact, at-least, at-most, between, got 'over'",
        ),
        (
            "    expected: 1 h\n    unit: kg\n",
            "claims[0].unit must be a time such as '20 s, 2.5 min', got '1 kg' (a mass)",
        ),
    ],
)
def test_bad_bounds(run: Run, tmp_path: Path, body: str, message: str) -> None:
    path = _claims(
        tmp_path, "    items: [{task: video, count: 1}]\n    equivalence: microwave\n" + body
    )
    result = run("check", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}:")
    assert result.stderr.endswith(message + "\n"), result.stderr

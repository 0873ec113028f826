"""`aicost factors diff`: entries added, removed and changed, and what moves with them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aicost.factordiff import claim_moves, compare, scenario_moves
from aicost.factors import load_factors

DIFF = Path("tests/data/diff")  # the CLI runs from the repository root (conftest)
OLD = DIFF / "old.yaml"
SCENARIO = DIFF / "scenario.yaml"
CLAIMS = DIFF / "claims.yaml"
Run = Any


def _new(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """A copy of old.yaml with each (old text, new text) replaced once."""
    text = OLD.read_text(encoding="utf-8")
    for before, after in edits:
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    path = tmp_path / "new.yaml"
    path.write_text(text, encoding="utf-8")
    return path


CHARGE_10 = ("per: 5 Wh", "per: 10 Wh\n    low: 8 Wh\n    high: 12 Wh")
CAR = (
    "    per: 0.2 kg/km\n    dimension: co2e\n    source: paper\n    status: primary",
    "    per: 0.25 kg/km\n    dimension: co2e\n    source: paper\n    status: secondary",
)


def test_identical_tables_have_no_change() -> None:
    table = load_factors(OLD)
    assert compare(table, table) == []
    assert scenario_moves(SCENARIO, table, table) == []
    assert claim_moves(CLAIMS, table, table) == []


def test_value_status_added_removed(tmp_path: Path) -> None:
    new_path = _new(
        tmp_path,
        CAR,
        ("  charge:\n", "  charge2:\n"),  # one removed, one added
        ("en: An answer", "en: One answer"),  # a label: not compared
        ("carbon_intensity: 50 g/kWh", "carbon_intensity: 0.06 kg/kWh"),
    )
    changes = compare(load_factors(OLD), load_factors(new_path))
    found = [(c.section, c.id, c.kind, [(f.field, f.old, f.new, f.ratio) for f in c.fields])
             for c in changes]  # fmt: skip
    assert found == [
        ("grids", "FR", "changed", [("carbon_intensity", "50 g/kWh", "0.06 kg/kWh", 1.2)]),
        ("equivalences", "charge2", "added", []),
        (
            "equivalences",
            "car-km",
            "changed",
            [("per", "0.2 kg/km", "0.25 kg/km", 1.25), ("status", "primary", "secondary", None)],
        ),
        ("equivalences", "charge", "removed", []),
    ]


def test_scenario_totals_and_shown_equivalences_move(tmp_path: Path) -> None:
    new = load_factors(_new(tmp_path, CAR))
    moves = scenario_moves(SCENARIO, load_factors(OLD), new)
    # 1,000 × 1 Wh = 1 kWh; CO2e FR 50 g, US 400 g; by car 50 g / 0.2 kg/km = 0.25 km,
    # then 50 g / 0.25 kg/km = 0.2 km (×0.8); US 2 km -> 1.6 km.
    found = [(m.figure, m.old.to("km").magnitude, m.new.to("km").magnitude) for m in moves]
    assert found == [
        ("co2e FR: car-km", pytest.approx(0.25), pytest.approx(0.2)),
        ("co2e US: car-km", pytest.approx(2.0), pytest.approx(1.6)),
    ]
    assert moves[0].ratio == pytest.approx(0.8)
    everything = scenario_moves(SCENARIO, load_factors(OLD), new, everything=True)
    assert everything[0].figure == "energy"
    assert everything[0].new.to("kWh").magnitude == pytest.approx(1)
    assert not everything[0].moved


def test_claims_move_with_their_verdict(tmp_path: Path) -> None:
    new = load_factors(_new(tmp_path, CHARGE_10))
    (move,) = claim_moves(CLAIMS, load_factors(OLD), new)
    # 1 kWh / 5 Wh = 200 charges (holds); / 10 Wh = 100 (off, 50 % below).
    assert (move.subject, move.figure) == ("charges", "energy: charge")
    assert (move.old.magnitude, move.new.magnitude) == pytest.approx((200, 100))
    assert (move.old_status, move.new_status) == ("holds", "off")


def test_cli_table(run: Run, tmp_path: Path) -> None:
    new_path = _new(tmp_path, CHARGE_10)
    result = run("factors", "diff", str(OLD), str(new_path), "--claims", str(CLAIMS))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Factor table changes: {OLD} → ")
    body = "\n".join(line.rstrip() for line in lines)
    assert "│ equivalences │ charge │ changed │ per   │ 5 Wh │ 10 Wh │    ×2 │" in body
    assert "│              │        │         │ low   │ –    │ 8 Wh  │     – │" in body
    assert "│ charges │ energy: charge │ 200 │ 100 │  ×0.5 │ holds → off │" in body


def test_cli_json_and_markdown_in_french(run: Run, tmp_path: Path) -> None:
    new_path = _new(tmp_path, CAR)
    args = ("factors", "diff", str(OLD), str(new_path), "--scenario", str(SCENARIO))
    doc = json.loads(run(*args, "--format", "json").stdout)
    assert doc["entries"] == [
        {
            "section": "equivalences",
            "id": "car-km",
            "change": "changed",
            "fields": [
                {"field": "per", "old": "0.2 kg/km", "new": "0.25 kg/km", "ratio": 1.25},
                {"field": "status", "old": "primary", "new": "secondary", "ratio": None},
            ],
        }
    ]
    assert doc["scenarios"][0]["figures"][1] == {
        "figure": "co2e US: car-km", "unit": "km", "old": 2.0, "new": 1.6, "ratio": 0.8,
    }  # fmt: skip
    french = run(*args, "--format", "markdown", "--lang", "fr").stdout
    assert french.splitlines()[2:5] == [
        "| Section | Identifiant | Modification | Champ | Avant | Après | Rapport |",
        "|---|---|---|---|---|---|--:|",
        "| équivalences | `car-km` | modifié | per | 0.2 kg/km | 0.25 kg/km | ×1,25 |",
    ]
    assert "| co2e FR: car-km | 0,250\u00a0km | 0,200\u00a0km | ×0,8 |" in french


def test_cli_no_change(run: Run) -> None:
    result = run("factors", "diff", str(OLD), str(OLD))
    assert (result.exit_code, result.stdout) == (
        0,
        f"No factor changes between {OLD} and {OLD}.\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("factors", "diff", "x.yaml"), "`aicost factors diff` needs two factor tables: OLD NEW"),
        (
            ("factors", "tasks", "answer", "other"),
            "only `aicost factors diff OLD NEW` takes a third argument or diff options",
        ),
        (
            ("factors", "diff", "a.yaml", "b.yaml", "--factors", "c.yaml"),
            "`aicost factors diff` compares OLD and NEW: drop --factors",
        ),
    ],
)
def test_cli_usage_errors(run: Run, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (2, f"Error: {message}\n")


def test_cli_missing_table(run: Run) -> None:
    result = run("factors", "diff", str(OLD), "missing.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: missing.yaml")


def test_entries_inside_an_entry_are_compared_field_by_field() -> None:
    """A method's coefficients: each coefficient's fields, named by its id."""
    from dataclasses import dataclass

    from aicost.factordiff import compare_entries

    @dataclass(frozen=True)
    class Inner:
        id: str
        value: float
        status: str

    @dataclass(frozen=True)
    class Outer:
        id: str
        coefficients: dict[str, Inner]
        status: str

    old = Outer("m", {"a": Inner("a", 0.2, "derived"), "b": Inner("b", 1.0, "derived")}, "derived")
    new = Outer("m", {"a": Inner("a", 0.25, "derived"), "b": Inner("b", 1.0, "primary")}, "derived")
    changes = [(c.field, c.old, c.new, c.ratio) for c in compare_entries(old, new)]
    assert changes == [
        ("coefficients.a.value", "0.2", "0.25", 1.25),
        ("coefficients.b.status", "derived", "primary", None),
    ]


def test_claims_of_a_marked_markdown_report_move_too(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text(
        "A thousand answers charge "
        "<!-- aicost: items: [{task: answer, count: 1000}], equivalence: charge -->200"
        "<!-- /aicost --> phones.\n",
        encoding="utf-8",
    )
    new = load_factors(_new(tmp_path, CHARGE_10))
    (move,) = claim_moves(report, load_factors(OLD), new)
    # 1 kWh / 5 Wh = 200 (holds); / 10 Wh = 100 (off)
    assert (move.subject, move.old.magnitude, move.new.magnitude) == ("report.md:1", 200, 100)
    assert (move.old_status, move.new_status) == ("holds", "off")

"""Equivalences: the arithmetic against hand values, the picking, the French output, charts."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aicost.equivalences import Equivalent, pick
from aicost.factors import FactorTable
from aicost.testing import assert_allclose
from aicost.units import Q

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
Run = Callable[..., Any]


def test_microwave_seconds(factors: FactorTable) -> None:
    microwave = factors.equivalence("microwave")
    assert microwave.kind == "duration"
    # 6,706 J at 800 W is 8.38 s (MIT: "about 8 seconds")
    assert_allclose(microwave.amount(Q(6706, "J")), Q(8.3825, "s"), rtol=1e-9)
    shown = Equivalent(microwave, microwave.amount(Q(6706, "J"))).shown()
    assert shown[1] == "s"
    assert shown[0] == pytest.approx(8.4, abs=0.05)


def test_microwave_duration_reads_in_minutes_then_hours(factors: FactorTable) -> None:
    microwave = factors.equivalence("microwave")
    minutes = Equivalent(microwave, microwave.amount(Q(3.4, "MJ"))).shown()
    assert minutes[1] == "min"
    assert minutes[0] == pytest.approx(70.8, abs=0.1)  # "over an hour"
    hours = Equivalent(microwave, microwave.amount(Q(2.8735, "kWh"))).shown()
    assert hours[1] == "h"
    assert hours[0] == pytest.approx(3.59, abs=0.01)  # "over three and a half hours"


def test_electric_car_km(factors: FactorTable) -> None:
    car = factors.equivalence("electric-car-km")
    assert car.kind == "distance"
    assert_allclose(car.value, Q(180, "Wh/km"), rtol=2e-3)
    assert_allclose(car.amount(Q(2.8735, "kWh")), Q(16, "km"), rtol=5e-3)


def test_counts(factors: FactorTable) -> None:
    phone = factors.equivalence("smartphone-charge")
    assert phone.kind == "count"
    assert_allclose(phone.amount(Q(9.71, "Wh")), Q(9.71 / 12, "dimensionless"), rtol=1e-9)
    water = factors.equivalence("us-resident-day-water")
    assert_allclose(water.value, Q(82 * 3.785411784, "L"), rtol=1e-9)


def test_pick_prefers_numbers_that_read_naturally(factors: FactorTable) -> None:
    from aicost.equivalences import apply

    picked = pick(apply(Q(2.8735, "kWh"), factors, "energy"), "energy")
    assert [e.equivalence.id for e in picked] == ["microwave", "electric-car-km"]
    asked = pick(apply(Q(2.8735, "kWh"), factors, "energy"), "energy", ("google-search",))
    assert [e.equivalence.id for e in asked] == ["google-search"]


def test_chatgpt_2025_report_equivalents(run: Run) -> None:
    doc = json.loads(run("scenario", "scenarios/chatgpt-2025.yaml", "-f", "json").stdout)
    (scenario,) = doc["scenarios"]
    energy = {e["id"]: e["value"] for e in scenario["equivalences"]}
    assert 35_000 <= energy["us-household-year"] <= 45_000
    azure = {e["id"]: e for e in scenario["grids"][0]["equivalences"]}
    assert 30_000 <= azure["car-year"]["value"] <= 35_000
    assert 1.2e6 <= azure["drinking-water-year"]["value"] <= 1.4e6
    assert azure["drinking-water-year"]["unit"] == "1"
    table = run("scenario", "scenarios/chatgpt-2025.yaml").stdout
    assert "≈ 41,000 US households' electricity for a year" in table
    assert "≈ 34,000 petrol cars driven for a year" in table
    assert "≈ 1,400,000 people's drinking water for a year" in table


def test_marathon_french_golden(run: Run) -> None:
    result = run("scenario", "scenarios/marathon.yaml", "--lang", "fr")
    assert result.exit_code == 0
    assert result.stdout == (GOLDEN / "marathon.fr.txt").read_text(encoding="utf-8")
    assert "2,87\u00a0kWh" in result.stdout
    assert "≈\u00a03,6\u00a0h de micro-onde" in result.stdout
    assert "≈\u00a016\u00a0km en voiture électrique" in result.stdout


def test_lang_from_locale(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert "Ce que cela représente" in run("scenario", "scenarios/marathon.yaml").stdout


def test_equivalent_option(run: Run) -> None:
    out = run("scenario", "scenarios/marathon.yaml", "-e", "smartphone-charge", "-e", "shower")
    assert "≈ 240 smartphone charges" in out.stdout  # 2,873.5 Wh / 12 Wh = 239
    assert "microwave" not in out.stdout
    bad = run("scenario", "scenarios/marathon.yaml", "--equivalent", "microwav")
    assert bad.exit_code == 2
    assert bad.stderr.startswith("Error: unknown equivalence 'microwav' (did you mean: microwave?)")


def test_factors_equivalences_lists_sources(run: Run) -> None:
    out = run("factors", "equivalences")
    assert out.exit_code == 0
    assert "microwave" in out.stdout and "eia-2022" in out.stdout
    one = run("factors", "equivalences", "fr-car-km")
    assert "0.1423 kg/km" in one.stdout
    assert "commit a3bcabca (2026-05-04)" in one.stdout


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_chart_file(run: Run, tmp_path: Path, suffix: str) -> None:
    pytest.importorskip("matplotlib")
    path = tmp_path / f"out{suffix}"
    result = run("scenario", "scenarios/marathon.yaml", "--chart", str(path), "--lang", "fr")
    assert result.exit_code == 0
    data = path.read_bytes()
    if suffix == ".png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        root = ET.fromstring(data)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert "micro" not in data.decode()  # a chart, not the table
        assert "CO2e selon le réseau électrique" in data.decode()


def test_chart_without_matplotlib(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = run("scenario", "scenarios/marathon.yaml", "--chart", str(tmp_path / "a.png"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: --chart needs matplotlib: in the aicost checkout, pip install -e '.[chart]'\n"
    )


def test_chart_bad_suffix(run: Run) -> None:
    result = run("scenario", "scenarios/marathon.yaml", "--chart", "out.pdf")
    assert result.exit_code == 2
    assert result.stderr == "Error: --chart writes .svg or .png files, got 'out.pdf'\n"

"""Where each item runs (issue 14): per-item site and grid, the as-run result beside the
what-if grid table, hand-computed; --site/--grid/--here; the marathon unchanged."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aicost.engine import estimate
from aicost.factors import FactorTable
from aicost.scenarios import load_scenario, parse_scenario

ROOT = Path(__file__).resolve().parent.parent
WHERE = ROOT / "tests" / "data" / "where"
Run = Callable[..., Any]

# Grids and sites of factors.yaml, as typed there (g/kWh, L/kWh)
FR_CARBON, FR_WATER = 44.179085, 3.6737
US_CARBON, US_WATER = 383.5492, 3.1321
SE_CARBON, SE_WATER = 35.823833, 6.0315
OPENAI_PUE, OPENAI_WUE = 1.20, 0.569  # openai.ecologits
AZURE_PUE, AZURE_WUE = 1.12, 0.30  # azure.jegham-early


def test_local_laptop_item_by_hand(factors: FactorTable) -> None:
    est = estimate(load_scenario(WHERE / "laptop.yaml", factors))
    (item,) = est.items
    assert item.site is not None and item.site.id == "local"
    assert item.grid is not None and item.grid.id == "FR"
    wh = 45 * 20 / 3600  # 45 W for 20 s = 0.25 Wh; local: PUE 1, no cooling water
    assert est.energy.to("Wh").magnitude == pytest.approx(0.25, rel=1e-12)
    assert est.as_run is not None
    assert est.as_run.co2e.to("g").magnitude == pytest.approx(wh * FR_CARBON / 1000, rel=1e-12)
    assert est.as_run.water.to("L").magnitude == pytest.approx(wh * FR_WATER / 1000, rel=1e-12)
    assert est.as_run.water_onsite.magnitude == 0


def test_model_item_runs_at_its_providers_location(factors: FactorTable) -> None:
    est = estimate(load_scenario(WHERE / "cloud.yaml", factors))
    (item,) = est.items
    assert item.site is not None and item.site.id == "openai.ecologits"
    assert item.grid is not None and item.grid.id == "US"
    assert item.it_per_item is not None
    it_wh = item.it_per_item.to("Wh").magnitude
    energy_wh = it_wh * OPENAI_PUE
    assert est.energy.to("Wh").magnitude == pytest.approx(energy_wh, rel=1e-12)
    assert est.as_run is not None
    assert est.as_run.co2e.to("g").magnitude == pytest.approx(
        energy_wh * US_CARBON / 1000, rel=1e-12
    )
    water = it_wh * OPENAI_WUE / 1000 + energy_wh * US_WATER / 1000
    assert est.as_run.water.to("L").magnitude == pytest.approx(water, rel=1e-12)
    # what-if FR: the same item, at ITS site (PUE and on-site water), on the French grid
    fr = next(g for g in est.grids if g.grid.id == "FR")
    assert fr.co2e.to("g").magnitude == pytest.approx(energy_wh * FR_CARBON / 1000, rel=1e-12)
    water_fr = it_wh * OPENAI_WUE / 1000 + energy_wh * FR_WATER / 1000
    assert fr.water.to("L").magnitude == pytest.approx(water_fr, rel=1e-12)


def _mixed(factors: FactorTable, **top: Any) -> Any:
    items = [
        {"label": "in Azure, Sweden", "energy": "1 Wh", "count": 2, "site": "azure", "grid": "SE"},
        {"label": "on my laptop", "energy": "0.5 Wh", "count": 4, "site": "local"},
        {"label": "a task, no place", "task": "text.large", "count": 1},
    ]
    return parse_scenario({"grids": ["US", "FR"], "items": items, **top}, "m.yaml", factors)


def test_as_run_and_what_if_of_a_mixed_scenario_by_hand(factors: FactorTable) -> None:
    est = estimate(_mixed(factors, here="FR"))
    task_wh = est.items[2].energy.to("Wh").magnitude  # as-reported: the figure as published
    azure_wh, azure_it = 2 * 1 * AZURE_PUE, 2 * 1.0
    local_wh = 4 * 0.5
    assert [(r.site.id, r.grid.id) for r in est.items if r.site and r.grid] == [
        ("azure.jegham-early", "SE"),
        ("local", "FR"),  # local: the user's grid (here)
        ("as-reported", "FR"),  # no place: the user's grid too
    ]
    assert est.as_run is not None
    co2e = (azure_wh * SE_CARBON + (local_wh + task_wh) * FR_CARBON) / 1000
    water = (azure_it * AZURE_WUE + azure_wh * SE_WATER + (local_wh + task_wh) * FR_WATER) / 1000
    assert est.as_run.co2e.to("g").magnitude == pytest.approx(co2e, rel=1e-12)
    assert est.as_run.water.to("L").magnitude == pytest.approx(water, rel=1e-12)
    total = azure_wh + local_wh + task_wh
    us = est.grids[0]
    assert us.co2e.to("g").magnitude == pytest.approx(total * US_CARBON / 1000, rel=1e-12)
    us_water = (azure_it * AZURE_WUE + total * US_WATER) / 1000  # on-site water: Azure's only
    assert us.water.to("L").magnitude == pytest.approx(us_water, rel=1e-12)
    assert est.located


def test_here_defaults_to_the_first_grid_and_overrides(factors: FactorTable) -> None:
    sc = _mixed(factors)
    assert sc.home.id == "US"  # no here: the first what-if grid
    assert [g.id for _, g in map(sc.where, sc.items)] == ["SE", "US", "US"]
    de = factors.grid("DE")
    moved = sc.with_overrides(here=de, grids=(factors.grid("GB"),))
    # --here moves local items and items with no grid; --grid only the what-if table
    assert [g.id for _, g in map(moved.where, moved.items)] == ["SE", "DE", "DE"]
    assert [g.id for g in moved.grids] == ["GB"]
    # --site: the default of items that name none (model items included); named ones keep theirs
    dc = moved.with_overrides(site=factors.site("us-dc"))
    assert [s.id for s, _ in map(dc.where, dc.items)] == [
        "azure.jegham-early",
        "local",
        "us-average.lbnl",
    ]


def test_scenario_site_is_the_default_of_model_items(factors: FactorTable) -> None:
    on_laptop = {"model": "llama-3.1-8b", "device": "laptop", "count": 1}
    data: dict[str, Any] = {"site": "local", "grids": ["FR"], "items": [on_laptop]}
    sc = parse_scenario(data, "s.yaml", factors)
    site, grid = sc.where(sc.items[0])
    assert (site.id, grid.id) == ("local", "FR")  # a local model: on the user's grid
    data["site"] = "us-dc"  # a data centre named by the scenario: the model's own grid
    data["items"] = [{"model": "llama-3.1-8b", "count": 1}]
    site, grid = parse_scenario(data, "s.yaml", factors).where(sc.items[0])
    assert (site.id, grid.id) == ("local", "FR")  # sc's item: on a device, so local
    sc = parse_scenario(data, "s.yaml", factors)
    site, grid = sc.where(sc.items[0])
    assert (site.id, grid.id) == ("us-average.lbnl", "US")
    data["site"] = "as-reported"
    sc = parse_scenario(data, "s.yaml", factors)
    site, grid = sc.where(sc.items[0])
    assert (site.id, grid.id) == ("huggingface.us", "US")  # the catalogue's location


def test_the_marathon_is_not_located_and_as_run_is_its_first_grid(factors: FactorTable) -> None:
    est = estimate(load_scenario(ROOT / "scenarios" / "marathon.yaml", factors))
    assert not est.located
    assert est.as_run is not None
    assert est.as_run.co2e == est.grids[0].co2e  # every item on FR: exactly the FR row
    assert est.as_run.water == est.grids[0].water


def test_json_carries_site_grid_and_as_run(run: Run) -> None:
    result = run("scenario", "tests/data/where/cloud.yaml", "-f", "json", "-u", "--samples", "500")
    assert result.exit_code == 0, result.stderr
    sc = json.loads(result.stdout)["scenarios"][0]
    (item,) = sc["items"]
    assert (item["site"], item["grid"]) == ("openai.ecologits", "US")
    us = next(g for g in sc["grids"] if g["id"] == "US")
    a = sc["as_run"]
    assert a["grids"] == ["US"] and a["located"] is True
    assert a["co2e_g"] == us["co2e_g"] and a["water_l"] == us["water_l"]
    assert a["co2e_g_p5"] < a["co2e_g"] < a["co2e_g_p95"]
    assert a["water_l_p5"] < a["water_l"] < a["water_l_p95"]
    assert a["energy_wh_p5"] < a["energy_wh"] < a["energy_wh_p95"]
    # the US grid's inputs are drawn once and shared by the as-run and the what-if US row
    assert a["co2e_g_p5"] == us["co2e_g_p5"] and a["co2e_g_p95"] == us["co2e_g_p95"]


def test_table_says_which_is_which(run: Run) -> None:
    result = run("scenario", "tests/data/where/cloud.yaml")
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert "As run: each item at its own site, on its own grid" in lines
    assert "What if everything ran on one grid (each item at its own site)" in lines
    row = "│ One GPT-4o answer │ openai.ecologits │ United States (US) │ 0.272 g │ 2.55 mL │"
    assert row in lines
    fr = run("scenario", "tests/data/where/cloud.yaml", "--lang", "fr").stdout.splitlines()
    fr = [line.rstrip() for line in fr]
    assert any(
        line.startswith("Tel qu'exécuté : chaque élément sur son propre site") for line in fr
    )
    assert (
        "│ Une réponse de GPT-4o │ openai.ecologits │ États-Unis (US)   │ 0,272\u00a0g │ "
        "2,55\u00a0mL │" in fr
    )


def test_bad_item_site_and_here(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("items:\n  - label: x\n    energy: 1 Wh\n    count: 1\n    site: locl\n")
    result = run("scenario", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}:5: items[0].site unknown site 'locl'")
    path.write_text("here: Frnace\nitems:\n  - label: x\n    energy: 1 Wh\n    count: 1\n")
    result = run("scenario", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}:1: here unknown grid 'Frnace'")
    result = run("scenario", "tests/data/where/laptop.yaml", "--here", "XX")
    assert result.exit_code == 2 and result.stderr.startswith("Error: ")


def test_claims_name_an_as_run_figure(run: Run, tmp_path: Path) -> None:
    result = run("check", "tests/data/claims/as-run.yaml", "-f", "json")
    assert result.exit_code == 0, result.stdout
    claims = {c["id"]: c for c in json.loads(result.stdout)["claims"]}
    cloud = estimate(load_scenario(WHERE / "cloud.yaml", load_factors_once()))
    energy_wh = cloud.energy.to("Wh").magnitude
    assert claims["cloud-as-run"]["grid"] == "as-run"
    assert claims["cloud-as-run"]["computed"] == pytest.approx(energy_wh * US_CARBON / 1000)
    assert claims["laptop-water-as-run"]["computed"] == pytest.approx(0.25 * FR_WATER / 1000)
    assert claims["cloud-if-in-france"]["computed"] == pytest.approx(energy_wh * FR_CARBON / 1000)
    assert claims["us-vs-france"]["computed"] == pytest.approx(US_CARBON / FR_CARBON, rel=1e-9)
    # off, with --uncertainty: the as-run interval is given
    text = (ROOT / "tests/data/claims/as-run.yaml").read_text(encoding="utf-8")
    off = tmp_path / "claims" / "off.yaml"
    off.parent.mkdir()
    (tmp_path / "where").mkdir()
    for name in ("cloud.yaml", "laptop.yaml"):
        (tmp_path / "where" / name).write_text((WHERE / name).read_text(encoding="utf-8"))
    off.write_text(text.replace("expected: 0.27 g", "expected: 3 g"), encoding="utf-8")
    result = run("check", str(off), "-f", "json", "-u", "--samples", "2000")
    assert result.exit_code == 1
    first = json.loads(result.stdout)["claims"][0]
    assert first["verdict"] == "off"
    low, high = first["interval"]
    assert low < first["computed"] < high < 3


def load_factors_once() -> FactorTable:
    from aicost.factors import load_factors

    return load_factors()


def test_chatgpt_from_france_runs_in_the_us(factors: FactorTable) -> None:
    est = estimate(load_scenario(ROOT / "scenarios" / "chatgpt-from-france.yaml", factors))
    (item,) = est.items
    assert item.site is not None and item.grid is not None
    assert (item.site.id, item.grid.id, est.scenario.home.id) == ("openai.ecologits", "US", "FR")
    assert est.located and est.as_run is not None
    us = next(g for g in est.grids if g.grid.id == "US")
    fr = next(g for g in est.grids if g.grid.id == "FR")
    assert est.as_run.co2e == us.co2e  # as run: the US row, not the French one
    assert est.as_run.co2e.magnitude / fr.co2e.magnitude == pytest.approx(US_CARBON / FR_CARBON)


def test_explain_uncertainty_markdown_and_csv_say_as_run(run: Run) -> None:
    cloud = "tests/data/where/cloud.yaml"
    explained = run("scenario", cloud, "--explain").stdout
    assert "as run (each item at its own site, on its own grid):" in explained
    assert "IT boundary × 1.20 (PUE of openai.ecologits) = 0.708 Wh" in " ".join(explained.split())
    fr = run("scenario", cloud, "--explain", "--lang", "fr").stdout
    assert "total tel qu'exécuté : 0,272\u00a0g CO2e, 2,55\u00a0mL d'eau" in fr
    u = run("scenario", cloud, "-u", "--samples", "500").stdout
    assert "│ CO2e (as run)" in u and "│ Water (as run)" in u
    assert "What drives the spread of CO2e (as run)" in u
    md = run("scenario", cloud, "-f", "markdown").stdout.splitlines()
    assert "**As run: each item at its own site, on its own grid**" in md
    assert (
        "| One GPT-4o answer | `openai.ecologits` | United States (`US`) | 0.272 g | 2.55 mL |"
        in md
    )
    rows = list(csv.DictReader(io.StringIO(run("scenario", cloud, "-f", "csv").stdout)))
    (total,) = [r for r in rows if r["row"] == "total as run"]
    (us,) = [r for r in rows if r["row"] == "total" and r["grid"] == "US"]
    assert total["grid"] == "US" and total["co2e_g"] == us["co2e_g"]
    # the marathon: no as-run rows, block or steps (its output is as before)
    marathon = run("scenario", "scenarios/marathon.yaml", "-f", "csv").stdout
    assert "as run" not in marathon
    assert "as run" not in run("scenario", "scenarios/marathon.yaml", "--explain", "-u").stdout


def test_scenario_reads_a_file_of_options(run: Run) -> None:
    result = run("scenario", "scenarios/choose-a-model.yaml", "-f", "json")
    assert result.exit_code == 0
    docs = json.loads(result.stdout)["scenarios"]
    assert [d["name"] for d in docs] == [
        "GPT-4o (OpenAI, United States)",
        "Le Chat (Mistral AI, Sweden)",
        "GPT-4o mini (OpenAI, United States)",
        "Mistral 7B on a laptop in France",
    ]
    assert [(d["items"][0]["site"], d["items"][0]["grid"]) for d in docs] == [
        ("openai.ecologits", "US"),
        ("mistral.sweden", "SE"),
        ("openai.ecologits", "US"),
        ("local", "FR"),  # a model on a device: the user's own computer and grid
    ]
    assert all(d["scale"]["total"] == 200 for d in docs)


def test_chart_of_a_located_scenario(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    path = tmp_path / "c.svg"
    result = run("scenario", "tests/data/where/cloud.yaml", "--chart", str(path))
    assert result.exit_code == 0, result.stderr
    assert "As run (US)" in path.read_text(encoding="utf-8")


def test_python_api_here_and_choices() -> None:
    import aicost
    from aicost.api import estimate_choices

    local = {"label": "on my laptop", "site": "local", "energy": "0.25 Wh", "count": 1}
    result = aicost.estimate([local], grids="FR,US", here="DE")
    assert result.as_run["grids"] == ["DE"]  # --here: the user's grid
    assert result.to_dict()["items"][0]["grid"] == "DE"
    choices = estimate_choices(ROOT / "scenarios" / "choose-a-model.yaml", here="SE")
    assert [c.to_dict()["items"][0]["grid"] for c in choices] == ["US", "SE", "US", "SE"]


def test_a_text_model_on_its_own_local_site_needs_a_device(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("items:\n  - model: llama-3.1-8b\n    site: local\n    count: 1\n")
    result = run("scenario", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"Error: {path}:2: 'Llama 3.1 8B Instruct' runs on your own computer (site local): "
    )

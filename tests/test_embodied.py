"""Issue 15: manufacturing (embodied) impacts in the one arithmetic, published per-use
footprints beside aicost's estimate, and the scope line of every output. Expected values are
hand-computed from factors.yaml (units in the names)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from aicost.api import estimate
from aicost.modelitem import TextModel

ROOT = Path(__file__).resolve().parent.parent
Run = Callable[..., Any]

# h100: (5,700 kg / 8 + (164 + 273) / 2 kg) over 3 years of 8,760 h
H100_G = 5700_000 / 8 + 218_500  # 931,000 g CO2e per GPU with its server share
LIFETIME_S = 26_280 * 3600
G_PER_GPU_S = H100_G / LIFETIME_S  # 9.8406e-3 g per GPU-second (35.4 g per GPU-hour)
GPU_POWER_W = 537.6  # the text method's mean power per H100 while serving
HOST = 1.57  # accelerator-to-it
T = TypeVar("T")


def text_model(value: object) -> TextModel:
    assert isinstance(value, TextModel)
    return value


def need(value: T | None) -> T:
    """`value`, asserting that it is there."""
    assert value is not None
    return value


def _doc(*args: str) -> dict[str, Any]:
    from typer.testing import CliRunner

    from aicost.cli import app

    out = CliRunner().invoke(app, [*args, "--format", "json"], catch_exceptions=False)
    assert out.exit_code == 0, out.stderr
    doc: dict[str, Any] = json.loads(out.stdout)["scenarios"][0]
    return doc


def test_the_table_gives_35_g_per_gpu_hour() -> None:
    """factors.yaml's h100 entry as the arithmetic reads it (research notes: 33-38 g/GPU-h)."""
    from aicost.embodied import HardwareUse
    from aicost.factors import load_factors

    made = load_factors().embodied["h100"]
    plan = HardwareUse(made, GPU_POWER_W).plan()
    assert plan.gwp_g_per_s == pytest.approx(G_PER_GPU_S, rel=1e-12)
    assert plan.gwp_g_per_s * 3600 == pytest.approx(35.43, abs=0.01)
    assert plan.adpe_g_per_s == pytest.approx(55.2 / LIFETIME_S, rel=1e-12)


def test_fixed_task_time_is_its_it_energy_over_server_power() -> None:
    """text.large: 6,706 J at the IT boundary / (537.6 W x 1.57) = 7.945 GPU-s -> 0.0782 g."""
    r = estimate(["text.large=15"], grids="FR").estimate
    (item,) = r.items
    seconds = 6706 / (GPU_POWER_W * HOST)
    assert need(item.hardware_per_item).to("s").magnitude == pytest.approx(seconds, rel=1e-9)
    assert need(item.embodied_per_item).co2e.to("g").magnitude == pytest.approx(
        seconds * G_PER_GPU_S, rel=1e-9
    )
    made = need(r.embodied)
    assert made.co2e.to("g").magnitude == pytest.approx(15 * seconds * G_PER_GPU_S)
    # ADPe 0.0552 kg Sb eq and primary energy 12,471 MJ over the same lifetime
    assert made.adpe.to("mg").magnitude == pytest.approx(
        15 * seconds * 55_200 / LIFETIME_S, rel=1e-9
    )
    assert made.pe.to("MJ").magnitude == pytest.approx(15 * seconds * 12_471 / LIFETIME_S, rel=1e-9)


def test_model_item_time_is_the_text_method_gpu_seconds() -> None:
    from aicost.methods.text import gpu_seconds

    r = estimate(["le-chat=1"]).estimate
    (item,) = r.items
    text = text_model(item.item.text)
    expected = gpu_seconds(
        text.total_b,
        text.active_b,
        text.bytes_per_param,
        text.output_tokens,
        text.input_tokens,
        text.reasoning_tokens,
        text.central_batch,
        text.coef,
        text.hardware,
    )
    assert need(item.hardware_per_item).to("s").magnitude == pytest.approx(expected, rel=1e-12)
    made = need(item.embodied_per_item).co2e.to("g").magnitude
    assert made == pytest.approx(expected * G_PER_GPU_S, rel=1e-12)


def test_local_device_is_charged_per_hour_of_use() -> None:
    """A laptop: 250 kg over 6,000 h of use; the time is tokens / speed, free of its power."""
    item = {"model": "llama-3.1-8b", "device": "laptop", "site": "local", "count": 1}
    r = estimate([item], grids="FR").estimate
    (one,) = r.items
    text = text_model(one.item.text)
    tokens = text.output_tokens + text.reasoning_tokens
    tokens += text.coef.prefill_weight * text.input_tokens
    seconds = tokens / text.tokens_per_s()
    assert need(one.hardware_per_item).to("s").magnitude == pytest.approx(seconds, rel=1e-12)
    per_s = 250_000 / (6000 * 3600)
    assert need(one.embodied_per_item).co2e.to("g").magnitude == pytest.approx(seconds * per_s)


def test_inline_figure_has_no_embodied() -> None:
    r = estimate(["0.3 Wh=10"], grids="FR").estimate
    assert r.embodied is None
    assert r.items[0].embodied_per_item is None


def test_model_json_acceptance() -> None:
    """A model item's JSON: embodied.co2e_g > 0 with an interval; France's total > its CO2e;
    both what-if ratios."""
    doc = _doc("estimate", "le-chat=1", "--grid", "FR", "--grid", "US", "--uncertainty")
    made = doc["embodied"]
    assert made["co2e_g"] > 0
    assert made["co2e_g_p5"] < made["co2e_g"] < made["co2e_g_p95"]
    fr, us = doc["grids"]
    assert fr["co2e_total_g"] > fr["co2e_g"]
    assert fr["co2e_total_g"] == pytest.approx(fr["co2e_g"] + made["co2e_g"], rel=1e-9)
    assert fr["co2e_total_g_p5"] < fr["co2e_total_g"] < fr["co2e_total_g_p95"]
    ratio = us["co2e_g"] / fr["co2e_g"]
    total = us["co2e_total_g"] / fr["co2e_total_g"]
    assert doc["ratio_dirtiest_to_cleanest"] == pytest.approx(ratio, rel=1e-9)
    assert doc["ratio_dirtiest_to_cleanest_total"] == pytest.approx(total, rel=1e-9)
    assert total < ratio  # manufacturing is the same on both grids
    item = doc["items"][0]["embodied"]
    assert item["hardware"] == "h100"
    assert item["co2e_per_item_g"] == pytest.approx(made["co2e_g"], rel=1e-9)


def test_monte_carlo_draws_the_hardware_range() -> None:
    from aicost.uncertainty import analyse

    r = estimate(["text.large=15"], grids="FR").estimate
    u = analyse(r, 4000, 1)
    keys = {i.key: i for i in u.inputs}
    made = keys["embodied:h100"]
    assert (made.kind, made.low, made.high) == ("uniform", 876.5 / 931, 985.5 / 931)
    assert "conversion:accelerator-to-it" in keys  # the time of a fixed figure
    assert u.embodied_co2e_g is not None
    assert u.embodied_co2e_g.central == pytest.approx(need(r.embodied).co2e.to("g").magnitude)


def test_marathon_electricity_unchanged_and_embodied_added() -> None:
    doc = _doc("scenario", "scenarios/marathon.yaml")
    co2e = {g["id"]: g["co2e_g"] for g in doc["grids"]}
    assert doc["total"]["energy_wh"] == pytest.approx(2873.50277778, rel=1e-10)
    assert co2e["FR"] == pytest.approx(126.948723467, rel=1e-10)
    assert co2e["US"] == pytest.approx(1102.12969161, rel=1e-10)
    # 15 x 6,706 J + 10 x 4,402 J + 3 x 3.4 MJ of IT energy over (537.6 W x 1.57) GPU-s
    seconds = (15 * 6706 + 10 * 4402 + 3 * 3.4e6) / (GPU_POWER_W * HOST)
    assert doc["embodied"]["co2e_g"] == pytest.approx(seconds * G_PER_GPU_S, rel=1e-9)
    assert doc["ratio_dirtiest_to_cleanest"] == pytest.approx(8.68, abs=0.01)
    assert doc["ratio_dirtiest_to_cleanest_total"] == pytest.approx(4.94, abs=0.01)


def test_published_footprints_beside_the_estimate() -> None:
    doc = _doc("estimate", "le-chat=1", "gemini-app=1")
    by_id = {p["id"]: p for p in doc["published_footprints"]}
    mistral = by_id["mistral-large-2.lca-2025"]
    assert (mistral["co2e_g"], mistral["water_l"], mistral["adpe_mg_sb_eq"]) == (1.14, 0.045, 0.16)
    assert mistral["co2e_basis"] == "location" and mistral["manufacturing"] is True
    assert mistral["differences"] == ["water_life_cycle", "manufacturing_both", "grid_differs"]
    assert mistral["aicost"]["grid"] == "SE"
    ours = mistral["aicost"]
    assert ours["co2e_g"] == pytest.approx(
        ours["electricity_co2e_g"] + ours["embodied_co2e_g"], rel=1e-9
    )
    gemini = by_id["gemini.median-2025"]
    assert (gemini["co2e_g"], gemini["water_l"]) == (0.03, 0.00026)
    assert gemini["differences"] == [
        "market_based",
        "water_onsite_only",
        "manufacturing_both",
        "grid_differs",
    ]
    assert gemini["aicost"]["water_onsite_l"] < gemini["aicost"]["water_l"]


def test_published_lines_in_the_table(run: Run) -> None:
    out = run("estimate", "le-chat=1").stdout
    assert "Published footprints beside aicost's estimate of the same use (per answer):" in out
    assert "published 1.14 g CO2e, 45.0 mL of water, 0.160 mg Sb eq" in " ".join(out.split())
    assert "What differs: the published water covers the whole life cycle" in " ".join(out.split())


def test_scope_in_every_output(run: Run) -> None:
    line = (
        "Scope: Counted: inference electricity as each source reported it, water of electricity "
        "generation (off site), manufacturing of servers and GPUs (per second of use). Not "
        "counted: training, the network, your own device, water used in manufacturing."
    )
    table = run("scenario", "scenarios/marathon.yaml").stdout
    assert line in " ".join(table.split())
    markdown = run("scenario", "scenarios/marathon.yaml", "-f", "markdown").stdout
    assert "*Scope*: Counted: inference electricity as each source reported it" in markdown
    doc = json.loads(run("scenario", "scenarios/marathon.yaml", "-f", "json").stdout)
    scope = doc["scenarios"][0]["scope"]
    assert scope["counted"] == ["electricity_as_reported", "water_offsite", "manufacturing"]
    assert scope["not_counted"] == ["training", "network", "user_device", "water_manufacturing"]
    french = run("scenario", "scenarios/marathon.yaml", "--lang", "fr").stdout
    assert "Périmètre : Compté : l'électricité de l'inférence telle que publiée" in " ".join(
        french.split()
    )


def test_scope_of_a_local_model_and_an_inline_figure() -> None:
    from aicost.scope import scope

    item = {"model": "llama-3.1-8b", "device": "laptop", "site": "local", "count": 1}
    local = scope(estimate([item, "0.3 Wh=1"], grids="FR").estimate)
    assert "electricity_device" in local.counted and "manufacturing_device" in local.counted
    assert "user_device" not in local.not_counted
    assert "manufacturing_inline" in local.not_counted


def test_csv_columns(run: Run) -> None:
    out = run("scenario", "scenarios/marathon.yaml", "-f", "csv").stdout.splitlines()
    assert out[0].endswith(",source,embodied_co2e_g,co2e_total_g")
    total_fr = out[-2].split(",")
    assert float(total_fr[-1]) == pytest.approx(float(total_fr[-5]) + float(total_fr[-2]))


def _table_with(tmp_path: Path, old: str, new: str) -> Path:
    text = (ROOT / "factors.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "factors.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_bad_embodied_range(run: Run, tmp_path: Path) -> None:
    path = _table_with(tmp_path, "    gwp_low: 876.5 kg", "    gwp_low: 990 kg")
    out = run("scenario", "scenarios/marathon.yaml", "--factors", str(path))
    assert out.exit_code == 2
    assert out.stderr.startswith(f"Error: {path}:")
    assert "embodied.h100.gwp_low gwp_low ≤ gwp ≤ gwp_high must hold" in out.stderr


def test_footprint_needs_a_figure(run: Run, tmp_path: Path) -> None:
    path = _table_with(tmp_path, "    co2e: 0.03 g\n    co2e_basis: market\n", "")
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    water: 0.26 mL\n    water_scope: onsite\n", "", 1
        ),
        encoding="utf-8",
    )
    out = run("scenario", "scenarios/marathon.yaml", "--factors", str(path))
    assert out.exit_code == 2
    assert "needs 'co2e' or 'water' (a footprint published per use)" in out.stderr


def test_explain_shows_the_hardware_time(run: Run) -> None:
    out = " ".join(run("scenario", "scenarios/marathon.yaml", "--explain").stdout.split())
    # 6,706 J / (537.6 W x 1.57) = 7.95 s; 931 kg / 26,280 h = 35.4 g/h; 15 x 7.95 s -> 1.17 g
    assert (
        "15 × 7.95 s of h100 × 35.4 g CO2e per hour (931 kg over 26,280 h; Rincé & Banse "
        "2026; derived) = 1.17 g"
    ) in out
    assert "total: 121 g CO2e" in out
    assert "FR: 127 g + 121 g = 248 g CO2e with manufacturing" in out


def test_uncertainty_table_has_manufacturing_rows(run: Run) -> None:
    out = run("scenario", "scenarios/marathon.yaml", "--uncertainty", "--samples", "500").stdout
    rows = [line for line in out.splitlines() if "anufacturing" in line and "│" in line]
    assert [r.split("│")[1].strip() for r in rows] == [
        "Manufacturing",
        "CO2e (FR) + manufacturing",
        "CO2e (US) + manufacturing",
    ]
    assert rows[0].split("│")[2].strip() == "121 g"

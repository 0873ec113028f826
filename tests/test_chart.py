"""Charts for print and slides: sizes, panels, error bars, SVG text, a footer citing studies."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("matplotlib")

Run = Callable[..., Any]
SVG = "{http://www.w3.org/2000/svg}"


def _svg(path: Path) -> tuple[ET.Element, list[str]]:
    root = ET.fromstring(path.read_bytes())
    return root, ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]


def test_a4_svg_has_real_text_and_cites_the_studies(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "c.svg"
    result = run("scenario", "scenarios/marathon.yaml", "--chart", str(path))
    assert result.exit_code == 0
    root, texts = _svg(path)
    assert root.get("width") == "481.889764pt"  # 17 cm: the text width of an A4 page
    assert "Charity marathon organised with AI: 2.87 kWh" in texts
    assert {"CO2e by grid", "Water by grid", "Share of the energy"} <= set(texts)
    footer = " ".join(x for x in texts if "Sources" in x or "aicost 0" in x)
    assert footer.startswith("Sources: O'Donnell & Crownhart 2025, MIT Technology Review; ")
    assert "Ember et al. 2025, Carbon intensity of electricity generation" in footer
    assert "factor table" not in path.read_text(encoding="utf-8")


def test_the_footer_keeps_a_dotted_name_whole(run: Run, tmp_path: Path) -> None:
    # "The ML.ENERGY Benchmark: Toward ..." is cited by its name, not cut at "ML."
    path = tmp_path / "m.svg"
    assert run("estimate", "gpt-4o=1", "--chart", str(path)).exit_code == 0
    footer = " ".join(x for x in _svg(path)[1] if "Sources" in x or "aicost 0" in x)
    assert footer.startswith("Sources: Chung et al. 2025, The ML.ENERGY Benchmark; ")


def test_slide_and_custom_sizes(run: Run, tmp_path: Path) -> None:
    slide, custom = tmp_path / "s.svg", tmp_path / "c.svg"
    run("scenario", "scenarios/marathon.yaml", "--chart", str(slide), "--chart-size", "slide")
    run("scenario", "scenarios/marathon.yaml", "--chart", str(custom), "--chart-size", "160x90mm")
    root = _svg(slide)[0]
    assert (root.get("width"), root.get("height")) == ("720pt", "405.070866pt")  # 25.4 cm
    root = _svg(custom)[0]
    assert (root.get("width"), root.get("height")) == ("453.543307pt", "255.11811pt")


def test_one_panel_and_auto_panels(run: Run, tmp_path: Path) -> None:
    one = tmp_path / "one.svg"
    run("scenario", "scenarios/marathon.yaml", "--chart", str(one), "--chart-panels", "water")
    texts = _svg(one)[1]
    assert "Water by grid" in texts and "CO2e by grid" not in texts
    # one item: no 100 % share panel unless asked
    single = tmp_path / "single.svg"
    assert run("estimate", "video=3", "--chart", str(single), "--lang", "fr").exit_code == 0
    texts = _svg(single)[1]
    assert "CO2e selon le réseau électrique" in texts and "Part de l'énergie" not in texts


def test_error_bars_with_uncertainty(run: Run, tmp_path: Path) -> None:
    plain, bars = tmp_path / "p.svg", tmp_path / "b.svg"
    run("scenario", "scenarios/marathon.yaml", "--chart", str(plain))
    run("scenario", "scenarios/marathon.yaml", "--chart", str(bars), "-u", "--samples", "500")
    assert "kg CO2e — error bars: 90 % interval" in _svg(bars)[1]
    assert "kg CO2e" in _svg(plain)[1]
    assert "#b2182b" in bars.read_text() and "#b2182b" not in plain.read_text()


def test_png_for_print(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "c.png"
    assert run("scenario", "scenarios/marathon.yaml", "--chart", str(path)).exit_code == 0
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    assert width == int(17 / 2.54 * 300)  # 17 cm at 300 dpi (2,007 px)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--chart-size",
            "huge",
            "Error: --chart-size is a4, slide or WIDTHxHEIGHT in cm (16x9), got 'huge'\n",
        ),
        (
            "--chart-size",
            "2x2",
            "Error: --chart-size must be 4-100 cm wide and 3-100 cm high, got '2x2'\n",
        ),
        (
            "--chart-panels",
            "co2,water",
            "Error: --chart-panels lists some of co2e, water, share, got 'co2,water'\n",
        ),
    ],
)
def test_bad_chart_options(run: Run, tmp_path: Path, option: str, value: str, message: str) -> None:
    path = tmp_path / "c.svg"
    result = run("estimate", "video=1", "--chart", str(path), option, value)
    assert result.exit_code == 2
    assert result.stderr == message
    assert result.stdout == "" and not path.exists()


def test_comparison_chart(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "cmp.svg"
    result = run(
        "scenario", "scenarios/marathon.yaml", "scenarios/chatgpt-day.yaml",
        "--chart", str(path), "--lang", "fr", "-u", "--samples", "500",
    )  # fmt: skip
    assert result.exit_code == 0
    texts = _svg(path)[1]
    assert "2 scénarios comparés" in texts
    assert {"CO2e selon le réseau électrique", "Énergie par scénario"} <= set(texts)
    assert {"France", "États-Unis"} <= set(texts)  # the legend: a bar per grid
    assert "Un marathon caritatif organisé avec l'IA" in " ".join(texts).replace("\n", " ")
    # the energy of each: 2.87 kWh; 8 × 0.421 Wh + 8 × 1.214 Wh = 13.1 Wh
    assert "2,87\u00a0kWh" in texts and "13,1\u00a0Wh" in texts
    assert "kg CO2e — barres d'erreur : intervalle à 90 %" in texts

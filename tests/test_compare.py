"""`aicost compare`: the choices side by side, as run (issue 14's acceptance), in every format
and both languages; the `options:` form; bad input."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]
LAPTOP, CLOUD = "tests/data/where/laptop.yaml", "tests/data/where/cloud.yaml"
FR_CARBON, US_CARBON = 44.179085, 383.5492  # g/kWh, factors.yaml
FR_WATER, US_WATER = 3.6737, 3.1321  # L/kWh
OPENAI_PUE, OPENAI_WUE = 1.20, 0.569


def _words(text: str) -> str:
    """Runs of spaces and line breaks as one space (no-break spaces kept)."""
    return " ".join(text.replace("\u00a0", "\0").split()).replace("\0", "\u00a0")


def _doc(run: Run, *args: str) -> dict[str, Any]:
    result = run("compare", LAPTOP, CLOUD, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return dict(json.loads(result.stdout))


def test_acceptance_json_one_entry_per_choice_as_run(run: Run) -> None:
    doc = _doc(run)
    laptop, cloud = doc["alternatives"]
    # the laptop: 45 W × 20 s = 0.25 Wh, at home (no overhead, no cooling water), French grid
    assert laptop["energy_wh"] == pytest.approx(0.25, rel=1e-12)
    assert laptop["co2e_g"] == pytest.approx(0.25 * FR_CARBON / 1000, rel=1e-12)
    assert laptop["water_l"] == pytest.approx(0.25 * FR_WATER / 1000, rel=1e-12)
    assert laptop["items"] == [
        {"label": "One answer, local model on a laptop", "site": "local", "grid": "FR",
         "energy_wh": 0.25}
    ]  # fmt: skip
    # GPT-4o at OpenAI's default location (EcoLogits: PUE 1.20, WUE 0.569 L/kWh, US grid)
    (item,) = cloud["items"]
    assert (item["site"], item["grid"]) == ("openai.ecologits", "US")
    energy = cloud["energy_wh"]
    assert cloud["co2e_g"] == pytest.approx(energy * US_CARBON / 1000, rel=1e-12)
    water = energy / OPENAI_PUE * OPENAI_WUE / 1000 + energy * US_WATER / 1000
    assert cloud["water_l"] == pytest.approx(water, rel=1e-12)
    # which is cheapest, and by how much
    assert (doc["cheapest"], doc["dearest"], doc["ranked_by"]) == (0, 1, "co2e_g")
    factor = cloud["co2e_g"] / laptop["co2e_g"]
    assert doc["dearest_to_cheapest"] == pytest.approx(factor, rel=1e-9)
    assert 10 < factor < 50  # the method's GPT-4o answer is about 0.7 Wh on the US grid
    assert {"ecologits-method", "ember-owid-2025", "aicost"} <= set(doc["sources"])
    assert doc["uncertainty"] is None and "co2e_g_p5" not in laptop


def test_intervals_under_uncertainty(run: Run) -> None:
    doc = _doc(run, "--uncertainty", "--samples", "2000")
    assert doc["uncertainty"] == {"samples": 2000, "seed": 20251120}
    for alt in doc["alternatives"]:
        for key in ("energy_wh", "co2e_g", "water_l"):
            assert alt[f"{key}_p5"] < alt[key] < alt[f"{key}_p95"], key


def test_table_in_french_names_the_grids(run: Run) -> None:
    result = run("compare", LAPTOP, CLOUD, "--lang", "fr")
    assert result.exit_code == 0
    text = result.stdout
    assert "│ France (FR), site local         │" in text
    assert "│ États-Unis (US), site           │" in text
    said = _words(text)
    assert (
        "Le moins de CO2e tel qu'exécuté : Un modèle local sur un portable en France "
        "(0,0110\u00a0g). Le plus : GPT-4o dans le nuage (0,272\u00a0g), 25× autant."
    ) in said


def test_table_in_english(run: Run) -> None:
    result = run("compare", LAPTOP, CLOUD)
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[0] == (
        "The choices side by side, as run (each item at its own site, on its own grid)"
    )
    shown = "\n".join(lines)
    assert (
        "│ France (FR), site local            │          │                             │" in shown
    )
    assert (
        "│ United States (US), site           │          │   ≈ 15 s of video streaming │" in shown
    )
    said = _words(result.stdout)
    assert (
        "Least CO2e as run: A local model on a laptop in France (0.0110 g). The most: GPT-4o "
        "in the cloud (0.272 g), 25× as much."
    ) in said


def test_markdown_and_csv(run: Run) -> None:
    md = run("compare", LAPTOP, CLOUD, "-f", "markdown").stdout
    assert (
        "| A local model on a laptop in France | France (FR), site local | 0.250 Wh | 0.0110 g, "
        "≈ 0.62 s of video streaming | 0.918 mL, ≈ 0.000013 showers |"
    ) in md.splitlines()
    rows = list(csv.DictReader(io.StringIO(run("compare", LAPTOP, CLOUD, "-f", "csv").stdout)))
    assert [(r["alternative"], r["sites"], r["grids"]) for r in rows] == [
        ("A local model on a laptop in France", "local", "FR"),
        ("GPT-4o in the cloud", "openai.ecologits", "US"),
    ]
    assert float(rows[0]["co2e_g"]) == pytest.approx(0.25 * FR_CARBON / 1000, rel=1e-11)
    assert rows[0]["co2e_g_p5"] == ""  # no interval without --uncertainty


def test_chart(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    path = tmp_path / "choices.svg"
    result = run("compare", LAPTOP, CLOUD, "-u", "--samples", "500", "--chart", str(path))
    assert result.exit_code == 0, result.stderr
    svg = path.read_text(encoding="utf-8")
    assert "CO2e as run" in svg and "GPT-4o in the cloud" in svg
    bad = run("compare", LAPTOP, CLOUD, "--chart", str(tmp_path / "c.pdf"))
    assert bad.exit_code == 2
    assert bad.stderr == "Error: --chart writes .svg or .png files, got 'c.pdf'\n"


OPTIONS = """\
name: Which model?
here: FR
scale: {answers: 100}
options:
  - label: GPT-4o
    label_fr: GPT-4o (en français)
    items:
      - model: gpt-4o
        count: 1
  - label: My laptop
    items:
      - label: an answer
        site: local
        energy: 0.25 Wh
        count: 1
"""


def test_options_form(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "choose.yaml"
    path.write_text(OPTIONS, encoding="utf-8")
    doc = json.loads(run("compare", str(path), "-f", "json").stdout)
    gpt, laptop = doc["alternatives"]
    assert (gpt["name"], gpt["name_fr"], laptop["name"], laptop["name_fr"]) == (
        "GPT-4o",
        "GPT-4o (en français)",
        "My laptop",
        None,
    )
    # shared keys: scale (×100) and here (FR, for the local item)
    assert laptop["energy_wh"] == pytest.approx(25.0, rel=1e-12)
    assert laptop["co2e_g"] == pytest.approx(25.0 * FR_CARBON / 1000, rel=1e-12)
    assert laptop["items"][0]["grid"] == "FR" and gpt["items"][0]["grid"] == "US"
    assert doc["cheapest"] == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            OPTIONS.replace("options:", "items: []\noptions:"),
            "{path}:4: items has both 'items' and 'options': give the items inside each option",
        ),
        (
            OPTIONS.replace("      - label: an answer", "      - label: an answer\n        sit: x"),
            "{path}:13: options[1].items[0].sit is not a known key (did you mean: site?)",
        ),
        (
            OPTIONS.replace("  - label: My laptop\n", "  - labl: My laptop\n"),
            "{path}:10: options[1] needs 'label' (a text)",
        ),
        ("name: x\noptions: {}\n", "{path}:2: options needs a non-empty list of options, got"),
    ],
)
def test_bad_options(run: Run, tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "choose.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("compare", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: " + message.format(path=path)), result.stderr
    assert result.stderr.count("\n") == 1


def test_one_choice_is_a_usage_error(run: Run) -> None:
    result = run("compare", LAPTOP)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: compare needs at least two choices: give two files, or a file with options:\n"
    )
    fr = run("compare", LAPTOP, "--lang", "fr")
    assert fr.stderr == (
        "Erreur : compare a besoin d'au moins deux choix : donnez deux fichiers, ou un fichier "
        "avec options:\n"
    )

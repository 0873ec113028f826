"""The command line: exact output, exit codes, streams."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "data" / "golden"

Run = Callable[..., Any]


def test_marathon_table_exact(run: Run) -> None:
    result = run("scenario", "scenarios/marathon.yaml")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == (GOLDEN / "marathon.txt").read_text(encoding="utf-8")


def test_marathon_json_exact(run: Run) -> None:
    result = run("scenario", "scenarios/marathon.yaml", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    expected = json.loads((GOLDEN / "marathon.json").read_text(encoding="utf-8"))
    # The hash follows the factor table; everything else must match exactly.
    assert len(doc["factors"].pop("sha256")) == 64
    expected["factors"].pop("sha256")
    assert doc == expected


def test_marathon_json_acceptance_figures(run: Run) -> None:
    doc = json.loads(run("scenario", "scenarios/marathon.yaml", "-f", "json").stdout)
    (scenario,) = doc["scenarios"]
    assert scenario["total"]["energy_wh"] == pytest.approx(2873.5, rel=1e-3)
    co2e = {g["id"]: g["co2e_g"] for g in scenario["grids"]}
    assert co2e["FR"] == pytest.approx(127.0, rel=5e-3)
    assert co2e["US"] == pytest.approx(1102.0, rel=5e-3)
    # The factors used, and the sources of every equivalence the document carries.
    equivalence_sources = {
        "jegham-2025-early", "google-2009", "eia-2022", "ademe-rte-elecdom",
        "impactco2-deplacement", "impactco2-usagenumerique", "impactco2-deplacement-2025",
        "impactco2-caspratiques-2025", "epa-ghg-equivalencies", "epa-vehicle",
        "nosgestesclimat-eau", "usgs-2015",
    }  # fmt: skip
    embodied_sources = {"ecologits-embodied-0.11.3", "nvidia-hgx-h100-pcf"}  # manufacturing
    assert set(doc["sources"]) == {
        "mit-tr-2025", "aicost", "ember-owid-2025", "ecologits-0.11.3"
    } | equivalence_sources | embodied_sources  # fmt: skip


def test_grid_option_replaces_the_scenario_grids(run: Run) -> None:
    result = run(
        "scenario", "scenarios/marathon.yaml", "-f", "json", "--grid", "de", "--grid", "Ireland"
    )
    grids = [g["id"] for g in json.loads(result.stdout)["scenarios"][0]["grids"]]
    assert grids == ["DE", "IE"]


def test_site_option(run: Run) -> None:
    result = run(
        "scenario", "scenarios/chatgpt-day.yaml", "-f", "json", "--site", "openai.ecologits"
    )
    total = json.loads(result.stdout)["scenarios"][0]["total"]
    # 8 × (0.421 + 1.214) Wh / 1.12 × 1.20
    assert total["energy_wh"] == pytest.approx(8 * (0.421 + 1.214) / 1.12 * 1.20, rel=1e-9)


def test_missing_file_one_line_on_stderr_exit_2(run: Run) -> None:
    result = run("scenario", "missing.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "Error: missing.yaml: no such scenario file (check the path)\n"


def test_unknown_grid_option_exit_2(run: Run) -> None:
    result = run("scenario", "scenarios/marathon.yaml", "--grid", "Atlantis")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "Error: unknown grid 'Atlantis'; `aicost grids` lists them\n"


def test_factors_entry_shows_its_source(run: Run) -> None:
    result = run("factors", "tasks", "video")
    assert result.exit_code == 0
    assert "video.cogvideox.5s" in result.stdout
    assert "3.40 MJ" in result.stdout
    assert "https://www.technologyreview.com/2025/05/20/" in result.stdout


def test_grids_search(run: Run) -> None:
    result = run("grids", "allemagne")
    assert result.exit_code == 0
    assert (
        "│ DE │ Germany │ Allemagne   │ DEU     │        344 │ 2024 │        1.95 │"
        in result.stdout
    )
    french = run("grids", "allemagne", "--lang", "fr").stdout
    assert "│ DE │ Allemagne │ Germany     │ DEU   │        344 │  2024 │      1,95 │" in french
    assert run("grids", "zzzz").exit_code == 2


def _python(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return out.stdout.strip()


def test_help_does_not_import_pint_or_read_the_factor_table() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['aicost', '--help']\n"
        "from aicost.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('pint' in sys.modules, 'yaml' in sys.modules, 'aicost.factors' in sys.modules,"
        " file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert "scenario" in out.stdout
    assert out.stderr.strip() == "False False False"


def test_python_dash_m_works() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "aicost", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode == 0
    assert out.stdout.startswith("aicost ")


def test_estimate_gives_the_marathon_totals(run: Run) -> None:
    result = run("estimate", "text.large=15", "image.hq=10", "video=3", "--format", "json")
    assert result.exit_code == 0
    (scenario,) = json.loads(result.stdout)["scenarios"]
    assert scenario["total"]["energy_wh"] == pytest.approx(10_344_610 / 3600, rel=1e-9)
    co2e = {g["id"]: g["co2e_g"] for g in scenario["grids"]}
    assert co2e["FR"] == pytest.approx(10_344_610 / 3.6e6 * 44.179085, rel=1e-9)


def test_estimate_inline_energy_and_default_count(run: Run) -> None:
    result = run("estimate", "0.3 Wh=100", "text.small", "-f", "json")
    items = json.loads(result.stdout)["scenarios"][0]["items"]
    assert [(i["label"], i["count"], i["energy_wh"]) for i in items] == [
        ("0.3 Wh", 100, pytest.approx(30.0)),
        ("Text answer, Llama 3.1 8B", 1, pytest.approx(114 / 3600)),
    ]


def test_estimate_bad_count(run: Run) -> None:
    result = run("estimate", "text.large=ten")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: argument 'text.large=ten': the count after '=' must be a number ≥ 0, got 'ten'\n"
    )


def test_csv_parses_under_the_documented_header(run: Run) -> None:
    import csv
    import io

    from aicost.render.csv import HEADER

    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "scenarios").glob("*.yaml"))
    result = run("scenario", *files, "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == HEADER
    marathon = [r for r in rows if r["file"] == "scenarios/marathon.yaml"]
    assert len(marathon) == 3 * 2 + 2  # 3 items and a total, each under FR and US
    for grid in ("FR", "US"):
        items = [float(r["co2e_g"]) for r in marathon if r["grid"] == grid and r["row"] == "item"]
        (total,) = [
            float(r["co2e_g"]) for r in marathon if r["grid"] == grid and r["row"] == "total"
        ]
        assert sum(items) == pytest.approx(total, rel=1e-9)
    total_fr = next(r for r in marathon if r["grid"] == "FR" and r["row"] == "total")
    assert float(total_fr["energy_wh"]) == pytest.approx(2873.50277778, rel=1e-9)


def test_markdown_one_table_pair_per_scenario(run: Run) -> None:
    result = run(
        "scenario", "scenarios/marathon.yaml", "scenarios/chatgpt-day.yaml", "-f", "markdown"
    )
    assert result.exit_code == 0
    assert result.stdout.count("### ") == 2
    assert "| **Total** |  |  |  | **2.87 kWh** |" in result.stdout
    assert (
        "| France (`FR`, 2024) | 44.2 g/kWh[^ember-owid-2025] | 127 g | 10.6 L[^ecologits-0-11-3] |"
        in result.stdout
    )


def test_no_colour_codes_when_stdout_is_not_a_terminal() -> None:
    env = {
        k: v for k, v in __import__("os").environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")
    }
    out = subprocess.run(
        [sys.executable, "-m", "aicost", "scenario", "scenarios/marathon.yaml"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    assert "\x1b[" not in out.stdout
    assert "2.87 kWh" in out.stdout


def test_output_file_gets_the_result_and_stdout_stays_empty(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "marathon.json"
    result = run("scenario", "scenarios/marathon.yaml", "-f", "json", "--output", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    expected = run("scenario", "scenarios/marathon.yaml", "-f", "json").stdout
    assert target.read_text(encoding="utf-8") == expected


def test_failed_run_leaves_no_output_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    result = run("scenario", "missing.yaml", "-f", "csv", "--output", str(target))
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_output_into_a_missing_folder(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "no" / "out.txt"
    result = run("scenario", "scenarios/marathon.yaml", "--output", str(target))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {target}: cannot be written: the folder '{target.parent}' does not exist\n"
    )


def test_check_csv_and_markdown(run: Run, tmp_path: Path) -> None:
    import csv
    import io

    from aicost.render.claims import CSV_HEADER

    rows = list(
        csv.DictReader(
            io.StringIO(run("check", "examples/report-fr-claims.yaml", "-f", "csv").stdout)
        )
    )
    assert tuple(rows[0]) == CSV_HEADER
    image = next(r for r in rows if r["id"] == "image-microwave")
    assert (image["unit"], image["expected"], image["verdict"]) == ("s", "150.0", "known error")
    md = run("check", "examples/report-fr-claims.yaml", "-f", "markdown").stdout
    row = (
        "| image-microwave | 2282 joules (soit 2 minutes et demi de micro-onde) | 2.50 min "
        "| 2.85 s | -98.1% | known error |"
    )
    assert row in md


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_one_ratio_sentence_when_manufacturing_is_known(run: Run, fmt: str) -> None:
    result = run("scenario", "scenarios/marathon.yaml", "-f", fmt)
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if " emits " in line]
    assert lines == [
        "United States emits 4.9× the CO2e of France with manufacturing (8.7× for electricity"
        " alone)."
    ]

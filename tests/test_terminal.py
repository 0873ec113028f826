"""Rough edges a new user meets in a terminal: --lang FR, 1,5, UK, FR,US, did-you-mean,
80-column listings, shell completion, an old Python."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
Run = Callable[..., Any]


def test_lang_is_case_insensitive(run: Run) -> None:
    upper = run("estimate", "text.large=1", "--lang", "FR")
    assert upper.exit_code == 0
    assert upper.stdout == run("estimate", "text.large=1", "--lang", "fr").stdout
    assert "Énergie" in upper.stdout


def test_usage_errors_follow_an_upper_case_lang(capsys: pytest.CaptureFixture[str]) -> None:
    from aicost.cli import main

    with pytest.raises(SystemExit) as info:
        main(["scenario", "--lang", "FR"])
    assert info.value.code == 2
    assert capsys.readouterr().err.startswith("Erreur : il manque l'argument 'files'")


def _csv_total(result: Any) -> list[list[str]]:
    import csv
    import io

    return [row for row in csv.reader(io.StringIO(result.stdout)) if row[2] == "total"]


def test_a_french_decimal_comma_is_read_under_lang_fr(run: Run) -> None:
    comma = run("estimate", "text.large=1,5", "0,3 Wh=2", "--lang", "fr", "-f", "csv")
    point = run("estimate", "text.large=1.5", "0.3 Wh=2", "--lang", "fr", "-f", "csv")
    assert comma.exit_code == 0, comma.stderr
    # 1.5 × 1.86 Wh + 2 × 0.3 Wh = 3.394 Wh: the same figures as written with points
    assert [row[3:] for row in _csv_total(comma)] == [row[3:] for row in _csv_total(point)]
    assert float(_csv_total(comma)[0][8]) == pytest.approx(1.5 * 6706 / 3600 + 0.6)


def test_an_ambiguous_comma_is_refused_in_one_line(run: Run) -> None:
    result = run("estimate", "text.large=1,500", "--lang", "fr")
    assert result.exit_code == 2
    assert result.stderr == (
        "Erreur : argument 'text.large=1,500' : '1,500' peut se lire 1500 ou 1,5 ;"
        " écrivez 1500 ou 1.5\n"
    )


def test_a_comma_stays_refused_in_english(run: Run) -> None:
    result = run("estimate", "text.large=1,5", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: argument 'text.large=1,5': the count after '=' must be a number ≥ 0, got '1,5'\n"
    )


def test_uk_is_great_britain_and_grids_take_commas(run: Run) -> None:
    result = run("scenario", "scenarios/marathon.yaml", "-g", "UK,fr", "-g", "Holland", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    grids = [row[10] for row in _csv_total(result)]
    assert grids == ["GB", "FR", "NL"]


@pytest.mark.parametrize(
    ("grid", "suggestion"),
    [
        ("germ", "DE"),  # a name's start, not the nearest spelling
        ("United", "US, GB, AE"),  # shortest names first
        ("kingdom", "GB"),  # inside a name
        ("Frnace", "FR"),  # a typo: edit distance
    ],
)
def test_did_you_mean_prefers_names_that_start_with_the_word(
    run: Run, grid: str, suggestion: str
) -> None:
    result = run("scenario", "scenarios/marathon.yaml", "--grid", grid)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: unknown grid '{grid}' (did you mean: {suggestion}?); `aicost grids` lists them\n"
    )


def _at(width: int, monkeypatch: pytest.MonkeyPatch, run: Run, *args: str) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    result = run(*args)
    assert result.exit_code in (0, 1), result.stderr
    text: str = result.stdout
    assert max(len(line.rstrip()) for line in text.splitlines()) <= width
    return text


def test_factors_tasks_at_80_columns_shows_every_id_and_word(
    run: Run, monkeypatch: pytest.MonkeyPatch, factors: Any
) -> None:
    text = _at(80, monkeypatch, run, "factors", "tasks")
    assert "…" not in text
    lines = text.splitlines()
    words = " ".join(text.split())
    for task in factors.tasks.values():
        assert task.id in lines  # a record's title: the id alone on its line
        assert f"{task.id} Label {task.en} Energy per generation" in words
    assert [line.rstrip() for line in lines[:3]] == [
        "text.llama-3.1-8b",
        "  Label                  Text answer, Llama 3.1 8B",
        "  Energy per generation  0.0317 Wh",
    ]


def test_check_at_80_columns_cuts_no_claim_id(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _at(80, monkeypatch, run, "check", "examples/report-fr-claims.yaml")
    assert "…" not in text
    assert "marathon-energy" in text.splitlines()


def test_grids_at_80_columns_drop_the_optional_columns(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _at(80, monkeypatch, run, "grids", "unit")
    assert "…" not in text
    assert "│ VI │ United States Virgin Islands │" in text
    assert "Aliases" not in text
    wide = _at(200, monkeypatch, run, "grids", "unit")
    assert "Aliases" in wide and "French name" in wide


def test_a_listing_that_fits_stays_a_table(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _at(200, monkeypatch, run, "factors", "tasks")
    assert text.startswith("┏")


def test_shell_completion_as_documented() -> None:
    env = {**os.environ, "_AICOST_COMPLETE": "source_bash"}
    script = subprocess.run(
        [sys.executable, "-m", "aicost"], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert script.returncode == 0
    assert "complete -o default -F _aicost_completion aicost" in script.stdout
    env = {
        **os.environ,
        "_AICOST_COMPLETE": "complete_bash",
        "COMP_WORDS": "aicost factors ta",
        "COMP_CWORD": "2",
    }
    words = subprocess.run(
        [sys.executable, "-m", "aicost"], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert words.stdout.split() == ["tasks"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'eval "$(_AICOST_COMPLETE=source_bash aicost)"' in readme


OLD_PYTHONS = [
    p
    for p in [
        *(shutil.which(f"python3.{minor}") for minor in (8, 9, 10)),
        *(str(p) for p in sorted(Path.home().glob(".pyenv/versions/3.[89]*/bin/python3"))),
    ]
    if p
    and subprocess.run([p, "-c", "pass"], capture_output=True).returncode == 0
    and Path(p).resolve() != Path(sys.executable).resolve()
]


def test_the_package_reads_as_python_3_6() -> None:
    import ast

    source = (ROOT / "aicost" / "__init__.py").read_text(encoding="utf-8")
    head = source.split("from typing import", 1)[0]  # what runs before the version check ends
    ast.parse(head, feature_version=(3, 6))


@pytest.mark.skipif(not OLD_PYTHONS, reason="no Python older than 3.11 on this machine")
def test_an_old_python_is_told_which_python_aicost_needs() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    out = subprocess.run(
        [OLD_PYTHONS[0], "-m", "aicost", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.startswith("Error: aicost needs Python 3.11 or newer, and this is Python 3.")
    assert out.stderr.count("\n") == 1

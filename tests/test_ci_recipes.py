"""The pre-commit hooks and the several-file `aicost check` they run."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

Run = Callable[..., Any]
ROOT = Path(__file__).resolve().parent.parent


def test_pre_commit_hooks_run_aicost_check() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"aicost-check", "aicost-check-claims"}
    for hook in hooks:
        assert hook["entry"] == "aicost check"
        assert hook["language"] == "python"
        assert {"name", "description"} <= set(hook)
    assert by_id["aicost-check"]["types"] == ["markdown"]
    claims = re.compile(by_id["aicost-check-claims"]["files"])
    assert claims.search("examples/report-fr-claims.yaml")
    assert claims.search("claims.yml")
    assert not claims.search("scenarios/marathon.yaml")


def test_check_several_files_skips_unmarked_markdown(run: Run, tmp_path: Path) -> None:
    unmarked = tmp_path / "notes.md"
    unmarked.write_text("# Notes\n\nNo figure here.\n", encoding="utf-8")
    result = run(
        "check", "examples/rapport-fr.md", str(unmarked), "examples/report-fr-claims.yaml",
        "-f", "markdown",
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.count("#### ") == 2
    assert "#### examples/rapport-fr.md" in result.stdout
    assert str(unmarked) not in result.stdout
    alone = run("check", str(unmarked))
    assert alone.exit_code == 2


def test_check_several_files_fails_when_one_figure_is_off(run: Run, tmp_path: Path) -> None:
    off = tmp_path / "off.md"
    off.write_text(
        "<!-- aicost: items: [{task: video, count: 1}], metric: energy -->9 MJ<!-- /aicost -->\n",
        encoding="utf-8",
    )
    result = run("check", "examples/rapport-fr.md", str(off), "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{off}:1: the figure '9 MJ' is off: computed 3.40 MJ, read as 9.00 MJ\n"
    )


def test_json_checks_one_file_at_a_time(run: Run) -> None:
    result = run("check", "examples/rapport-fr.md", "examples/report-fr-claims.yaml", "-f", "json")
    assert result.exit_code == 2
    assert result.stderr == "Error: --format json checks one file at a time\n"

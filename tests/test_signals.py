"""Ctrl-C, a closed pipe and --debug: exit codes and stderr, never a stray traceback."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MARATHON = "scenarios/marathon.yaml"
Run = Callable[..., object]


def _main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    from aicost.cli import main

    monkeypatch.chdir(ROOT)
    with pytest.raises(SystemExit) as info:
        main(list(args))
    assert isinstance(info.value.code, int)
    return info.value.code


def test_ctrl_c_during_a_command_exits_130_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import aicost.engine

    def interrupted(scenario: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(aicost.engine, "estimate", interrupted)
    assert _main(monkeypatch, "scenario", MARATHON) == 130
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "Interrupted.\n"


def test_errors_and_success_keep_their_exit_codes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _main(monkeypatch, "--version") == 0
    assert capsys.readouterr().out.startswith("aicost ")
    assert _main(monkeypatch, "scenario", "missing.yaml") == 2
    missing = "Error: missing.yaml: no such scenario file (check the path)\n"
    assert capsys.readouterr().err == missing
    assert _main(monkeypatch, "scenario", MARATHON, "--format", "xml") == 2
    assert capsys.readouterr().err == (
        "Error: invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json',"
        " 'csv', 'markdown'; see `aicost scenario --help`\n"
    )


_SLOW = """
import sys, time
import aicost.engine
from aicost.cli import main

def slow(scenario):
    sys.stderr.write("computing\\n")
    sys.stderr.flush()
    time.sleep(60)

aicost.engine.estimate = slow
main(["scenario", "scenarios/marathon.yaml"])
"""


def test_sigint_while_the_command_runs_exits_130_without_traceback() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    assert proc.stderr.readline() == "computing\n"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert out == ""
    assert err == "Interrupted.\n"


@pytest.mark.parametrize(
    "args",
    [
        ["scenario", MARATHON],
        ["scenario", MARATHON, "--format", "json"],
        ["factors", "grids"],
        ["grids"],
    ],
    ids=lambda a: " ".join(a[:1] + a[2:]),
)
def test_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    """`aicost scenario scenarios/marathon.yaml | head -1`, with the reader gone early."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "aicost", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"},
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader leaves before anything is written
    with proc.stderr:
        err = proc.stderr.read()
    proc.wait(timeout=30)
    assert err == b""
    assert proc.returncode == 0


def test_debug_shows_the_full_traceback(run: Run) -> None:
    from aicost.errors import InputError

    with pytest.raises(InputError) as info:
        run("--debug", "scenario", "missing.yaml")
    assert str(info.value) == "missing.yaml: no such scenario file (check the path)"


def test_debug_traceback_from_the_console_script() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "aicost", "--debug", "scenario", "missing.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 1
    assert out.stdout == ""
    assert out.stderr.startswith("Traceback (most recent call last):\n")
    assert out.stderr.endswith(
        "aicost.errors.InputError: missing.yaml: no such scenario file (check the path)\n"
    )

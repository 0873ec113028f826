"""What keeps aicost quick, checked without timing anything (benchmarks/run.py times it).

Each check runs in a fresh Python process: what a command imports, reads or parses is only
visible from a clean start.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

RUN = """
import contextlib, io, json, sys
from aicost.cli import app
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
    try:
        app(json.loads(sys.argv[1]), standalone_mode=False)
    except SystemExit:
        pass
    except Exception:  # a usage error: click's own exception, shown by aicost.cli.main
        pass
loaded = {m: m in sys.modules for m in ("pint", "yaml", "numpy", "aicost.factors", "aicost.models")}
print(json.dumps(loaded))
"""


def _run_script(script: str, args: tuple[str, ...], *more: str) -> Any:
    """Run `script` in a fresh Python with `args` (as JSON) and `more`; what it printed, as
    JSON."""
    out = subprocess.run(
        [sys.executable, "-c", script, json.dumps(list(args)), *more],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout)


def _modules_after(*args: str) -> dict[str, bool]:
    loaded: dict[str, bool] = _run_script(RUN, args)
    return loaded


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("--version",),
        ("scenario", "--help"),
        ("estimate", "--help"),
        ("check", "--help"),
        ("factors", "--help"),
        ("grids", "--help"),
        ("models", "--help"),
        ("scenario",),  # a usage error: no file given
        ("factors", "nosuchsection"),  # a usage error: click refuses the section
    ],
)
def test_help_and_usage_errors_import_neither_pint_nor_the_factor_table(
    args: tuple[str, ...],
) -> None:
    loaded = _modules_after(*args)
    assert loaded == {
        "pint": False,
        "yaml": False,
        "numpy": False,
        "aicost.factors": False,
        "aicost.models": False,
    }


COUNT = """
import contextlib, io, json, sys
import aicost.factors as factors
import aicost.scenarios as scenarios

calls = {"factor table": 0, "parse_factors": 0, "scenario file": 0}

load_yaml = scenarios.load_yaml
def counting_load_yaml(path, *, what="file"):
    calls[what] += 1
    return load_yaml(path, what=what)
scenarios.load_yaml = counting_load_yaml

read_limited = factors.read_limited  # the factor table is read once, parsed and fingerprinted
def counting_read_limited(path, *, what="file"):
    calls[what] += 1
    return read_limited(path, what=what)
factors.read_limited = counting_read_limited

parse_factors = factors.parse_factors
def counting_parse_factors(*args, **kwargs):
    calls["parse_factors"] += 1
    return parse_factors(*args, **kwargs)
factors.parse_factors = counting_parse_factors

from aicost.quantity import facts
if sys.argv[2] == "ask pint":  # the kept answers put aside: every answer asked of pint
    from aicost.unitfacts import rebuild
    rebuild()

from aicost.cli import app
with contextlib.redirect_stdout(io.StringIO()):
    app(json.loads(sys.argv[1]), standalone_mode=False)
calls["questions to pint"] = facts.asked
print(json.dumps(calls))
"""

SCENARIOS = [
    "scenarios/marathon.yaml",
    "scenarios/chatgpt-day.yaml",
    "scenarios/chatgpt-2025.yaml",
    "scenarios/local-model.yaml",
    "tests/data/claims/../../../scenarios/marathon.yaml",
]


def _calls(*args: str, ask_pint: bool = False) -> dict[str, int]:
    calls: dict[str, int] = _run_script(COUNT, args, "ask pint" if ask_pint else "kept")
    return calls


@pytest.mark.parametrize("format", ["table", "json"])
def test_the_factor_table_is_read_once_however_many_scenarios_run(format: str) -> None:
    calls = _calls("scenario", *SCENARIOS, "-f", format, "--factors", "factors.yaml")
    assert calls["factor table"] == 1
    assert calls["parse_factors"] == 1
    assert calls["scenario file"] == len(SCENARIOS)


@pytest.mark.parametrize("format", ["table", "json"])
def test_the_packaged_factor_table_comes_from_its_cache(format: str) -> None:
    """No YAML read and no check of the packaged table at run time: its cache, made and
    checked at build time (tests/test_tablecache.py), is read instead."""
    calls = _calls("scenario", *SCENARIOS, "-f", format)
    assert calls["factor table"] == calls["parse_factors"] == 0
    assert calls["scenario file"] == len(SCENARIOS)


def test_no_question_is_asked_of_pint_again_for_each_scenario() -> None:
    """Without the kept answers, running the same five scenarios four times over asks pint no
    more than once; with them, pint is asked nothing."""
    once = _calls("scenario", *SCENARIOS, "-f", "json", ask_pint=True)
    four_times = _calls("scenario", *(SCENARIOS * 4), "-f", "json", ask_pint=True)
    assert four_times["scenario file"] == 4 * once["scenario file"]
    assert four_times["questions to pint"] == once["questions to pint"] > 0
    assert _calls("scenario", *(SCENARIOS * 4), "-f", "json")["questions to pint"] == 0


class _PlainSafeLoader(yaml.SafeLoader):
    """PyYAML's own safe loader, dates kept as text as aicost keeps them."""


_PlainSafeLoader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    _PlainSafeLoader.construct_yaml_str,  # type: ignore[type-var]  # types-PyYAML is too strict
)


@pytest.mark.parametrize(
    "path",
    [
        "factors.yaml",
        *(str(p.relative_to(ROOT)) for p in sorted((ROOT / "scenarios").glob("*.yaml"))),
        "examples/report-fr-claims.yaml",
        "tests/data/claims/mixed.yaml",
    ],
)
def test_the_quick_yaml_reader_reads_what_pyyaml_reads(path: str) -> None:
    """aicost's loader takes plain texts straight from the parser (most of a factor table):
    the data must be what PyYAML's safe loader builds, except that a number PyYAML leaves as
    text (YAML 1.1 floats need a dot: `772e9`) is read as that same number (YAML 1.2 core)."""
    from aicost.fields import as_number
    from aicost.yamlfile import load_yaml

    def same(ours: object, theirs: object) -> None:
        if isinstance(ours, dict) and isinstance(theirs, dict):
            assert list(ours) == list(theirs)
            for key in ours:
                same(ours[key], theirs[key])
        elif isinstance(ours, list) and isinstance(theirs, list):
            assert len(ours) == len(theirs)
            for a, b in zip(ours, theirs, strict=True):
                same(a, b)
        elif isinstance(ours, float) and isinstance(theirs, str):
            assert as_number(theirs) == ours
        else:
            assert type(ours) is type(theirs)
            assert ours == theirs

    text = (ROOT / path).read_text(encoding="utf-8")
    same(load_yaml(ROOT / path), yaml.load(text, Loader=_PlainSafeLoader))


@pytest.mark.parametrize("enabled", [True, False])
def test_the_command_line_gives_the_garbage_collector_back_as_it_found_it(enabled: bool) -> None:
    import gc

    from aicost.cli import main

    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with pytest.raises(SystemExit):
            main(["--version"])
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


HEAVY = """
import contextlib, io, json, sys
import aicost.defaults  # as the console script does (aicost.cli.main)
aicost.defaults.PINT_WITHOUT_NUMPY = True
from aicost.cli import app
with contextlib.redirect_stdout(io.StringIO()):
    try:
        app(json.loads(sys.argv[1]), standalone_mode=False)
    except SystemExit:
        pass
print(json.dumps({m: m in sys.modules for m in ("numpy", "rich.console", "pint")}))
"""


@pytest.mark.parametrize(
    ("args", "numpy", "rich"),
    [
        (("scenario", "scenarios/marathon.yaml", "-f", "json"), False, False),
        (("scenario", "scenarios/marathon.yaml", "-f", "csv"), False, False),
        (("scenario", "scenarios/marathon.yaml", "-f", "markdown"), False, False),
        (("estimate", "text.large=3", "-f", "json"), False, False),
        (("scenario", "scenarios/marathon.yaml"), False, True),
        (("scenario", "scenarios/marathon.yaml", "-f", "json", "--uncertainty"), True, False),
    ],
)
def test_numpy_only_when_sampling_and_rich_only_for_tables(
    args: tuple[str, ...], numpy: bool, rich: bool
) -> None:
    """numpy comes only with --uncertainty, a Rich console only to draw tables, and pint not at
    all: its answers about the units of the shipped files are kept (aicost/units.cache.json)."""
    loaded = _run_script(HEAVY, args)
    assert loaded == {"numpy": numpy, "rich.console": rich, "pint": False}


FROZEN = """
import gc, sys
from aicost import cli
frozen = []
real = gc.freeze
gc.freeze = lambda: (frozen.append(gc.isenabled()), real())
mode = sys.argv[1]
sys.argv = ["aicost", "--version"]
try:
    cli.main(None if mode == "script" else ["--version"])
except SystemExit:
    pass
sys.stderr.write(repr(frozen))
"""


@pytest.mark.parametrize(("how", "expected"), [("script", "[False]"), ("call", "[]")])
def test_the_console_script_freezes_the_collector_before_exit(how: str, expected: str) -> None:
    """On the console-script path (no arguments given to main) every object goes to the
    collector's permanent generation, with the collector still paused, so that the exit does
    not walk them; main([...]) called from Python leaves the collector alone."""
    done = subprocess.run(
        [sys.executable, "-c", FROZEN, how], capture_output=True, text=True, cwd=ROOT
    )
    assert done.stderr == expected


WITH_PINT = """
import contextlib, io, json, sys
if sys.argv[2] != "kept answers":
    from aicost.unitfacts import rebuild
    rebuild()  # every answer about units asked of pint during the run
if sys.argv[2] == "pint with numpy":
    import numpy  # pint, imported after it, then works with numpy as it would by default
elif sys.argv[2] == "pint without numpy":
    import aicost.defaults  # as the console script does (aicost.cli.main)
    aicost.defaults.PINT_WITHOUT_NUMPY = True
from aicost.cli import app
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        app(json.loads(sys.argv[1]), standalone_mode=False)
    except SystemExit:
        pass
numpy_in_pint = None
if "pint" in sys.modules:
    import pint.compat
    numpy_in_pint = pint.compat.HAS_NUMPY
print(json.dumps({"numpy in pint": numpy_in_pint, "out": out.getvalue()}))
"""


@pytest.mark.parametrize("format", ["json", "table", "markdown"])
def test_kept_answers_and_pint_give_the_same_results(format: str) -> None:
    """Every shipped scenario, with its explanation, and the estimate of models read exactly
    the same with pint's kept answers (no pint imported), with every answer asked of pint as
    the command line imports it (without numpy), and as a library user who imported numpy
    first gets it."""
    runs = [
        [
            "scenario",
            *(str(p.relative_to(ROOT)) for p in sorted((ROOT / "scenarios").glob("*.yaml"))),
            "--explain",
        ],
        ["estimate", "gpt-4o=3", "text.large=2", "0.3 Wh=7", "sd3-medium:512x512=2"],
    ]
    for args in runs:
        args = [*args, "-f", format]
        outs = {}
        for how in ("kept answers", "pint without numpy", "pint with numpy"):
            done = subprocess.run(
                [sys.executable, "-c", WITH_PINT, json.dumps(args), how],
                capture_output=True, text=True, check=True, cwd=ROOT,
            )  # fmt: skip
            outs[how] = json.loads(done.stdout)
        assert [o["numpy in pint"] for o in outs.values()] == [None, False, True]
        assert outs["kept answers"]["out"] != ""
        assert outs["kept answers"]["out"] == outs["pint without numpy"]["out"]
        assert outs["kept answers"]["out"] == outs["pint with numpy"]["out"]


def test_a_library_user_keeps_pint_with_numpy() -> None:
    """Only the console script hides numpy from pint: `import aicost` in a user's process (the
    Python API) leaves pint as pint imports itself, with numpy support."""
    code = (
        "import aicost, json; aicost.estimate('scenarios/marathon.yaml');"
        "import pint.compat; print(json.dumps(pint.compat.HAS_NUMPY))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "true"

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


def _run_script(script: str, args: tuple[str, ...]) -> Any:
    """Run `script` in a fresh Python with `args` (as JSON); what it printed, as JSON."""
    out = subprocess.run(
        [sys.executable, "-c", script, json.dumps(list(args))],
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
from aicost.registry import Registry

calls = {"factor table": 0, "parse_factors": 0, "scenario file": 0, "unit texts read": 0}

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

read = Registry.parse_units_as_container
def counting_read(self, *args, **kwargs):
    before = len(self._read)
    container = read(self, *args, **kwargs)
    calls["unit texts read"] += len(self._read) - before
    return container
Registry.parse_units_as_container = counting_read

from aicost.cli import app
with contextlib.redirect_stdout(io.StringIO()):
    app(json.loads(sys.argv[1]), standalone_mode=False)
print(json.dumps(calls))
"""

SCENARIOS = [
    "scenarios/marathon.yaml",
    "scenarios/chatgpt-day.yaml",
    "scenarios/chatgpt-2025.yaml",
    "scenarios/local-model.yaml",
    "tests/data/claims/../../../scenarios/marathon.yaml",
]


def _calls(*args: str) -> dict[str, int]:
    calls: dict[str, int] = _run_script(COUNT, args)
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


def test_no_unit_text_is_read_again_for_each_scenario() -> None:
    """Running the same five scenarios four times over reads no more unit texts than once."""
    once = _calls("scenario", *SCENARIOS, "-f", "json")
    four_times = _calls("scenario", *(SCENARIOS * 4), "-f", "json")
    assert four_times["scenario file"] == 4 * once["scenario file"]
    assert four_times["unit texts read"] == once["unit texts read"] > 0


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
    """pint imports numpy whenever it is installed: aicost imports pint with numpy hidden
    (aicost/registry.py), so numpy comes only with --uncertainty; a Rich console is made only
    to draw tables."""
    loaded = _run_script(HEAVY, args)
    assert loaded == {"numpy": numpy, "rich.console": rich, "pint": True}


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


WITH_NUMPY = """
import contextlib, io, json, sys
if sys.argv[2] == "numpy first":
    import numpy  # pint, imported after it, then works with numpy as it would by default
elif sys.argv[2] == "console":
    import aicost.defaults  # as the console script does (aicost.cli.main)
    aicost.defaults.PINT_WITHOUT_NUMPY = True
from aicost.cli import app
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        app(json.loads(sys.argv[1]), standalone_mode=False)
    except SystemExit:
        pass
import pint.compat
print(json.dumps({"numpy in pint": pint.compat.HAS_NUMPY, "out": out.getvalue()}))
"""


@pytest.mark.parametrize("format", ["json", "table"])
def test_pint_without_numpy_gives_the_same_results(format: str) -> None:
    """Every shipped scenario and the estimate of a model read exactly the same whether pint
    was imported with numpy (as a library user who imported numpy first gets it) or without
    (as the command line imports it)."""
    runs = [
        [
            "scenario",
            *(str(p.relative_to(ROOT)) for p in sorted((ROOT / "scenarios").glob("*.yaml"))),
        ],
        ["estimate", "gpt-4o=3", "text.large=2", "0.3 Wh=7"],
    ]
    for args in runs:
        args = [*args, "-f", format]
        hidden = subprocess.run(
            [sys.executable, "-c", WITH_NUMPY, json.dumps(args), "console"],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
        shown = subprocess.run(
            [sys.executable, "-c", WITH_NUMPY, json.dumps(args), "numpy first"],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
        without, with_ = json.loads(hidden.stdout), json.loads(shown.stdout)
        assert (without["numpy in pint"], with_["numpy in pint"]) == (False, True)
        assert without["out"] == with_["out"] != ""


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

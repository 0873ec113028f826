"""Trustworthy under any input (issue 11): numbers read as typed (YAML 1.2 core schema),
claims checked rather than trusted, only regular files read, outputs that destroy nothing,
text printed as written. The bad-input corpus (tests/data/bad/) holds the one-line refusals;
this file checks the numbers that must come out right and the files that must survive."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
MARATHON = "scenarios/marathon.yaml"
Run = Callable[..., Any]


def _json(run: Run, *args: str) -> Any:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _scenario(tmp_path: Path, text: str, name: str = "s.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# -- 1. numbers as typed ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("0365", 365),  # YAML 1.1 (PyYAML) reads octal: 245
        ("27e9", 27e9),  # YAML 1.1 needs a dot: it stayed a text
        ("0x10", 16),
        ("0o17", 15),
        ("+12", 12),
        (".5", 0.5),
        ("07", 7),
        ("08", 8),  # YAML 1.1: a text (not octal), then a number: 8
        ("1_000", 1000),  # a text in YAML 1.2, read as a decimal with digit groups
        ("'0365'", 365),
        ("2.5E+3", 2500),
    ],
)
def test_a_count_reads_as_yaml_1_2_core_schema(
    run: Run, tmp_path: Path, typed: str, value: float
) -> None:
    path = _scenario(tmp_path, f"items:\n  - task: text.large\n    count: {typed}\n")
    doc = _json(run, "scenario", path)
    item = doc["scenarios"][0]["items"][0]
    assert item["count"] == value
    # 6,706 J per answer (MIT Technology Review), counted as reported: 1.862778 Wh each.
    assert item["energy_wh"] == pytest.approx(value * 6706 / 3600, rel=1e-9)


@pytest.mark.parametrize("typed", ["1:10", "190:20:30", "0b101", "yes", "on", "1e-400"])
def test_a_scale_factor_that_yaml_1_1_would_change_is_refused(
    run: Run, tmp_path: Path, typed: str
) -> None:
    path = _scenario(
        tmp_path, f"scale: {{days: {typed}}}\nitems: [{{task: text.large, count: 1}}]\n"
    )
    result = run("scenario", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}:1: scale.days must be a number > 0, got ")


def test_a_scale_of_0365_days_is_365_days(run: Run, tmp_path: Path) -> None:
    path = _scenario(tmp_path, "scale: {days: 0365}\nitems: [{task: text.large, count: 1}]\n")
    doc = _json(run, "scenario", path)
    assert doc["scenarios"][0]["scale"]["total"] == 365
    assert doc["scenarios"][0]["total"]["energy_wh"] == pytest.approx(365 * 6706 / 3600)


def test_every_file_kind_reads_numbers_the_same_way(tmp_path: Path) -> None:
    from aicost.yamlfile import load_yaml_text

    data = load_yaml_text("a: [0365, 1:10, 27e9, 0x1F, 0o17, yes, ~, 2001-01-01, .inf, 1e400]")
    assert data["a"][:5] == [365, "1:10", 27e9, 31, 15]
    assert data["a"][5:8] == ["yes", None, "2001-01-01"]
    assert data["a"][8] == float("inf")
    assert data["a"][9] == "1e400"  # kept as typed: the check that reads it refuses it


def test_a_product_that_underflows_to_zero_is_refused(run: Run, tmp_path: Path) -> None:
    path = _scenario(tmp_path, "items:\n  - {label: x, energy: 1e-200 Wh, count: 1e-200}\n")
    result = run("scenario", path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path}: gives figures too small to compute with; check the counts, energies"
        " and scale\n"
    )


# -- 2. claims checked, not trusted --------------------------------------------------------

_RATIO = """claims:
  - id: r
    quote: q
    items: [{{task: text.large, count: 1}}]
    metric: energy
    versus: {{items: [{{task: text.small, count: 1}}]}}
    expected: {expected}
    tolerance: {tolerance}
"""


@pytest.mark.parametrize(
    ("expected", "tolerance", "verdict"),
    [
        # text.large 6,706 J / text.small 114 J = 58.82
        ("58.8", "1%", "holds"),
        ("5882%", "1%", "holds"),  # a percentage is a ratio: 5,882 % is 58.82
        ("58.8 kWh/Wh", "1%", "off"),  # 58.8 kWh/Wh is 58,800: it does not hold at 58.8
        ("58.8 J/J", "0.1", "holds"),  # an absolute tolerance of a ratio is a plain number
    ],
)
def test_a_ratio_claim_converts_its_expected_value(
    run: Run, tmp_path: Path, expected: str, tolerance: str, verdict: str
) -> None:
    path = _scenario(tmp_path, _RATIO.format(expected=expected, tolerance=tolerance), "c.yaml")
    result = run("check", path, "--format", "json")
    row = json.loads(result.stdout)["claims"][0]
    assert row["verdict"] == verdict
    assert row["computed"] == pytest.approx(6706 / 114, rel=1e-9)
    assert row["versus"]["computed"] == pytest.approx(114 / 3600, rel=1e-9)
    assert row["versus"]["unit"] == "Wh"
    assert result.exit_code == (0 if verdict == "holds" else 1)


def test_claims_json_keeps_an_absolute_tolerance_and_a_count_interval(
    run: Run, tmp_path: Path
) -> None:
    text = f"""claims:
  - id: abs
    quote: q
    scenario: {ROOT / MARATHON}
    metric: energy
    expected: 2.9 kWh
    tolerance: 0.1 kWh
  - id: count
    quote: q
    scenario: {ROOT / MARATHON}
    metric: energy
    equivalence: smartphone-charge
    expected: 1
    tolerance: 1%
"""
    result = run("check", _scenario(tmp_path, text, "c.yaml"), "-f", "json", "--uncertainty")
    rows = json.loads(result.stdout)["claims"]
    assert rows[0]["tolerance_absolute"] == 100.0  # 0.1 kWh in Wh, the canonical unit
    assert rows[0]["verdict"] == "holds"
    assert rows[1]["verdict"] != "holds"
    low, high = rows[1]["interval"]
    assert 0 < low < rows[1]["computed"] < high


def test_json_output_never_holds_infinity_or_nan() -> None:
    from aicost.render.json import dumps

    text = dumps({"a": float("inf"), "b": [float("nan"), 1.5], "c": "\u202e"})
    assert json.loads(text) == {"a": None, "b": [None, 1.5], "c": "\u202e"}
    assert "\\u202e" in text


# -- 3. only regular files -----------------------------------------------------------------


def test_a_fifo_is_refused_at_once(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = run("scenario", str(fifo))  # would block for ever if it were opened
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {fifo}: is not a regular file (a device, pipe or socket); give a scenario file\n"
    )


def test_the_factor_fingerprint_is_of_the_bytes_parsed(tmp_path: Path) -> None:
    import hashlib

    from aicost.factors import load_factors

    copy = tmp_path / "factors.yaml"
    copy.write_bytes((ROOT / "factors.yaml").read_bytes())
    table = load_factors(copy)
    assert table.sha256 == hashlib.sha256(copy.read_bytes()).hexdigest()


# -- 5. output never destroys anything -----------------------------------------------------


def test_output_onto_an_input_by_another_name_is_refused(run: Run, tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text((ROOT / MARATHON).read_text())
    os.link(scenario, tmp_path / "same.yaml")
    before = scenario.read_bytes()
    result = run("scenario", str(scenario), "-o", str(tmp_path / "same.yaml"))
    assert result.exit_code == 2
    assert "is one of the input files" in result.stderr
    assert scenario.read_bytes() == before


def test_output_modes_follow_the_umask_or_the_file_replaced(run: Run, tmp_path: Path) -> None:
    new, kept = tmp_path / "new.txt", tmp_path / "kept.txt"
    kept.write_text("old")
    kept.chmod(0o640)
    mask = os.umask(0o022)
    try:
        assert run("scenario", MARATHON, "-o", str(new)).exit_code == 0
        assert run("scenario", MARATHON, "-o", str(kept)).exit_code == 0
    finally:
        os.umask(mask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert kept.read_text().startswith("Charity marathon organised with AI")


def test_a_read_only_file_is_not_replaced(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "ro.txt"
    target.write_text("keep")
    target.chmod(0o444)
    result = run("scenario", MARATHON, "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {target}: is read-only; make it writable or write to another file\n"
    )
    assert target.read_text() == "keep"


def test_a_device_is_written_through_not_replaced(tmp_path: Path) -> None:
    from aicost.output import write_atomic

    fifo = tmp_path / "reader"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there before the write
    try:
        write_atomic(fifo, "through\n")
        out = os.read(reader, 100)
    finally:
        os.close(reader)
    assert out == b"through\n"
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    write_atomic(os.devnull, "nothing")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_250_character_name_is_written(run: Run, tmp_path: Path) -> None:
    target = tmp_path / ("n" * 250)
    assert run("scenario", MARATHON, "-o", str(target)).exit_code == 0
    assert target.read_text().startswith("Charity marathon")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_no_chart_is_written_when_the_output_fails(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    chart = tmp_path / "c.svg"
    chart.write_text("old chart")
    result = run("scenario", MARATHON, "--chart", str(chart), "-o", str(tmp_path / "no" / "x"))
    assert result.exit_code == 2
    assert chart.read_text() == "old chart"


_SLOW_WRITE = """
import sys, time
import aicost.output as output
real = output.os.fsync
def slow(fd):
    sys.stderr.write("writing\\n"); sys.stderr.flush()
    time.sleep(60)
output.os.fsync = slow
from aicost.cli import main
main(["scenario", "scenarios/marathon.yaml", "-o", sys.argv[1]])
"""


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_while_writing_leaves_no_temporary_file(
    tmp_path: Path, signum: int, code: int
) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITE, str(tmp_path / "out.txt")],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    assert proc.stderr.readline() == "writing\n"
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == code
    assert err == ("Terminated.\n" if signum == signal.SIGTERM else "Interrupted.\n")
    assert list(tmp_path.iterdir()) == []


# -- 6. text printed as written ------------------------------------------------------------

_HOSTILE = ["[red]x[/red]", "[/bold]", "[link=http://x]y[/link]", ":smile:", "=1+1", "@SUM(A1)"]


@pytest.mark.parametrize("label", _HOSTILE)
def test_markup_and_formulas_in_labels_are_text(run: Run, tmp_path: Path, label: str) -> None:
    quoted = json.dumps(label)
    path = _scenario(
        tmp_path, f"name: {quoted}\nitems:\n  - {{label: {quoted}, energy: 1 Wh, count: 1}}\n"
    )
    table = run("scenario", path)
    assert table.exit_code == 0
    assert label in table.stdout
    rows = list(csv.reader(io.StringIO(run("scenario", path, "-f", "csv").stdout)))
    cell = rows[1][3]
    assert cell == ("'" + label if label[0] in "=+-@" else label)


def test_control_and_bidi_characters_are_shown_escaped(run: Run, tmp_path: Path) -> None:
    path = _scenario(tmp_path, 'items:\n  - {label: "a\\e[31mb\\u202ec", energy: 1 Wh, count: 1}\n')
    for fmt in ("table", "markdown", "csv", "json"):
        out = run("scenario", path, "-f", fmt).stdout
        assert "\x1b" not in out and "\u202e" not in out, fmt
        assert "\\x1b[31m" in out or "\\u001b[31m" in out, fmt


def _label_from(fmt: str, out: str) -> str:
    """Read the first item's label back from the table, Markdown or CSV output."""
    if fmt == "csv":
        cell = list(csv.reader(io.StringIO(out)))[1][3]
        return cell[1:] if cell[:2] in ("'=", "'+", "'-", "'@") else cell
    lines = out.splitlines()
    if fmt == "markdown":
        row = lines[lines.index("|---|---|--:|--:|--:|") + 1][2:-2]
        cells, cell, escaped = [], "", False
        for char in row:
            if escaped:
                cell, escaped = cell + char, False
            elif char == "\\":
                escaped = True
            elif char == "|":
                cells.append(cell.strip())
                cell = ""
            else:
                cell += char
        return cells[0]
    line = next(i for i, text in enumerate(lines) if text.startswith("┡"))
    return lines[line + 1].split("│")[1].strip()


@settings(max_examples=25)  # three command runs per example
@given(
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"),
            blacklist_characters="\\│",  # │ is the table's own border
        ),
        min_size=1,
        max_size=12,
    )
)
def test_a_label_reads_back_as_typed_in_table_markdown_and_csv(label: str) -> None:
    from typer.testing import CliRunner

    from aicost.cli import app

    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"aicost-label-{os.getpid()}.yaml"
    tmp.write_text(
        "items:\n  - {label: "
        + json.dumps(label, ensure_ascii=False)
        + ", energy: 1 Wh, count: 1}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    try:
        for fmt in ("csv", "markdown", "table"):
            env = {"COLUMNS": "200", "NO_COLOR": "1"}
            result = runner.invoke(app, ["scenario", str(tmp), "-f", fmt], env=env)
            assert result.exit_code == 0, result.stderr
            assert _label_from(fmt, result.stdout) == label.strip(), fmt
    finally:
        tmp.unlink()


@pytest.mark.parametrize("columns", ["10", "20", "40"])
def test_numbers_are_never_cut_at_any_width(
    run: Run, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    wide = run("scenario", MARATHON, "--uncertainty").stdout
    monkeypatch.setenv("COLUMNS", columns)
    narrow = run("scenario", MARATHON, "--uncertainty").stdout
    for number in ("2.87 kWh", "127 g", "1.10 kg", "10.6 L", "0.00 kWh"):
        if number in wide.replace("\n", " "):
            assert number.split()[0] in narrow.split(), number
    assert not re.search(r"[0-9.,]…", narrow)  # bars may be cut short, never a number


# -- 7. no traceback -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_huge_figures_print(run: Run, tmp_path: Path, fmt: str) -> None:
    path = _scenario(tmp_path, "items: [{task: text.large, count: 1e30}]\n")
    result = run("scenario", path, "-f", fmt, "--lang", "fr")
    assert result.exit_code == 0
    assert result.stderr == ""


@pytest.mark.parametrize(
    "extra",
    [
        "    distribution: normal\n    sd: 0 J\n",
        "    low: 6706 J\n    high: 6706 J\n",
        "    distribution: lognormal\n    gsd: 1\n",
    ],
)
def test_factors_without_spread_give_finite_intervals(run: Run, tmp_path: Path, extra: str) -> None:
    table = (ROOT / "factors.yaml").read_text(encoding="utf-8")
    anchor = "    energy: 6706 J\n    boundary: it\n"
    path = _scenario(tmp_path, table.replace(anchor, anchor + extra, 1), "f.yaml")
    doc = _json(run, "scenario", MARATHON, "--factors", path, "--uncertainty")
    total = doc["scenarios"][0]["total"]
    assert total["energy_wh_p5"] <= total["energy_wh"] <= total["energy_wh_p95"]


def _cli(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aicost", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        **kwargs,
    )


def test_a_negative_seed_is_a_usage_error() -> None:
    result = _cli("scenario", MARATHON, "-u", "--seed", "-1")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: invalid value for '--seed'")


def test_a_full_disk_on_stdout_is_one_line_and_exit_2() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "aicost", "scenario", MARATHON],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr == "Error: cannot write the result to stdout (No space left on device)\n"


def test_a_terminal_that_cannot_show_the_result_is_one_line() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = _cli("scenario", MARATHON, env=env)
    assert result.returncode == 2
    assert result.stderr.startswith("Error: the output's encoding (ascii) cannot show U+")


def test_check_keeps_exit_1_when_its_reader_has_gone(tmp_path: Path) -> None:
    claims = tmp_path / "c.yaml"
    claims.write_text(
        f"claims:\n  - id: off\n    quote: q\n    scenario: {ROOT / MARATHON}\n"
        "    metric: energy\n    expected: 5 kWh\n"
    )
    command = (
        f"{sys.executable} -m aicost check {claims} | head -c 1 >/dev/null; exit ${{PIPESTATUS[0]}}"
    )
    result = subprocess.run(["bash", "-c", command], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


# -- 9. any claims file: a verdict table or one AicostError --------------------------------

_VALUES = st.sampled_from(
    [
        "2.9 kWh", "0 kWh", "-1 kWh", "140%", "1.40 kWh/Wh", "1.4", "0", "-1.4", "5%", "-5%",
        "nan%", "1e400 Wh", "1e-400 Wh", "1:10", "0365", "0x10", "yes", "~", "[]", "{}", "1 g",
        "5 degC", "3 dBm", "FR", "US", "XX", "energy", "co2e", "water", "microwave",
        "smartphone-charge", "[red]x[/red]", "'=1+1'", '"\\e[31m"', "0.1", "1e-300", "2.5 L",
    ]
)  # fmt: skip
_KEYS = st.sampled_from(
    ["metric", "expected", "tolerance", "grid", "equivalence", "why", "known_error", "note", "site"]
)
_ITEMS = st.sampled_from(
    [
        f"scenario: {ROOT / MARATHON}",
        "items: [{task: text.large, count: 1}]",
        "items: [{task: text.large, count: 0}]",
        "items: [{label: x, energy: 1e-200 Wh, count: 1e-200}]",
        "items: [{task: nonesuch, count: 1}]",
    ]
)
_VERSUS = st.one_of(
    st.just(""),
    st.builds(lambda i, k, v: f"    versus: {{{i}, {k}: {v}}}\n", _ITEMS, _KEYS, _VALUES),
)


@st.composite
def _claims_files(draw: st.DrawFn) -> str:
    claims = []
    for n in range(draw(st.integers(1, 3))):
        lines = [f"  - id: c{n}", "    quote: q", f"    {draw(_ITEMS)}"]
        for key in draw(st.lists(_KEYS, max_size=5, unique=True)):
            lines.append(f"    {key}: {draw(_VALUES)}")
        claims.append("\n".join(lines) + "\n" + draw(_VERSUS))
    return "claims:\n" + "".join(claims)


@settings(max_examples=200)
@given(_claims_files())
def test_any_claims_file_gives_a_verdict_table_or_one_error(text: str) -> None:
    from rich.console import Console

    from aicost.claims import check, parse_claims
    from aicost.errors import AicostError
    from aicost.factors import load_factors
    from aicost.render import claims as render
    from aicost.render.json import dumps
    from aicost.yamlfile import load_yaml_text

    factors = load_factors()
    try:
        claims = parse_claims(load_yaml_text(text, "c.yaml"), "c.yaml", factors)
        verdicts = check(claims, factors)
    except AicostError as exc:
        assert "\n" not in str(exc)
        return
    assert len(verdicts) == len(claims)
    for v in verdicts:
        assert v.status in ("holds", "off", "known error", "within uncertainty")
        assert v.claim.expected.magnitude > 0
    json.loads(dumps(render.document(verdicts, "c.yaml")))  # valid JSON: no Infinity, no NaN
    render.csv_text(verdicts)
    render.markdown_text(verdicts)
    Console(file=io.StringIO(), width=80).print(render.table(verdicts))

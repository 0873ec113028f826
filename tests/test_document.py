"""Figures marked inside a Markdown report: `aicost check REPORT.md` and `aicost render`."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from aicost.document import markers, read_figure

Run = Callable[..., Any]
ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "rapport-fr.md"
MARKED = re.compile(r"<!--[ \t]*aicost:[^\n]*?-->[^\n]*?<!--[ \t]*/aicost[ \t]*-->")


def _copy(tmp_path: Path) -> Path:
    """The shipped report in a temporary folder, its scenario paths still resolving."""
    (tmp_path / "examples").mkdir()
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    target = tmp_path / "examples" / "rapport-fr.md"
    shutil.copy(EXAMPLE, target)
    return target


def test_the_shipped_report_checks(run: Run) -> None:
    result = run("check", "examples/rapport-fr.md", "-f", "json")
    assert result.exit_code == 0, result.stdout
    claims = json.loads(result.stdout)["claims"]
    assert len(claims) == 13
    verdicts = {c["id"]: c["verdict"] for c in claims}
    # "deux smartphones": 8 × 1.214 Wh / 12 Wh a charge (US EPA) = 0.81, marked known_error
    assert {i for i, v in verdicts.items() if v != "holds"} == {"rapport-fr.md:16 (2)"}
    assert verdicts["rapport-fr.md:16 (2)"] == "known error"
    by_quote = {c["quote"]: c for c in claims}
    # the figures read the French way: 2,9 kWh; 3,4 millions de joules; 16 kilomètres
    assert by_quote["2,9 kWh"]["expected"] == pytest.approx(2900)  # Wh
    assert by_quote["2,9 kWh"]["computed"] == pytest.approx(10_344_610 / 3600)
    assert by_quote["3,4 millions de joules"]["expected"] == pytest.approx(3.4e6 / 3600)
    assert by_quote["16 kilomètres"]["expected"] == pytest.approx(16)
    assert by_quote["1 heure"]["bound"] == "at-least"
    assert by_quote["9 fois"]["computed"] == pytest.approx(383.5492 / 44.179085)


def test_a_changed_figure_fails_and_is_named_then_render_restores_it(
    run: Run, tmp_path: Path
) -> None:
    report = _copy(tmp_path)
    original = report.read_bytes()
    report.write_bytes(original.replace(b"-->2,9 kWh<", b"-->3,9 kWh<", 1))
    line = (
        original.decode()
        .splitlines()
        .index(next(x for x in original.decode().splitlines() if "-->2,9 kWh<" in x))
        + 1
    )
    result = run("check", str(report), "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{report}:{line}: the figure '3,9 kWh' is off: computed 2.87 kWh, read as 3.90 kWh\n"
    )
    assert "marathon-energy" in result.stdout
    rendered = run("render", str(report), "--lang", "en")
    assert rendered.exit_code == 0
    assert rendered.stderr == f"{report}: 1 of 13 figures rewritten\n"
    assert report.read_bytes() == original
    again = run("render", str(report), "--lang", "en")
    assert again.stderr == f"{report}: 0 of 13 figures rewritten\n"
    assert report.read_bytes() == original


def test_render_to_another_file_leaves_the_report(run: Run, tmp_path: Path) -> None:
    report = _copy(tmp_path)
    report.write_bytes(report.read_bytes().replace(b"-->16 kilom", b"-->20 kilom"))
    before = report.read_bytes()
    out = tmp_path / "out.md"
    assert run("render", str(report), "-o", str(out)).exit_code == 0
    assert report.read_bytes() == before
    assert out.read_bytes() == EXAMPLE.read_bytes()


def _doc(tmp_path: Path, body: str, name: str = "r.md") -> Path:
    path = tmp_path / name
    path.write_bytes(body.encode("utf-8"))
    return path


SPEC_VIDEO = "<!-- aicost: items: [{task: video, count: 1}], metric: energy -->"


def test_render_changes_only_the_text_between_markers_crlf_kept(run: Run, tmp_path: Path) -> None:
    body = (
        "\ufeff---\r\nlang: fr\r\n---\r\n\r\n"
        "Une vidéo :  " + SPEC_VIDEO + "4,0 millions de joules<!-- /aicost --> ,\t fin \r\n"
        "Deux : <!-- aicost: items: [{task: video, count: 2}], equivalence: microwave -->"
        "1 h<!-- /aicost --> de micro-onde\r\nsans fin de ligne"
    )
    path = _doc(tmp_path, body)
    assert run("render", str(path)).exit_code == 0
    after = path.read_bytes().decode("utf-8")
    # 1 video = 3.4 MJ; 2 videos at 800 W = 2.36 h (1 decimal needed to hold within 5 %)
    assert after == body.replace("4,0 millions", "3,4 millions").replace("-->1 h<", "-->2,4 h<")
    assert MARKED.sub("", after) == MARKED.sub("", body)
    assert after.count("\r\n") == body.count("\r\n")


def test_markers_in_code_are_not_figures(run: Run, tmp_path: Path) -> None:
    wrong = SPEC_VIDEO + "9 J<!-- /aicost -->"
    body = (
        "```markdown\n" + wrong + "\n```\n\n"
        "~~~~\n" + wrong + "\n~~~~\n\n"
        "Inline: `" + wrong + "` and ``" + wrong + "``.\n\n"
        "Real: " + SPEC_VIDEO + "3.4 MJ<!-- /aicost -->\n"
    )
    path = _doc(tmp_path, body)
    assert [m.text for m in markers(body)] == ["3.4 MJ"]
    result = run("check", str(path), "-f", "json")
    assert result.exit_code == 0
    assert [c["quote"] for c in json.loads(result.stdout)["claims"]] == ["3.4 MJ"]
    assert run("render", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == body


def test_the_language_comes_from_front_matter_else_the_option(run: Run, tmp_path: Path) -> None:
    body = SPEC_VIDEO + "3,400 kJ<!-- /aicost -->\n"  # 3,400 kJ in English, 3.4 kJ in French
    path = _doc(tmp_path, body)
    assert run("check", str(path), "--lang", "en").exit_code == 0
    assert run("check", str(path), "--lang", "fr").exit_code == 1
    path.write_text("---\ntitle: x\nlang: fr\n---\n" + body, encoding="utf-8")
    assert run("check", str(path), "--lang", "en").exit_code == 1
    path.write_text("---\nlang: en\n---\n" + body, encoding="utf-8")
    assert run("check", str(path), "--lang", "fr").exit_code == 0


@pytest.mark.parametrize(
    ("text", "lang", "numbers", "scale", "unit"),
    [
        ("2,9 kWh", "fr", ["2.9"], 1, "kWh"),
        ("1 234,5 Wh", "fr", ["1234.5"], 1, "Wh"),
        ("1\u202f234 Wh", "fr", ["1234"], 1, "Wh"),
        ("0.42 watt-heure", "fr", ["0.42"], 1, "Wh"),
        ("1,3 milliard de litres", "fr", ["1.3"], 1e9, "L"),
        ("35 000", "fr", ["35000"], 1, ""),
        ("9 fois", "fr", ["9"], 1, ""),
        ("1 à 2 heures", "fr", ["1", "2"], 1, "h"),
        ("1,234.5 kWh", "en", ["1234.5"], 1, "kWh"),
        ("3.4 million joules", "en", ["3.4"], 1e6, "J"),
        ("100 miles", "en", ["100"], 1, "mi"),
        ("1-2 h.", "en", ["1", "2"], 1, "h"),
    ],
)
def test_reading_a_figure(
    text: str, lang: str, numbers: list[str], scale: float, unit: str
) -> None:
    reading = read_figure(text, lang)
    assert [n.value for n in reading.numbers] == [Decimal(n) for n in numbers]
    assert (reading.scale, reading.unit) == (scale, unit)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "x " + SPEC_VIDEO + "environ 3 MJ<!-- /aicost -->\n",
            ":1: the figure 'environ 3 MJ' must start with a number such as '2.9 kWh' or '35,000'",
        ),
        (
            "\n\n" + SPEC_VIDEO + "3 bananes<!-- /aicost -->\n",
            ":3: the figure '3 bananes' reads 'bananes' as its unit, which aicost does not know;"
            " say it in the SPEC ('unit: kWh') or write a unit such as kWh, h, km, L, t",
        ),
        (
            "<!-- aicost: items: [{task: video, count: 1}], metric: enrgy -->3 MJ<!-- /aicost -->",
            ":1: metric must be one of energy, co2e, water, got 'enrgy' (did you mean: energy?)",
        ),
        (
            "<!-- aicost: items: [{task: video}], metric: energy, expected: 3 MJ -->3 MJ"
            "<!-- /aicost -->",
            ":1: the figure is the text between the markers: remove 'expected' from the SPEC",
        ),
        ("No figure here.\n", ": has no marked figure; mark one as <!-- aicost: metric: energy"),
    ],
)
def test_bad_documents(run: Run, tmp_path: Path, body: str, message: str) -> None:
    path = _doc(tmp_path, body)
    result = run("check", str(path), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}{message}"), result.stderr
    assert result.stderr.count("\n") == 1


def test_render_names_a_bound_that_no_longer_holds(run: Run, tmp_path: Path) -> None:
    body = (
        "<!-- aicost: items: [{task: video, count: 1}], equivalence: microwave, "
        "bound: at-least -->2 h<!-- /aicost -->\n"
    )
    path = _doc(tmp_path, body)
    result = run("render", str(path), "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}: 0 of 1 figures rewritten",
        f"{path}:1: the figure '2 h' is off: computed 1.18 h, read as ≥ 2 h",
    ]
    assert path.read_text(encoding="utf-8") == body


def test_line_numbers_count_newlines_only() -> None:
    body = "a\u2028b\x0cc\r\n\nx " + SPEC_VIDEO + "3.4 MJ<!-- /aicost -->"
    (found,) = markers(body)
    assert found.line == 3
    assert body[found.start : found.end] == "3.4 MJ"


def test_render_in_place_keeps_the_file_mode(run: Run, tmp_path: Path) -> None:
    path = _doc(tmp_path, SPEC_VIDEO + "3 MJ<!-- /aicost -->\n")
    path.chmod(0o644)
    assert run("render", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == SPEC_VIDEO + "3.4 MJ<!-- /aicost -->\n"
    assert path.stat().st_mode & 0o777 == 0o644


def test_a_range_figure_is_checked_and_left_by_render(run: Run, tmp_path: Path) -> None:
    spec = "<!-- aicost: items: [{task: video, count: 1}], equivalence: microwave -->"
    body = f"---\nlang: fr\n---\nEntre {spec}1 à 2 heures<!-- /aicost --> de micro-onde.\n"
    path = _doc(tmp_path, body)
    result = run("check", str(path), "-f", "json")
    assert result.exit_code == 0
    (claim,) = json.loads(result.stdout)["claims"]
    assert (claim["bound"], claim["expected"], claim["expected_high"]) == ("between", 3600, 7200)
    assert claim["computed"] == pytest.approx(3.4e6 / 800)  # 1.18 h, in seconds
    assert run("render", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == body
    path.write_text(body.replace("1 à 2", "2 à 3"), encoding="utf-8")
    assert run("check", str(path)).exit_code == 1


def test_the_python_api_checks_a_marked_report(monkeypatch: pytest.MonkeyPatch) -> None:
    import aicost

    monkeypatch.chdir(ROOT)
    checked = aicost.check("examples/rapport-fr.md")
    assert len(checked.claims) == 13
    assert checked.failed() == []
    assert checked.to_dict()["claims_file"] == "examples/rapport-fr.md"

"""Every message aicost can print has its French, and French errors read as French."""

from __future__ import annotations

import ast
import string
from collections.abc import Callable
from pathlib import Path

import pytest

from aicost.i18n import speaking, tr
from aicost.messages_fr import FRENCH

PACKAGE = Path(__file__).resolve().parent.parent / "aicost"
RAISERS = {"InputError", "UsageError", "error", "fail"}


def _calls(tree: ast.AST) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def templates() -> dict[str, str]:
    """Every English template in the package (first argument of tr/N_), with where it is."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            if _name(call) in ("tr", "N_") and call.args:
                arg = call.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, f"{path.name}:{call.lineno}")
    return found


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_template_has_its_french_with_the_same_fields() -> None:
    found = templates()
    assert len(found) > 80
    missing = {t: where for t, where in found.items() if t not in FRENCH}
    assert missing == {}
    for english, french in FRENCH.items():
        assert _fields(french) == _fields(english), english


def test_no_french_is_left_without_its_english_in_the_code() -> None:
    assert set(FRENCH) - set(templates()) == set()


def test_every_error_raised_goes_through_tr() -> None:
    """An error message written as a plain string or f-string would stay English in French."""
    plain: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            if _name(call) in RAISERS and call.args:
                arg = call.args[0]
                if isinstance(arg, (ast.Constant, ast.JoinedStr)):
                    plain.append(f"{path.name}:{call.lineno}")
    assert plain == []


def test_tr_is_english_outside_a_french_block() -> None:
    assert tr("has {count} items; at most {most}", count=1200, most=1000) == (
        "has 1,200 items; at most 1,000"
    )
    with speaking("fr"):
        assert tr("has {count} items; at most {most}", count=1200, most=1000) == (
            "compte 1\u202f200 éléments ; 1\u202f000 au plus"
        )
        with speaking("en"):
            assert tr("a list") == "a list"
        assert tr("a list") == "une liste"
    assert tr("a list") == "a list"


FRENCH_ERRORS = [
    (
        ("scenario", "tests/data/bad/task-unknown.yaml"),
        "tests/data/bad/task-unknown.yaml:2: items[0].task tâche inconnue 'text.lrage'"
        " (vouliez-vous dire : text.large ?) ; `aicost factors tasks` les liste",
    ),
    (
        ("scenario", "tests/data/bad/count-negative.yaml"),
        "tests/data/bad/count-negative.yaml:3: items[0].count doit être un nombre ≥ 0, pas -3",
    ),
    (
        ("scenario", "tests/data/bad/energy-volume.yaml"),
        "tests/data/bad/energy-volume.yaml:3: items[0].energy doit être une énergie comme"
        " '6706 J, 0.42 Wh, 3.4 MJ', pas '5 L' (un volume)",
    ),
    (
        ("scenario", "tests/data/bad/energy-no-unit.yaml"),
        "tests/data/bad/energy-no-unit.yaml:3: items[0].energy n'a pas d'unité : écrivez par"
        " exemple '6706 J, 0.42 Wh, 3.4 MJ', pas 5",
    ),
    (
        ("scenario", "tests/data/bad/item-unknown-key.yaml"),
        "tests/data/bad/item-unknown-key.yaml:4: items[0].cuont n'est pas une clé connue"
        " (vouliez-vous dire : count ?) ; clés admises ici : boundary, count, duration,"
        " energy, grid, label, label_fr, power, pue, site, source, task",
    ),
    (
        ("scenario", "tests/data/bad/alias-bomb.yaml"),
        "tests/data/bad/alias-bomb.yaml: se développe en plus de 200\u202f000 valeurs par"
        " ancres et alias ; écrivez les valeurs ou utilisez moins d'alias",
    ),
    (
        ("scenario", "tests/data/bad/duplicate-key.yaml"),
        "tests/data/bad/duplicate-key.yaml:4: la clé 'count' apparaît deux fois dans la même"
        " table (d'abord ligne 3) ; gardez-en une",
    ),
    (
        ("scenario", "tests/data/bad/nowhere.yaml"),
        "tests/data/bad/nowhere.yaml: fichier de scénario introuvable (vérifiez le chemin)",
    ),
    (
        ("scenario", "scenarios/marathon.yaml", "--grid", "Atlantis"),
        "réseau électrique inconnu 'Atlantis' ; `aicost grids` les liste",
    ),
    (
        ("estimate", "text.large=many"),
        "argument 'text.large=many' : le nombre après '=' doit être un nombre ≥ 0, pas 'many'",
    ),
    (
        ("factors", "sources", "mit"),
        "source inconnue 'mit' ; `aicost factors sources` les liste",
    ),
    (
        ("check", "tests/data/bad/nowhere.yaml"),
        "tests/data/bad/nowhere.yaml: fichier d'affirmations introuvable (vérifiez le chemin)",
    ),
]


@pytest.mark.parametrize(("args", "expected"), FRENCH_ERRORS)
def test_errors_in_french(run: Callable[..., object], args: tuple[str, ...], expected: str) -> None:
    result = run(*args, "--lang", "fr")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert result.stdout == ""  # type: ignore[attr-defined]
    assert result.stderr == f"Erreur : {expected}\n"  # type: ignore[attr-defined]


def test_the_locale_chooses_french_errors(
    run: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    result = run("scenario", "tests/data/bad/count-negative.yaml")
    assert result.stderr.startswith("Erreur : ")  # type: ignore[attr-defined]
    english = run("scenario", "tests/data/bad/count-negative.yaml", "--lang", "en")
    assert english.stderr.startswith("Error: ")  # type: ignore[attr-defined]


USAGE = [
    (
        ["scenario"],
        "Error: missing argument 'files'; see `aicost scenario --help`",
        "Erreur : il manque l'argument 'files' ; voir `aicost scenario --help`",
    ),
    (
        ["scenario", "scenarios/marathon.yaml", "--format", "xml"],
        "Error: invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json',"
        " 'csv', 'markdown'; see `aicost scenario --help`",
        "Erreur : valeur invalide pour '--format' / '-f' : 'xml' n'est pas l'une des valeurs"
        " 'table', 'json', 'csv', 'markdown' ; voir `aicost scenario --help`",
    ),
    (
        ["scenaro"],
        "Error: no such command 'scenaro' (did you mean: scenario?); see `aicost --help`",
        "Erreur : commande inconnue 'scenaro' (vouliez-vous dire : scenario ?) ;"
        " voir `aicost --help`",
    ),
    (
        ["scenario", "scenarios/marathon.yaml", "--bogus"],
        "Error: no such option: --bogus; see `aicost scenario --help`",
        "Erreur : option inconnue : --bogus ; voir `aicost scenario --help`",
    ),
    (
        ["scenario", "scenarios/marathon.yaml", "--samples", "5"],
        "Error: invalid value for '--samples': must be ≥ 100; see `aicost scenario --help`",
        "Erreur : valeur invalide pour '--samples' : doit être ≥ 100 ;"
        " voir `aicost scenario --help`",
    ),
]


@pytest.mark.parametrize(("args", "english", "french"), USAGE)
def test_usage_errors_are_one_line_in_the_language_asked(
    args: list[str],
    english: str,
    french: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from aicost.cli import main

    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(PACKAGE.parent)
    for extra, expected in (([], english), (["--lang", "fr"], french)):
        with pytest.raises(SystemExit) as info:
            main([*args, *extra])
        assert info.value.code == 2
        out, err = capsys.readouterr()
        assert (out, err) == ("", expected + "\n")


def test_an_unknown_shape_keeps_clicks_words_in_the_french_frame() -> None:
    from aicost.render.usage import lang_of, one_line

    assert one_line("Something new.", "aicost", "fr") == (
        "Erreur : Something new. ; voir `aicost --help`"
    )
    assert lang_of(["x", "--lang", "de", "--lang=fr"]) == "fr"
    assert lang_of(["x"]) is None

"""Every message aicost can print has its French in the gettext catalogue, and French
errors and help pages read as French."""

from __future__ import annotations

import ast
import gettext
import io
import string
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aicost.catalogue import help_texts
from aicost.catalogue import messages_in_code as templates
from aicost.i18n import MESSAGES, speaking, tr

PACKAGE = Path(__file__).resolve().parent.parent / "aicost"
RAISERS = {"InputError", "UsageError", "error", "fail"}
PO = PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "aicost.po"


def _calls(tree: ast.AST) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _catalogue() -> Any:
    from aicost.catalogue import read

    return read(PO)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_template_and_help_text_has_its_french_with_the_same_fields() -> None:
    catalog = _catalogue()
    found = templates()
    assert len(found) > 80
    plain = {m.id: m.string for m in catalog if m.id and m.context is None}
    missing = {t: where for t, where in found.items() if not plain.get(t)}
    assert missing == {}
    assert sorted(t for t in help_texts() if not plain.get(t)) == []
    for english, french in plain.items():
        assert _fields(french) == _fields(english), english


def test_every_label_has_its_french_under_its_key() -> None:
    catalog = _catalogue()
    assert all(isinstance(v, str) for v in MESSAGES.values())  # else: aicost.catalogue port
    for key, english in MESSAGES.items():
        message = catalog.get(english, context=key)
        assert message is not None and message.string, key
        assert _fields(message.string) == _fields(english), key


def test_no_french_is_left_without_its_english_in_the_code() -> None:
    catalog = _catalogue()
    plain = {m.id for m in catalog if m.id and m.context is None}
    assert plain - set(templates()) - help_texts() == set()
    labelled = {(m.context, m.id) for m in catalog if m.context is not None}
    assert labelled == set(MESSAGES.items())


def test_the_committed_mo_is_the_po_compiled() -> None:
    from babel.messages.mofile import write_mo

    fresh = io.BytesIO()
    write_mo(fresh, _catalogue(), use_fuzzy=False)
    fresh.seek(0)
    compiled = gettext.GNUTranslations(fresh)
    with PO.with_suffix(".mo").open("rb") as f:
        committed = gettext.GNUTranslations(f)
    assert committed._catalog == compiled._catalog  # type: ignore[attr-defined]
    assert not (PACKAGE / "messages_fr.py").exists()


def test_missing_lists_what_the_po_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    import aicost.catalogue as catalogue
    import aicost.i18n

    assert catalogue.missing() == ""
    monkeypatch.setitem(aicost.i18n.MESSAGES, "new_label", "New")
    assert catalogue.missing() == 'msgctxt "new_label"\nmsgid "New"\nmsgstr ""\n\n'


def test_port_moves_french_left_in_python_into_the_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import aicost.catalogue as catalogue
    import aicost.i18n

    po, mo, old = tmp_path / "aicost.po", tmp_path / "aicost.mo", tmp_path / "messages_fr.py"
    shutil.copy(PO, po)
    old.write_text(
        'FRENCH: dict[str, str] = {\n    "a new {thing}": "un nouveau {thing}",\n'
        '    "Error: {message}": "Erreur : {message}",\n    "gone": "parti",\n}\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(catalogue, "PO", po)
    monkeypatch.setattr(catalogue, "MO", mo)
    monkeypatch.setattr(catalogue, "MESSAGES_FR", old)
    monkeypatch.setitem(aicost.i18n.MESSAGES, "new_label", ("New", "Nouveau"))
    in_code = {**catalogue.messages_in_code(), "a new {thing}": "new.py:1"}
    monkeypatch.setattr(catalogue, "messages_in_code", lambda: in_code)
    moved = catalogue.port()
    assert moved == [
        "messages_fr.py: 'a new {thing}'",  # "Error: {message}": already the same French
        "messages_fr.py: 'gone' skipped, not in the code",
        "i18n.MESSAGES['new_label']: replace the pair by its English 'New'",
        "deleted aicost/messages_fr.py",
    ]
    assert not old.exists()
    with mo.open("rb") as f:
        french = gettext.GNUTranslations(f)
    assert french.gettext("a new {thing}") == "un nouveau {thing}"
    assert french.pgettext("new_label", "New") == "Nouveau"
    assert french.gettext("Error: {message}") == "Erreur : {message}"  # the rest is kept


def _help(args: list[str], env: dict[str, str]) -> str:
    import os

    clean = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    out = subprocess.run(
        [sys.executable, "-m", "aicost", *args],
        capture_output=True,
        text=True,
        env={**clean, "COLUMNS": "100", **env},
        cwd=PACKAGE.parent,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["scenario", "--help"], {"LANG": "fr_FR.UTF-8"}),
        (["scenario", "--help", "--lang", "fr"], {}),
        (["scenario", "--lang", "FR", "--help"], {"LANG": "en_GB.UTF-8"}),
    ],
)
def test_help_is_french_when_the_language_is(args: list[str], env: dict[str, str]) -> None:
    text = _help(args, env)
    lines = text.splitlines()
    assert lines[0] == "Utilisation : aicost scenario [OPTIONS] {files}..."
    assert "Arguments\u00a0:" in lines and "Options\u00a0:" in lines
    assert "Affiche ce message et quitte." in text
    assert "Format de sortie.  [défaut : table]" in text
    assert "Fichiers de scénario (YAML).  [obligatoire]" in text
    for english in ("Usage", "Show this message", "default:", "Scenario files", "Output format"):
        assert english not in text


def test_help_is_english_otherwise() -> None:
    text = _help(["scenario", "--help"], {"LANG": "de_DE.UTF-8"})
    assert text.startswith("Usage: aicost scenario [OPTIONS] {files}...")
    assert "Show this message and exit." in text


def test_french_help_loads_no_babel_nor_pint() -> None:
    script = (
        "import json, sys; from aicost.cli import main\n"
        "try:\n    main(['scenario', '--help', '--lang', 'fr'])\n"
        "except SystemExit:\n    pass\n"
        "print(json.dumps([m for m in ('babel', 'pint', 'yaml', 'numpy') if m in sys.modules]),"
        " file=sys.stderr)"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=PACKAGE.parent
    )
    assert "Utilisation" in out.stdout
    assert out.stderr.strip() == "[]"


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
        "source inconnue 'mit' (vouliez-vous dire : mit-tr-2025 ?) ;"
        " `aicost factors sources` les liste",
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

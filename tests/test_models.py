"""The model catalogue: models.yaml is checked, names resolve, near names are offered, the
compact cache matches the YAML, and `aicost models` lists, searches and fails as documented."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aicost.errors import InputError, UsageError
from aicost.factors import FactorTable
from aicost.models import (
    CACHE_PATH,
    Catalogue,
    Range,
    _from_cache,
    check_against,
    fingerprint,
    load_catalogue,
    name_key,
    parse_file,
    to_cache,
)

ROOT = Path(__file__).resolve().parent.parent
Run = Callable[..., Any]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


# -- the shipped catalogue ------------------------------------------------------------------


def test_at_least_300_text_models(catalogue: Catalogue) -> None:
    assert len(catalogue.search(kind="text")) >= 300
    assert len(catalogue) == len(catalogue.models)


def test_the_shipped_catalogue_agrees_with_the_factor_table(
    catalogue: Catalogue, factors: FactorTable
) -> None:
    check_against(catalogue, factors)  # sources, sites, grids and disclosures all exist
    for m in catalogue:
        assert m.source in factors.sources, m.id
        assert m.location_source in factors.sources, m.id
        assert m.answer_source in factors.sources or m.kind != "text", m.id  # images: none
        assert factors.site(m.site).id == m.site, m.id
        assert factors.grid(m.grid).id == m.grid, m.id
        assert all(d in factors.tasks for d in m.disclosures), m.id


@pytest.mark.parametrize(
    ("name", "model_id"),
    [
        ("chatgpt", "chatgpt"),
        ("gpt-4o", "gpt-4o"),
        ("gpt-5", "gpt-5"),
        ("claude-sonnet-4.5", "claude-sonnet-4-5"),
        ("claude-sonnet-4-5", "claude-sonnet-4-5"),
        ("Claude Sonnet 4.5", "claude-sonnet-4-5"),
        ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5"),
        ("le-chat", "le-chat"),
        ("gemini-2.5-flash", "gemini-2.5-flash"),
        ("gemini", "gemini-app"),
        ("llama-3.1-8b", "llama-3.1-8b-instruct"),
        ("meta-llama/Llama-3.1-8B-Instruct", "llama-3.1-8b-instruct"),
        ("llama-3.1-405b", "llama-3.1-405b-instruct"),
        ("mistral-7b", "mistral-7b-instruct-v0.3"),
        ("mixtral-8x7b-instruct-v0.1", "mixtral-8x7b-instruct-v0.1"),
        ("qwen3-8b", "qwen3-8b"),
        ("gemma-2-9b-it", "gemma-2-9b-it"),
        ("deepseek-r1", "deepseek-r1"),
        ("gpt-oss-120b", "gpt-oss-120b"),
        ("phi-3-mini-4k-instruct", "phi-3-mini-4k-instruct"),
        ("gpt-3.5-turbo", "gpt-3.5-turbo"),
        ("mistral-large", "mistral-large-latest"),
        ("codestral", "codestral-latest"),
        ("llama-3-8b", "meta-llama-3-8b"),
    ],
)
def test_names_people_type_resolve(catalogue: Catalogue, name: str, model_id: str) -> None:
    assert catalogue.model(name).id == model_id


def test_figures_of_a_few_models(catalogue: Catalogue) -> None:
    gpt4o = catalogue.model("gpt-4o")
    assert gpt4o.total_params_b == Range(440, 440)
    assert gpt4o.active_params_b == Range(44, 132)
    assert (gpt4o.site, gpt4o.grid) == ("openai.ecologits", "US")
    assert (gpt4o.output_tokens, gpt4o.input_tokens, gpt4o.reasoning_tokens) == (300, 100, 0)
    assert gpt4o.disclosures == (
        "text.gpt-4o.short",
        "text.gpt-4o.medium",
        "text.gpt-4o.long",
        "text.chatgpt.epoch-2025",
    )
    assert gpt4o.status == "assumption"
    llama = catalogue.model("llama-3.1-8b")
    assert llama.active_params_b == llama.total_params_b == Range(8.03, 8.03)
    assert llama.open_weights and llama.disclosures == ("text.llama-3.1-8b",)
    assert (llama.site, llama.grid) == ("huggingface.us", "US")
    le_chat = catalogue.model("le-chat")
    assert (le_chat.site, le_chat.grid, le_chat.output_tokens) == ("mistral.sweden", "SE", 400)
    assert le_chat.answer_source == "mistral-lca-2025"
    chatgpt = catalogue.model("chatgpt")
    assert chatgpt.output_tokens == 500 and "text.chatgpt.altman-2025" in chatgpt.disclosures
    assert catalogue.model("gemini").disclosures == ("text.gemini.median-2025",)
    assert catalogue.model("gpt-oss-20b").precision == "mxfp4"
    assert catalogue.model("o3-mini").reasoning_tokens == 2000
    assert catalogue.model("deepseek-v3").grid == "CN"
    haiku = catalogue.model("claude-haiku-4-5")
    assert haiku.total_params_b == haiku.active_params_b == Range(10, 35)
    assert haiku.total_params_b.mid == 22.5


def test_generated_entries_copy_ecologits(catalogue: Catalogue) -> None:
    """Entries below the marker carry EcoLogits' figures: a closed model's range is a guess."""
    pro = catalogue.model("gpt-5-pro")
    assert (pro.total_params_b, pro.active_params_b) == (Range(3600, 3600), Range(360, 1080))
    assert (pro.status, pro.source) == ("assumption", "ecologits-models-0.11.3")
    mixtral = catalogue.model("mixtral-8x22b-instruct-v0.1")
    assert (mixtral.total_params_b.low, mixtral.active_params_b.low) == (140.6, 39.1)
    assert mixtral.status == "secondary" and mixtral.open_weights
    assert catalogue.model("meta-llama-3.1-405b-instruct-fp8").precision == "fp8"
    assert catalogue.model("mistral-large-latest").grid == "SE"


def test_names_are_unique_and_apart_from_the_task_names(
    catalogue: Catalogue, factors: FactorTable
) -> None:
    names = [name_key(n) for m in catalogue for n in m.names]
    assert len(names) == len(set(names))
    task_names = {
        key
        for task in factors.tasks.values()
        for n in (task.id, *task.aliases)
        for key in (n.lower(), name_key(n))
    }
    assert set(names) & task_names == set()


def test_every_family_of_several_models_lists_them(catalogue: Catalogue) -> None:
    claude = {m.id for m in catalogue.family("Claude")}
    assert {"claude-sonnet-4-5", "claude-opus-4-5", "claude-haiku-4-5"} <= claude
    assert all(m.provider == "anthropic" for m in catalogue.family("claude"))
    assert catalogue.family("nosuchfamily") == ()


# -- did you mean ---------------------------------------------------------------------------


def test_a_family_lists_its_models(catalogue: Catalogue) -> None:
    with pytest.raises(UsageError) as err:
        catalogue.model("claude")
    assert str(err.value) == (
        "'claude' is a family of 17 models, not one model: name one of them (claude-sonnet-4-5,"
        " claude-opus-4-5, claude-haiku-4-5, claude-3-7-sonnet, claude-3-5-sonnet,"
        " claude-3-5-haiku, claude-fable-5, claude-fable-5-1, claude-haiku-5-5, claude-opus-4-6,"
        " claude-opus-4-7, claude-opus-4-8, …); `aicost models claude` lists them"
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("gpt5", "unknown model 'gpt5' (did you mean: gpt-5, gpt?); `aicost models` lists them"),
        (
            "lama-3.1-8b",
            "unknown model 'lama-3.1-8b' (did you mean: llama-3.1-8b, llama-3-8b?);"
            " `aicost models` lists them",
        ),
        (
            "llama-3.1",
            "unknown model 'llama-3.1' (did you mean: llama-3.1-8b, llama-3.1-70b,"
            " llama-3.1-405b?); `aicost models` lists them",
        ),
        ("clod", "unknown model 'clod' (did you mean: claude?); `aicost models` lists them"),
        ("zzzzzz", "unknown model 'zzzzzz'; `aicost models` lists them"),
    ],
)
def test_a_typo_gets_the_nearest_names(catalogue: Catalogue, typed: str, message: str) -> None:
    with pytest.raises(UsageError) as err:
        catalogue.model(typed)
    assert str(err.value) == message


def test_an_unknown_model_in_a_file_names_the_place(catalogue: Catalogue) -> None:
    with pytest.raises(InputError) as err:
        catalogue.model("gpt5", path="s.yaml", line=4, where="items[0].model")
    assert str(err.value) == (
        "s.yaml:4: items[0].model unknown model 'gpt5' (did you mean: gpt-5, gpt?);"
        " `aicost models` lists them"
    )


def test_search(catalogue: Catalogue) -> None:
    assert [m.id for m in catalogue.search("claude-sonnet-4.5")] == ["claude-sonnet-4-5"]
    found = [m.id for m in catalogue.search("gpt-4o")]
    assert found[0] == "gpt-4o" and "gpt-4o-mini" in found
    assert {m.provider for m in catalogue.search("anthropic")} == {"anthropic"}
    assert catalogue.search("claude", kind="image") == []
    assert len(catalogue.search()) == len(catalogue)


# -- the cache ------------------------------------------------------------------------------


def test_the_committed_cache_equals_a_full_parse_of_models_yaml() -> None:
    """Run `python -m aicost.build_models --cache` after editing models.yaml."""
    yaml_path = ROOT / "models.yaml"
    full = parse_file(str(yaml_path), "(built-in)")
    assert full.fingerprint == fingerprint(yaml_path.read_bytes())
    assert CACHE_PATH.read_text(encoding="utf-8") == to_cache(full)
    cached = _from_cache(CACHE_PATH.read_text(encoding="utf-8"), "(built-in)", full.fingerprint)
    assert cached is not None
    assert [m.values() for m in cached] == [m.values() for m in full]
    assert [m.line for m in cached] == [m.line for m in full]
    assert (cached._names, cached._families) == (full._names, full._families)
    assert [m.values() for m in load_catalogue()] == [m.values() for m in full]


def test_an_edited_file_is_read_not_the_stale_cache(tmp_path: Path) -> None:
    text = (ROOT / "models.yaml").read_text(encoding="utf-8")
    edited = tmp_path / "models.yaml"
    edited.write_text(text.replace("    total_params_b: 122.61\n", "    total_params_b: 99\n", 1))
    catalogue = load_catalogue(edited)
    assert catalogue.model("le-chat").total_params_b == Range(99, 99)
    assert _from_cache(CACHE_PATH.read_text(encoding="utf-8"), "x", catalogue.fingerprint) is None


# -- checking models.yaml -------------------------------------------------------------------

HEAD = """\
schema: 1
locations:
  here: {site: local, grid: FR, source: aicost, status: assumption}
answers:
  chat: {output_tokens: 300, input_tokens: 100, reasoning_tokens: 0, source: aicost,
         status: assumption}
models:
"""
GOOD = """\
  tiny-7b:
    kind: text
    en: Tiny 7B
    provider: acme
    family: tiny
    aliases: [tiny, Tiny_7B.chat]
    open_weights: true
    total_params_b: 7
    location: here
    source: aicost
    status: assumption
    as_of: "2025-01"
    checked: "2026-11-25"
"""


def _parse(tmp_path: Path, models: str) -> Catalogue:
    path = tmp_path / "models.yaml"
    path.write_text(HEAD + models, encoding="utf-8")
    return parse_file(str(path), "models.yaml")


def test_a_good_entry_gets_its_profiles_and_defaults(tmp_path: Path) -> None:
    catalogue = _parse(tmp_path, GOOD)
    tiny = catalogue.model("TINY-7B.chat")
    assert tiny.id == "tiny-7b" and tiny.line == 8
    assert tiny.total_params_b == tiny.active_params_b == Range(7, 7)
    assert (tiny.precision, tiny.site, tiny.grid, tiny.location_status) == (
        "bf16",
        "local",
        "FR",
        "assumption",
    )
    assert (tiny.output_tokens, tiny.input_tokens, tiny.reasoning_tokens) == (300, 100, 0)
    assert (tiny.answer, tiny.fr, tiny.label("fr"), tiny.note) == ("chat", None, "Tiny 7B", None)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("    total_params_b: 7\n", "    total_params_b: 7\n    presicion: fp8\n"),
            "models.yaml:16: models.tiny-7b.presicion is not a known key (did you mean:"
            " precision?); allowed here: active_params_b, aliases, answer, as_of, checked,"
            " disclosures, en, family, fr, kind, location, note, open_weights, precision,"
            " provider, source, status, total_params_b",
        ),
        (
            ("total_params_b: 7", "total_params_b: [30, 10]"),
            "models.yaml:15: models.tiny-7b.total_params_b must be billions of parameters: a"
            " number > 0 or [low, high] with low < high, got a list",
        ),
        (
            ("total_params_b: 7", "total_params_b: 7B"),
            "models.yaml:15: models.tiny-7b.total_params_b must be billions of parameters: a"
            " number > 0 or [low, high] with low < high, got '7B'",
        ),
        (
            ("total_params_b: 7", "total_params_b: 7\n    active_params_b: [1, 9]"),
            "models.yaml:16: models.tiny-7b.active_params_b must not exceed total_params_b",
        ),
        (
            ("location: here", "location: there"),
            "models.yaml:16: models.tiny-7b.location names an unknown locations profile"
            " 'there' (did you mean: here?); add it to the locations section",
        ),
        (
            ('as_of: "2025-01"', "as_of: 2025"),
            "models.yaml:19: models.tiny-7b.as_of must be a date written YYYY-MM or YYYY-MM-DD"
            " (quoted), got 2025",
        ),
        (
            ("provider: acme", "provider: Acme Corp"),
            "models.yaml:11: models.tiny-7b.provider must be a lower-case name of letters,"
            " digits, dots and dashes, got 'Acme Corp'",
        ),
        (
            ("    open_weights: true\n", ""),
            "models.yaml:8: models.tiny-7b needs 'open_weights' (true/false)",
        ),
        (
            ("precision: bf16", "precision: bf16"),  # no change: precision is optional
            None,
        ),
        (
            ("    open_weights: true\n", "    open_weights: true\n    precision: fp6\n"),
            "models.yaml:15: models.tiny-7b.precision must be one of bf16, fp16, fp8, int8,"
            " mxfp4, fp4, int4, got 'fp6' (did you mean: fp16, fp8, fp4?)",
        ),
        (
            ("    open_weights: true\n", "    open_weights: true\n    steps: 25\n"),
            "models.yaml:15: models.tiny-7b.steps is a setting of image models, not of text models",
        ),
        (
            ("kind: text", "kind: image\n    width: 512\n    height: 512\n    steps: 20"),
            None,  # an image model: no default answer, tokens 0
        ),
    ],
)
def test_a_bad_entry_is_refused_with_its_place(
    tmp_path: Path, change: tuple[str, str], message: str | None
) -> None:
    models = GOOD.replace(*change)
    if message is None:
        model = _parse(tmp_path, models).model("tiny")
        assert model.output_tokens == (300 if model.kind == "text" else 0)
        return
    with pytest.raises(InputError) as err:
        _parse(tmp_path, models)
    assert str(err.value) == message


def test_an_image_model_takes_its_settings(tmp_path: Path) -> None:
    image = GOOD.replace("kind: text", "kind: image").replace(
        "    open_weights: true\n",
        "    open_weights: true\n    steps: 25\n    width: 1024\n    height: 1024\n",
    )
    model = _parse(tmp_path, image).model("tiny")
    assert model.settings == {"steps": 25, "width": 1024, "height": 1024}
    refused = image.replace("    steps: 25\n", "    steps: 25\n    answer: chat\n")
    with pytest.raises(InputError) as err:
        _parse(tmp_path, refused)
    assert str(err.value) == (
        "models.yaml:16: models.tiny-7b.answer only a text model has a default answer"
    )


def test_a_name_used_twice_is_refused(tmp_path: Path) -> None:
    second = GOOD.replace("tiny-7b:", "other:").replace("[tiny, Tiny_7B.chat]", "[Tiny.7b]")
    with pytest.raises(InputError) as err:
        _parse(tmp_path, GOOD + second)
    assert str(err.value) == (
        "models.yaml:21: models: the name 'Tiny.7b' of 'other' is already used by 'tiny-7b';"
        " make it unique"
    )


def test_a_wrong_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "models.yaml"
    path.write_text((HEAD + GOOD).replace("schema: 1", "schema: 2"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_catalogue(path)
    assert str(err.value) == f"{path}:1: schema has schema 2; this aicost reads schema 1"


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        load_catalogue(tmp_path / "nope.yaml")
    assert str(err.value) == f"{tmp_path / 'nope.yaml'}: no such model catalogue (check the path)"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "source",
            "nosuch",
            "models.yaml:8: models.tiny-7b.source names an unknown source 'nosuch'; add it to"
            " the sources section",
        ),
        (
            "site",
            "mars",
            "models.yaml:8: models.tiny-7b.location.site names an unknown site 'mars'",
        ),
        ("grid", "XX", "models.yaml:8: models.tiny-7b.location.grid names an unknown grid 'XX'"),
        (
            "disclosures",
            ("text.nosuch",),
            "models.yaml:8: models.tiny-7b.disclosures names an unknown task 'text.nosuch'",
        ),
    ],
)
def test_check_against_the_factor_table(
    tmp_path: Path, factors: FactorTable, field: str, value: object, message: str
) -> None:
    catalogue = _parse(tmp_path, GOOD)
    check_against(catalogue, factors)
    changes: dict[str, Any] = {field: value}
    tiny = dataclasses.replace(catalogue.models["tiny-7b"], **changes)
    broken = Catalogue(catalogue.path, "", {"tiny-7b": tiny}, {}, {})
    with pytest.raises(InputError) as err:
        check_against(broken, factors)
    assert str(err.value) == message


# -- aicost models --------------------------------------------------------------------------


def test_models_table(run: Run) -> None:
    result = run("models", "claude-sonnet-4")
    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "Model             Provider    Params (B) Grid Answer",
        "────────────────────────────────────────────────────",
        "claude-sonnet-4-5 anthropic 440 / 44–132 US      300",
        "claude-sonnet-4-6 anthropic 440 / 44–132 US      300",
    ]
    assert lines[4].startswith("2 models. Params: billions, total / active")


def test_models_table_reads_at_80_columns(run: Run) -> None:
    result = run("models")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert not any("…" in line for line in lines)  # nothing cut
    assert "gpt-5.5-pro" in result.stdout
    french = run("models", "gpt-5.5-pro", "--lang", "fr").stdout.splitlines()
    assert french[:3] == [
        "Modèle                 Éditeur       Param. (Md) Réseau   Réponse",
        "─────────────────────────────────────────────────────────────────",
        "gpt-5.5-pro            openai  5\u202f400 / 540–1\u202f800 US     300+2\u202f000",
    ]


def test_models_json(run: Run) -> None:
    result = run("models", "le-chat", "--format", "json")
    assert result.exit_code == 0
    (doc,) = json.loads(result.stdout)
    assert doc["id"] == "le-chat"
    assert doc["total_params_b"] == {"low": 122.61, "high": 122.61}
    assert doc["location"] == {
        "site": "mistral.sweden",
        "grid": "SE",
        "source": "ecologits-provider-config",
        "status": "secondary",
    }
    assert doc["answer"] == {
        "output_tokens": 400,
        "input_tokens": 100,
        "reasoning_tokens": 0,
        "source": "mistral-lca-2025",
        "status": "secondary",
    }
    every = json.loads(run("models", "--kind", "text", "-f", "json").stdout)
    assert len(every) >= 300


def test_models_nothing_found_exit_2(run: Run) -> None:
    result = run("models", "clod")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: no model matches 'clod' (did you mean: claude?); `aicost models` lists them all\n"
    )
    french = run("models", "clod", "--lang", "fr")
    assert french.stderr == (
        "Erreur : aucun modèle ne correspond à 'clod' (vouliez-vous dire : claude ?) ;"
        " `aicost models` les liste tous\n"
    )
    videos = run("models", "--kind", "video")  # issue 13: no kind is empty any more
    assert videos.exit_code == 0 and "sora-2" in videos.stdout
    assert run("models", "--kind", "sound").exit_code == 2


# -- the sites of the catalogue's locations ------------------------------------------------


def test_sites_keep_their_sources_ranges(factors: FactorTable, run: Run) -> None:
    anthropic = factors.site("anthropic.us")
    assert (anthropic.pue_low, anthropic.pue, anthropic.pue_high) == (1.09, 1.115, 1.14)
    assert anthropic.wue is not None and anthropic.wue_low is not None
    assert anthropic.wue_high is not None
    assert [round(w.to("L/kWh").magnitude, 4) for w in (anthropic.wue_low, anthropic.wue)] == [
        0.13,
        0.5645,
    ]
    assert (factors.site("mistral.sweden").pue, factors.site("google.fleet").pue) == (1.16, 1.09)
    assert factors.site("openai").pue_low is None
    shown = run("factors", "sites", "anthropic.us").stdout.splitlines()
    assert shown[3] == "  PUE: 1.115 (low 1.09, high 1.14) (derived)"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("    pue_high: 1.14\n", ""),
            "sites.anthropic.us.pue_high give both 'pue_low' and 'pue_high', or neither",
        ),
        (
            ("    pue: 1.115\n", "    pue: 1.2\n"),
            "sites.anthropic.us.pue_low pue_low ≤ pue ≤ pue_high must hold",
        ),
    ],
)
def test_a_bad_site_range_is_refused(change: tuple[str, str], message: str) -> None:
    from aicost.factors import parse_factors
    from aicost.yamlfile import load_yaml_text

    text = (ROOT / "factors.yaml").read_text(encoding="utf-8").replace(*change, 1)
    with pytest.raises(InputError) as err:
        parse_factors(load_yaml_text(text, "f.yaml"), "f.yaml")
    assert str(err.value).split(": ", 1)[1] == message
    assert str(err.value).startswith("f.yaml:")


# -- the generator ---------------------------------------------------------------------------


def test_the_generator_turns_ecologits_entries_into_lines() -> None:
    from aicost.build_models import build_entries

    data = {
        "models": [
            {
                "provider": "openai",
                "name": "gpt-9",
                "architecture": {
                    "type": "moe",
                    "parameters": {"total": 440, "active": {"min": 44, "max": 132}},
                },
                "warnings": ["model-arch-not-released", "model-arch-multimodal"],
            },
            {
                "provider": "huggingface_hub",
                "name": "meta-llama/Meta-Llama-9-8B-Instruct-FP8",
                "architecture": {"type": "dense", "parameters": 8.03},
                "warnings": None,
            },
            {
                "provider": "anthropic",
                "name": "claude-verse-9-20260101",
                "architecture": {"type": "dense", "parameters": {"min": 10, "max": 35}},
                "warnings": ["model-arch-not-released"],
            },
            {
                "provider": "mistralai",
                "name": "magistral-tiny-latest",
                "architecture": {"type": "dense", "parameters": 3},
                "warnings": None,
            },
            {  # a hand-written entry names it: skipped
                "provider": "openai",
                "name": "gpt-4o",
                "architecture": {"type": "dense", "parameters": 1},
                "warnings": None,
            },
        ],
        "aliases": [
            {"provider": "anthropic", "name": "claude-verse-9", "alias": "claude-verse-9-20260101"}
        ],
    }
    common = 'as_of: "2026-10", checked: "2026-11-25"'
    assert build_entries(data, {"gpt-4o"}) == [
        "  gpt-9: {kind: text, en: GPT-9, provider: openai, family: gpt, open_weights: false,"
        " total_params_b: 440, active_params_b: [44, 132], location: openai,"
        f" source: ecologits-models-0.11.3, status: assumption, {common},"
        """ note: "size not published: EcoLogits' guess; multimodal"}""",
        "  meta-llama-9-8b-instruct-fp8: {kind: text, en: Meta Llama 9 8B Instruct FP8,"
        " provider: meta, family: llama, aliases: [meta-llama/Meta-Llama-9-8B-Instruct-FP8,"
        " llama-9-8b-instruct-fp8], open_weights: true, total_params_b: 8.03, precision: fp8,"
        f" location: open-us, source: ecologits-models-0.11.3, status: secondary, {common}}}",
        "  claude-verse-9: {kind: text, en: Claude Verse 9 (20260101), provider: anthropic,"
        " family: claude, aliases: [claude-verse-9-20260101], open_weights: false,"
        " total_params_b: [10, 35], location: anthropic, source: ecologits-models-0.11.3,"
        f" status: assumption, {common},"
        """ note: "size not published: EcoLogits' guess"}""",
        "  magistral-tiny-latest: {kind: text, en: Magistral Tiny Latest, provider: mistral,"
        " family: mistral, aliases: [magistral-tiny], open_weights: true, total_params_b: 3,"
        " location: mistral, answer: reasoning, source: ecologits-models-0.11.3,"
        f" status: secondary, {common}}}",
    ]


def test_models_of_another_kind_are_pointed_at_not_suggested(run: Run) -> None:
    # FLUX is an image model: `--kind video` finds none and says the others exist.
    result = run("models", "flux", "--kind", "video")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: no video model matches 'flux', but models of another kind do: "
        "`aicost models flux` lists them\n"
    )
    french = run("models", "flux", "--kind", "video", "--lang", "fr")
    assert french.stderr == (
        "Erreur : aucun modèle de type video ne correspond à 'flux', mais des modèles d'un "
        "autre type oui : `aicost models flux` les liste\n"
    )

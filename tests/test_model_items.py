"""Model items (`model: ID`, `kind: text` with params) through the whole pipeline: the method
(accelerator) -> host factor (IT) -> PUE (facility), hand-computed; the CLI; bad input; the
Monte Carlo at its centre is the estimate."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aicost.engine import estimate
from aicost.factors import FactorTable
from aicost.modelitem import params_billions
from aicost.scenarios import load_scenario, parse_scenario
from aicost.testing import assert_allclose
from aicost.units import Q

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
Run = Callable[..., Any]


def _hand_8b(factors: FactorTable) -> float:
    """GPU energy (J) of one answer of a dense 8 B BF16 model on one H100 at batch 32, 500
    output and 200 input tokens, written out from the method's formula
    (aicost/methods/text.py) with the coefficients of factors.yaml."""
    c = factors.method("text").value
    # N_GPU = 2^ceil(log2(ceil(8 × 2 × 1.2 / 80))) = 1; bytes/param 2, so the (bytes/2)
    # terms and (active/total)^moe are 1.
    weights = c("weight_energy") * (8 * 2) / 32  # J per token: 16 GB read once per step / batch
    context = 200 + 500 / 2
    token = c("token_energy") * 8 ** c("token_active_exponent") * (1 + context / c("context_scale"))
    return (weights + token) * (500 + c("prefill_weight") * 200)


def test_a_model_by_size_through_accelerator_it_and_facility(factors: FactorTable) -> None:
    est = estimate(load_scenario(DATA / "model-items.yaml", factors))
    sized = est.items[0]
    gpu = _hand_8b(factors)
    assert 90 < gpu < 110  # J: the order of ML.ENERGY's 8 B measurements (57-83 J at b64-b192)
    assert_allclose(sized.accelerator_per_item, Q(gpu, "J"), rtol=1e-12)
    assert_allclose(sized.it_per_item, Q(gpu * 1.57, "J"), rtol=1e-12)  # host factor
    assert_allclose(sized.per_item, Q(gpu * 1.57 * 1.12, "J"), rtol=1e-12)  # Azure's PUE 1.12
    assert_allclose(sized.energy, Q(10 * gpu * 1.57 * 1.12, "J"), rtol=1e-12)
    fr = est.grids[0]
    total = Q(10 * gpu * 1.57 * 1.12, "J") + est.items[1].energy
    assert_allclose(fr.co2e, (total * Q(44.179085, "g/kWh")).to("g"), rtol=1e-6)


def test_json_of_a_model_item(run: Run) -> None:
    result = run("scenario", "tests/data/model-items.yaml", "-f", "json")
    assert result.exit_code == 0
    sized, gpt = json.loads(result.stdout)["scenarios"][0]["items"]
    assert sized["boundary"] == "accelerator"
    assert sized["status"] == "derived"
    assert sized["model"]["params_b"] == 8 and sized["model"]["gpus"] == 1
    assert sized["model"]["batch"] == 32 and sized["model"]["batch_fixed"] is True
    assert sized["disclosures"] == []
    ratio = sized["it_energy_per_item_wh"] / sized["accelerator_energy_per_item_wh"]
    assert ratio == pytest.approx(1.57, rel=1e-9)
    # GPT-4o: a closed model, its active size a range (geometric mean in the middle)
    assert gpt["model"]["id"] == "gpt-4o"
    low, high = gpt["model"]["active_params_b_low"], gpt["model"]["active_params_b_high"]
    assert gpt["model"]["active_params_b"] == pytest.approx((low * high) ** 0.5, rel=1e-9)
    # Jegham's figure is shown beside the method's estimate, with its source
    (short,) = [d for d in gpt["disclosures"] if d["task"] == "text.gpt-4o.short"]
    assert short == {
        "task": "text.gpt-4o.short",
        "label": short["label"],
        "energy_wh": 0.421,
        "boundary": "facility",
        "source_pue": 1.12,
        "it_energy_per_item_wh": pytest.approx(0.421 / 1.12, rel=1e-9),
        "energy_per_item_wh": pytest.approx(0.421, rel=1e-9),  # same PUE at Azure
        "source": "jegham-2025-early",
        "status": "primary",
    }


def test_exact_table_lines_of_model_items(run: Run) -> None:
    result = run("scenario", "tests/data/model-items.yaml")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "│ An 8B model, by its size │    10 │ 0.0490 Wh │ 0.490 Wh │" in lines
    assert "│ model of 8 B, bf16       │       │           │          │" in lines
    assert "│ GPT-4o                   │     2 │  0.661 Wh │  1.32 Wh │" in lines
    assert "Published figures beside aicost's method (per answer):" in lines
    assert (
        "  GPT-4o: method 0.661 Wh, 1.6× the published 0.421 Wh, GPT-4o answer, short prompt "
        "(100 tokens in, " in lines
    )


def test_estimate_resolves_the_names_people_type(run: Run) -> None:
    names = ["claude-sonnet-4.5", "chatgpt", "gpt-4o", "gpt-5", "le-chat", "gemini-2.5-flash"]
    for name in [*names, "llama-3.1-8b"]:
        result = run("estimate", f"{name}=10", "-f", "json")
        assert result.exit_code == 0, (name, result.stderr)
        (item,) = json.loads(result.stdout)["scenarios"][0]["items"]
        assert item["model"]["id"] is not None and item["count"] == 10


def test_estimate_tokens_by_option_and_by_colon(run: Run) -> None:
    def model(*args: str) -> dict[str, Any]:
        doc = json.loads(run("estimate", *args, "-f", "json").stdout)
        return dict(doc["scenarios"][0]["items"][0]["model"])

    assert model("gpt-4o:1000=10")["output_tokens"] == 1000
    by_option = model("gpt-4o=10", "--output-tokens", "1000", "--input-tokens", "50")
    assert (by_option["output_tokens"], by_option["input_tokens"]) == (1000, 50)
    assert model("gpt-5=1", "--reasoning-tokens", "0")["reasoning_tokens"] == 0


def test_gemini_disclosure_beside_the_estimate(run: Run) -> None:
    result = run("estimate", "gemini-2.5-flash=1")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Published figures beside aicost's method (per answer):" in text
    assert "published 0.240 Wh, Median Gemini Apps text prompt (2025)" in text
    assert "(text.gemini.median-2025; elsworth-2025: Elsworth et al. 2025; primary;" in text


def test_a_disclosure_says_how_far_the_method_is_from_it(run: Run) -> None:
    # ChatGPT: method 1.18 Wh at PUE 1.20 (openai.ecologits) against Altman's 0.34 Wh at the
    # same PUE: 1.1839 / 0.34 = 3.48 -> "3.5×"; SD3 Medium, 25 steps: 0.538 Wh against MIT's
    # 2.28 kJ = 0.633 Wh of IT energy, counted where the model runs (huggingface.us, PUE 1.115)
    # = 0.707 Wh -> 0.76×, whatever the units they are written in.
    text = " ".join(run("estimate", "chatgpt=1").stdout.split())
    assert "ChatGPT (average query): method 1.18 Wh, 3.5× the published 0.340 Wh, " in text
    assert "method 1.18 Wh, 3.9× the published 0.300 Wh, Typical ChatGPT" in text
    text = " ".join(run("estimate", "sd3-medium:25steps=1").stdout.split())
    assert (
        "method 0.538 Wh, 0.76× the published 2.28 kJ (0.707 Wh at site huggingface.us), Image "
        in text
    )
    # At another site both count at its PUE: the published figure there is shown too.
    text = " ".join(run("estimate", "chatgpt=1", "--site", "us-average.lbnl").stdout.split())
    assert (
        "method 1.38 Wh, 3.5× the published 0.340 Wh (0.397 Wh at site us-average.lbnl), " in text
    )
    french = " ".join(run("estimate", "chatgpt=1", "--lang", "fr").stdout.split())
    assert "(text.chatgpt.altman-2025 ; altman-2025 : Altman 2025 ; secondaire ; " in french
    french = run("estimate", "chatgpt=1", "--lang", "fr", "--format", "markdown").stdout
    assert (
        "- ChatGPT (requête moyenne) : méthode 1,18\u00a0Wh, 3,5× le chiffre publié "
        "0,340\u00a0Wh, Requête ChatGPT moyenne" in french
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["claude=1"],
            "Error: command line: items[0].model 'claude' is a family of ",
        ),
        (
            ["gpt-4p=1"],
            "Error: command line: items[0].model unknown model 'gpt-4p' (did you mean: gpt-4, "
            "gpt-4o, gpt-5.4?); `aicost models` lists them\n",
        ),
        (
            ["gpt-4o:-5=1"],
            "Error: command line: items[0].output_tokens must be a number ≥ 0, got '-5'\n",
        ),
    ],
)
def test_bad_model_arguments(run: Run, args: list[str], message: str) -> None:
    result = run("estimate", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(message)
    assert "text.large" not in result.stderr  # `claude` is a model family, not a task


def test_a_bad_argument_in_french_names_the_command_line_in_french(run: Run) -> None:
    result = run("estimate", "gpt-4p=1", "--lang", "fr")
    assert result.exit_code == 2
    assert result.stderr == (
        "Erreur : ligne de commande: items[0].model modèle inconnu 'gpt-4p' (vouliez-vous "
        "dire : gpt-4, gpt-4o, gpt-5.4 ?) ; `aicost models` les liste\n"
    )


def test_negative_tokens_option(capsys: pytest.CaptureFixture[str]) -> None:
    from aicost.cli import main

    with pytest.raises(SystemExit) as info:
        main(["estimate", "gpt-4o=1", "--output-tokens", "-5", "--lang", "en"])
    assert info.value.code == 2
    assert capsys.readouterr() == (
        "",
        "Error: invalid value for '--output-tokens': must be ≥ 0; see `aicost estimate --help`\n",
    )


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (
            "  - {model: gpt-4p, count: 1}",
            "t.yaml:4: items[0].model unknown model 'gpt-4p' (did you mean: gpt-4, gpt-4o, "
            "gpt-5.4?); `aicost models` lists them",
        ),
        (
            "  - {kind: text, label: x, params: 27X, output_tokens: 10, count: 1}",
            "t.yaml:4: items[0].params must be a number of parameters such as 27B, 1.5T, 27e9 "
            "or 27000000000, got '27X'",
        ),
        (
            "  - {kind: text, label: x, params: 27, output_tokens: 10, count: 1}",
            "t.yaml:4: items[0].params must be a number of parameters such as 27B, 1.5T, 27e9 "
            "or 27000000000, got 27",
        ),
        (
            "  - {kind: text, label: x, params: 27B, precision: fp7, output_tokens: 10, count: 1}",
            "t.yaml:4: items[0].precision must be one of fp32, bf16, fp16, fp8, int8, fp4, "
            "mxfp4, nvfp4, int4, got 'fp7' (did you mean: fp8, fp4?)",
        ),
        (
            "  - {model: gpt-4o, output_tokens: -5, count: 1}",
            "t.yaml:4: items[0].output_tokens must be a number ≥ 0, got -5",
        ),
        (
            "  - {kind: text, label: x, params: 8B, active_params: 9B, output_tokens: 1, count: 1}",
            "t.yaml:4: items[0].active_params must not exceed 'params' (the total)",
        ),
        (
            "  - {model: gpt-4o, energy: 1 Wh, count: 1}",
            "t.yaml:4: items[0].energy a model item's energy comes from its method: remove "
            "'energy', or give an inline figure without 'model' or 'kind'",
        ),
        (
            "  - {kind: text, params: 8B, output_tokens: 1, count: 1}",
            "t.yaml:4: items[0] a model given by its size needs a 'label' saying what it is",
        ),
    ],
)
def test_bad_model_items(run: Run, tmp_path: Path, item: str, message: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("name: t\ngrids: [FR]\nitems:\n" + item + "\n", encoding="utf-8")
    result = run("scenario", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {tmp_path}/{message}\n"


def test_params_are_read_as_typed() -> None:
    assert params_billions("27B") == 27
    assert params_billions("27b") == 27
    assert params_billions("1.5T") == 1500
    assert params_billions("350M") == pytest.approx(0.35)
    assert params_billions(27e9) == 27
    assert params_billions("27e9") == 27
    assert params_billions(27000000000) == 27
    for ambiguous in (27, "27", 1.5, True, "27 billion", "B", "", None, [27]):
        assert params_billions(ambiguous) is None


def test_the_central_monte_carlo_sample_is_the_estimate(factors: FactorTable) -> None:
    import numpy as np

    from aicost.arithmetic import compute
    from aicost.uncertainty import _inputs, central

    for site in ("as-reported", "azure.jegham-early"):
        items = [
            {"model": "gpt-4o", "count": 3},
            {"model": "llama-3.1-405b", "count": 2, "output_tokens": 450},
        ]
        data = {"site": site, "grids": ["FR", "US"], "items": items}
        est = estimate(parse_scenario(data, "t.yaml", factors))
        assert est.plan is not None
        # every input drawn at multiplier 1, as arrays: the Monte Carlo's arithmetic
        ones = {inp.key: np.ones(4) for inp in _inputs(est)}
        assert {"model:gpt-4o:size", "model:gpt-4o:batch", "model:gpt-4o:residual"} <= set(ones)
        sampled = compute(est.plan, ones)
        assert np.all(sampled.energy_j == est.energy.to("J").magnitude)
        for g in est.grids:
            assert np.allclose(sampled.grids[g.grid.id].co2e_g, g.co2e.to("g").magnitude, 0, 0)
        energy, _, _ = central(est)
        assert energy == pytest.approx(est.energy.to("kWh").magnitude, rel=1e-15)


def test_anchors_inside_the_intervals(run: Run) -> None:
    """ML.ENERGY v2 (MIT's figures before doubling): Llama 3.1 8B 57 J (483 output tokens),
    405B 3,353 J (450 tokens) of GPU energy; Jegham's GPT-4o 0.42 Wh with Azure's PUE."""

    def item(*args: str) -> dict[str, Any]:
        doc = json.loads(run("estimate", *args, "-f", "json", "--uncertainty").stdout)
        return dict(doc["scenarios"][0]["items"][0])

    for arg, joules in (("llama-3.1-8b:483=1", 57), ("llama-3.1-405b:450=1", 3353)):
        got = item(arg)
        wh = joules / 3600
        assert got["accelerator_energy_per_item_wh_p5"] < wh
        assert wh < got["accelerator_energy_per_item_wh_p95"]
        assert 0.5 < got["accelerator_energy_per_item_wh"] / wh < 2  # central within ×2
    gpt = item("gpt-4o=1", "--site", "azure.jegham-early")
    assert gpt["energy_per_item_wh_p5"] < 0.42 < gpt["energy_per_item_wh_p95"]


def test_local_models_on_device_profiles(factors: FactorTable) -> None:
    est = estimate(load_scenario(DATA / "local-models.yaml", factors))
    mistral, gaming = est.items
    # apple-silicon: 0.73 × 200 GB/s / (0.5 byte × 7.25 B) = 40.28 tokens/s at 18.5 W;
    # 300 output + 0.05 × 100 input tokens (the catalogue's answer): 18.5 W × 305 / 40.28 /s
    speed = 0.73 * 200 / (0.5 * 7.25)
    assert_allclose(mistral.per_item, Q(18.5 * 305 / speed, "J"), rtol=1e-12)
    assert mistral.accelerator_per_item is None  # the whole computer: IT boundary, no host
    assert_allclose(mistral.it_per_item, mistral.per_item, rtol=1e-12)  # local: PUE 1
    # desktop-gpu: 0.6 × 1008 / (0.5 × 7) = 172.8 tokens/s at 300 W, 500 tokens
    assert_allclose(gaming.per_item, Q(300 * 500 / (0.6 * 1008 / 3.5), "J"), rtol=1e-12)
    assert_allclose(est.grids[0].water_onsite, Q(0, "L"))


def test_device_json_and_bad_device(run: Run, tmp_path: Path) -> None:
    doc = json.loads(run("scenario", "tests/data/local-models.yaml", "-f", "json", "-u").stdout)
    mistral = doc["scenarios"][0]["items"][0]
    assert mistral["boundary"] == "it"
    assert mistral["model"]["device"] == "apple-silicon"
    assert mistral["model"]["precision"] == "int4"  # the device's usual precision
    assert mistral["model"]["tokens_per_s"] == pytest.approx(0.73 * 200 / (0.5 * 7.25))
    assert mistral["energy_per_item_wh_p5"] < mistral["energy_per_item_wh"]
    assert mistral["energy_per_item_wh"] < mistral["energy_per_item_wh_p95"]
    inputs = {i["factor"] for i in doc["scenarios"][0]["uncertainty"]["inputs"]}
    assert {"device:apple-silicon:power", "device:apple-silicon:efficiency"} <= inputs
    path = tmp_path / "t.yaml"
    path.write_text(
        "site: local\nitems:\n  - {model: mistral-7b-instruct-v0.3, device: labtop, count: 1}\n",
        encoding="utf-8",
    )
    result = run("scenario", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path}:3: items[0].device names an unknown device 'labtop' (did you mean: "
        "laptop?); known: apple-silicon, laptop, desktop-gpu\n"
    )


def test_french_derivations_say_milliards_and_space_their_semicolons(run: Run) -> None:
    result = run("estimate", "gpt-4o=1", "sora-2=1", "--explain", "--lang", "fr", "-f", "json")
    steps = json.loads(result.stdout)["scenarios"][0]["derivation"]
    assert steps[2].startswith(
        "  GPT-4o par la méthode text : 440 Md de paramètres, 76,2 Md [44–132] actifs, bf16 -> "
    )
    assert steps[2].endswith(
        "(ecologits-models-0.11.3 : Rincé & Banse 2026 ; hypothèse ; mlenergy-v3 : Chung et al. "
        "2025 ; dérivé)"
    )
    assert "(openai-pricing-2025 : OpenAI 2025 ; hypothèse ; ecologits-video : " in steps[4]
    english = json.loads(run("estimate", "gpt-4o=1", "--explain", "-f", "json").stdout)
    assert english["scenarios"][0]["derivation"][2].startswith(
        "  GPT-4o by the text method: 440 B parameters, 76.2 B [44–132] active, bf16 -> "
    )


def test_markdown_footnotes_the_sources_of_published_figures(run: Run) -> None:
    # The published figures name their sources: in Markdown each is a footnote defined below.
    text = run("estimate", "chatgpt=1", "-f", "markdown").stdout
    assert "(text.chatgpt.altman-2025; altman-2025[^altman-2025]; secondary; " in text
    assert "(text.chatgpt.epoch-2025; epoch-2025[^epoch-2025]; primary; " in text
    assert "\n[^altman-2025]: " in text and "\n[^epoch-2025]: Josh You (2025-02-07). " in text


def test_the_python_api_reads_model_names_and_tokens() -> None:
    import aicost

    result = aicost.estimate(["gpt-4o:1000=10"], tokens={"input_tokens": 50})
    from aicost.modelitem import TextModel

    (item,) = result.estimate.items
    text = item.item.text
    assert isinstance(text, TextModel)
    assert (text.output_tokens, text.input_tokens) == (1000, 50)
    assert item.item.count == 10


def test_a_text_model_at_home_needs_a_device(run: Run) -> None:
    result = run("estimate", "mistral-7b-instruct-v0.3=10", "--site", "local")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: command line: 'Mistral 7B Instruct v0.3' runs on your own computer (site "
        "local): say on which device, 'device: apple-silicon', 'laptop' or 'desktop-gpu' "
        "(--device on the command line), or give its power and duration\n"
    )
    ok = run("estimate", "mistral-7b-instruct-v0.3=10", "--site", "local", "--device", "laptop")
    assert ok.exit_code == 0
    (item,) = json.loads(
        run(
            "estimate",
            "mistral-7b-instruct-v0.3=1",
            "--site",
            "local",
            "--device",
            "laptop",
            "-f",
            "json",
        ).stdout
    )["scenarios"][0]["items"]
    # laptop: 0.5 × 80 GB/s / (0.5 byte × 7.25 B) = 11.03 tokens/s at 30 W; 305 tokens
    assert item["energy_per_item_wh"] == pytest.approx(30 * 305 / (0.5 * 80 / 3.625) / 3600)


def test_a_disclosure_is_counted_at_the_item_s_own_site(run: Run, tmp_path: Path) -> None:
    # An item on its own site (issue 14): the published figure counts at that site too, so the
    # ratio is 3.5× (1.38 Wh against 0.397 Wh), not 1.38 / 0.340 = 4.1×.
    path = tmp_path / "s.yaml"
    path.write_text(
        "items:\n  - {model: chatgpt, count: 1, site: us-average.lbnl}\n", encoding="utf-8"
    )
    text = " ".join(run("scenario", str(path)).stdout.split())
    assert (
        "method 1.38 Wh, 3.5× the published 0.340 Wh (0.397 Wh at site us-average.lbnl), " in text
    )


def test_each_answer_length_of_a_model_gets_its_own_comparison(run: Run) -> None:
    # gpt-4o=1 and gpt-4o=3 are the same answer (one set of lines); gpt-4o:1000 is another.
    lines = [
        line
        for line in run("estimate", "gpt-4o=1", "gpt-4o=3", "gpt-4o:1000=1").stdout.splitlines()
        if line.startswith("  GPT-4o: method ")
    ]
    assert len(lines) == 8
    assert lines[0].startswith("  GPT-4o: method 0.708 Wh, 1.6× the published 0.421 Wh ")
    assert lines[4].startswith("  GPT-4o: method 2.41 Wh, 5.3× the published 0.421 Wh ")


def test_the_site_line_names_where_each_item_runs(run: Run) -> None:
    result = run("estimate", "sd3-medium=1", "gpt-4o=1", "text.large=1")
    assert result.exit_code == 0
    assert (
        "Site: each item at its own site: huggingface.us (Stable Diffusion 3 Medium),"
        " openai.ecologits (GPT-4o), as-reported (Text answer, Llama 3.1 405B)"
    ) in " ".join(result.stdout.split())
    assert "(as-reported)" not in result.stdout
    french = run("estimate", "sd3-medium=1", "--lang", "fr")
    assert (
        "Site : chaque élément sur son propre site : huggingface.us (Stable Diffusion 3 Medium)"
        in " ".join(french.stdout.split())
    )
    markdown = run("estimate", "gpt-4o=1", "-f", "markdown")
    assert "Site: each item at its own site: `openai.ecologits` (GPT-4o)[^" in markdown.stdout
    # one site for all (the scenario's): as before
    same = run("estimate", "gpt-4o=1", "--site", "us-average.lbnl")
    assert "Site: Average US data centre, 2023 (LBNL) (us-average.lbnl)" in " ".join(
        same.stdout.split()
    )

"""Image and video items through the engine, the Monte Carlo, the JSON and `aicost estimate`,
with the shipped coefficients (factors.yaml `methods:` image, video, video.latency)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from aicost.engine import estimate
from aicost.errors import InputError
from aicost.factors import FactorTable
from aicost.scenarios import items_from_arguments, parse_scenario
from aicost.testing import assert_allclose
from aicost.uncertainty import analyse
from aicost.units import Q

Run = Callable[..., Any]


def _estimate(factors: FactorTable, *items: dict[str, object], site: str = "as-reported") -> Any:
    data = {"name": "t", "site": site, "grids": ["FR"], "items": list(items)}
    return estimate(parse_scenario(data, "t.yaml", factors))


def _parse_error(factors: FactorTable, item: dict[str, object]) -> str:
    data = {"name": "t", "grids": ["FR"], "items": [item]}
    with pytest.raises(InputError) as err:
        parse_scenario(data, "t.yaml", factors)
    return str(err.value)


def test_an_image_at_two_sizes(factors: FactorTable) -> None:
    # FLUX.1 [dev]: 12 B, MM-DiT, 50 steps, batch 1; k 0.003226 J, q 5499, b0 3.904 J.
    # 1024²: 4096 tokens; 4096 / (5499 · √12 = 19049.09) = 0.215023;
    #   50 · (0.003226 · 12 · 4096 · 1.215023 + 3.904) = 50 · 196.5634 = 9,828.17 J
    # 512²: 1024 tokens; 1 + 1024 / 19049.09 = 1.053756;
    #   50 · (0.003226 · 12 · 1024 · 1.053756 + 3.904) = 50 · 45.6760 = 2,283.80 J
    est = _estimate(
        factors,
        {"model": "flux.1-dev", "count": 1, "width": 512, "height": 512},
        {"model": "flux-dev", "count": 1},
    )
    small, large = est.items
    assert_allclose(small.accelerator_per_item, Q(2283.80, "J"), rtol=1e-5)
    assert_allclose(large.accelerator_per_item, Q(9828.17, "J"), rtol=1e-5)
    # then × the host factor 1.57 (IT) × PUE 1.115 of huggingface.us, its default site
    assert_allclose(large.it_per_item, Q(9828.17 * 1.57, "J"), rtol=1e-5)
    assert_allclose(large.per_item, Q(9828.17 * 1.57 * 1.115, "J"), rtol=1e-5)


def test_a_clip_six_times_longer_costs_twenty_eight_times_more(factors: FactorTable) -> None:
    # Wan 2.1 1.3B, 832×480, 16 fps, 50 steps; k 0.003803 J. 5 s: 81 frames, 33,150 tokens;
    # 30 s: 481 frames, 189,150 tokens. q·√1.3 = 6269.95.
    #   5 s:  50 · 0.003803 · 1.3 · 33150 · (1 + 5.287121) = 51,520.8 J
    #   30 s: 50 · 0.003803 · 1.3 · 189150 · (1 + 30.16769) = 1,457,334 J (×28.29, not ×6)
    est = _estimate(
        factors,
        {"model": "wan-2.1-t2v-1.3b", "count": 1, "seconds": 5},
        {"model": "wan-2.1-t2v-1.3b", "count": 1, "seconds": 30},
    )
    five, thirty = est.items
    assert_allclose(five.accelerator_per_item, Q(51520.8, "J"), rtol=1e-5)
    assert_allclose(thirty.accelerator_per_item, Q(1457334, "J"), rtol=1e-5)
    ratio = (thirty.accelerator_per_item / five.accelerator_per_item).to("").magnitude
    assert ratio == pytest.approx(28.286, rel=1e-4)


def test_closed_video_services_at_the_server(factors: FactorTable) -> None:
    # Sora 2, 720p, 8 s: F = 193, T = 177,868.8; EcoLogits' sora-2-pro fit:
    #   0.000427 · T + 0.663 · F + 7.39e-10 · T² = 75.95 + 127.96 + 23.38 = 227.289 s
    #   × 6,646.63 W (DGX H200) × 0.3333 (Sora 2 / Sora 2 Pro, price ratio) = 503,518 J (IT)
    # Veo 3, 720p, 8 s: 3.31e-14 · F · (W·H)² + 0.000153 · T + 33.9 = 66.5398 s × 1,672.99 W
    #   = 111,320 J (IT)
    est = _estimate(factors, {"model": "sora", "count": 1}, {"model": "veo-3", "count": 1})
    sora, veo = est.items
    assert sora.accelerator_per_item is None
    assert_allclose(sora.it_per_item, Q(503518, "J"), rtol=1e-5)
    assert_allclose(veo.it_per_item, Q(111320.4, "J"), rtol=1e-5)
    # as reported: at the facility of the default site (openai.ecologits PUE 1.2, Google 1.09)
    assert_allclose(sora.per_item, Q(503518 * 1.2, "J"), rtol=1e-5)
    assert_allclose(veo.per_item, Q(111320.4 * 1.09, "J"), rtol=1e-5)


def test_size_only_carries_the_spread_between_architectures(factors: FactorTable) -> None:
    sized = {"kind": "image", "label": "X", "params": "12B", "count": 1}
    settings = {"width": 1024, "height": 1024, "steps": 50}
    est = _estimate(factors, {**sized, **settings}, {**sized, **settings, "architecture": "mm-dit"})
    u = analyse(est, samples=20000, seed=1)
    unknown, known = (item.accelerator_wh for item in u.items)
    assert unknown is not None and known is not None
    # 90 % interval: at least ×5 wide with the size only; narrower with the architecture
    assert unknown.p95 / unknown.p5 >= 5
    assert known.p95 / known.p5 < unknown.p95 / unknown.p5
    assert unknown.p5 < unknown.central < unknown.p95


def test_a_published_task_beside_the_method(factors: FactorTable) -> None:
    # MIT's SD3 Medium task stays as published (2,282 J at the IT boundary; 1,141 J of GPU
    # energy, ML.ENERGY v2 at batch 4); the method for the same settings:
    # 25 · (0.003226 · 2 · 4096 · (1 + 4096 / (5499 · √2)) + 3.904 / 4) = 1,033.07 J
    est = _estimate(factors, {"model": "sd3-medium", "count": 1, "steps": 25, "batch": 4})
    (r,) = est.items
    assert_allclose(r.accelerator_per_item, Q(1033.07, "J"), rtol=1e-5)
    assert r.item.text is not None
    assert [t.id for t in r.item.text.disclosures] == [
        "image.sd3-medium",
        "image.sd3-medium.50-steps",
    ]
    assert_allclose(factors.task("image.sd3-medium").energy, Q(2282, "J"))


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (
            {"kind": "image", "label": "X", "params": "2B", "width": 512, "height": 512},
            "t.yaml: items[0] needs 'steps' (a setting of its method)",
        ),
        (
            {"model": "sora-2", "steps": 30},
            "t.yaml: items[0].steps is not a setting of a video service; give width, height,"
            " seconds, frames, fps",
        ),
        (
            {"model": "flux.1-dev", "fps": 24},
            "t.yaml: items[0].fps is not a setting of image models; give width, height, steps,"
            " batch",
        ),
        (
            {"model": "wan-2.1", "seconds": 5, "frames": 81},
            "t.yaml: items[0].frames give 'seconds' or 'frames', not both",
        ),
        (
            {"kind": "video", "label": "X", "params": "2B", "width": 64, "height": 64, "steps": 4},
            "t.yaml: items[0] needs 'frames' (a setting of its method)",
        ),
        (
            {"model": "flux.1-dev", "width": 7},
            "t.yaml: items[0].width must be at least 64, got 7",
        ),
        (
            {"model": "sora-2", "width": 99999, "height": 99999},
            "t.yaml: items[0].width must be at most 8,192, got 99,999",
        ),
        (
            {"model": "flux.1-dev", "steps": 1001},
            "t.yaml: items[0].steps must be at most 1,000, got 1,001",
        ),
        (
            {"model": "wan-2.1", "seconds": 601},
            "t.yaml: items[0].seconds must be at most 600, got 601",
        ),
        (
            {"model": "sora-2", "frames": 72001, "fps": 120},
            "t.yaml: items[0].frames must be at most 72,000, got 72,001",
        ),
        (
            {"model": "flux.1-dev", "width": -512},
            "t.yaml: items[0].width must be a whole number > 0, got -512",
        ),
        (
            {"kind": "image", "label": "X", "params": "2B", "architecture": "gan"},
            "t.yaml: items[0].architecture must be one of linear-attention, dit, mm-dit,"
            " u-net, got 'gan'",
        ),
    ],
)
def test_bad_media_items(factors: FactorTable, item: dict[str, object], message: str) -> None:
    assert _parse_error(factors, {"count": 1, **item}) == message


def test_command_line_settings(factors: FactorTable) -> None:
    items = items_from_arguments(
        ["flux.1-dev:512x512,20steps=2", "sora-2:12s", "text.large=1"], factors
    )
    assert items == [
        {"model": "flux.1-dev", "count": 2, "width": 512, "height": 512, "steps": 20},
        {"model": "sora-2", "count": 1, "seconds": 12},
        {"task": "text.large", "count": 1},
    ]
    items = items_from_arguments(["veo-3=1"], factors, settings={"width": 1920, "height": 1080})
    assert items == [{"model": "veo-3", "count": 1, "width": 1920, "height": 1080}]


def test_estimate_answers_sizes_lengths_and_services(run: Run) -> None:
    result = run(
        "estimate",
        "flux.1-dev:512x512=1",
        "flux.1-dev:1024x1024=1",
        "wan-2.1-t2v-1.3b:5s=1",
        "wan-2.1-t2v-1.3b:30s=1",
        "sora-2=1",
        "veo-3=1",
        "-f",
        "json",
        "--uncertainty",
    )
    assert result.exit_code == 0
    items = json.loads(result.stdout)["scenarios"][0]["items"]
    acc = [i["accelerator_energy_per_item_wh"] for i in items]
    assert acc[0] == pytest.approx(2283.80 / 3600, rel=1e-5)
    assert acc[1] == pytest.approx(9828.17 / 3600, rel=1e-5)
    assert acc[3] / acc[2] == pytest.approx(28.286, rel=1e-4)
    assert acc[4] is None and acc[5] is None
    assert items[4]["it_energy_per_item_wh"] == pytest.approx(503518 / 3600, rel=1e-5)
    assert items[4]["model"]["service"] == "sora-2-pro"
    for item in items:
        for key in ("it_energy_per_item_wh", "energy_per_item_wh"):
            assert item[f"{key}_p5"] < item[key] < item[f"{key}_p95"]


def test_estimate_refuses_a_bad_setting(run: Run) -> None:
    result = run("estimate", "flux.1-dev:512by512=1")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: argument 'flux.1-dev:512by512=1': '512by512' is not a setting; write"
        " WIDTHxHEIGHT, Ns (seconds), Nf (frames), Nfps or Nsteps, comma-separated, e.g."
        " flux.1-dev:512x512,20steps=1\n"
    )


def test_estimate_explains_a_clip(run: Run) -> None:
    result = run("estimate", "veo-3:1920x1080=1", "--explain")
    assert result.exit_code == 0
    assert "Veo 3 by EcoLogits' latency fit for veo-3: 1920×1080 px, 8.00 s = 193" in " ".join(
        result.stdout.split()
    )


def test_a_published_task_shows_the_method_beside_it(run: Run) -> None:
    result = run("factors", "tasks", "image.sd3-medium")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    # the task as published (unchanged), then the method for the model it is published for:
    # 25 · (0.003226 · 2 · 4096 · 1.526697 + 3.904) = 1,106.27 J = 0.307 Wh at the GPUs,
    # × 1.57 = 0.482 Wh at the IT boundary
    assert "energy per generation: 2.28 kJ" in text
    assert (
        "aicost's method for stable-diffusion-3-medium (1024×1024, 25 steps): 0.307 Wh at the"
        " GPUs, 0.482 Wh at the IT boundary (media-model-cards: Model-cards 2025; secondary;"
        " mlenergy-v3: Chung et al. 2025; derived); `aicost estimate stable-diffusion-3-medium=1`"
        " shows both" in text
    )
    clip = " ".join(run("factors", "tasks", "video.cogvideox.old").stdout.split())
    assert "aicost's method for cogvideox-2b (720×480, 49 frames, 50 steps)" in clip
    assert "aicost's method for cogvideox-5b" in clip


def test_an_item_s_status_is_the_weakest_of_what_it_rests_on(run: Run) -> None:
    # Sora 2 = a third of Sora 2 Pro's latency fit (primary) by price: an assumption
    result = run("estimate", "sora-2=1", "veo-3=1", "flux.1-dev=1", "-f", "json")
    assert result.exit_code == 0
    items = json.loads(result.stdout)["scenarios"][0]["items"]
    assert [(i["source"], i["model"]["status"], i["status"]) for i in items] == [
        ("ecologits-video", "assumption", "assumption"),
        ("ecologits-video", "assumption", "assumption"),
        ("mlenergy-v3", "secondary", "derived"),
    ]


def test_estimate_refuses_a_size_out_of_range(run: Run) -> None:
    result = run("estimate", "sora-2:99999x99999=1")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: command line: items[0].width must be at most 8,192, got 99,999\n"
    )
    result = run("estimate", "gpt-4o=1", "--output-tokens", "20000000", "--lang", "fr")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Erreur : ligne de commande: items[0].output_tokens doit valoir au plus"
        " 10\u202f000\u202f000, pas 20\u202f000\u202f000\n"
    )


def test_an_option_no_item_takes_is_named_on_stderr(run: Run) -> None:
    result = run("estimate", "text.large=1", "--output-tokens", "5")
    assert result.exit_code == 0
    assert result.stderr == (
        "Warning: --output-tokens applies to no item (only text models take it); ignored\n"
    )
    alone = run("estimate", "text.large=1")
    assert result.stdout == alone.stdout  # the estimate itself is unchanged
    result = run("estimate", "gpt-4o=1", "--steps", "3", "--lang", "fr", "-f", "json")
    assert result.exit_code == 0
    assert result.stderr == (
        "Attention : --steps ne s'applique à aucun élément (seuls les modèles d'image et de"
        " vidéo le prennent) ; ignoré\n"
    )
    # taken by one item at least: no warning
    result = run("estimate", "gpt-4o=1", "flux.1-dev=1", "--steps", "3", "--output-tokens", "5")
    assert (result.exit_code, result.stderr) == (0, "")

"""The image and video methods: hand-computed values, floats and arrays alike, their shape."""

from __future__ import annotations

import numpy as np
import pytest

from aicost.methods import image, latency, video
from aicost.methods.diffusion import DiffusionCoefficients, Family, check_values

DIT = Family("mm-dit", k_j=0.003, token_stride_px=16.0, quadratic=True, residual_gsd=1.2)
LINEAR = Family(
    "linear-attention", k_j=0.01, token_stride_px=32.0, quadratic=False, residual_gsd=1.2
)
VDIT = Family("dit", k_j=0.004, token_stride_px=16.0, quadratic=True, residual_gsd=1.5)
UNKNOWN = Family("unknown", k_j=0.002, token_stride_px=16.0, quadratic=True, residual_gsd=1.7)
COEF = DiffusionCoefficients(
    families={"mm-dit": DIT, "linear-attention": LINEAR, "dit": VDIT},
    unknown=UNKNOWN,
    attention_q=5000.0,
    batch_shared_j=4.0,
    hardware={"h100": 1.0, "b200": 0.85},
)
NO_SHARED = DiffusionCoefficients(COEF.families, UNKNOWN, 5000.0, 0.0, {"h100": 1.0})


def test_image_by_hand() -> None:
    # 1024² at 16 px per token: 64 · 64 = 4096 tokens; q·√2.5 = 5000 · 1.5811388 = 7905.694
    # per step: 0.003 · 2.5 · 4096 · (1 + 4096 / 7905.694) = 30.72 · 1.518106 = 46.6363 J
    # + b0 4 J (batch 1) = 50.6363 J; × 28 steps = 1417.815 J
    e = image.accelerator_energy_j(2.5, 1024, 1024, 28, 1, COEF, architecture="mm-dit")
    assert e == pytest.approx(1417.815, rel=1e-6)
    # batch 4 shares b0: 28 · (46.6363 + 1) = 1333.815 J
    e4 = image.accelerator_energy_j(2.5, 1024, 1024, 28, 4, COEF, architecture="mm-dit")
    assert e4 == pytest.approx(1333.815, rel=1e-6)


def test_image_linear_attention_tokens_and_no_quadratic_term() -> None:
    # 1024² at 32 px per token: 1024 tokens; 0.01 · 1.6 · 1024 = 16.384 J per step; × 20 = 327.68
    e = image.accelerator_energy_j(1.6, 1024, 1024, 20, 1, NO_SHARED, "linear-attention")
    assert e == pytest.approx(327.68, rel=1e-9)
    # linear: a quarter of the pixels is a quarter of the energy
    e512 = image.accelerator_energy_j(1.6, 512, 512, 20, 1, NO_SHARED, "linear-attention")
    assert e512 == pytest.approx(327.68 / 4, rel=1e-9)


def test_image_unknown_architecture_uses_the_default() -> None:
    # 0.002 · 2.5 · 4096 · 1.518106 = 31.0908 J per step (+ 4 J) · 28 = 982.54 J
    e = image.accelerator_energy_j(2.5, 1024, 1024, 28, 1, COEF)
    assert e == pytest.approx(982.543, rel=1e-5)
    # a known shape the data did not calibrate (u-net here) is the size-only estimate
    assert image.accelerator_energy_j(2.5, 1024, 1024, 28, 1, COEF, "u-net") == e
    assert image.residual_gsd(COEF) == 1.7
    assert image.residual_gsd(COEF, "mm-dit") == 1.2


def test_steps_are_linear() -> None:
    e25 = image.accelerator_energy_j(2.0, 1024, 1024, 25, 1, COEF, "mm-dit")
    e50 = image.accelerator_energy_j(2.0, 1024, 1024, 50, 1, COEF, "mm-dit")
    assert e50 == pytest.approx(2 * e25, rel=1e-12)


def test_smaller_images_cost_less_more_than_linearly_saved_with_attention() -> None:
    e512 = image.accelerator_energy_j(12.0, 512, 512, 50, 1, NO_SHARED, "mm-dit")
    e1024 = image.accelerator_energy_j(12.0, 1024, 1024, 50, 1, NO_SHARED, "mm-dit")
    assert e512 < e1024
    # 4096 vs 1024 tokens, q·√12 = 17320.5: (4096 · 1.236482) / (1024 · 1.059120) = 4.6698
    assert e1024 / e512 == pytest.approx(4.6698, rel=1e-4)


def test_float_and_numpy_agree() -> None:
    params = np.array([1.0, 2.5, 12.0])
    arr = image.accelerator_energy_j(params, 1024, 1024, 28, 1, COEF, "mm-dit")
    assert isinstance(arr, np.ndarray)
    for p, a in zip(params, arr, strict=True):
        assert image.accelerator_energy_j(float(p), 1024, 1024, 28, 1, COEF, "mm-dit") == (
            pytest.approx(float(a), rel=1e-12)
        )
    residual = np.array([0.5, 1.0, 2.0])
    vs = video.accelerator_energy_j(1.3, 832, 480, 81, 50, 1, COEF, "dit", residual=residual)
    v1 = video.accelerator_energy_j(1.3, 832, 480, 81, 50, 1, COEF, "dit")
    assert list(vs) == pytest.approx([v1 / 2, v1, 2 * v1], rel=1e-12)
    lin = image.accelerator_energy_j(params, 512, 512, 20, 1, NO_SHARED, "linear-attention")
    assert lin.shape == (3,)


def test_video_tokens_and_frames() -> None:
    assert video.frames(5, 16) == 81
    # Wan 2.1 at 832×480, 81 frames: (1 + 81/4) · (480/16) · (832/16) = 21.25 · 30 · 52
    assert video.tokens(81, 832, 480, 16.0) == 33150


def test_video_by_hand() -> None:
    # q·√1.3 = 5700.877; 33150 / 5700.877 = 5.814893; 0.004 · 1.3 · 33150 = 172.38
    # per step 172.38 · 6.814893 = 1174.752 J; video b0 none; × 50 steps = 58,737.6 J
    e = video.accelerator_energy_j(1.3, 832, 480, 81, 50, 1, NO_SHARED, "dit")
    assert e == pytest.approx(58737.58, rel=1e-6)


def test_thirty_seconds_is_not_six_times_five_seconds() -> None:
    # 481 frames: (1 + 120.25) · 1560 = 189,150 tokens; 189150 / 5700.877 = 33.17926
    # per step 0.004 · 1.3 · 189150 · 34.17926 = 33,618.04 J; × 50 = 1,680,902 J: ×28.6 the 5 s clip
    e5 = video.accelerator_energy_j(1.3, 832, 480, video.frames(5, 16), 50, 1, NO_SHARED, "dit")
    e30 = video.accelerator_energy_j(1.3, 832, 480, video.frames(30, 16), 50, 1, NO_SHARED, "dit")
    assert e30 == pytest.approx(1680894.2, rel=1e-6)
    assert e30 / e5 == pytest.approx(28.617, rel=1e-4)
    assert e30 / e5 > 6


def test_hardware_factor() -> None:
    h = image.accelerator_energy_j(2.5, 1024, 1024, 28, 1, COEF, "mm-dit")
    b = image.accelerator_energy_j(2.5, 1024, 1024, 28, 1, COEF, "mm-dit", hardware="b200")
    assert b == pytest.approx(0.85 * h, rel=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"architecture": "transformer"}, "unknown architecture 'transformer'; known: dit, "),
        ({"architecture": "u-net", "hardware": "tpu"}, "unknown hardware 'tpu'"),
        ({"hardware": "tpu"}, "unknown hardware 'tpu'; known: b200, h100"),
    ],
)
def test_bad_names(kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(")):
        image.accelerator_energy_j(2.5, 1024, 1024, 28, 1, COEF, **kwargs)


VALUES = {
    "attention_q": 5000.0,
    "batch_shared_j": 4.0,
    "k.mm-dit": 0.003,
    "residual_gsd.mm-dit": 1.2,
    "k.unknown": 0.002,
    "residual_gsd.unknown": 1.7,
    "hardware.b200": 0.85,
}


def test_from_values_builds_the_same_coefficients() -> None:
    coef = DiffusionCoefficients.from_values(VALUES)
    assert coef.families == {"mm-dit": DIT}
    assert coef.unknown == UNKNOWN
    assert coef.hardware == {"h100": 1.0, "b200": 0.85}
    assert image.accelerator_energy_j(2.5, 1024, 1024, 28, 1, coef, "mm-dit") == pytest.approx(
        1417.815, rel=1e-6
    )


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"attention_q": None}, (None, "needs the coefficient 'attention_q'")),
        ({"residual_gsd.mm-dit": None}, (None, "needs the coefficient 'residual_gsd.mm-dit'")),
        (
            {"k.transformer": 1.0},
            ("k.transformer", "is not a coefficient of the image method; allowed: attention_q"),
        ),
        ({"speed": 1.0}, ("speed", "is not a coefficient of the image method")),
        ({"k.mm-dit": 0.0}, ("k.mm-dit", "must be > 0")),
        ({"batch_shared_j": -1.0}, ("batch_shared_j", "must be ≥ 0")),
        ({"residual_gsd.unknown": 0.9}, ("residual_gsd.unknown", "must be ≥ 1")),
    ],
)
def test_check_values(change: dict[str, float | None], problem: tuple[str | None, str]) -> None:
    values = {k: v for k, v in {**VALUES, **change}.items() if v is not None}
    found = check_values("image", values)
    assert found is not None
    assert found[0] == problem[0]
    assert found[1].startswith(problem[1])
    with pytest.raises(ValueError, match="^" + (problem[0] or "image") + ": "):
        DiffusionCoefficients.from_values(values)
    assert check_values("image", VALUES) is None


LATENCY = {
    "sora-2-pro.m": 4.27e-4,
    "sora-2-pro.m1": 0.663,
    "sora-2-pro.n2": 7.39e-10,
    "veo-3.1.m": 3.41e-4,
    "veo-3.1.g": 24.4,
    "server_power.dgx-h200.low": 4992.03,
    "server_power.dgx-h200.mean": 6646.63,
    "server_power.dgx-h200.high": 8487.31,
    "residual_gsd": 1.5,
}


def test_latency_coefficients_from_values() -> None:
    coef = latency.LatencyCoefficients.from_values(LATENCY)
    assert coef.services == {
        "sora-2-pro": latency.LatencyRegression(m=4.27e-4, m1=0.663, n2=7.39e-10),
        "veo-3.1": latency.LatencyRegression(m=3.41e-4, g=24.4),
    }
    assert coef.servers == {"dgx-h200": latency.ServerPower(4992.03, 6646.63, 8487.31)}
    assert coef.residual_gsd == 1.5


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"residual_gsd": None}, (None, "needs the coefficient 'residual_gsd'")),
        ({"server_power.dgx-h200.low": None}, (None, "needs the coefficient 'server_power.dgx")),
        ({"sora-2-pro.x": 1.0}, ("sora-2-pro.x", "is not a coefficient of the video.latency")),
        ({"veo-3.1.g": -1.0}, ("veo-3.1.g", "must be ≥ 0")),
        ({"server_power.dgx-h200.mean": 0.0}, ("server_power.dgx-h200.mean", "must be > 0")),
    ],
)
def test_latency_check_values(
    change: dict[str, float | None], problem: tuple[str | None, str]
) -> None:
    values = {k: v for k, v in {**LATENCY, **change}.items() if v is not None}
    found = latency.check_values(values)
    assert found is not None
    assert found[0] == problem[0]
    assert found[1].startswith(problem[1])
    assert latency.check_values(LATENCY) is None


def test_latency_sora_2_pro_by_hand() -> None:
    # EcoLogits' sora-2-pro fit: m 4.27e-4, m1 0.663, n2 7.39e-10. 720p, 4 s: F = 24·4 + 1 = 97,
    # T = 1280·720·97/1000 = 89,395.2; latency = 38.17175 + 64.311 + 5.90565 = 108.3884 s
    reg = latency.LatencyRegression.from_values(
        {"sora-2-pro.m": 4.27e-4, "sora-2-pro.m1": 0.663, "sora-2-pro.n2": 7.39e-10}, "sora-2-pro"
    )
    assert latency.frames_at_24(4) == 97
    assert latency.latency_s(1280, 720, 97, reg) == pytest.approx(108.3884, rel=1e-6)
    # × a DGX H200 at 6,646.63 W = 720,418 J of server energy; a third of it with scale 1/3
    assert latency.it_energy_j(1280, 720, 4, reg, 6646.63) == pytest.approx(720418, rel=1e-5)
    third = latency.it_energy_j(1280, 720, 4, reg, np.array([6646.63]), scale=1 / 3)
    assert float(third[0]) == pytest.approx(720418 / 3, rel=1e-5)


def test_latency_audio_weight_and_constant() -> None:
    # veo-3.1: m 3.41e-4, g 24.4, audio weight 0.5. 720p, 8 s: F = 193, T = 177,868.8;
    # (60.6533 + 24.4) · 0.5 = 42.5266 s
    reg = latency.LatencyRegression(m=3.41e-4, g=24.4, audio_weight=0.5)
    assert latency.latency_s(1280, 720, 193, reg) == pytest.approx(42.52666, rel=1e-6)


def test_shipped_coefficients() -> None:
    from aicost.factors import load_factors

    table = load_factors()
    img = DiffusionCoefficients.from_values(
        {k: c.value for k, c in table.method("image").coefficients.items()}, "image"
    )
    vid = DiffusionCoefficients.from_values(
        {k: c.value for k, c in table.method("video").coefficients.items()}, "video"
    )
    assert set(img.families) == {"linear-attention", "mm-dit", "u-net"}
    assert set(vid.families) == {"dit"}
    # size only: the 90 % interval spans at least the ×5 between architectures
    for coef in (img, vid):
        assert coef.unknown.residual_gsd ** (2 * 1.6449) >= 5
    # ML.ENERGY v3, SD 3.5 Medium (2.5 B, MM-DiT), 1024², 28 steps, batch 1, one H100: 1,581 J;
    # the fit (which saw it) lands within its own residual spread
    e = image.accelerator_energy_j(2.5, 1024, 1024, 28, 1, img, "mm-dit")
    assert 1581 / 1.3 < e < 1581 * 1.3
    # Wan 2.1 14B, 832×480, 81 frames, 50 steps: 289,253 J measured
    e = video.accelerator_energy_j(14, 832, 480, 81, 50, 1, vid, "dit")
    assert 289253 / 1.6 < e < 289253 * 1.6
    lat = latency.LatencyCoefficients.from_values(
        {k: c.value for k, c in table.method("video.latency").coefficients.items()}
    )
    assert {"sora-2-pro", "veo-3", "veo-3.1", "kling-2.6", "runway-gen-4.5"} <= set(lat.services)
    assert set(lat.servers) == {"dgx-h800", "dgx-h200", "tpu-v6e"}

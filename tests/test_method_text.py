"""The text-generation method: its arithmetic by hand, its shape, floats vs arrays, precisions,
and the `methods:` section of factors.yaml that holds its coefficients."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from aicost.errors import InputError, UsageError
from aicost.factors import FactorTable, load_factors
from aicost.methods import text
from aicost.methods.text import TextCoefficients

ROOT = Path(__file__).resolve().parent.parent

# Round numbers, so every expected value below can be worked out by hand.
ROUND = TextCoefficients(
    weight_energy=0.2,
    weight_bytes_exponent=0.5,
    moe_exponent=0.25,
    token_energy=0.05,
    token_active_exponent=0.5,
    token_gpus_exponent=1.0,
    token_bytes_exponent=0.0,
    context_scale=1000.0,
    prefill_weight=0.1,
    memory_overhead=1.25,
    gpu_memory_gb={"h100": 80.0, "b200": 180.0},
    gpu_power_w={"h100": 500.0, "b200": 800.0},
    hardware_weights={"h100": 1.0, "b200": 2.0},
    hardware_token={"h100": 1.0, "b200": 0.5},
    batch_low=4.0,
    batch_high=400.0,
    residual_gsd=2.0,
)


def test_dense_model_by_hand() -> None:
    # 16B BF16: weights 32 GB, x 1.25 = 40 GB -> 1 GPU. Weights term 0.2 J/GB x 32 GB / batch 32
    # = 0.2 J; per-token term 0.05 x sqrt(16) x 1 GPU x (1 + context 400 / 1000) = 0.28 J
    # (context = 200 input + (300 output + 100 reasoning) / 2). Tokens: 400 + 0.1 x 200 input.
    energy = text.accelerator_energy_j(16.0, 16.0, 2.0, 300.0, 200.0, 100.0, 32.0, ROUND)
    assert energy == pytest.approx((0.2 + 0.28) * 420, rel=1e-12)  # 201.6 J
    assert text.gpus_needed(16.0, 2.0, "h100", ROUND) == 1.0


def test_mixture_of_experts_in_fp8_by_hand() -> None:
    # 400B total, 25B active, FP8: 400 GB x 1.25 / 80 GB = 6.25 -> 7 -> 8 GPUs (power of two).
    # Weights term: 0.2 x 400 x (1/2)^(0.5 - 1) x (25/400)^0.25 = 80 x sqrt(2) x 0.5, / batch 100.
    # Per-token: 0.05 x sqrt(25) x 8 GPUs x (1 + 500/1000) = 3 J. 1,000 output tokens.
    weights = 80 * math.sqrt(2) * 0.5 / 100
    energy = text.accelerator_energy_j(400.0, 25.0, 1.0, 1000.0, 0.0, 0.0, 100.0, ROUND)
    assert energy == pytest.approx((weights + 3.0) * 1000, rel=1e-12)  # 3,565.7 J
    assert text.gpus_needed(400.0, 1.0, "h100", ROUND) == 8.0
    # B200: 500 GB / 180 GB = 2.8 -> 4 GPUs; weights term x 2, per-token x 0.5 (4 GPUs: 1.5 J).
    b200 = text.accelerator_energy_j(400.0, 25.0, 1.0, 1000.0, 0.0, 0.0, 100.0, ROUND, "b200")
    assert b200 == pytest.approx((2 * weights + 0.75) * 1000, rel=1e-12)  # 1,881.4 J
    assert text.gpus_needed(400.0, 1.0, "b200", ROUND) == 4.0
    # GPU-seconds: energy / mean power per GPU; the residual multiplies.
    seconds = text.gpu_seconds(400.0, 25.0, 1.0, 1000.0, 0.0, 0.0, 100.0, ROUND, residual=2.0)
    assert seconds == pytest.approx(2 * (weights + 3.0) * 1000 / 500, rel=1e-12)


def test_committed_coefficients_by_hand(factors: FactorTable) -> None:
    """Llama 3.1 8B, BF16, 396 output tokens at batch 64 on H100, with factors.yaml's fit
    (ML.ENERGY v3 measured 47 J for this row)."""
    coef = TextCoefficients.from_table(factors)
    expected = (0.2227 * 16 / 64 + 0.05827 * 8**0.1437 * (1 + 198 / 5342)) * 396
    energy = text.accelerator_energy_j(8.0, 8.0, 2.0, 396.0, 0.0, 0.0, 64.0, coef)
    assert energy == pytest.approx(expected, rel=1e-12)
    assert energy == pytest.approx(54.31, abs=0.01)
    assert coef.gpu_memory_gb == {"h100": 80.0, "b200": 180.0}
    assert coef.hardware_weights["h100"] == coef.hardware_token["h100"] == 1.0


@pytest.mark.parametrize(
    ("total", "precision", "gpus"),
    [(1, "bf16", 1), (8, "bf16", 1), (32, "bf16", 1), (70, "bf16", 4), (405, "bf16", 16),
     (405, "fp8", 8), (117, "mxfp4", 1), (671, "fp8", 16), (2000, "bf16", 64)],
)  # fmt: skip
def test_gpus_needed_with_the_committed_overhead(
    factors: FactorTable, total: float, precision: str, gpus: float
) -> None:
    # 1.2 x weights over 80 GB, rounded up to a power of two: ML.ENERGY served 70B BF16 on 4
    # H100s, 405B FP8 on 8, gpt-oss-120b (MXFP4) on 1; v2 served 405B BF16 on 16.
    coef = TextCoefficients.from_table(factors)
    assert text.gpus_needed(total, text.precision_bytes(precision), "h100", coef) == gpus


def test_more_tokens_cost_more() -> None:
    base = text.accelerator_energy_j(8.0, 8.0, 2.0, 300.0, 100.0, 0.0, 64.0, ROUND)
    for args in [(600.0, 100.0, 0.0), (300.0, 5000.0, 0.0), (300.0, 100.0, 2000.0)]:
        more = text.accelerator_energy_j(8.0, 8.0, 2.0, *args, 64.0, ROUND)
        assert more > base
    # A reasoning token costs at least an output token (it is one, and lengthens the context).
    out = text.accelerator_energy_j(8.0, 8.0, 2.0, 1300.0, 100.0, 0.0, 64.0, ROUND)
    hidden = text.accelerator_energy_j(8.0, 8.0, 2.0, 300.0, 100.0, 1000.0, 64.0, ROUND)
    assert hidden == pytest.approx(out, rel=1e-12)


def test_bigger_batches_cost_less_per_answer(factors: FactorTable) -> None:
    coef = TextCoefficients.from_table(factors)
    batches = np.array([1.0, 8.0, 64.0, 512.0, 4096.0])
    energy = text.accelerator_energy_j(70.0, 70.0, 2.0, 400.0, 100.0, 0.0, batches, coef)
    assert np.all(np.diff(energy) < 0)
    # ... towards the per-token floor, not zero.
    floor = text.accelerator_energy_j(70.0, 70.0, 2.0, 400.0, 100.0, 0.0, 1e12, coef)
    assert energy[-1] > floor > 0


def test_more_parameters_need_more_gpus_and_energy(factors: FactorTable) -> None:
    coef = TextCoefficients.from_table(factors)
    params = np.array([1.0, 3.0, 8.0, 30.0, 70.0, 200.0, 405.0, 1000.0, 2000.0])
    gpus = text.gpus_needed(params, 2.0, "h100", coef)
    assert np.all(np.diff(gpus) >= 0)
    assert gpus[0] == 1 and gpus[-1] == 64
    energy = text.accelerator_energy_j(params, params, 2.0, 300.0, 100.0, 0.0, 64.0, coef)
    assert np.all(np.diff(energy) > 0)
    # Lower precision: fewer bytes to hold and to read.
    bf16, fp8, int4 = (
        text.accelerator_energy_j(405.0, 405.0, b, 300.0, 100.0, 0.0, 64.0, coef)
        for b in (2.0, 1.0, 0.5)
    )
    assert bf16 > fp8 > int4


def test_floats_and_arrays_give_the_same_numbers(factors: FactorTable) -> None:
    coef = TextCoefficients.from_table(factors)
    cases = [
        (8.0, 8.0, 2.0, 300.0, 100.0, 0.0, 64.0),
        (70.0, 70.0, 1.0, 1000.0, 3000.0, 500.0, 8.0),
        (440.0, 88.0, 2.0, 300.0, 100.0, 0.0, 512.0),
        (2000.0, 400.0, 0.5, 50.0, 0.0, 9000.0, 1.0),
    ]
    t, a, b, o, i, r, n = (np.array(c) for c in zip(*cases, strict=True))
    for hardware in ("h100", "b200"):
        arrays = text.accelerator_energy_j(t, a, b, o, i, r, n, coef, hardware)
        seconds = text.gpu_seconds(t, a, b, o, i, r, n, coef, hardware)
        gpus = text.gpus_needed(t, b, hardware, coef)
        for k, case in enumerate(cases):
            one = text.accelerator_energy_j(*case, coef, hardware)
            assert isinstance(one, float)
            assert arrays[k] == pytest.approx(one, rel=1e-14)
            assert seconds[k] == pytest.approx(text.gpu_seconds(*case, coef, hardware), rel=1e-14)
            assert gpus[k] == text.gpus_needed(case[0], case[2], hardware, coef)


def test_what_the_monte_carlo_draws(factors: FactorTable) -> None:
    coef = TextCoefficients.from_table(factors)
    batch = text.batch_distribution(coef)
    assert (batch.low, batch.high, batch.median) == (8.0, 512.0, 64.0)
    assert batch.quantile(0.0) == 8.0 and batch.quantile(1.0) == pytest.approx(512.0)
    assert batch.quantile(np.array([0.5]))[0] == pytest.approx(64.0)
    residual = text.residual_gsd(coef)
    assert residual.gsd == 1.666 and residual.sigma == pytest.approx(math.log(1.666))
    rng = np.random.default_rng(1)
    draws = batch.sample(rng, 10_000)
    assert draws.min() >= 8.0 and draws.max() <= 512.0
    assert np.median(draws) == pytest.approx(64.0, rel=0.05)
    spread = residual.sample(rng, 10_000)
    assert np.std(np.log(spread)) == pytest.approx(math.log(1.666), rel=0.05)


@pytest.mark.parametrize(
    ("name", "bytes_per_param"),
    [("bf16", 2.0), ("BF16", 2.0), ("bfloat16", 2.0), ("fp16", 2.0), ("fp32", 4.0),
     ("fp8", 1.0), ("int8", 1.0), ("fp4", 0.5), ("mxfp4", 0.5), ("int4", 0.5), (" FP8 ", 1.0)],
)  # fmt: skip
def test_precisions(name: str, bytes_per_param: float) -> None:
    assert text.precision_bytes(name) == bytes_per_param


def test_a_bad_precision_is_refused_with_the_accepted_names() -> None:
    with pytest.raises(KeyError):
        text.precision_bytes("fp9")
    with pytest.raises(InputError) as located:
        text.precision_bytes("fp9", path="s.yaml", line=4, where="items[0].precision")
    assert str(located.value) == (
        "s.yaml:4: items[0].precision unknown precision 'fp9' (did you mean: fp8, fp4?); "
        "use one of fp32, bf16, fp16, fp8, int8, fp4, mxfp4, nvfp4, int4"
    )


def test_an_unknown_hardware_class_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown hardware class 'tpu'"):
        text.accelerator_energy_j(8.0, 8.0, 2.0, 300.0, 0.0, 0.0, 64.0, ROUND, "tpu")


# -- the `methods:` section of factors.yaml ------------------------------------------------


def test_the_text_method_entry(factors: FactorTable) -> None:
    method = factors.method("text")
    assert (method.kind, method.boundary, method.status) == ("text", "accelerator", "derived")
    assert method.source == "mlenergy-v3" and "calibrate_text.py" in (method.derived or "")
    assert set(method.coefficients) == set(text.COEFFICIENT_NAMES)
    for c in method.coefficients.values():
        assert c.source in factors.sources
        assert c.status in ("primary", "derived", "assumption")
        assert c.status != "derived" or "benchmarks/calibrate_text.py" in (c.derived or "")
    weight = method.coefficients["weight_energy"]
    assert (weight.value, weight.unit, weight.status) == (0.2227, "J/GB", "derived")
    assert method.coefficients["prefill_weight"].status == "assumption"
    assert factors.sources["mlenergy-v3"].license == "Apache-2.0 (the dataset)"
    assert TextCoefficients.from_values(TextCoefficients.from_table(factors).values()) == (
        TextCoefficients.from_table(factors)
    )


def test_an_unknown_method_suggests_the_nearest(factors: FactorTable) -> None:
    with pytest.raises(UsageError) as info:
        factors.method("txt")
    assert str(info.value) == (
        "unknown method 'txt' (did you mean: text?); the section `methods` of factors.yaml "
        "lists them"
    )


def _line(text_: str, needle: str, after: str) -> int:
    """The line number of the first `needle` line after the line `after`."""
    rows = text_.splitlines()
    start = next(i for i, row in enumerate(rows) if row.strip() == after)
    return next(i for i, row in enumerate(rows[start:], start + 1) if row.strip() == needle)


@pytest.mark.parametrize(
    ("after", "old", "new", "message"),
    [
        ("residual_gsd:", "value: 1.666", "value: 0.9",
         "methods.text.coefficients.residual_gsd.value must be ≥ 1 "
         "(a geometric standard deviation)"),
        ("batch_high:", "value: 512", "value: 4",
         "methods.text.coefficients.batch_high.value must be ≥ batch_low"),
        ("token_energy:", "value: 0.05827", "value: -0.05827",
         "methods.text.coefficients.token_energy.value must be > 0"),
        ("token_energy:", "value: 0.05827", "value: 0.05827 J",
         "methods.text.coefficients.token_energy.value must be a number, got '0.05827 J'"),
        ("token_energy:", "source: mlenergy-v3", "source: mlenergy-v4",
         "methods.text.coefficients.token_energy.source names an unknown source 'mlenergy-v4' "
         "(did you mean: mlenergy-v3, mlenergy-v2?); add it to the sources section"),
        ("token_energy:", "status: derived", "status: fitted",
         "methods.text.coefficients.token_energy.status must be one of primary, secondary, "
         "derived, assumption, got 'fitted'"),
        ("token_energy:", "unit: J", "units: J",
         "methods.text.coefficients.token_energy.units is not a known key (did you mean: unit?)"),
        ("token_energy:", "token_energy:", "token_enrgy:",
         "methods.text.coefficients.token_enrgy is not a coefficient of the text method"),
        ("methods:", "kind: text", "kind: music",
         "methods.text.kind must be one of text, image, video, got 'music'"),
        ("methods:", "boundary: accelerator", "boundary: gpu",
         "methods.text.boundary must be one of accelerator, it, facility, got 'gpu'"),
    ],
)  # fmt: skip
def test_a_bad_methods_entry_names_file_line_and_fix(
    tmp_path: Path, after: str, old: str, new: str, message: str
) -> None:
    good = (ROOT / "factors.yaml").read_text(encoding="utf-8")
    line = _line(good, old, after)
    rows = good.splitlines()
    rows[line - 1] = rows[line - 1].replace(old, new)
    bad = tmp_path / "factors.yaml"
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_factors(bad)
    assert str(info.value).startswith(f"{bad}:{line}: {message}")


def test_a_missing_coefficient_is_named(tmp_path: Path) -> None:
    good = (ROOT / "factors.yaml").read_text(encoding="utf-8")
    start = good.index("      prefill_weight:\n")
    end = good.index("      memory_overhead:\n")
    bad = tmp_path / "factors.yaml"
    bad.write_text(good[:start] + good[end:], encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_factors(bad)
    assert "methods.text.coefficients needs the coefficient 'prefill_weight'" in str(info.value)


def test_a_derived_coefficient_says_how(tmp_path: Path) -> None:
    good = (ROOT / "factors.yaml").read_text(encoding="utf-8")
    line = _line(
        good,
        'derived: "benchmarks/calibrate_text.py: least squares on ln(J per output token), '
        'ML.ENERGY v3 H100 text rows"',
        "token_energy:",
    )
    rows = good.splitlines()
    del rows[line - 1]
    bad = tmp_path / "factors.yaml"
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_factors(bad)
    assert "methods.text.coefficients.token_energy needs 'derived' (a text)" in str(info.value)

"""The calibration script's own arithmetic, on data made here (tests never read the ML.ENERGY
files, which live outside the repository): the fit recovers known coefficients, EcoLogits'
formula gives its published numbers, and the scores are what they say."""

from __future__ import annotations

import importlib.util
import itertools
import math
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from aicost.methods import text

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "calibrate_text.py"


@pytest.fixture(scope="module")
def calibrate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("calibrate_text", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["calibrate_text"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_fit_recovers_the_coefficients_that_made_the_data(calibrate: ModuleType) -> None:
    truth = np.array([math.log(0.2), 0.6, 0.25, math.log(0.06), 0.15, 1.1, 0.35, math.log(5000.0)])
    coef = calibrate.coefficients(truth, np.zeros(2), 1.2)
    models = [  # (total, active, bytes, gpus)
        (8, 8, 2, 1), (14, 14, 2, 1), (32, 32, 2, 2), (70, 70, 2, 4), (405, 405, 1, 8),
        (30, 3, 2, 1), (235, 22, 2, 8), (235, 22, 1, 4), (400, 17, 1, 8), (117, 5, 0.5, 1),
        (21, 4, 0.5, 1),
    ]  # fmt: skip
    rows = []
    for (total, active, nbytes, gpus), batch, out in itertools.product(
        models, (8.0, 32.0, 128.0, 512.0), (400.0, 7000.0)
    ):
        j_token = float(
            text.energy_per_token_j(total, active, nbytes, out / 2, batch, coef, gpus=gpus)
        )
        rows.append(
            calibrate.Row("v3", f"task{out:g}", "h100", f"m{total}-{nbytes}", f"m{total}",
                          total, active, nbytes, gpus, batch, batch, out, j_token,
                          j_token * out)
        )  # fmt: skip
    fitted = calibrate.fit_h100(rows, 1.2)
    assert fitted == pytest.approx(truth, abs=1e-4)
    # B200 factors on top of a fixed shape: data made with x1.3 on weights, x0.8 per token.
    b200 = calibrate.coefficients(truth, np.log([1.3, 0.8]), 1.2)
    rows_b = [
        calibrate.Row(r.source, r.task, "b200", r.model, r.group, r.total, r.active, r.bytes,
                      r.gpus, r.batch, r.max_batch, r.out,
                      float(text.energy_per_token_j(r.total, r.active, r.bytes, r.out / 2,
                                                    r.batch, b200, "b200", gpus=r.gpus)), 0.0)
        for r in rows
    ]  # fmt: skip
    assert np.exp(calibrate.fit_b200(rows_b, truth, 1.2)) == pytest.approx([1.3, 0.8], abs=1e-4)


def test_ecologits_formula_gives_its_published_numbers(calibrate: ModuleType) -> None:
    # EcoLogits 0.11.3: Wh per token per GPU = 1.1665e-6 x exp(-0.0112059 x 64) x P_active
    # + 4.0529e-5; GPUs from 1.2 x P_total x 2 bytes / 80 GB, rounded up to a power of two.
    # Llama 3.1 8B: 1 GPU, 0.162 J per token; 405B: 16 GPUs, 15.62 J per token.
    j = calibrate.ecologits_j(np.array([8.0, 405.0]), np.array([8.0, 405.0]), 1.0, 64.0)
    per_gpu = 1.1665273170451914e-06 * math.exp(-0.011205921025579175 * 64)
    assert j[0] == pytest.approx((per_gpu * 8 + 4.052928146734005e-05) * 3600, rel=1e-12)
    assert j[1] == pytest.approx(16 * (per_gpu * 405 + 4.052928146734005e-05) * 3600, rel=1e-12)
    assert (round(j[0], 3), round(j[1], 2)) == (0.162, 15.62)


def test_scores(calibrate: ModuleType) -> None:
    meas = np.array([100.0, 100.0, 100.0, 100.0])
    pred = np.array([100.0, 150.0, 50.0, 400.0])  # off by x1, x1.5, x2, x4
    lo, hi = pred / 2, pred * 2
    s = calibrate.score(pred, meas, lo, hi, ["a", "a", "b", "c"])
    assert (s.n_rows, s.n_models) == (4, 3)
    assert s.median == pytest.approx(1.75)  # median of 1, 1.5, 2, 4
    assert s.p90 == pytest.approx(4 - 0.1 * 3 * 2)  # numpy's linear interpolation: 3.4
    assert s.coverage == 0.75 and s.within2 == 0.75
    assert s.cells() == ["4", "3", "×1.75", "×3.40", "75 %", "75 %"]
    assert calibrate.score(pred, meas, None, None, ["a"] * 4).cells()[4] == "—"

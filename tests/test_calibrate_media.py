"""benchmarks/calibrate_media.py on data made here from known coefficients: the fit finds them."""

from __future__ import annotations

import csv
import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
Q, B0 = 6000.0, 5.0
K = {"linear-attention": 0.012, "mm-dit": 0.003, "dit": 0.004, "u-net": 0.0035}


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "calibrate_media", ROOT / "benchmarks" / "calibrate_media.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["calibrate_media"] = module
    spec.loader.exec_module(module)
    return module


def _energy(family: str, params: float, tokens: float, steps: int, batch: int) -> float:
    quadratic = family in ("dit", "mm-dit")
    attention = 1 + tokens / (Q * math.sqrt(params)) if quadratic else 1.0
    return steps * (K[family] * params * tokens * attention + B0 / batch)


def _write(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    images = []
    for name, params, steps in (
        ("SANA 1.5 1.6B", 1.6, 20),
        ("SANA 1.5 4.8B", 4.8, 20),
        ("Stable Diffusion 3.5 Medium", 2.5, 28),
        ("Stable Diffusion 3.5 Large", 8.1, 28),
        ("FLUX.1 Dev", 12.0, 50),
    ):
        family = "linear-attention" if "SANA" in name else "mm-dit"
        stride = 32 if family == "linear-attention" else 16
        for gpu, factor in (("H100", 1.0), ("B200", 0.8)):
            for batch in (1, 4, 16):
                e = _energy(family, params, (1024 / stride) ** 2, steps, batch) * factor
                images.append(
                    {
                        "nickname": name,
                        "gpu_model": gpu,
                        "num_gpus": 1,
                        "batch_size": batch,
                        "total_params_billions": params,
                        "image_width": 1024,
                        "image_height": 1024,
                        "inference_steps": steps,
                        "energy_per_image_joules": e,
                    }
                )
    videos = []
    for name, params, w, h, frames in (
        ("Wan 2.1 1.3B", 1.3, 832, 480, 81),
        ("Wan 2.1 14B", 14.0, 832, 480, 81),
        ("CogVideoX 2B", 2.0, 720, 480, 49),
        ("CogVideoX 1.5 5B", 5.0, 1360, 768, 81),
    ):
        tokens = (1 + frames / 4) * (h / 16) * (w / 16)
        for batch in (1, 2):
            videos.append(
                {
                    "nickname": name,
                    "gpu_model": "H100",
                    "num_gpus": 1,
                    "batch_size": batch,
                    "total_params_billions": params,
                    "video_width": w,
                    "video_height": h,
                    "num_frames": frames,
                    "inference_steps": 50,
                    "energy_per_video_joules": _energy("dit", params, tokens, 50, batch),
                }
            )
    v2 = []
    for model, (_, params, side, _) in _script().V2_IMAGE.items():
        family = "u-net" if "3-medium" not in model else "mm-dit"
        for gpu in ("NVIDIA H100 80GB HBM3", "NVIDIA A100-SXM4-40GB"):
            e = _energy(family, params, (side / 16) ** 2, 25, 1) * (1.0 if "H100" in gpu else 1.2)
            v2.append(
                {
                    "Model": model,
                    "GPU": gpu,
                    "Batch size": 1,
                    "Denoising steps": 25,
                    "Energy/image (J)": e,
                }
            )
    _write(tmp_path / "v3-text-to-image.csv", images)
    _write(tmp_path / "v3-text-to-video.csv", videos)
    _write(tmp_path / "v2-all.csv", v2)
    return tmp_path


def test_the_fit_recovers_known_coefficients(data: Path) -> None:
    script = _script()
    video = script.calibrate("video", data)
    image = script.calibrate("image", data, q=video.q)
    assert video.q == pytest.approx(Q, rel=1e-6)
    assert video.b0 == pytest.approx(B0, rel=1e-6)
    assert image.b0 == pytest.approx(B0, rel=1e-6)
    assert video.coef.families["dit"].k_j == pytest.approx(K["dit"], rel=1e-6)
    for family in ("linear-attention", "mm-dit", "u-net"):
        assert image.coef.families[family].k_j == pytest.approx(K[family], rel=1e-6), family
    assert image.hardware["b200"] == pytest.approx(0.8, rel=1e-9)
    assert image.hardware["a100"] == pytest.approx(1.2, rel=1e-9)
    # exact data: every model predicted from the others within rounding, architecture given
    errors = script.log_errors(image.scored, "known")
    assert max(abs(e) for e in errors) < 1e-6
    # the size only: at least the ×5 spread between architectures in the 90 % interval
    assert image.coef.unknown.residual_gsd ** (2 * 1.6449) == pytest.approx(5.0, rel=1e-3)


def test_the_report_and_the_factor_entries(data: Path) -> None:
    script = _script()
    video = script.calibrate("video", data)
    report = script.report(video, data)
    assert "| q (attention scale) | 6000 | tokens per √(billion parameters) |" in report
    assert "| architecture given | ×1.00 | ×1.00 | 100% |" in report
    entries = script.factors_yaml(video)
    assert "      k.dit:\n        value: 0.004\n        unit: J\n" in entries

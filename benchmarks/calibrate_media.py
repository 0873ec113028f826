"""Calibrate the image and video methods on ML.ENERGY measurements; write their reports.

    python benchmarks/calibrate_media.py [--data DIR] [--no-write]

DIR holds ML.ENERGY's `v3-text-to-image.csv`, `v3-text-to-video.csv` and `v2-all.csv` (default:
../shared/reference/ml-energy beside the repository). Needs numpy and aicost itself (the
predictions go through aicost.methods, the code the tool runs). Writes
benchmarks/calibration/image.md and video.md and prints the `methods:` entries of factors.yaml.

The method (aicost/methods/diffusion.py):

    E = steps · (k · P_B · ℓ · (1 + [quadratic] · ℓ / (q · √P_B)) + b0 / batch)

Fitted on the v3 rows measured on ONE H100 (every batch size), in this order:
1. b0, the per-step energy a batch shares: the slope of J/step against 1/batch, within models.
2. q, the attention scale, from the one pair of models that share an architecture and settings at
   two sizes (Wan 2.1 1.3B and 14B): the q that gives both the same k (after b0).
3. k per family: geometric mean over the family's models of each model's geometric-mean
   J / (step · P_B · ℓ · attention factor), after removing b0/batch. "Unknown architecture" is
   the same over every model, counted as a DiT (16 px per token, full attention).
4. residual spread σ: root mean square of the leave-one-model-out log errors (each model weighing
   the same). For an unknown architecture, at least √(σ² + σ_a²) with σ_a = ln(5)/(2·1.645): the
   ×5 per-step spread between architectures at the same size, on top of the fit's residual.
Leave-one-model-out: each model's rows predicted from coefficients fitted without that model.
The U-Net image family exists only in v2 (2024 stack, H100): it is fitted there, and v2 is
otherwise a cross-check.
"""

from __future__ import annotations

import argparse
import csv
import math
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aicost.methods import image, video  # noqa: E402
from aicost.methods.diffusion import (  # noqa: E402
    SHAPES,
    DiffusionCoefficients,
    Family,
    attention_factor,
)

DEFAULT_DATA = ROOT.parent.parent / "shared" / "reference" / "ml-energy"
OUT = ROOT / "benchmarks" / "calibration"
Z90 = 1.6448536269514722
SPREAD_FLOOR = math.log(5.0) / (2 * Z90)  # 90 % interval at least ×5 wide (unknown architecture)

# Architecture of each v3 model (from its model card), and the pixels per token of its latents.
V3_IMAGE_FAMILY = {
    "SANA 1.5 1.6B": "linear-attention",
    "SANA 1.5 4.8B": "linear-attention",
    "Stable Diffusion 3.5 Medium": "mm-dit",
    "Stable Diffusion 3.5 Large": "mm-dit",
    "FLUX.1 Dev": "mm-dit",
}
V3_VIDEO_FAMILY = {
    "CogVideoX 2B": "dit",
    "CogVideoX 1.5 5B": "dit",
    "Wan 2.1 1.3B": "dit",
    "Wan 2.1 14B": "dit",
}

# v2 text-to-image rows carry no size or resolution: denoiser parameters and default resolution
# from each model's card (Hugging Face), as listed in model-aware-research.md §2.5.
V2_IMAGE = {
    "stabilityai/stable-diffusion-3-medium-diffusers": ("SD3 Medium", 2.0, 1024, "mm-dit"),
    "stabilityai/stable-diffusion-xl-base-1.0": ("SDXL base", 2.6, 1024, "u-net"),
    "segmind/SSD-1B": ("SSD-1B", 1.3, 1024, "u-net"),
    "stabilityai/sdxl-turbo": ("SDXL-Turbo", 2.6, 512, "u-net"),
    "stabilityai/stable-diffusion-2-1": ("SD 2.1", 0.87, 768, "u-net"),
    "kandinsky-community/kandinsky-3": ("Kandinsky 3", 3.0, 1024, "u-net"),
    "kandinsky-community/kandinsky-2-2-decoder": ("Kandinsky 2.2", 1.22, 512, "u-net"),
    "prompthero/openjourney-v4": ("Openjourney v4", 0.86, 512, "u-net"),
}


@dataclass(frozen=True)
class Row:
    model: str
    family: str
    params_b: float
    width: float
    height: float
    frames: float  # 0 for images
    steps: float
    batch: float
    gpu: str
    energy_j: float


def load_v3(path: Path, kind: str) -> list[Row]:
    rows = []
    fam = V3_IMAGE_FAMILY if kind == "image" else V3_VIDEO_FAMILY
    with path.open(newline="") as f:
        for r in csv.DictReader(f):
            if r["num_gpus"] != "1":
                continue
            if kind == "image":
                w, h, fr, e = r["image_width"], r["image_height"], "0", r["energy_per_image_joules"]
            else:
                w, h, fr, e = (
                    r["video_width"],
                    r["video_height"],
                    r["num_frames"],
                    r["energy_per_video_joules"],
                )
            rows.append(
                Row(
                    r["nickname"],
                    fam[r["nickname"]],
                    float(r["total_params_billions"]),
                    float(w),
                    float(h),
                    float(fr),
                    float(r["inference_steps"]),
                    float(r["batch_size"]),
                    r["gpu_model"],
                    float(e),
                )
            )
    return rows


def load_v2_images(path: Path) -> list[Row]:
    rows = []
    with path.open(newline="") as f:
        for r in csv.DictReader(f):
            if not r["Energy/image (J)"] or r["Model"] not in V2_IMAGE:
                continue
            name, params, side, family = V2_IMAGE[r["Model"]]
            gpu = "H100" if "H100" in r["GPU"] else "A100"
            rows.append(
                Row(
                    name,
                    family,
                    params,
                    side,
                    side,
                    0.0,
                    float(r["Denoising steps"]),
                    float(r["Batch size"]),
                    gpu,
                    float(r["Energy/image (J)"]),
                )
            )
    return rows


def tokens_of(row: Row, stride: float) -> float:
    if row.frames:
        return float(video.tokens(row.frames, row.width, row.height, stride))
    return float(image.tokens(row.width, row.height, stride))


def family_shape(fid: str) -> Family:
    stride, quadratic = SHAPES[fid]
    return Family(fid, 1.0, stride, quadratic, 1.0)


def unit_work(row: Row, fam: Family, q: float) -> float:
    """P_B · ℓ · attention factor: what k multiplies."""
    ell = tokens_of(row, fam.token_stride_px)
    return row.params_b * ell * float(attention_factor(row.params_b, ell, fam, q))


def fit_q(rows: list[Row], a: str, b: str, b0: float) -> float:
    """The attention scale that gives models a and b (same architecture) the same k."""

    def gap(q: float) -> float:
        ks = []
        for name in (a, b):
            sel = [r for r in rows if r.model == name and r.batch == 1]
            fam = family_shape(sel[0].family)
            ks.append(
                statistics.fmean(
                    (r.energy_j / r.steps - b0 / r.batch) / unit_work(r, fam, q) for r in sel
                )
            )
        return math.log(ks[0] / ks[1])

    lo, hi = 100.0, 1e6
    for _ in range(200):
        mid = math.sqrt(lo * hi)
        if (gap(lo) > 0) == (gap(mid) > 0):
            lo = mid
        else:
            hi = mid
    return math.sqrt(lo * hi)


def fit_b0(rows: list[Row]) -> float:
    """Slope of J/step against 1/batch, pooled within models (never below 0)."""
    xs, ys = [], []
    by_model: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_model[r.model].append(r)
    for sel in by_model.values():
        x = np.array([1.0 / r.batch for r in sel])
        y = np.array([r.energy_j / r.steps for r in sel])
        xs.append(x - x.mean())
        ys.append(y - y.mean())
    x, y = np.concatenate(xs), np.concatenate(ys)
    return max(0.0, float((x @ y) / (x @ x)))


def model_k(sel: list[Row], fam: Family, q: float, b0: float) -> float:
    logs = [math.log((r.energy_j / r.steps - b0 / r.batch) / unit_work(r, fam, q)) for r in sel]
    return math.exp(statistics.fmean(logs))


def fit_k(rows: list[Row], fid: str | None, q: float, b0: float) -> float:
    """Geometric mean over models (equal weight) of each model's k; fid None: all, as DiT."""
    fam = family_shape(fid or "dit")
    by_model: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if fid is None or r.family == fid:
            by_model[r.model].append(r)
    return math.exp(statistics.fmean(math.log(model_k(s, fam, q, b0)) for s in by_model.values()))


def coefficients(
    rows: list[Row], families: list[str], q: float, b0: float, sigma: dict[str, float]
) -> DiffusionCoefficients:
    fams = {}
    for fid in families:
        if any(r.family == fid for r in rows):
            fams[fid] = replace(
                family_shape(fid), k_j=fit_k(rows, fid, q, b0), residual_gsd=math.exp(sigma[fid])
            )
    unknown = replace(
        family_shape("dit"),
        id="unknown",
        k_j=fit_k(rows, None, q, b0),
        residual_gsd=math.exp(sigma["?"]),
    )
    return DiffusionCoefficients(fams, unknown, q, b0, {"h100": 1.0})


def predict(row: Row, coef: DiffusionCoefficients, arch: str | None) -> float:
    if row.frames:
        return float(
            video.accelerator_energy_j(
                row.params_b, row.width, row.height, row.frames, row.steps, row.batch, coef, arch
            )
        )
    return float(
        image.accelerator_energy_j(
            row.params_b, row.width, row.height, row.steps, row.batch, coef, arch
        )
    )


@dataclass
class Scored:
    row: Row
    known: float  # prediction, architecture given
    unknown: float  # prediction, size only


def leave_one_model_out(
    rows: list[Row],
    families: list[str],
    q: float,
    b0: float,
    extra: list[Row] = (),  # type: ignore[assignment]
) -> list[Scored]:
    """Each model predicted from a fit without it (extra rows join every fit: v2 U-Nets)."""
    ones = {f: 1.0 for f in [*families, "?"]}
    out = []
    for name in sorted({r.model for r in rows}):
        train = [r for r in [*rows, *extra] if r.model != name]
        coef = coefficients(train, families, q, b0, ones)
        for r in rows:
            if r.model != name:
                continue
            arch = r.family if r.family in coef.families else None
            out.append(Scored(r, predict(r, coef, arch), predict(r, coef, None)))
    return out


def log_errors(scored: list[Scored], which: str) -> list[float]:
    return [math.log(getattr(s, which) / s.row.energy_j) for s in scored]


def spread(scored: list[Scored], which: str) -> float:
    """Root mean square log error, each model weighing the same (not each of its rows)."""
    by_model: dict[str, list[float]] = defaultdict(list)
    for s, e in zip(scored, log_errors(scored, which), strict=True):
        by_model[s.row.model].append(e * e)
    return math.sqrt(statistics.fmean(statistics.fmean(v) for v in by_model.values()))


def factor_stats(errs: list[float], sigma: float) -> tuple[float, float, float]:
    """Median and 90th-percentile factor off, share of rows inside exp(±1.645 σ)."""
    fac = sorted(math.exp(abs(e)) for e in errs)
    p90 = float(np.percentile(fac, 90))
    inside = sum(abs(e) <= Z90 * sigma for e in errs) / len(errs)
    return statistics.median(fac), p90, inside


def hardware_ratio(rows: list[Row], other: str) -> float | None:
    """Median over models of (energy on `other`) / (energy on H100), same settings and batch."""
    h100 = {(r.model, r.batch): r.energy_j for r in rows if r.gpu == "H100"}
    by_model: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        if r.gpu == other and (r.model, r.batch) in h100:
            by_model[r.model].append(r.energy_j / h100[(r.model, r.batch)])
    if not by_model:
        return None
    return statistics.median(statistics.median(v) for v in by_model.values())


def fmt(x: float, digits: int = 3) -> str:
    return f"{x:.{digits}g}"


@dataclass
class Result:
    kind: str
    q: float
    b0: float
    coef: DiffusionCoefficients
    scored: list[Scored]
    hardware: dict[str, float]
    rows: list[Row]
    cross: list[tuple[Row, float, float]]  # v2 cross-check: row, known, unknown predictions


def calibrate(kind: str, data: Path, q: float | None = None) -> Result:
    families = list(image.ARCHITECTURES if kind == "image" else video.ARCHITECTURES)
    allrows = load_v3(data / f"v3-text-to-{kind}.csv", kind)
    rows = [r for r in allrows if r.gpu == "H100"]
    v2 = load_v2_images(data / "v2-all.csv") if kind == "image" else []
    v2_unet = [r for r in v2 if r.family == "u-net" and r.gpu == "H100"]
    b0 = fit_b0(rows)
    if q is None:
        q = fit_q(rows, "Wan 2.1 1.3B", "Wan 2.1 14B", b0)
    scored = leave_one_model_out(rows, families, q, b0)
    sig_known = spread(scored, "known")
    # size only: the spread between architectures comes on top of the fit's own residual
    sig_unknown = max(spread(scored, "unknown"), math.hypot(sig_known, SPREAD_FLOOR))
    sigma = {f: sig_known for f in families}
    if v2_unet:  # the U-Net family: leave-one-model-out within v2
        unet_scored = leave_one_model_out(v2_unet, ["u-net"], q, b0, extra=rows)
        sigma["u-net"] = spread(unet_scored, "known")
    sigma["?"] = sig_unknown
    coef = coefficients([*rows, *v2_unet], families, q, b0, sigma)
    # size only: the unknown-architecture default comes from the v3 rows alone
    unknown_k = fit_k(rows, None, q, b0)
    coef = replace(coef, unknown=replace(coef.unknown, k_j=unknown_k))
    hw = {"h100": 1.0}
    for name, ratio in (
        ("b200", hardware_ratio(allrows, "B200")),
        ("a100", hardware_ratio(v2, "A100")),
    ):
        if ratio is not None:
            hw[name] = ratio
    coef = replace(coef, hardware=hw)
    cross = []
    for r in [x for x in v2 if x.gpu == "H100"]:
        if r.family == "u-net":
            others = [x for x in v2_unet if x.model != r.model]
            c2 = coefficients([*rows, *others], families, q, b0, sigma)
            c2 = replace(c2, unknown=replace(c2.unknown, k_j=unknown_k))
        else:
            c2 = coef
        cross.append((r, predict(r, c2, r.family), predict(r, c2, None)))
    return Result(kind, q, b0, coef, scored, hw, rows, cross)


def report(res: Result, data: Path) -> str:
    c = res.coef
    unit = "image" if res.kind == "image" else "clip"
    lines = [
        f"# Calibration of the {res.kind} method (generated by benchmarks/calibrate_media.py)",
        "",
        f"Data: ML.ENERGY Benchmark v3 `v3-text-to-{res.kind}.csv` (Chung et al., arXiv:2505.06371,"
        " Apache-2.0), rows measured on one H100 (every batch size);"
        + (" U-Net family and cross-check: `v2-all.csv` (H100)." if res.kind == "image" else "")
        + " GPU energy only (boundary `accelerator`).",
        "",
        f"Method: E = steps · (k · P_B · ℓ · (1 + [quadratic] · ℓ / (q · √P_B)) + b0 / batch),"
        f" joules per {unit}; ℓ = "
        + (
            "(W/s)·(H/s) tokens, s the family's pixels per token."
            if res.kind == "image"
            else "(1 + F/4)·(H/s)·(W/s) tokens, s the family's pixels per token."
        ),
        "",
        "## Coefficients",
        "",
        "| coefficient | value | unit |",
        "|---|---|---|",
        f"| q (attention scale) | {fmt(res.q, 4)} | tokens per √(billion parameters) |",
        f"| b0 (shared per step by a batch) | {fmt(res.b0)} | J per step |",
    ]
    for fam in [*c.families.values(), c.unknown]:
        lines.append(
            f"| k, {fam.id} ({fmt(fam.token_stride_px)} px/token,"
            f" {'quadratic' if fam.quadratic else 'linear'}) | {fmt(fam.k_j * 1000, 4)}e-3 |"
            " J per (billion parameters · token · step) |"
        )
    for fam in [*c.families.values(), c.unknown]:
        lines.append(
            f"| residual spread, {fam.id} | GSD ×{fmt(fam.residual_gsd)} |"
            " (90 % interval ×" + fmt(fam.residual_gsd**Z90) + " either side) |"
        )
    for hw, v in res.hardware.items():
        lines.append(f"| hardware factor, {hw} | {fmt(v)} | relative to an H100 |")
    lines += [
        "",
        "## Leave-one-model-out (v3, one H100)",
        "",
        f"{len(res.scored)} rows, {len({s.row.model for s in res.scored})} models.",
        "",
        "| prediction | median factor off | 90th percentile | 90 % interval coverage |",
        "|---|---|---|---|",
    ]
    for label, which, sig in (
        ("architecture given", "known", math.log(next(iter(c.families.values())).residual_gsd)),
        ("size only (no architecture)", "unknown", math.log(c.unknown.residual_gsd)),
    ):
        med, p90, cov = factor_stats(log_errors(res.scored, which), sig)
        lines.append(f"| {label} | ×{med:.2f} | ×{p90:.2f} | {cov:.0%} |")
    lines += [
        "",
        "Per model (batch 1; predicted from a fit without the model):",
        "",
        f"| model | family | params B | W×H{'×frames' if res.kind == 'video' else ''} | steps |"
        " measured J | given architecture J | size only J (90 % interval) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in res.scored:
        r = s.row
        if r.batch != 1:
            continue
        g = math.log(c.unknown.residual_gsd)
        lo, hi = s.unknown * math.exp(-Z90 * g), s.unknown * math.exp(Z90 * g)
        dims = f"{r.width:.0f}×{r.height:.0f}" + (f"×{r.frames:.0f}" if r.frames else "")
        lines.append(
            f"| {r.model} | {r.family} | {fmt(r.params_b)} | {dims} | {r.steps:.0f} |"
            f" {r.energy_j:,.0f} | {s.known:,.0f} | {s.unknown:,.0f} ({lo:,.0f}–{hi:,.0f}) |"
        )
    if res.cross:
        lines += [
            "",
            "## Cross-check on v2 (2024 stack, H100, batch 1)",
            "",
            "Sizes and resolutions of the v2 models from their model cards. U-Net rows: the U-Net"
            " family fitted without the model (leave-one-model-out within v2).",
            "",
            "| model | family | params B | side px | steps | measured J | given architecture J"
            " | size only J |",
            "|---|---|---|---|---|---|---|---|",
        ]
        errs_k, errs_u = [], []
        for r, kn, un in res.cross:
            errs_k.append(math.log(kn / r.energy_j))
            errs_u.append(math.log(un / r.energy_j))
            if r.batch == 1:
                lines.append(
                    f"| {r.model} | {r.family} | {fmt(r.params_b)} | {r.width:.0f} |"
                    f" {r.steps:.0f} | {r.energy_j:,.0f} | {kn:,.0f} | {un:,.0f} |"
                )
        mk, pk, ck = factor_stats(errs_k, math.log(c.families["u-net"].residual_gsd))
        mu, pu, cu = factor_stats(errs_u, math.log(c.unknown.residual_gsd))
        lines += [
            "",
            f"All {len(errs_k)} v2 H100 rows: architecture given ×{mk:.2f} median, ×{pk:.2f}"
            f" p90, {ck:.0%} inside; size only ×{mu:.2f} median, ×{pu:.2f} p90, {cu:.0%} inside.",
        ]
    lines.append("")
    return "\n".join(lines)


NOTES = {
    "attention_q": "q: tokens per √(billion parameters) at which self-attention costs as much as"
    " the linear layers; identified on Wan 2.1 1.3B and 14B (same architecture and settings).",
    "batch_shared_j": "b0: energy per denoising step shared by the images or clips of a batch.",
    "k": "k: joules per (billion parameters · token · denoising step), {fam} family.",
    "residual_gsd": "Geometric standard deviation of the leave-one-model-out error, {fam}: the"
    " Monte Carlo draws a lognormal residual with median 1.",
    "hardware": "GPU energy on {fam} / on an H100, same settings (median over models).",
}


def factors_yaml(res: Result) -> str:
    """The `methods:` entry for factors.yaml (M's form: coefficients with source and status)."""
    c = res.coef
    der = f"benchmarks/calibrate_media.py (report: benchmarks/calibration/{res.kind}.md)"
    what = "image" if res.kind == "image" else "clip"
    out = [
        f"  {res.kind}:",
        f"    en: {res.kind.capitalize()} generation from model size, architecture and settings",
        "    fr: Génération "
        + ("d'images" if res.kind == "image" else "de vidéos")
        + " selon la taille du modèle, son architecture et ses réglages",
        f"    kind: {res.kind}",
        "    boundary: accelerator",
        "    source: mlenergy-v3",
        "    status: derived",
        f'    derived: "{der}"',
        "    note: >-",
        f"      GPU energy of one {what} (aicost/methods/{res.kind}.py): steps × (k × parameters ×"
        " tokens × (1 + tokens / (q √parameters)) + b0 / batch); fitted on ML.ENERGY v3 (one"
        " H100), leave-one-model-out error in the report.",
        "    coefficients:",
    ]

    def entry(name: str, value: float, unit: str | None, note: str, source: str) -> None:
        out.append(f"      {name}:")
        out.append(f"        value: {value:.4g}")
        if unit:
            out.append(f"        unit: {unit}")
        out.append(f"        source: {source}")
        out.append("        status: derived")
        out.append(f'        derived: "{der}"')
        out.append(f"        note: >-\n          {note}")

    v3 = "mlenergy-v3"
    entry("attention_q", res.q, None, NOTES["attention_q"], v3)
    entry("batch_shared_j", res.b0, "J", NOTES["batch_shared_j"], v3)
    for fam in [*c.families.values(), c.unknown]:
        src = "mlenergy-v2" if fam.id == "u-net" else v3
        label = fam.id if fam.id != "unknown" else "unknown-architecture (size only)"
        entry(f"k.{fam.id}", fam.k_j, "J", NOTES["k"].format(fam=label), src)
        entry(
            f"residual_gsd.{fam.id}",
            fam.residual_gsd,
            None,
            NOTES["residual_gsd"].format(fam=label),
            src,
        )
    for hw, v in res.hardware.items():
        if hw != "h100":
            src = "mlenergy-v2" if hw == "a100" else v3
            entry(f"hardware.{hw}", v, None, NOTES["hardware"].format(fam=hw.upper()), src)
    return "\n".join(out)


def check_factors(results: tuple[Result, ...]) -> int:
    """0 when every coefficient of factors.yaml equals the fit to its 4 significant digits."""
    import re

    from aicost.factors import load_factors

    table = load_factors(ROOT / "factors.yaml")
    bad = compared = 0
    for res in results:
        shipped = {k: c.value for k, c in table.method(res.kind).coefficients.items()}
        fitted = dict(re.findall(r"^      (\S+):\n        value: (\S+)$", factors_yaml(res), re.M))
        for name, value in fitted.items():
            compared += 1
            if name not in shipped or f"{shipped[name]:.4g}" != f"{float(value):.4g}":
                print(f"{res.kind}.{name}: factors.yaml {shipped.get(name)}, fit {value}")
                bad += 1
    print(f"{compared} coefficients compared; {bad} differ from the fit")
    return 1 if bad or not compared else 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--no-write", action="store_true")
    p.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when factors.yaml's image/video coefficients differ from the fit",
    )
    a = p.parse_args(argv)
    vid = calibrate("video", a.data)
    img = calibrate("image", a.data, q=vid.q)  # one attention scale: identified on Wan
    if a.check:
        return check_factors((img, vid))
    for res in (img, vid):
        text = report(res, a.data)
        if not a.no_write:
            OUT.mkdir(exist_ok=True)
            (OUT / f"{res.kind}.md").write_text(text, encoding="utf-8")
        print(text)
    print(factors_yaml(img))
    print(factors_yaml(vid))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

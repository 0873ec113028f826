"""Calibrate aicost's text-generation method on ML.ENERGY measurements, and score it.

    python benchmarks/calibrate_text.py [DIR] [--report PATH] [--check] [--yaml]

DIR holds the ML.ENERGY extracts (v3-llm.csv, v2-all.csv; default
/work/shared/reference/ml-energy). The fit uses these files only. Writes the calibration report
(default benchmarks/calibration/text.md); `--yaml` prints the `methods: text:` coefficients for
factors.yaml; `--check` exits 1 if factors.yaml's coefficients differ from what this fit gives
(4 significant digits), so a re-run detects drift.

Needs only the standard library, numpy and aicost itself (for the method's arithmetic, so the
report scores exactly the code that ships). Data: Chung et al., "The ML.ENERGY Benchmark",
arXiv:2505.06371, ML.ENERGY Leaderboard v3.0 and v2.0 (Apache-2.0).
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aicost.methods import text as method  # noqa: E402

DEFAULT_DIR = Path("/work/shared/reference/ml-energy")
DEFAULT_REPORT = ROOT / "benchmarks" / "calibration" / "text.md"
TEXT_TASKS = ("lm-arena-chat", "gpqa", "sourcegraph-fim")
BYTES = {"bfloat16": 2.0, "fp8": 1.0, "mxfp4": 0.5}
Z90 = 1.6448536269514722  # standard normal 95th percentile
SEED = 12
DRAWS = 4000

# Not fitted (no data in the files for them): see the report and factors.yaml for sources.
PREFILL_WEIGHT = 0.05
BATCH_LOW, BATCH_HIGH = 8.0, 512.0
MEMORY_OVERHEADS = [round(1.0 + 0.05 * i, 2) for i in range(21)]  # candidates 1.00 ... 2.00
GPU_MEMORY = {"h100": 80.0, "b200": 180.0}

# EcoLogits 0.11.3 LLM formula (impacts/llm.py, docs "LLM inference"; facts, re-implemented):
# Wh per output token per GPU = alpha * exp(beta * B) * P_active + gamma, batch B = 64,
# N_GPU = 2^ceil(log2(ceil(1.2 * P_total * 16/8 / 80))). Input tokens are ignored.
ECO_ALPHA, ECO_BETA, ECO_GAMMA = (
    1.1665273170451914e-06,
    -0.011205921025579175,
    4.052928146734005e-05,
)
ECO_BATCH = 64.0

# v2 (2024) chat models on H100: sizes from the models' cards (billions), all served in bf16.
V2_SIZES = {
    "google/gemma-2-2b-it": (2.6, 2.6),
    "google/gemma-2-9b-it": (9.24, 9.24),
    "google/gemma-2-27b-it": (27.2, 27.2),
    "meta-llama/Meta-Llama-3.1-8B-Instruct": (8.0, 8.0),
    "meta-llama/Meta-Llama-3.1-70B-Instruct": (70.0, 70.0),
    "meta-llama/Meta-Llama-3.1-405B-Instruct": (405.0, 405.0),
    "microsoft/Phi-3-mini-4k-instruct": (3.8, 3.8),
    "microsoft/Phi-3-small-8k-instruct": (7.4, 7.4),
    "microsoft/Phi-3-medium-4k-instruct": (14.0, 14.0),
    "mistralai/Mistral-7B-Instruct-v0.3": (7.25, 7.25),
    "mistralai/Mistral-Nemo-Instruct-2407": (12.2, 12.2),
    "mistralai/Mistral-Large-Instruct-2407": (123.0, 123.0),
    "mistralai/Mixtral-8x7B-Instruct-v0.1": (46.7, 12.9),
    "mistralai/Mixtral-8x22B-Instruct-v0.1": (141.0, 39.0),
}

# Parameters fitted on H100 rows, in log space where positive.
H100_PARAMS = (
    "ln weight_energy",
    "weight_bytes_exponent",
    "moe_exponent",
    "ln token_energy",
    "token_active_exponent",
    "token_gpus_exponent",
    "token_bytes_exponent",
    "ln context_scale",
)
START = np.array([math.log(0.19), 0.6, 0.3, math.log(0.01), 0.6, 0.5, 0.0, math.log(5000.0)])


@dataclass(frozen=True)
class Row:
    source: str  # v3 | v2
    task: str
    hardware: str
    model: str
    group: str  # models that are the same network (precision / instruct-thinking variants)
    total: float
    active: float
    bytes: float
    gpus: float
    batch: float  # mean concurrent requests measured
    max_batch: float
    out: float  # mean output tokens
    j_token: float
    j_request: float


def _group(model_id: str) -> str:
    name = re.sub(r"-FP8$", "", model_id)
    return re.sub(r"-(Instruct|Thinking)-2507$", "", name)


def load_v3(directory: Path) -> list[Row]:
    rows = []
    with open(directory / "v3-llm.csv", newline="") as f:
        for r in csv.DictReader(f):
            if r["task"] not in TEXT_TASKS:
                continue
            rows.append(
                Row(
                    source="v3",
                    task=r["task"],
                    hardware=r["gpu_model"].lower(),
                    model=r["model_id"],
                    group=_group(r["model_id"]),
                    total=float(r["total_params_billions"]),
                    active=float(r["activated_params_billions"]),
                    bytes=BYTES[r["weight_precision"]],
                    gpus=float(r["num_gpus"]),
                    batch=float(r["avg_batch_size"]),
                    max_batch=float(r["max_num_seqs"]),
                    out=float(r["avg_output_len"]),
                    j_token=float(r["energy_per_token_joules"]),
                    j_request=float(r["energy_per_request_joules"]),
                )
            )
    return rows


def load_v2(directory: Path) -> list[Row]:
    rows = []
    with open(directory / "v2-all.csv", newline="") as f:
        for r in csv.DictReader(f):
            if "llm_text_generation/chat/H100" not in r["_file"] or r["Model"] not in V2_SIZES:
                continue
            total, active = V2_SIZES[r["Model"]]
            out = float(r["Avg Output Tokens"])
            energy = float(r["Energy/req (J)"])
            rows.append(
                Row(
                    source="v2",
                    task="chat",
                    hardware="h100",
                    model=r["Model"],
                    group=r["Model"],
                    total=total,
                    active=active,
                    bytes=2.0,
                    gpus=float(r["TP"]) * float(r["PP"]),
                    batch=float(r["Avg BS (reqs)"]),
                    max_batch=float(r["Max BS (reqs)"]),
                    out=out,
                    j_token=energy / out,
                    j_request=energy,
                )
            )
    return rows


# -- the method with a parameter vector ---------------------------------------------------------


def coefficients(
    theta: np.ndarray,
    b200: np.ndarray,
    overhead: float,
    gsd: float = 1.0,
    power: dict[str, float] | None = None,
) -> method.TextCoefficients:
    power = power or {"h100": 500.0, "b200": 700.0}
    return method.TextCoefficients(
        weight_energy=math.exp(theta[0]),
        weight_bytes_exponent=float(theta[1]),
        moe_exponent=float(theta[2]),
        token_energy=math.exp(theta[3]),
        token_active_exponent=float(theta[4]),
        token_gpus_exponent=float(theta[5]),
        token_bytes_exponent=float(theta[6]),
        context_scale=math.exp(theta[7]),
        prefill_weight=PREFILL_WEIGHT,
        memory_overhead=overhead,
        gpu_memory_gb=dict(GPU_MEMORY),
        gpu_power_w=dict(power),
        hardware_weights={"h100": 1.0, "b200": math.exp(b200[0])},
        hardware_token={"h100": 1.0, "b200": math.exp(b200[1])},
        batch_low=BATCH_LOW,
        batch_high=BATCH_HIGH,
        residual_gsd=gsd,
    )


def arrays(rows: list[Row]) -> dict[str, np.ndarray]:
    return {
        k: np.array([getattr(r, k) for r in rows], dtype=float)
        for k in ("total", "active", "bytes", "gpus", "batch", "out", "j_token", "j_request")
    }


def per_token(
    coef: method.TextCoefficients, a: dict[str, np.ndarray], hardware: str, measured_gpus: bool
) -> np.ndarray:
    """Predicted J per output token at each row's batch (context: half the output: the
    extracts do not give prompt lengths)."""
    return np.asarray(
        method.energy_per_token_j(
            a["total"],
            a["active"],
            a["bytes"],
            a["out"] / 2.0,
            a["batch"],
            coef,
            hardware,
            gpus=a["gpus"] if measured_gpus else None,
        )
    )


def weights(rows: list[Row]) -> np.ndarray:
    """Each (model, task, GPU count) counts once, whatever the number of batch sizes swept."""
    count: dict[tuple[str, str, float], int] = defaultdict(int)
    for r in rows:
        count[(r.model, r.task, r.gpus)] += 1
    return np.asarray(np.sqrt([1.0 / count[(r.model, r.task, r.gpus)] for r in rows]))


def levenberg_marquardt(
    residual: Callable[[np.ndarray], np.ndarray], x0: np.ndarray, steps: int = 200
) -> np.ndarray:
    """Minimise sum(residual(x)^2): damped Gauss-Newton with a numerical Jacobian."""
    x = x0.astype(float)
    r = residual(x)
    cost = float(r @ r)
    damping = 1e-3
    for _ in range(steps):
        jac = np.empty((r.size, x.size))
        for j in range(x.size):
            h = 1e-6 * max(1.0, abs(x[j]))
            e = np.zeros_like(x)
            e[j] = h
            jac[:, j] = (residual(x + e) - residual(x - e)) / (2 * h)
        g = jac.T @ r
        hess = jac.T @ jac
        improved = False
        for _ in range(30):
            step = np.linalg.solve(hess + damping * np.diag(np.diag(hess) + 1e-12), -g)
            trial = x + step
            rt = residual(trial)
            ct = float(rt @ rt)
            if np.isfinite(ct) and ct < cost:
                x, r, cost = trial, rt, ct
                damping = max(damping / 3, 1e-9)
                improved = True
                break
            damping *= 4
        if not improved or float(np.abs(step).max()) < 1e-9:
            break
    return x


def fit_h100(rows: list[Row], overhead: float) -> np.ndarray:
    a = arrays(rows)
    w = weights(rows)
    target = np.log(a["j_token"])

    def residual(theta: np.ndarray) -> np.ndarray:
        coef = coefficients(theta, np.zeros(2), overhead)
        return np.asarray(w * (np.log(per_token(coef, a, "h100", measured_gpus=True)) - target))

    return levenberg_marquardt(residual, START)


def fit_b200(rows: list[Row], theta: np.ndarray, overhead: float) -> np.ndarray:
    a = arrays(rows)
    w = weights(rows)
    target = np.log(a["j_token"])

    def residual(b: np.ndarray) -> np.ndarray:
        coef = coefficients(theta, b, overhead)
        return np.asarray(w * (np.log(per_token(coef, a, "b200", measured_gpus=True)) - target))

    return levenberg_marquardt(residual, np.zeros(2))


def choose_overhead(rows: list[Row]) -> tuple[float, int, int]:
    """The memory overhead whose N_GPU rule reproduces most of the smallest GPU counts
    ML.ENERGY served each (model, precision, hardware) on; ties -> nearest 1.2 (EcoLogits)."""
    smallest: dict[tuple[str, str], Row] = {}
    for r in rows:
        key = (r.model, r.hardware)
        if key not in smallest or r.gpus < smallest[key].gpus:
            smallest[key] = r
    best = None
    for k in MEMORY_OVERHEADS:
        coef = coefficients(START, np.zeros(2), k)
        hits = sum(
            method.gpus_needed(r.total, r.bytes, r.hardware, coef) == r.gpus
            for r in smallest.values()
        )
        score = (hits, -abs(k - 1.2))
        if best is None or score > best[0]:
            best = (score, k, hits)
    assert best is not None
    return best[1], best[2], len(smallest)


# -- EcoLogits, as published -------------------------------------------------------------------


def ecologits_j(
    total: np.ndarray, active: np.ndarray, out: np.ndarray, batch: np.ndarray | float
) -> np.ndarray:
    memory = 1.2 * total * 16 / 8
    gpus = 2.0 ** np.ceil(np.log2(np.ceil(memory / 80.0)))
    wh_per_token_gpu = ECO_ALPHA * np.exp(ECO_BETA * batch) * active + ECO_GAMMA
    return np.asarray(out * gpus * wh_per_token_gpu * 3600.0)


# -- scoring ---------------------------------------------------------------------------------


@dataclass
class Score:
    n_rows: int
    n_models: int
    median: float  # factor off
    p90: float
    coverage: float | None  # share of rows inside the 90 % interval
    within2: float  # share of rows within x2

    def cells(self) -> list[str]:
        cov = "—" if self.coverage is None else f"{100 * self.coverage:.0f} %"
        return [
            str(self.n_rows),
            str(self.n_models),
            f"×{self.median:.2f}",
            f"×{self.p90:.2f}",
            cov,
            f"{100 * self.within2:.0f} %",
        ]


def score(
    pred: np.ndarray,
    meas: np.ndarray,
    lo: np.ndarray | None,
    hi: np.ndarray | None,
    models: list[str],
) -> Score:
    off = np.exp(np.abs(np.log(pred / meas)))
    cov = None if lo is None or hi is None else float(np.mean((lo <= meas) & (meas <= hi)))
    return Score(
        len(meas),
        len(set(models)),
        float(np.median(off)),
        float(np.percentile(off, 90)),
        cov,
        float(np.mean(off <= 2.0)),
    )


def batch_draws(rng: np.random.Generator, n: int) -> np.ndarray:
    return BATCH_LOW * (BATCH_HIGH / BATCH_LOW) ** rng.random(n)


def interval_unknown_batch(
    coef: method.TextCoefficients,
    r: Row,
    hardware: str,
    rng: np.random.Generator,
    active: np.ndarray | float | None = None,
) -> tuple[float, float, float]:
    """Central (median batch, residual 1) and the 5th/95th percentiles of the Monte Carlo
    (batch log-uniform, residual lognormal)."""
    batch = batch_draws(rng, DRAWS)
    resid = np.exp(math.log(coef.residual_gsd) * rng.standard_normal(DRAWS))
    act = r.active if active is None else active
    e = method.accelerator_energy_j(
        r.total, act, r.bytes, r.out, 0.0, 0.0, batch, coef, hardware, resid
    )
    mid = method.accelerator_energy_j(
        r.total,
        r.active,
        r.bytes,
        r.out,
        0.0,
        0.0,
        math.sqrt(BATCH_LOW * BATCH_HIGH),
        coef,
        hardware,
    )
    return float(mid), float(np.percentile(e, 5)), float(np.percentile(e, 95))


@dataclass
class CrossValidation:
    fold: dict[str, tuple[np.ndarray, np.ndarray]]  # group -> (H100 theta, B200 factors)
    pred: dict[int, tuple[float, float]]  # id(row) -> (J per answer, batch given; ln resid)
    resid: dict[str, list[float]]  # group -> ln residuals of its H100 rows


def lomo(rows_h100: list[Row], rows_b200: list[Row], overhead: float) -> CrossValidation:
    """Leave one model (group) out: fit on the others, predict the left-out rows with N_GPU
    derived from size (as for a model given only by size)."""
    groups = sorted({r.group for r in rows_h100} | {r.group for r in rows_b200})
    pred: dict[int, tuple[float, float]] = {}  # id(row) -> (prediction batch given, log resid)
    fold_theta: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for g in groups:
        train = [r for r in rows_h100 if r.group != g]
        theta = fit_h100(train, overhead)
        train_b = [r for r in rows_b200 if r.group != g]
        b = fit_b200(train_b, theta, overhead)
        fold_theta[g] = (theta, b)
    # residuals (batch given) of every row from its own fold
    resid: dict[str, list[float]] = defaultdict(list)
    for hw, rows in (("h100", rows_h100), ("b200", rows_b200)):
        for r in rows:
            theta, b = fold_theta[r.group]
            coef = coefficients(theta, b, overhead)
            e = float(
                method.accelerator_energy_j(
                    r.total, r.active, r.bytes, r.out, 0.0, 0.0, r.batch, coef, hw
                )
            )
            pred[id(r)] = (e, math.log(e / r.j_request))
            if hw == "h100":
                resid[r.group].append(math.log(e / r.j_request))
    return CrossValidation(fold_theta, pred, resid)


def gsd_without(resid: dict[str, list[float]], group: str) -> float:
    values = [v for g, vs in resid.items() if g != group for v in vs]
    return math.exp(math.sqrt(float(np.mean(np.square(values)))))


def fmt(x: float) -> str:
    return f"{x:.4g}"


def sig4(x: float) -> float:
    return float(f"{x:.4g}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", default=str(DEFAULT_DIR))
    parser.add_argument("--report", default=str(DEFAULT_REPORT))
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--yaml", action="store_true")
    parser.add_argument("--factors", default=str(ROOT / "factors.yaml"))
    args = parser.parse_args(argv)
    directory = Path(args.dir)
    v3 = load_v3(directory)
    v2 = load_v2(directory)
    h100 = [r for r in v3 if r.hardware == "h100"]
    b200 = [r for r in v3 if r.hardware == "b200"]

    overhead, hits, configs = choose_overhead(v3)
    theta = fit_h100(h100, overhead)
    b = fit_b200(b200, theta, overhead)
    power = gpu_power(directory)
    cv = lomo(h100, b200, overhead)
    resid = cv.resid
    all_res = [v for vs in resid.values() for v in vs]
    gsd = math.exp(math.sqrt(float(np.mean(np.square(all_res)))))
    final = coefficients(theta, b, overhead, gsd, power)
    values = {k: sig4(v) for k, v in final.values().items()}

    if args.yaml:
        for k, v in values.items():
            print(f"{k}: {v:g}")
    if args.check:
        return check(values, Path(args.factors))
    report = build_report(v3, v2, h100, b200, overhead, hits, configs, final, values, cv)
    Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    Path(args.report).write_text(report)
    print(f"wrote {args.report}", file=sys.stderr)
    return 0


def gpu_power(directory: Path) -> dict[str, float]:
    """Median power per GPU while serving text (W), by hardware: GPU-seconds = energy / power."""
    out: dict[str, list[float]] = defaultdict(list)
    with open(directory / "v3-llm.csv", newline="") as f:
        for r in csv.DictReader(f):
            if r["task"] in TEXT_TASKS:
                out[r["gpu_model"].lower()].append(
                    float(r["avg_power_watts"]) / float(r["num_gpus"])
                )
    return {hw: float(np.median(v)) for hw, v in out.items()}


def check(values: dict[str, float], factors: Path) -> int:
    from aicost.factors import load_factors

    table = load_factors(factors)
    stored = {k: c.value for k, c in table.method("text").coefficients.items()}
    bad = [
        f"{k}: factors.yaml {stored.get(k)!r}, fit {v!r}"
        for k, v in values.items()
        if stored.get(k) is None or not math.isclose(stored[k], v, rel_tol=1e-9)
    ]
    for line in bad:
        print(f"{factors}: methods.text.coefficients.{line}", file=sys.stderr)
    if bad:
        print("the fit drifted: update factors.yaml (calibrate_text.py --yaml)", file=sys.stderr)
        return 1
    print("factors.yaml methods.text matches the fit", file=sys.stderr)
    return 0


# -- the report ------------------------------------------------------------------------------


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def short(model: str) -> str:
    return model.split("/")[-1]


def scored_sets(
    rows: list[Row], hw: str, cv: CrossValidation, rng: np.random.Generator, overhead: float
) -> dict[str, Score]:
    """Ours and EcoLogits' on the same rows, batch given and batch unknown (LOMO)."""
    pred, resid, folds = cv.pred, cv.resid, cv.fold
    meas = np.array([r.j_request for r in rows])
    models = [r.model for r in rows]
    ours = np.array([pred[id(r)][0] for r in rows])
    gsds = np.array([gsd_without(resid, r.group) for r in rows])
    spread = np.exp(Z90 * np.log(gsds))
    unknown = []
    for r, g in zip(rows, gsds, strict=True):
        theta, b = folds[r.group]
        coef = coefficients(theta, b, overhead, float(g))
        unknown.append(interval_unknown_batch(coef, r, hw, rng))
    u = np.array(unknown)
    a = arrays(rows)
    eco_given = ecologits_j(a["total"], a["active"], a["out"], a["batch"])
    eco_64 = ecologits_j(a["total"], a["active"], a["out"], ECO_BATCH)
    return {
        "ours, batch given": score(ours, meas, ours / spread, ours * spread, models),
        "EcoLogits, batch given": score(eco_given, meas, None, None, models),
        "ours, batch unknown": score(u[:, 0], meas, u[:, 1], u[:, 2], models),
        "EcoLogits, batch unknown (B = 64)": score(eco_64, meas, None, None, models),
    }


def per_model(
    h100: list[Row], task: str, cv: CrossValidation, overhead: float, rng: np.random.Generator
) -> str:
    """One row per model configuration at max_num_seqs 64: ours with the batch given and with
    the batch unknown (median 64, Monte Carlo interval), EcoLogits at batch 64."""
    rows = []
    n_two = n_in_given = n_in_unknown = 0
    chosen = [r for r in h100 if r.task == task and r.max_batch == 64]
    for r in sorted(chosen, key=lambda r: (r.total, r.model, r.gpus)):
        e = cv.pred[id(r)][0]
        g = gsd_without(cv.resid, r.group)
        s = math.exp(Z90 * math.log(g))
        coef = coefficients(*cv.fold[r.group], overhead, g)
        n = method.gpus_needed(r.total, r.bytes, "h100", coef)
        _, lo, hi = interval_unknown_batch(coef, r, "h100", rng)
        eco = float(ecologits_j(np.array(r.total), np.array(r.active), np.array(r.out), r.batch))
        given = e / s <= r.j_request <= e * s
        unknown = lo <= r.j_request <= hi
        n_two += e / r.j_request <= 2.0 and r.j_request / e <= 2.0
        n_in_given += given
        n_in_unknown += unknown
        rows.append(
            [
                short(r.model),
                f"{r.total:g}/{r.active:g}",
                f"{r.bytes:g}",
                f"{r.gpus:g} / {n:g}",
                f"{r.out:.0f}",
                f"{r.j_request:,.0f}",
                f"{e:,.0f} ({e / s:,.0f}–{e * s:,.0f})",
                f"×{e / r.j_request:.2f}",
                "yes" if given else "**no**",
                f"{lo:,.0f}–{hi:,.0f}",
                "yes" if unknown else "**no**",
                f"{eco:,.0f}",
                f"×{eco / r.j_request:.2f}",
            ]
        )
    text = table(
        [
            "model",
            "params B (total/active)",
            "bytes",
            "GPUs measured / derived",
            "output tokens",
            "measured J",
            "ours J, batch 64 (90 %)",
            "ours/meas",
            "inside",
            "ours, batch unknown (90 %)",
            "inside",
            "EcoLogits J",
            "Eco/meas",
        ],
        rows,
    )
    return text + (
        f"\n\nWithin ×2: {n_two} of {len(rows)}; measurement inside the 90 % interval: "
        f"{n_in_given} of {len(rows)} with the batch given, {n_in_unknown} of {len(rows)} "
        "with the batch unknown."
    )


def build_report(
    v3: list[Row],
    v2: list[Row],
    h100: list[Row],
    b200: list[Row],
    overhead: float,
    hits: int,
    configs: int,
    final: method.TextCoefficients,
    values: dict[str, float],
    cv: CrossValidation,
) -> str:
    rng = np.random.default_rng(SEED)
    out: list[str] = []
    w = out.append
    w("# Calibration of the text-generation method\n")
    w(
        "Generated by `python benchmarks/calibrate_text.py` (do not edit by hand). Data: ML.ENERGY "
        "Benchmark v3 (Leaderboard v3.0, Dec 2025) and v2 (2024) extracts, GPU energy only "
        "(Chung et al., arXiv:2505.06371; Apache-2.0). The method is `aicost/methods/text.py`; "
        "its coefficients are the `methods: text:` entry of factors.yaml "
        "(`calibrate_text.py --check` verifies they equal this fit).\n"
    )
    w("## Data used\n")
    n_rows: dict[tuple[str, str], int] = defaultdict(int)
    n_models: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in v3:
        n_rows[(r.hardware, r.task)] += 1
        n_models[(r.hardware, r.task)].add(r.model)
    w(
        table(
            ["set", "hardware", "task", "rows", "models", "role"],
            [
                [
                    "v3",
                    hw.upper(),
                    t,
                    str(n_rows[(hw, t)]),
                    str(len(n_models[(hw, t)])),
                    (
                        "**headline** (fit + leave-one-model-out)"
                        if (hw, t) == ("h100", "lm-arena-chat")
                        else "fit + LOMO"
                        if hw == "h100"
                        else "B200 factors + LOMO"
                    ),
                ]
                for hw, t in sorted(n_rows)
            ]
            + [
                [
                    "v2",
                    "H100",
                    "chat",
                    str(len(v2)),
                    str(len({r.model for r in v2})),
                    "cross-check only (older stack: vLLM 0.5.4), never fitted",
                ]
            ],
        )
    )
    w("")
    w(
        "A row is one (model, precision, GPU count, batch) configuration. **Its measurement** is "
        "`energy_per_request_joules`: GPU energy per answer at steady state with the measured "
        "mean concurrency (`avg_batch_size`), for that row's mean output length. The fit is on "
        "J per output token (ML.ENERGY folds the prompts' prefill into it); each (model, task, "
        "GPU count) weighs the same whatever the number of batch sizes swept. Multimodal tasks "
        "(image-chat, video-chat) are left out. The extracts give no prompt lengths, so rows are "
        "predicted with input = 0 (their prefill is inside the fitted per-token energy) and a mean "
        "context of half the output.\n"
    )
    w(
        "Two cases are scored. **Batch given**: the row's measured batch is given to the method "
        "(how good the physics is). **Batch unknown** (what a user faces): the method predicts "
        f"at its median serving batch ({math.sqrt(BATCH_LOW * BATCH_HIGH):g}) with the Monte Carlo "
        f"interval of batch ~ log-uniform [{BATCH_LOW:g}, {BATCH_HIGH:g}] × residual; every "
        "row, whatever batch it was measured at, is the measurement. EcoLogits' formula is "
        f"scored at the row's batch and at its fixed B = {ECO_BATCH:g}.\n"
    )
    w(
        "In every score the GPU count is **derived from the size** (as for a model given only by "
        "size), not taken from the row, and the coefficients come from a fit **without the "
        "left-out model** (leave-one-model-out; a model's precision variants and instruct/thinking "
        "twins are left out together). The 90 % interval of a left-out model uses the residual "
        "spread of the other models' left-out residuals.\n"
    )
    w("## The method\n")
    w(
        "```\n"
        "e_token = h_w(hw) · A / batch + h_t(hw) · C\n"
        "A = a · W · (bytes/2)^(α−1) · (P_active/P_total)^m          W = P_total · bytes [GB]\n"
        "C = c · P_active^β · N_GPU^γ · (bytes/2)^δ · (1 + context/L0)\n"
        "E = e_token · (output + reasoning + w_in · input)\n"
        "context = input + (output + reasoning)/2\n"
        "N_GPU = 2^ceil(log2(ceil(W · k / GPU memory)))\n"
        "```\n"
    )
    w(
        "A is the energy of reading the weights once per decode step, shared by the batch (it is "
        "≈ 0.19–0.22 J per GB for every dense BF16 model on H100, from 8B to 70B); C is each "
        "answer's own work per token, growing with the GPUs that must synchronise and with the "
        "KV cache read at long contexts (reasoning). Batch 1 gives the memory-bound limit; a huge "
        "batch, the compute limit — both physical, so the form extrapolates sanely.\n"
    )
    rows = []
    names = {
        "weight_energy": ("a", "J/GB", "fit (H100)"),
        "weight_bytes_exponent": ("α", "", "fit (H100)"),
        "moe_exponent": ("m", "", "fit (H100)"),
        "token_energy": ("c", "J", "fit (H100)"),
        "token_active_exponent": ("β", "", "fit (H100)"),
        "token_gpus_exponent": ("γ", "", "fit (H100)"),
        "token_bytes_exponent": ("δ", "", "fit (H100)"),
        "context_scale": ("L0", "tokens", "fit (H100)"),
        "hardware_weights.b200": ("h_w(B200)", "", "fit (B200 rows, shape fixed)"),
        "hardware_token.b200": ("h_t(B200)", "", "fit (B200 rows, shape fixed)"),
        "memory_overhead": ("k", "", f"reproduces {hits}/{configs} smallest GPU counts served"),
        "gpu_memory.h100": ("", "GB", "H100 80 GB"),
        "gpu_memory.b200": ("", "GB", "DGX B200: 1,440 GB / 8"),
        "gpu_power.h100": ("", "W", "median power per GPU, text rows"),
        "gpu_power.b200": ("", "W", "median power per GPU, text rows"),
        "prefill_weight": ("w_in", "", "assumption (not in the data)"),
        "batch_low": ("", "", "Jegham et al. B = 8; ML.ENERGY's smallest batch"),
        "batch_high": ("", "", "EcoLogits' fit filter (batch ≤ 512); ML.ENERGY min-energy"),
        "residual_gsd": ("", "", "exp(rms of LOMO residuals, H100, batch given)"),
    }
    for k, v in values.items():
        sym, unit, how = names[k]
        rows.append([f"`{k}`", sym, f"{v:g}", unit, how])
    w(table(["coefficient", "symbol", "value", "unit", "from"], rows))
    w("")
    # -- scores
    w("## Leave-one-model-out scores\n")
    w(
        "Factor off = exp|ln(predicted / measured)|; the median and 90th percentile over rows; "
        "coverage = share of rows whose measurement is inside the 90 % interval.\n"
    )
    head = [
        "rows",
        "models",
        "median factor off",
        "90th pct factor off",
        "90 % interval covers",
        "within ×2",
    ]
    sets = [
        ("v3 H100 chat (headline)", [r for r in h100 if r.task == "lm-arena-chat"], "h100"),
        ("v3 H100 gpqa (reasoning)", [r for r in h100 if r.task == "gpqa"], "h100"),
        ("v3 H100 code (FIM)", [r for r in h100 if r.task == "sourcegraph-fim"], "h100"),
        ("v3 B200 chat", [r for r in b200 if r.task == "lm-arena-chat"], "b200"),
        ("v3 B200 gpqa", [r for r in b200 if r.task == "gpqa"], "b200"),
    ]
    headline: dict[str, Score] = {}
    for name, rs, hw in sets:
        scores = scored_sets(rs, hw, cv, rng, overhead)
        if not headline:
            headline = scores
        w(f"### {name}\n")
        w(table(["method", *head], [[k, *s.cells()] for k, s in scores.items()]))
        w("")
    w(
        "EcoLogits gives no interval for a model whose size is known (its min–max comes only from "
        "size ranges), hence no coverage. Its formula is re-implemented here from its published "
        "coefficients (EcoLogits 0.11.3, `impacts/llm.py` and the methodology page 'LLM "
        "inference'; Rincé & Banse, JOSS 10(111) 7471): GPU Wh per output token = N_GPU × "
        "(1.1665e-6 · exp(−0.011206 · B) · P_active + 4.0529e-5), N_GPU = 1.2 · P_total · 2 bytes "
        "/ 80 GB rounded up to a power of two, input tokens ignored.\n"
    )
    a_all = arrays(h100)
    fit_res = np.log(per_token(final, a_all, "h100", measured_gpus=True) / a_all["j_token"])
    w(
        "For comparison, the fit on all H100 text rows, with the GPU counts measured, leaves a "
        f"residual of ×{math.exp(float(np.sqrt(np.mean(fit_res**2)))):.2f} (geometric s.d., "
        "in-sample); `residual_gsd` is the larger leave-one-model-out figure.\n"
    )
    # -- per model
    for task, label in (("lm-arena-chat", "chat"), ("gpqa", "gpqa, reasoning")):
        w(f"## A model given only by size (v3 H100 {label}, batch-64 rows, left out of the fit)\n")
        w(per_model(h100, task, cv, overhead, rng))
        w("")
    # -- v2 cross-check
    w("## Cross-check on ML.ENERGY v2 (H100 chat, 2024 stack; full fit, never fitted on)\n")
    a = arrays(v2)
    e2 = method.accelerator_energy_j(
        a["total"], a["active"], a["bytes"], a["out"], 0.0, 0.0, a["batch"], final, "h100"
    )
    sp = math.exp(Z90 * math.log(final.residual_gsd))
    s_ours = score(e2, a["j_request"], e2 / sp, e2 * sp, [r.model for r in v2])
    s_eco = score(
        ecologits_j(a["total"], a["active"], a["out"], a["batch"]),
        a["j_request"],
        None,
        None,
        [r.model for r in v2],
    )
    w(
        table(
            ["method", *head],
            [["ours, batch given", *s_ours.cells()], ["EcoLogits, batch given", *s_eco.cells()]],
        )
    )
    ratio = float(np.exp(np.median(np.log(e2 / a["j_request"]))))
    w(
        f"\nMedian ours/measured on v2: ×{ratio:.2f} (ML.ENERGY reports the same Llama 3.1 models "
        "15–41 % cheaper per token on the v3 stack than on v2).\n"
    )
    # -- anchors
    w("## Anchors\n")
    anchor_rows = []
    for name, total, n_out, meas, given in (
        ("ML.ENERGY v2 Llama 3.1 8B (MIT TR 57 J, b192)", 8.0, 483.0, 57.0, 192.0),
        (
            "ML.ENERGY v2 Llama 3.1 405B BF16 (MIT TR 3,353 J, b128, 16 GPUs)",
            405.0,
            450.0,
            3353.0,
            128.0,
        ),
    ):
        r = Row(
            "v2",
            "chat",
            "h100",
            name,
            name,
            total,
            total,
            2.0,
            0,
            given,
            given,
            n_out,
            meas / n_out,
            meas,
        )
        mid, lo, hi = interval_unknown_batch(final, r, "h100", rng)
        at = float(method.accelerator_energy_j(total, total, 2.0, n_out, 0.0, 0.0, given, final))
        anchor_rows.append(
            [
                name,
                f"{meas:,.0f} J",
                f"{mid:,.0f} J ({lo:,.0f}–{hi:,.0f})",
                "yes" if lo <= meas <= hi else "**no**",
                f"{at:,.0f} J",
            ]
        )
    w(
        table(
            [
                "anchor (GPU energy)",
                "measured",
                "ours, batch unknown (90 %)",
                "inside",
                "ours at the measured batch",
            ],
            anchor_rows,
        )
    )
    w("")
    # GPT-4o, Jegham: facility 0.42 Wh, PUE 1.12, 100 in / 300 out; MoE 440B, 44-132B active
    n = DRAWS
    act = rng.uniform(44.0, 132.0, n)
    batch = batch_draws(rng, n)
    resid = np.exp(math.log(final.residual_gsd) * rng.standard_normal(n))
    acc = method.accelerator_energy_j(
        440.0, act, 2.0, 300.0, 100.0, 0.0, batch, final, "h100", resid
    )
    mid = float(
        method.accelerator_energy_j(
            440.0, 88.0, 2.0, 300.0, 100.0, 0.0, math.sqrt(BATCH_LOW * BATCH_HIGH), final
        )
    )
    gpt = []
    for host_name, host in (
        ("Google: IT = accelerators × 0.22/0.14", 0.22 / 0.14),
        ("MIT TR: × 2", 2.0),
    ):
        wh = acc * host * 1.12 / 3600
        lo, hi = float(np.percentile(wh, 5)), float(np.percentile(wh, 95))
        central = mid * host * 1.12 / 3600
        gpt.append(
            [
                host_name,
                f"{central:.2f} Wh ({lo:.2f}–{hi:.2f})",
                "yes" if lo <= 0.42 <= hi else "**no**",
            ]
        )
    w(
        "Jegham et al. GPT-4o, short prompt (100 in / 300 out): **0.42 Wh** at the facility "
        "(Azure PUE 1.12). Ours: MoE 440B total, 44–132B active (EcoLogits' size range, uniform), "
        f"BF16, H100; accelerator energy {mid:.0f} J at the median batch "
        f"({np.percentile(acc, 5):.0f}–{np.percentile(acc, 95):.0f} J), then × host share × "
        "PUE 1.12:\n"
    )
    w(table(["host share", "ours, facility (90 %)", "0.42 Wh inside"], gpt))
    w("")
    # -- extrapolation sanity
    w("## Extrapolation (central values, H100, median batch, 300 output / 100 input tokens)\n")
    rows = []
    for name, total, active, prec in (
        ("1B dense BF16", 1, 1, 2.0),
        ("8B dense BF16", 8, 8, 2.0),
        ("8B dense INT4", 8, 8, 0.5),
        ("70B dense BF16", 70, 70, 2.0),
        ("405B dense FP8", 405, 405, 1.0),
        ("671B/37B MoE FP8", 671, 37, 1.0),
        ("2T/400B MoE BF16", 2000, 400, 2.0),
    ):
        n_gpu = method.gpus_needed(total, prec, "h100", final)
        e = method.accelerator_energy_j(
            total, active, prec, 300.0, 100.0, 0.0, math.sqrt(BATCH_LOW * BATCH_HIGH), final
        )
        e1 = method.accelerator_energy_j(total, active, prec, 300.0, 100.0, 0.0, 1.0, final)
        rows.append([name, f"{n_gpu:g}", f"{e:,.0f} J ({e / 3600:.3f} Wh)", f"{e1:,.0f} J"])
    w(table(["model", "N_GPU", "per answer, batch 64", "batch 1"], rows))
    w("")
    w("## Not in the data, so not fitted\n")
    w(
        f"* `prefill_weight` = {PREFILL_WEIGHT:g}: one input token costs 1/20 of an output token "
        "(the ML.ENERGY extracts give no prompt lengths). Long inputs also raise every output "
        "token's cost through the context term (1 + context/L0).\n"
        f"* The serving batch ({BATCH_LOW:g}–{BATCH_HIGH:g}, log-uniform, median "
        f"{math.sqrt(BATCH_LOW * BATCH_HIGH):g} = EcoLogits' B): Jegham et al. assume 8 (4–16); "
        "EcoLogits 64; ML.ENERGY's lowest-energy H100 chat batches are 256–1,024. Providers' "
        "real batches are not published.\n"
        "* Hardware other than H100/B200 (TPU, H200, A100) and providers' serving tricks "
        "(speculative decoding, disaggregated prefill, large expert-parallel deployments).\n"
    )
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())

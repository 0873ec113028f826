"""Monte Carlo intervals and a tornado of what drives them.

Every factor a scenario uses is one uncertain input, drawn ONCE per sample and shared by all
the items that use it (correlated, not independent per item):

- a task's energy per generation: its `sd` (normal, from the source's ± standard deviation),
  or its `low`/`high` (triangular, mode at the value), or the default for its status;
- a site's PUE: the spread applies to the overhead (PUE - 1), so a PUE never drops below 1;
  a site's on-site water (WUE);
- a grid's carbon intensity and off-site water.

Defaults by status, as a triangular distribution with the value as mode: primary ±20 %,
secondary ±35 %, derived ±35 %, assumption ±50 % (an inline figure of the user counts as an
assumption). Each figure is shown as its central value (the deterministic estimate) and the
5th-95th percentiles of the samples. NumPy is imported only here, only with --uncertainty.

The arithmetic is the engine's, on plain magnitudes in fixed units (kWh, g/kWh, L/kWh) so it
can run on arrays of samples; tests check that the central sample equals the engine's result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aicost.defaults import DEFAULT_SAMPLES, DEFAULT_SEED
from aicost.units import magnitude_in

if TYPE_CHECKING:
    from aicost.engine import Estimate
    from aicost.factors import Task

DEFAULT_RELATIVE = {"primary": 0.20, "secondary": 0.35, "derived": 0.35, "assumption": 0.50}
TOP = 5


@dataclass(frozen=True)
class Input:
    """One uncertain factor: its key, what it is, and its spread relative to the value."""

    key: str
    role: str  # task | item | pue | wue | carbon | water: what kind of factor
    subject: str  # the task, item, site or grid it belongs to
    kind: str  # triangular | uniform | normal | lognormal
    low: float  # relative multiplier of the value at the low end (triangular)
    high: float
    sd: float = 0.0  # relative standard deviation (normal), geometric sd (lognormal)
    origin: str = ""  # where the spread comes from


@dataclass(frozen=True)
class Interval:
    central: float
    p5: float
    p95: float


@dataclass(frozen=True)
class Driver:
    key: str
    role: str
    subject: str
    at_low: float  # the headline figure with this input at its 5th percentile
    at_high: float  # ... at its 95th percentile

    def label(self, lang: str = "en") -> str:
        """'carbon intensity of FR' ('intensité carbone de FR')."""
        return factor_label(self.role, self.subject, lang)


def factor_label(role: str, subject: str, lang: str = "en") -> str:
    from aicost.i18n import t

    return t(f"factor_{role}", lang, subject=subject)


@dataclass(frozen=True)
class Uncertainty:
    samples: int
    seed: int
    energy_wh: Interval
    co2e_g: dict[str, Interval]
    water_l: dict[str, Interval]
    headline: str  # what the drivers move: "CO2e (FR)"
    drivers: tuple[Driver, ...]
    inputs: tuple[Input, ...]


def _default(key: str, role: str, subject: str, status: str) -> Input:
    r = DEFAULT_RELATIVE.get(status, DEFAULT_RELATIVE["assumption"])
    origin = f"default for {status} (±{r:.0%})"
    return Input(key, role, subject, "triangular", 1 - r, 1 + r, origin=origin)


def task_input(task: Task) -> Input:
    key, tid = f"task:{task.id}", task.id
    if task.energy.magnitude == 0:  # nothing to spread (and no ratio to the value)
        return Input(key, "task", tid, "triangular", 1.0, 1.0, origin="zero value")
    if task.distribution == "lognormal" and task.gsd is not None:
        origin = "source (lognormal)"
        return Input(key, "task", tid, "lognormal", 1.0, 1.0, sd=task.gsd, origin=origin)
    if task.sd is not None:
        rel = float((task.sd / task.energy).to("dimensionless").magnitude)
        origin = "source (± one standard deviation)"
        return Input(key, "task", tid, "normal", 1.0, 1.0, sd=rel, origin=origin)
    if task.low is not None and task.high is not None:
        low = float((task.low / task.energy).to("dimensionless").magnitude)
        high = float((task.high / task.energy).to("dimensionless").magnitude)
        kind = "uniform" if task.distribution == "uniform" else "triangular"
        return Input(key, "task", tid, kind, low, high, origin="source range")
    return _default(key, "task", tid, task.status)


def _inputs(est: Estimate) -> list[Input]:
    sc = est.scenario
    inputs: dict[str, Input] = {}
    for i, r in enumerate(est.items):
        item = r.item
        if item.task is not None:
            inp = task_input(item.task)
        else:
            inp = _default(f"item:{i}", "item", item.label, "assumption")
        inputs.setdefault(inp.key, inp)
    site = sc.site
    if not site.as_reported:
        if site.pue is not None and site.pue > 1:
            key = f"site:{site.id}:pue"
            inputs[key] = _default(key, "pue", site.id, site.pue_status or site.status)
        if site.wue is not None and site.wue.magnitude > 0:
            key = f"site:{site.id}:wue"
            inputs[key] = _default(key, "wue", site.id, site.status)
    for g in sc.grids:
        inputs[f"grid:{g.id}:carbon"] = _default(f"grid:{g.id}:carbon", "carbon", g.id, g.status)
        inputs[f"grid:{g.id}:water"] = _default(f"grid:{g.id}:water", "water", g.id, g.status)
    return list(inputs.values())


def _draw(inp: Input, n: int, rng: Any) -> Any:
    import numpy as np

    if inp.kind == "normal":
        return np.maximum(rng.normal(1.0, inp.sd, n), 0.0)
    if inp.kind == "lognormal":
        return rng.lognormal(0.0, np.log(inp.sd), n)
    if inp.kind == "uniform":
        return rng.uniform(inp.low, inp.high, n)
    if inp.high == inp.low:
        return np.full(n, inp.low)
    return rng.triangular(inp.low, 1.0, inp.high, n)


def _quantile(inp: Input, q: float) -> float:
    """The q-quantile of an input's multiplier (for the tornado)."""
    from statistics import NormalDist

    if inp.kind == "normal":
        return max(NormalDist(1.0, inp.sd).inv_cdf(q), 0.0) if inp.sd > 0 else 1.0
    if inp.kind == "lognormal":
        if inp.sd <= 1:
            return 1.0
        import math

        return math.exp(NormalDist(0.0, math.log(inp.sd)).inv_cdf(q))
    if inp.kind == "uniform":
        return inp.low + (inp.high - inp.low) * q
    a, c, b = inp.low, 1.0, inp.high
    if b == a:
        return a
    f = (c - a) / (b - a)
    if q < f:
        return float(a + ((b - a) * (c - a) * q) ** 0.5)
    return float(b - ((b - a) * (b - c) * (1 - q)) ** 0.5)


def _model(est: Estimate, m: dict[str, Any]) -> tuple[Any, Any, dict[str, Any], dict[str, Any]]:
    """(energy kWh, IT energy kWh, CO2e g per grid, water L per grid) for multipliers `m`."""
    sc = est.scenario
    site = sc.site
    energy: Any = 0.0
    it: Any = 0.0
    for i, r in enumerate(est.items):
        item = r.item
        key = f"task:{item.task.id}" if item.task is not None else f"item:{i}"
        e = magnitude_in(item.energy, "kWh") * item.count * m.get(key, 1.0)
        it_e = e / item.pue if item.boundary == "facility" and item.pue else e
        if site.as_reported:
            energy = energy + e
        else:
            assert site.pue is not None
            pue = 1 + (site.pue - 1) * m.get(f"site:{site.id}:pue", 1.0)
            energy = energy + it_e * pue
        it = it + it_e
    scale = sc.scale.total
    energy, it = energy * scale, it * scale
    wue = 0.0
    if not site.as_reported and site.wue is not None:
        wue = magnitude_in(site.wue, "L/kWh") * m.get(f"site:{site.id}:wue", 1.0)
    co2e, water = {}, {}
    for g in sc.grids:
        ci = magnitude_in(g.carbon_intensity, "g/kWh") * m.get(f"grid:{g.id}:carbon", 1.0)
        w = magnitude_in(g.water, "L/kWh") * m.get(f"grid:{g.id}:water", 1.0)
        co2e[g.id] = energy * ci
        water[g.id] = it * wue + energy * w
    return energy, it, co2e, water


def central(est: Estimate) -> tuple[float, dict[str, float], dict[str, float]]:
    energy, _, co2e, water = _model(est, {})
    return (
        float(energy),
        {k: float(v) for k, v in co2e.items()},
        {k: float(v) for k, v in water.items()},
    )


MAX_DRAWS = 50_000_000  # values drawn in one analysis (samples × uncertain factors)


def _item_terms(est: Estimate) -> list[tuple[str, float, float]]:
    """(input key, energy kWh as the source counted it, IT energy kWh) of each item, once."""
    terms = []
    for i, r in enumerate(est.items):
        item = r.item
        key = f"task:{item.task.id}" if item.task is not None else f"item:{i}"
        e = magnitude_in(item.energy, "kWh") * item.count
        it_e = e / item.pue if item.boundary == "facility" and item.pue else e
        terms.append((key, e, it_e))
    return terms


def _sampled(est: Estimate, inputs: list[Input], n: int, rng: Any) -> tuple[Any, Any, Any, Any]:
    """(energy kWh, CO2e g per grid, water L per grid, —) over `n` samples, drawing each
    input once, in the order of `inputs`, and keeping a draw only while an item still needs it:
    memory stays a few arrays of `n` whatever the number of items."""
    import numpy as np

    sc, site = est.scenario, est.scenario.site
    terms = _item_terms(est)
    last_use = {key: i for i, (key, _, _) in enumerate(terms)}
    by_key = {inp.key: inp for inp in inputs}
    live: dict[str, Any] = {}
    energy_src: Any = np.zeros(n)
    it: Any = np.zeros(n)
    for i, (key, e, it_e) in enumerate(terms):
        if key not in live:
            live[key] = _draw(by_key[key], n, rng)
        m = live[key]
        energy_src += e * m
        it += it_e * m
        if last_use[key] == i:
            del live[key]
    rest = {inp.key: _draw(inp, n, rng) for inp in inputs if inp.key not in last_use}
    if site.as_reported:
        energy = energy_src
    else:
        assert site.pue is not None
        energy = it * (1 + (site.pue - 1) * rest.get(f"site:{site.id}:pue", 1.0))
    scale = sc.scale.total
    energy, it = energy * scale, it * scale
    wue: Any = 0.0
    if not site.as_reported and site.wue is not None:
        wue = magnitude_in(site.wue, "L/kWh") * rest.get(f"site:{site.id}:wue", 1.0)
    co2e, water = {}, {}
    for g in sc.grids:
        ci = magnitude_in(g.carbon_intensity, "g/kWh") * rest.get(f"grid:{g.id}:carbon", 1.0)
        w = magnitude_in(g.water, "L/kWh") * rest.get(f"grid:{g.id}:water", 1.0)
        co2e[g.id] = energy * ci
        water[g.id] = it * wue + energy * w
    return energy, co2e, water, None


def _slopes(est: Estimate, first: str) -> dict[str, float]:
    """How much the headline figure (CO2e on the first grid) moves per unit of each input's
    multiplier: the model is linear in every one of them, so the tornado costs one pass."""
    sc, site = est.scenario, est.scenario.site
    grid = next(g for g in sc.grids if g.id == first)
    ci = magnitude_in(grid.carbon_intensity, "g/kWh")
    scale = sc.scale.total
    pue = 1.0 if site.as_reported or site.pue is None else site.pue
    slopes: dict[str, float] = {}
    it_total = 0.0
    for key, e, it_e in _item_terms(est):
        part = e if site.as_reported else it_e * pue
        slopes[key] = slopes.get(key, 0.0) + part * scale * ci
        it_total += it_e
    if not site.as_reported and site.pue is not None:
        slopes[f"site:{site.id}:pue"] = it_total * (site.pue - 1) * scale * ci
    energy = sum(e if site.as_reported else it_e * pue for _, e, it_e in _item_terms(est))
    slopes[f"grid:{first}:carbon"] = energy * scale * ci
    return slopes


def analyse(est: Estimate, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED) -> Uncertainty:
    import numpy as np

    inputs = _inputs(est)
    if samples * len(inputs) > MAX_DRAWS:
        from aicost.errors import UsageError
        from aicost.i18n import tr

        raise UsageError(
            tr(
                "--uncertainty would draw {count} values ({samples} samples × {inputs} uncertain"
                " factors); at most {most}: use fewer --samples",
                count=samples * len(inputs),
                samples=samples,
                inputs=len(inputs),
                most=MAX_DRAWS,
            )
        )
    rng = np.random.default_rng(seed)
    energy, co2e, water, _ = _sampled(est, inputs, samples, rng)
    c_energy, c_co2e, c_water = central(est)

    def interval(values: Any, centre: float) -> Interval:
        p5, p95 = np.percentile(values, [5, 95])
        return Interval(centre, float(p5), float(p95))

    first = est.scenario.grids[0].id
    slopes = _slopes(est, first)
    centre = c_co2e[first]
    drivers = []
    for inp in inputs:
        slope = slopes.get(inp.key, 0.0)
        lo = centre + (_quantile(inp, 0.05) - 1) * slope
        hi = centre + (_quantile(inp, 0.95) - 1) * slope
        drivers.append(Driver(inp.key, inp.role, inp.subject, float(lo), float(hi)))
    drivers = [d for d in drivers if abs(d.at_high - d.at_low) > 1e-12 * abs(c_co2e[first])]
    drivers.sort(key=lambda d: abs(d.at_high - d.at_low), reverse=True)
    return Uncertainty(
        samples=samples,
        seed=seed,
        energy_wh=interval(energy * 1000, c_energy * 1000),
        co2e_g={g: interval(co2e[g], c_co2e[g]) for g in co2e},
        water_l={g: interval(water[g], c_water[g]) for g in water},
        headline=f"CO2e ({first})",
        drivers=tuple(drivers[:TOP]),
        inputs=tuple(inputs),
    )

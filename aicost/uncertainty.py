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

The arithmetic is the engine's own (aicost.arithmetic, plain numbers in canonical units), run
once on arrays of samples; tests check that the central sample equals the engine's result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aicost.defaults import DEFAULT_SAMPLES, DEFAULT_SEED
from aicost.records import record
from aicost.units import magnitude_in

if TYPE_CHECKING:
    from aicost.arithmetic import Plan, Result
    from aicost.engine import Estimate
    from aicost.factors import Conversion, Embodied, Site, Task

DEFAULT_RELATIVE = {"primary": 0.20, "secondary": 0.35, "derived": 0.35, "assumption": 0.50}
TOP = 5


@record
class Input:
    """One uncertain factor: its key, what it is, and its spread relative to the value."""

    key: str
    role: str  # task | item | host | size | batch | residual | pue | wue | carbon | water
    subject: str  # the task, item, site or grid it belongs to
    kind: str  # triangular | uniform | loguniform | normal | lognormal
    low: float  # relative multiplier of the value at the low end (triangular)
    high: float
    sd: float = 0.0  # relative standard deviation (normal), geometric sd (lognormal)
    origin: str = ""  # where the spread comes from


@record
class Interval:
    central: float
    p5: float
    p95: float


@record
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


@record
class ItemIntervals:
    """One generation of an item at each boundary, in Wh (accelerator: None where not known)."""

    accelerator_wh: Interval | None
    it_wh: Interval
    energy_wh: Interval  # as counted at the site


@record
class Uncertainty:
    samples: int
    seed: int
    energy_wh: Interval
    co2e_g: dict[str, Interval]
    water_l: dict[str, Interval]
    headline: str  # what the drivers move: "CO2e (FR)"
    drivers: tuple[Driver, ...]
    inputs: tuple[Input, ...]
    items: tuple[ItemIntervals, ...] = ()
    as_run_co2e_g: Interval | None = None  # each item on its own site and grid
    as_run_water_l: Interval | None = None
    embodied_co2e_g: Interval | None = None  # manufacturing (None: no hardware known)
    co2e_total_g: dict[str, Interval] | None = None  # electricity + manufacturing, per grid


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


def conversion_input(conversion: Conversion) -> Input:
    """A conversion's range (triangular, mode at the value), or the default for its status."""
    key = f"conversion:{conversion.id}"
    if conversion.low is not None and conversion.high is not None:
        low, high = conversion.low / conversion.value, conversion.high / conversion.value
        return Input(key, "host", conversion.id, "triangular", low, high, origin="source range")
    return _default(key, "host", conversion.id, conversion.status)


def pue_input(site: Site) -> Input:
    """A site's PUE overhead (PUE - 1): its source's range where it gives one (uniform: the
    value is its middle), else the default for its status."""
    key = f"site:{site.id}:pue"
    pue = site.pue
    assert pue is not None
    if site.pue_low is not None and site.pue_high is not None and pue > 1:
        low, high = (site.pue_low - 1) / (pue - 1), (site.pue_high - 1) / (pue - 1)
        return Input(key, "pue", site.id, "uniform", low, high, origin="source range")
    return _default(key, "pue", site.id, site.pue_status or site.status)


def embodied_input(made: Embodied) -> Input:
    """A hardware's manufacturing CO2e: its range (uniform: the sources disagree)."""
    low = float((made.gwp_low / made.gwp).to("dimensionless").magnitude)
    high = float((made.gwp_high / made.gwp).to("dimensionless").magnitude)
    key = f"embodied:{made.id}"
    return Input(key, "embodied", made.id, "uniform", low, high, origin="source range")


def wue_input(site: Site) -> Input:
    key = f"site:{site.id}:wue"
    if site.wue is not None and site.wue_low is not None and site.wue_high is not None:
        low = float((site.wue_low / site.wue).to("dimensionless").magnitude)
        high = float((site.wue_high / site.wue).to("dimensionless").magnitude)
        return Input(key, "wue", site.id, "uniform", low, high, origin="source range")
    return _default(key, "wue", site.id, site.status)


def _inputs(est: Estimate) -> list[Input]:
    from aicost.engine import item_key

    sc = est.scenario
    inputs: dict[str, Input] = {}
    for i, r in enumerate(est.items):
        item = r.item
        if item.text is not None:
            for key, role, kind, low, high, sd, origin in item.text.uncertain():
                subject = key.split(":")[1] if key.startswith("device:") else item.text.name
                inputs.setdefault(key, Input(key, role, subject, kind, low, high, sd, origin))
            site = item.text.default_site
            if sc.site.as_reported and site is not None and site.pue is not None and site.pue > 1:
                key = f"site:{site.id}:pue"
                inputs.setdefault(key, pue_input(site))
        else:
            if item.task is not None:
                inp = task_input(item.task)
            else:
                inp = _default(item_key(item, i), "item", item.label, "assumption")
            inputs.setdefault(inp.key, inp)
        if item.host is not None:
            host = conversion_input(item.host)
            inputs.setdefault(host.key, host)
        if item.hardware is not None:
            made = embodied_input(item.hardware.embodied)
            inputs.setdefault(made.key, made)
            if item.hardware.host is not None:
                host = conversion_input(item.hardware.host)
                inputs.setdefault(host.key, host)
    # Each site and grid once, however many items use it: drawn once per sample, shared.
    sites = {sc.site.id: sc.site}
    sites.update({r.site.id: r.site for r in est.items if r.site is not None})
    for site in sites.values():
        if site.as_reported:
            continue
        if site.pue is not None and site.pue > 1:
            key = f"site:{site.id}:pue"
            inputs[key] = pue_input(site)
        if site.wue is not None and site.wue.magnitude > 0:
            key = f"site:{site.id}:wue"
            inputs[key] = wue_input(site)
    for g in (*sc.grids, *est.as_run_grids):
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
    if inp.kind == "loguniform":
        return np.exp(rng.uniform(np.log(inp.low), np.log(inp.high), n))
    if inp.high == inp.low:
        return np.full(n, inp.low)
    return rng.triangular(inp.low, 1.0, inp.high, n)


def _quantile(inp: Input, q: float) -> float:
    """The q-quantile of an input's multiplier (for the tornado)."""
    from statistics import NormalDist

    if inp.kind == "normal":
        return max(NormalDist(1.0, inp.sd).inv_cdf(q), 0.0) if inp.sd > 0 else 1.0
    if inp.kind == "lognormal":
        import math

        if inp.sd <= 1:  # a geometric sd of 1: no spread
            return 1.0

        return math.exp(NormalDist(0.0, math.log(inp.sd)).inv_cdf(q))
    if inp.kind == "uniform":
        return inp.low + (inp.high - inp.low) * q
    if inp.kind == "loguniform":
        return float(inp.low * (inp.high / inp.low) ** q)
    a, c, b = inp.low, 1.0, inp.high
    if b == a:
        return a
    f = (c - a) / (b - a)
    if q < f:
        return float(a + ((b - a) * (c - a) * q) ** 0.5)
    return float(b - ((b - a) * (b - c) * (1 - q)) ** 0.5)


def _plan(est: Estimate) -> Plan:
    from aicost.engine import plan_of

    return est.plan if est.plan is not None else plan_of(est.scenario)


def _model(est: Estimate, m: dict[str, Any]) -> tuple[Any, Any, dict[str, Any], dict[str, Any]]:
    """(energy kWh, IT energy kWh, CO2e g per grid, water L per grid) for multipliers `m`:
    the engine's own arithmetic (aicost.arithmetic), on floats or arrays of samples."""
    from aicost.arithmetic import compute

    return _totals(compute(_plan(est), m))


def _totals(result: Result) -> tuple[Any, Any, dict[str, Any], dict[str, Any]]:
    kwh = _joules_per_kwh()
    co2e = {gid: fp.co2e_g for gid, fp in result.grids.items()}
    water = {gid: fp.water_l for gid, fp in result.grids.items()}
    return result.energy_j / kwh, result.it_energy_j / kwh, co2e, water


def _joules_per_kwh() -> float:
    from aicost.units import Q

    return magnitude_in(Q(1.0, "kWh"), "J")


def central(est: Estimate) -> tuple[float, dict[str, float], dict[str, float]]:
    energy, _, co2e, water = _model(est, {})
    return (
        float(energy),
        {k: float(v) for k, v in co2e.items()},
        {k: float(v) for k, v in water.items()},
    )


MAX_DRAWS = 20_000_000  # values drawn and kept in one analysis (samples × uncertain factors)


def analyse(est: Estimate, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED) -> Uncertainty:
    import numpy as np

    rng = np.random.default_rng(seed)
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
    draws = {inp.key: _draw(inp, samples, rng) for inp in inputs}
    from aicost.arithmetic import compute

    plan = _plan(est)
    with np.errstate(all="ignore"):  # an overflow shows as an interval refused below
        result = compute(plan, draws)
    energy, _, co2e, water = _totals(result)
    centre = compute(plan)
    c_energy, c_co2e, c_water = central(est)

    def interval(values: Any, centre: float) -> Interval:
        import warnings

        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")  # inf - inf: refused just below, not warned about
            p5, p95 = np.percentile(values, [5, 95])
        if not (np.isfinite(p5) and np.isfinite(p95)):
            from aicost.errors import UsageError
            from aicost.i18n import tr

            raise UsageError(
                tr(
                    "--uncertainty gives intervals too wide to compute with; check the low,"
                    " high, sd and gsd of the factors used"
                )
            )
        return Interval(centre, float(p5), float(p95))

    wh = _joules_per_kwh() / 1000

    def per_generation(values: Any, central: Any, unit_j: float) -> Interval:
        return interval(np.asarray(values) * unit_j / wh, float(central) * unit_j / wh)

    items = tuple(
        ItemIntervals(
            accelerator_wh=per_generation(g.accelerator, c.accelerator, p.unit_j)
            if g.accelerator is not None and c.accelerator is not None
            else None,
            it_wh=per_generation(g.it, c.it, p.unit_j),
            energy_wh=per_generation(g.site, c.site, p.unit_j),
        )
        for g, c, p in zip(result.generations, centre.generations, plan.items, strict=True)
    )

    as_run: dict[str, Interval] = {}
    if result.as_run is not None and centre.as_run is not None:
        for name in ("co2e_g", "water_l"):
            values = getattr(result.as_run, name)
            as_run[name] = interval(values, float(getattr(centre.as_run, name)))

    made = None
    totals = None
    if est.embodied is not None:
        made = interval(result.embodied.co2e_g, float(centre.embodied.co2e_g))
        totals = {
            g: interval(co2e[g] + result.embodied.co2e_g, c_co2e[g] + float(centre.embodied.co2e_g))
            for g in co2e
        }

    first = est.scenario.grids[0].id
    headline = f"CO2e ({first})"

    def co2e_of(draws: dict[str, Any]) -> Any:
        return _model(est, draws)[2][first]

    if est.located:  # where the items really run: the drivers of the as-run CO2e
        headline = "CO2e (as run)"

        def co2e_of(draws: dict[str, Any]) -> Any:
            found = compute(plan, draws).as_run
            assert found is not None
            return found.co2e_g

    centre_co2e = co2e_of({})
    drivers = []
    for inp in inputs:
        lo = co2e_of({inp.key: _quantile(inp, 0.05)})
        hi = co2e_of({inp.key: _quantile(inp, 0.95)})
        drivers.append(Driver(inp.key, inp.role, inp.subject, float(lo), float(hi)))
    drivers = [d for d in drivers if abs(d.at_high - d.at_low) > 1e-12 * abs(centre_co2e)]
    # Widest swing first; equal swings (to 12 digits: binary noise aside) keep the inputs' order.
    drivers.sort(key=lambda d: float(f"{abs(d.at_high - d.at_low):.12g}"), reverse=True)
    return Uncertainty(
        samples=samples,
        seed=seed,
        energy_wh=interval(energy * 1000, c_energy * 1000),
        co2e_g={g: interval(co2e[g], c_co2e[g]) for g in co2e},
        water_l={g: interval(water[g], c_water[g]) for g in water},
        headline=headline,
        drivers=tuple(drivers[:TOP]),
        inputs=tuple(inputs),
        items=items,
        as_run_co2e_g=as_run.get("co2e_g"),
        as_run_water_l=as_run.get("water_l"),
        embodied_co2e_g=made,
        co2e_total_g=totals,
    )

"""Claims: figures as a report quotes them, checked against what the factor table gives.

    claims:
      - id: marathon-energy
        quote: "2,9 Kilo-Watt-Heure"          # the text as the report has it, any language
        scenario: ../scenarios/marathon.yaml  # relative to the claims file; or `items:`
        metric: energy                         # energy | co2e | water
        grid: FR                               # co2e and water only; `as-run`: each item on
                                               # its own grid (aicost scenario's as-run total)
        equivalence: microwave                 # optional: the figure in a familiar unit
        expected: 2.9 kWh
        tolerance: 5%                          # relative, or absolute ("0.1 kWh")
        why: ...                               # required when tolerance is wider than 10 %
        known_error: "..."                     # known to be wrong: reported, does not fail
        note: "..."
        versus: {grid: US}                     # optional: the claim is a ratio of two runs
        bound: at-least                        # optional: at-least | at-most | between
        unit: mi                               # optional: show the figures in this unit

A claim holds when |computed - expected| ≤ tolerance. A one-sided claim ("over an hour",
"less than 5 h") holds when computed ≥ expected - tolerance (`bound: at-least`) or
computed ≤ expected + tolerance (`at-most`); a range (`bound: between`, `expected: [low, high]`)
when low - tolerance ≤ computed ≤ high + tolerance. A bound's tolerance defaults to 0.
`versus` gives a second run (any of scenario, items, site, grid overridden) and the claim is
then computed / computed-versus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aicost.engine import Estimate, estimate
from aicost.errors import InputError
from aicost.factors import Equivalence, FactorTable, Grid
from aicost.fields import Fields, as_number, describe
from aicost.i18n import tr
from aicost.records import record
from aicost.scenarios import Scenario, load_scenario, parse_scenario
from aicost.units import Quantity, article, parse_quantity
from aicost.yamlfile import LineDict, line_of, load_yaml

METRICS = ("energy", "co2e", "water")
METRIC_DIMENSION = {"energy": "energy", "co2e": "mass", "water": "volume"}
_CANONICAL = {"energy": "Wh", "co2e": "g", "water": "L"}
_KIND_DIMENSION = {"duration": "time", "distance": "length", "count": "dimensionless"}
WIDE = 0.10  # a relative tolerance above this needs a `why`
AS_RUN = "as-run"  # `grid: as-run`: each item on its own grid
BOUNDS = ("exact", "at-least", "at-most", "between")


@record
class Run:
    """What to compute: a scenario (from a file or inline items), a metric and maybe a grid."""

    scenario: Scenario
    metric: str
    grid: str | None
    equivalence: Equivalence | None = None


@record
class Claim:
    id: str
    quote: str
    run: Run
    versus: Run | None
    expected: Quantity  # dimensionless for a ratio
    relative: float | None
    absolute: Quantity | None
    why: str | None
    known_error: str | None
    note: str | None
    line: int | None
    bound: str = "exact"  # exact | at-least | at-most | between
    high: Quantity | None = None  # the upper end of a `between` claim (expected is the lower)
    unit: str | None = None  # the unit the claim's figures are shown in, when it says one
    path: str | None = None  # the claims file, for messages about the claim as a whole

    def slack(self, reference: Quantity) -> Quantity:
        """The tolerance as a quantity, relative to `reference` when it is a percentage."""
        if self.relative is not None:
            return abs(reference) * self.relative
        assert self.absolute is not None
        return self.absolute

    def admits(self, value: Quantity) -> bool:
        """Whether `value` (in the expected's dimension) satisfies the claim."""
        low = self.expected
        high = self.high if self.high is not None else self.expected
        if self.bound in ("exact", "at-most", "between") and value > high + self.slack(high):
            return False
        return not (
            self.bound in ("exact", "at-least", "between") and value < low - self.slack(low)
        )


@record
class Verdict:
    claim: Claim
    computed: Quantity
    deviation: float  # (computed - expected) / expected
    interval: tuple[Quantity, Quantity] | None = None  # 5th-95th percentiles, --uncertainty
    denominator: Quantity | None = None  # the `versus` run's figure, for a ratio

    @property
    def holds(self) -> bool:
        c = self.claim
        if c.bound != "exact":
            return c.admits(self.computed)
        if c.relative is not None:
            return abs(self.deviation) <= c.relative + 1e-12
        assert c.absolute is not None
        return bool(abs(self.computed - c.expected) <= c.absolute)

    @property
    def within_uncertainty(self) -> bool:
        if self.interval is None:
            return False
        low, high = self.interval
        c = self.claim
        if c.bound == "exact":
            return bool(low <= c.expected <= high)
        # a bound: some of the interval satisfies the claim
        return bool(c.admits(low) or c.admits(high) or (low <= c.expected <= high))

    @property
    def status(self) -> str:
        """holds | within uncertainty | off | known error (a known error the numbers confirm)."""
        if self.holds:
            return "holds"
        if self.claim.known_error is not None:
            return "known error"
        return "within uncertainty" if self.within_uncertainty else "off"


def _run(
    f: Fields,
    base: Run | None,
    factors: FactorTable,
    directory: Path,
    loaded: dict[Path, Scenario] | None = None,
) -> Run:
    """What one side of a claim computes. `loaded` keeps the scenario files already read, so
    that a file named by many claims is read (and estimated) once."""
    scenario = base.scenario if base is not None else None
    loaded = {} if loaded is None else loaded
    if f.has("scenario") and f.has("items"):
        raise f.error(tr("give 'scenario' or 'items', not both"), "items")
    if f.has("scenario"):
        path = directory / f.req_text("scenario")
        if path not in loaded:
            loaded[path] = load_scenario(path, factors)
        scenario = loaded[path]
    elif f.has("items"):
        data = LineDict(items=f.raw("items"), name=f.where)
        data.line, data.key_lines = f.line, {"items": f.line_of("items") or 0}
        scenario = parse_scenario(data, f.path, factors, where=f.where)
    if scenario is None:
        raise f.error(
            tr("needs 'scenario: PATH' or 'items: [...]' saying where the figure comes from")
        )
    if f.has("site"):
        site = factors.site(f.req_text("site"), path=f.path, line=f.line_of("site"), where=f.where)
        scenario = scenario.with_overrides(site=site)
    equivalence = base.equivalence if base else None
    if f.has("equivalence"):
        name = f.req_text("equivalence")
        equivalence = factors.equivalence(
            name, path=f.path, line=f.line_of("equivalence"), where=f"{f.where}.equivalence"
        )
    default_metric = base.metric if base else (equivalence.dimension if equivalence else None)
    metric = f.choice("metric", METRICS, default=default_metric)
    if equivalence is not None and equivalence.dimension != metric:
        raise f.error(
            tr(
                "equivalence {id} converts {dimension}, not {metric}",
                id=equivalence.id,
                dimension=equivalence.dimension,
                metric=metric,
            ),
            "equivalence",
        )
    grid = f.text("grid", required=False, default=base.grid if base else None)
    if metric in ("co2e", "water") and grid is None:
        raise f.error(tr("metric {metric} needs 'grid: CODE'", metric=metric))
    if grid is not None and grid != AS_RUN:  # checked on every claim, where it is written
        line = f.line_of("grid") if f.has("grid") else f.line
        factors.grid(grid, path=f.path, line=line, where=f.where or None)
    return Run(scenario, metric, grid, equivalence)


def _dimension(run: Run) -> str:
    """The dimension of what a run computes: its metric's, or its equivalence's kind."""
    if run.equivalence is not None:
        return _KIND_DIMENSION[run.equivalence.kind]
    return METRIC_DIMENSION[run.metric]


def _tolerance(
    f: Fields, dimension: str, default: float = 0.05
) -> tuple[float | None, Quantity | None]:
    raw = f.raw("tolerance")
    if raw is None:
        return default, None
    text = str(raw).strip()
    if text.endswith("%"):
        number = as_number(text[:-1])
        if number is None or number < 0:
            raise f.error(
                tr("must be a percentage such as '5%', got {got}", got=repr(text)), "tolerance"
            )
        return number / 100, None
    absolute = parse_quantity(
        raw, dimension, path=f.path, line=f.line_of("tolerance"), where=f"{f.where}.tolerance"
    )
    if absolute.magnitude < 0:
        raise f.error(tr("must not be negative, got {got}", got=repr(text)), "tolerance")
    return None, absolute


def _expected(f: Fields, dimension: str, bound: str) -> tuple[Quantity, Quantity | None]:
    """The expected figure, or the two ends of a `between` claim (`expected: [low, high]`)."""
    raw = f.raw("expected")
    line, where = f.line_of("expected"), f"{f.where}.expected"
    if bound != "between":
        if isinstance(raw, list):
            raise f.error(tr("a list of two figures goes with 'bound: between'"), "expected")
        return parse_quantity(raw, dimension, path=f.path, line=line, where=where), None
    if not isinstance(raw, list) or len(raw) != 2:
        raise f.error(tr("'bound: between' needs 'expected: [LOW, HIGH]', two figures"), "expected")
    low, high = (parse_quantity(v, dimension, path=f.path, line=line, where=where) for v in raw)
    if not low < high:
        raise f.error(tr("the low end must be below the high end"), "expected")
    return low, high


def _display_unit(f: Fields, dimension: str) -> str | None:
    """`unit: mi`: the unit to show the claim's figures in (checked against the dimension)."""
    text = f.text("unit", required=False)
    if text is None:
        return None
    parse_quantity(
        f"1 {text}", dimension, path=f.path, line=f.line_of("unit"), where=f"{f.where}.unit"
    )
    return text


def parse_claims(data: object, path: str, factors: FactorTable) -> list[Claim]:
    top = Fields(data, path=path, where="")
    raw = top.raw("claims")
    top.done()
    if not isinstance(raw, list) or not raw:
        raise top.error(tr("needs a non-empty list of claims"), "claims")
    directory = Path(path).parent
    claims, seen = [], set()
    loaded: dict[Path, Scenario] = {}
    for i, entry in enumerate(raw):
        f = Fields(entry, path=path, where=f"claims[{i}]", line=line_of(raw, i))
        claim_id = f.req_text("id")
        if claim_id in seen:
            raise f.error(tr("repeats the id '{id}'", id=claim_id), "id")
        seen.add(claim_id)
        run = _run(f, None, factors, directory, loaded)
        versus_fields = f.mapping("versus", required=False)
        versus = _run(versus_fields, run, factors, directory, loaded) if versus_fields else None
        if versus_fields is not None:
            versus_fields.done(also=("scenario", "items", "site", "metric", "grid", "equivalence"))
        if versus and versus_fields is not None and _dimension(versus) != _dimension(run):
            raise versus_fields.error(
                tr(
                    "computes {a_other} but the claim computes {a_this}: a ratio compares"
                    " figures of the same kind",
                    a_other=article(_dimension(versus)),
                    a_this=article(_dimension(run)),
                )
            )
        dimension = "dimensionless" if versus else _dimension(run)
        bound = f.choice("bound", BOUNDS, default="exact")
        expected, high = _expected(f, dimension, bound)
        if versus:  # a ratio as a plain number: 140% is 1.4, 1.40 kWh/Wh is 1,400
            expected = expected.to("dimensionless")
            high = high.to("dimensionless") if high is not None else None
        if not expected.magnitude > 0:
            raise f.error(
                tr("must be more than zero, got {got}", got=describe(f.raw("expected"))),
                "expected",
            )
        relative, absolute = _tolerance(f, dimension, 0.05 if bound == "exact" else 0.0)
        if absolute is not None:
            absolute = absolute.to(expected.units)
        why = f.text("why", required=False)
        if relative is not None and relative > WIDE and why is None:
            raise f.error(
                tr(
                    "a tolerance wider than {wide} needs a 'why' saying what justifies it",
                    wide=f"{WIDE:.0%}",
                ),
                "tolerance",
            )
        claims.append(
            Claim(
                id=claim_id,
                quote=f.req_text("quote"),
                run=run,
                versus=versus,
                expected=expected,
                relative=relative,
                absolute=absolute,
                why=why,
                known_error=f.text("known_error", required=False),
                note=f.text("note", required=False),
                line=f.line,
                path=path,
                bound=bound,
                high=high,
                unit=_display_unit(f, dimension),
            )
        )
        f.done(also=("scenario", "items", "site", "grid", "equivalence"))
    return claims


def load_claims(path: str | Path, factors: FactorTable) -> list[Claim]:
    return parse_claims(load_yaml(path, what="claims file"), str(path), factors)


def _value(run: Run, factors: FactorTable, cache: dict[int, Estimate]) -> Quantity:
    key = id(run.scenario)
    if key not in cache:
        cache[key] = estimate(run.scenario)
    est = cache[key]
    if run.metric == "energy":
        value = est.energy
    else:
        assert run.grid is not None
        if run.grid == AS_RUN:
            assert est.as_run is not None
            value = est.as_run.co2e if run.metric == "co2e" else est.as_run.water
        else:
            value = _on_grid(est, factors.grid(run.grid), run.metric)
    return run.equivalence.amount(value) if run.equivalence is not None else value


def _on_grid(est: Estimate, grid: Grid, metric: str) -> Quantity:
    """CO2e or water with every item on `grid`, each at its own site (the what-if row)."""
    from aicost.engine import footprint

    if all(r.site is None or r.site.id == est.scenario.site.id for r in est.items):
        g = footprint(est.energy, est.it_energy, est.scenario.site, grid)
    else:  # items at several sites: the arithmetic's own what-if row
        g = estimate(est.scenario.with_overrides(grids=(grid,))).grids[0]
    return g.co2e if metric == "co2e" else g.water


def _interval(run: Run, factors: FactorTable, monte_carlo: tuple[int, int]) -> tuple[Any, Any]:
    """The 5th-95th percentiles of a run's figure (Monte Carlo, see aicost.uncertainty)."""
    from aicost.uncertainty import analyse
    from aicost.units import Q

    scenario = run.scenario
    if run.grid is not None and run.grid != AS_RUN:
        scenario = scenario.with_overrides(grids=(factors.grid(run.grid),))
    u = analyse(estimate(scenario), *monte_carlo)
    if run.metric == "energy":
        low, high = Q(u.energy_wh.p5, "Wh"), Q(u.energy_wh.p95, "Wh")
    elif run.grid == AS_RUN:
        found_as_run = u.as_run_co2e_g if run.metric == "co2e" else u.as_run_water_l
        assert found_as_run is not None
        unit = _CANONICAL[run.metric]
        low, high = Q(found_as_run.p5, unit), Q(found_as_run.p95, unit)
    else:
        grid_id = scenario.grids[0].id
        found = u.co2e_g[grid_id] if run.metric == "co2e" else u.water_l[grid_id]
        unit = _CANONICAL[run.metric]
        low, high = Q(found.p5, unit), Q(found.p95, unit)
    return low, high


def check(
    claims: list[Claim], factors: FactorTable, monte_carlo: tuple[int, int] | None = None
) -> list[Verdict]:
    """Compute every claim; with `monte_carlo` (samples, seed), add intervals to claims that
    fall outside their tolerance (ratios between two runs get none)."""
    cache: dict[int, Estimate] = {}
    verdicts = []
    intervals: dict[tuple[int, str, str | None], tuple[Any, Any]] = {}
    for claim in claims:
        computed = _value(claim.run, factors, cache)
        denominator = None
        if claim.versus is not None:
            denominator = _value(claim.versus, factors, cache)
            if not denominator.magnitude > 0:
                raise InputError(
                    tr(
                        "versus computes {zero}: a ratio needs a figure above zero to divide by",
                        zero=f"{denominator.magnitude:g} {denominator.units:~}".strip(),
                    ),
                    path=claim.path,
                    line=claim.line,
                    where=claim.id,
                )
            computed = (computed / denominator).to("dimensionless")
        else:
            computed = computed.to(claim.expected.units)
        expected = claim.expected.magnitude
        if claim.high is not None and computed > claim.high:  # above a range: from its top
            expected = claim.high.to(claim.expected.units).magnitude
        elif claim.bound == "between" and computed >= claim.expected:  # inside a range
            expected = computed.magnitude
        deviation = (computed.magnitude - expected) / expected if expected else float("inf")
        verdict = Verdict(claim, computed, deviation, denominator=denominator)
        if monte_carlo is not None and not verdict.holds and claim.versus is None:
            key = (id(claim.run.scenario), claim.run.metric, claim.run.grid)
            if key not in intervals:
                intervals[key] = _interval(claim.run, factors, monte_carlo)
            low, high = intervals[key]
            if claim.run.equivalence is not None:
                low, high = claim.run.equivalence.amount(low), claim.run.equivalence.amount(high)
            verdict = Verdict(claim, computed, deviation, (low, high))
        verdicts.append(verdict)
    return verdicts


def canonical(verdict: Verdict) -> tuple[float, float, str]:
    """(computed, expected, unit) in the metric's canonical unit, for JSON and CSV."""
    claim = verdict.claim
    if claim.versus is not None:
        return float(verdict.computed.magnitude), float(claim.expected.magnitude), ""
    equivalence = claim.run.equivalence
    if equivalence is not None:
        return (
            float(verdict.computed.to(equivalence.pint_unit).magnitude),
            float(claim.expected.to(equivalence.pint_unit).magnitude),
            "" if equivalence.unit == "1" else equivalence.unit,
        )
    unit = _CANONICAL[claim.run.metric]
    return (
        float(verdict.computed.to(unit).magnitude),
        float(claim.expected.to(unit).magnitude),
        unit,
    )


def canonical_high(verdict: Verdict) -> float | None:
    """The upper end of a `between` claim, in the unit `canonical` gives (None otherwise)."""
    claim = verdict.claim
    if claim.high is None:
        return None
    if claim.versus is not None:
        return float(claim.high.magnitude)
    equivalence = claim.run.equivalence
    unit = equivalence.pint_unit if equivalence is not None else _CANONICAL[claim.run.metric]
    return float(claim.high.to(unit).magnitude)


__all__ = ["Claim", "Verdict", "check", "load_claims", "parse_claims"]

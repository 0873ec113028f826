"""The estimate: a scenario and its factors in, quantities out. Pure: no I/O, no printing.

The arithmetic itself is aicost.arithmetic, on plain numbers in canonical units, shared with
the Monte Carlo; this module is its edge with units: it converts the scenario's
quantities once (`plan_of`) and wraps the results back into quantities (`estimate`).

For each item, `IT energy = count × energy per generation` brought to the IT boundary (an
accelerator figure times the host factor, a facility figure divided by the PUE its source
included). Then, with the site's PUE and on-site water (WUE) and each grid's carbon intensity
and off-site water:

    facility energy = IT energy × PUE(site)
    CO2e(grid)      = facility energy × carbon intensity(grid)
    water(grid)     = IT energy × WUE(site) + facility energy × off-site water(grid)

The site `as-reported` converts nothing: each figure counts at the boundary its source
reported and no on-site water is added. Scale multipliers apply to every total.
"""

from __future__ import annotations

import math
from dataclasses import replace

from aicost import arithmetic
from aicost.arithmetic import GridPlan, HardwarePlan, ItemPlan, Plan, SitePlan
from aicost.errors import InputError
from aicost.factors import Grid, Site, Task
from aicost.i18n import tr
from aicost.numbers import nonzero_underflow
from aicost.records import record
from aicost.scenarios import Item, Scenario
from aicost.units import Q, Quantity, magnitude_in


@record
class ItemEstimate:
    item: Item
    per_item: Quantity  # energy of one generation as counted at the site (facility boundary)
    energy: Quantity  # count × per_item (one repetition of the scenario, before scale)
    it_energy: Quantity  # count × energy at the IT boundary
    it_per_item: Quantity | None = None  # one generation at the IT boundary
    accelerator_per_item: Quantity | None = None  # one generation at the accelerator boundary
    site: Site | None = None  # where it runs (Scenario.where)
    grid: Grid | None = None  # the grid it runs on, as run
    embodied_per_item: EmbodiedEstimate | None = None  # one generation's manufacturing share
    hardware_per_item: Quantity | None = None  # hardware time one generation occupies


@record
class EmbodiedEstimate:
    """Manufacturing impacts (the hardware's share): CO2e, abiotic depletion (Sb eq), primary
    energy. The same on every grid."""

    co2e: Quantity
    adpe: Quantity
    pe: Quantity


def _embodied(e: arithmetic.Embodied) -> EmbodiedEstimate:
    return EmbodiedEstimate(Q(float(e.co2e_g), "g"), Q(float(e.adpe_g), "g"), Q(float(e.pe_j), "J"))


@record
class AsRun:
    """CO2e and water with each item on its own site and grid."""

    co2e: Quantity
    water_onsite: Quantity
    water_offsite: Quantity

    @property
    def water(self) -> Quantity:
        return self.water_onsite + self.water_offsite


@record
class GridEstimate(AsRun):
    """CO2e and water with every item on `grid` (each at its own site)."""

    grid: Grid


@record
class Estimate:
    scenario: Scenario
    items: tuple[ItemEstimate, ...]
    energy_once: Quantity  # one repetition (sum of the items)
    energy: Quantity  # scaled total at the site's boundary
    it_energy: Quantity  # scaled total at the IT boundary
    grids: tuple[GridEstimate, ...]  # what-if: everything on each grid, each item at its site
    plan: Plan | None = None  # the numbers it was computed from (for the Monte Carlo)
    as_run: AsRun | None = None  # each item on its own site and grid
    embodied: EmbodiedEstimate | None = None  # scaled; None: no item's hardware is known

    def co2e_total(self, grid: AsRun) -> Quantity:
        """A grid's CO2e with the embodied CO2e added (electricity + manufacturing)."""
        return grid.co2e + self.embodied.co2e if self.embodied is not None else grid.co2e

    @property
    def ratio_total(self) -> float | None:
        """`ratio` on the totals with manufacturing (None if < 2 grids or no embodied)."""
        if len(self.grids) < 2 or self.embodied is None:
            return None
        values = [self.co2e_total(g) for g in self.grids]
        low, high = min(values), max(values)
        if low.magnitude == 0:
            return None
        return float((high / low).to("dimensionless").magnitude)

    @property
    def as_run_grids(self) -> tuple[Grid, ...]:
        """The grids the items run on, in order of first use."""
        found: dict[str, Grid] = {}
        for r in self.items:
            if r.grid is not None:
                found.setdefault(r.grid.id, r.grid)
        return tuple(found.values())

    @property
    def located(self) -> bool:
        """True when where the items run says more than the what-if table: an item runs
        at a site other than the scenario's, or the items run on more than one grid, or on
        one the table does not show. (False for the marathon: its output is as before.)"""
        if any(r.site is not None and r.site.id != self.scenario.site.id for r in self.items):
            return True
        grids = self.as_run_grids
        return len(grids) > 1 or (
            len(grids) == 1 and grids[0].id not in {g.grid.id for g in self.grids}
        )

    @property
    def ratio(self) -> float | None:
        """How many times more CO2e the dirtiest grid gives than the cleanest (None if < 2)."""
        if len(self.grids) < 2:
            return None
        values = [g.co2e for g in self.grids]
        low, high = min(values), max(values)
        if low.magnitude == 0:
            return None
        return float((high / low).to("dimensionless").magnitude)


# -- from quantities to the arithmetic's numbers (canonical units), once ---------------------


def item_key(item: Item, index: int) -> str:
    """The Monte Carlo input of an item's energy per generation: shared by a task's items."""
    return f"task:{item.task.id}" if item.task is not None else f"item:{index}"


def item_plan(item: Item, index: int, scenario: Scenario | None = None) -> ItemPlan:
    """An item as numbers; with `scenario`, at the site and on the grid it runs on."""
    plan = _item_plan(item, index)
    if scenario is None:
        return plan
    site, grid = scenario.where(item)
    return replace(plan, site=site_plan(site), grid=grid_plan(grid))


def _hardware(item: Item) -> HardwarePlan | None:
    return item.hardware.plan() if item.hardware is not None else None


def _item_plan(item: Item, index: int) -> ItemPlan:
    if item.text is not None:
        # A method's figure has no reported boundary: under as-reported it counts at the
        # facility of the model's default site (a model given by its size, or on a device: at
        # the IT boundary).
        site = item.text.default_site
        pue = site.pue if site is not None and site.pue is not None else 1.0
        return ItemPlan(
            key=item_key(item, index),
            count=item.count,
            energy=magnitude_in(item.energy, "J"),
            unit_j=1.0,  # the method gives joules
            boundary=item.text.boundary,
            host=item.host.value if item.host is not None else None,
            host_key=f"conversion:{item.host.id}" if item.host is not None else "",
            method=item.text.energy_j,
            default_pue=pue,
            default_pue_key=f"site:{site.id}:pue" if site is not None else "",
            hardware=_hardware(item),
        )
    return ItemPlan(
        key=item_key(item, index),
        count=item.count,
        energy=float(item.energy.magnitude),
        unit_j=magnitude_in(Q(1.0, str(item.energy.units)), "J"),
        boundary=item.boundary,
        source_pue=item.pue,
        host=item.host.value if item.host is not None else None,
        host_key=f"conversion:{item.host.id}" if item.host is not None else "",
        hardware=_hardware(item),
    )


def _kwh_per_j() -> float:
    return magnitude_in(Q(1.0, "J"), "kWh")


def site_plan(site: Site) -> SitePlan:
    wue = 0.0
    if not site.as_reported and site.wue is not None:
        wue = magnitude_in(site.wue, "L/kWh")
    return SitePlan(site.id, site.as_reported, site.pue, wue, _kwh_per_j())


def grid_plan(grid: Grid) -> GridPlan:
    return GridPlan(
        grid.id,
        magnitude_in(grid.carbon_intensity, "g/kWh"),
        magnitude_in(grid.water, "L/kWh"),
        _kwh_per_j(),
    )


def plan_of(scenario: Scenario) -> Plan:
    return Plan(
        items=tuple(item_plan(item, i, scenario) for i, item in enumerate(scenario.items)),
        site=site_plan(scenario.site),
        grids=tuple(grid_plan(g) for g in scenario.grids),
        scale=scenario.scale.total,
    )


# -- and back ---------------------------------------------------------------------------------


def _energy(joules: float, like: Quantity | None = None) -> Quantity:
    """Joules as a quantity; in the unit of `like` (a figure keeps its source's unit)."""
    q = Q(float(joules), "J")
    return q.to(like.units) if like is not None else q


def _per_item(value: float, item: Item) -> Quantity:
    """One generation's energy as the arithmetic gives it (in the unit of the item's figure,
    or joules for a method), shown in the unit of the item's figure."""
    if item.text is not None:
        return _energy(value, item.energy)
    return Q(float(value), str(item.energy.units))


def _grid_estimate(grid: Grid, fp: arithmetic.Footprint) -> GridEstimate:
    return GridEstimate(
        grid=grid,
        co2e=Q(float(fp.co2e_g), "g"),
        water_onsite=Q(float(fp.water_onsite_l), "L"),
        water_offsite=Q(float(fp.water_offsite_l), "L"),
    )


def it_energy_per_item(item: Item) -> Quantity:
    """One generation's energy at the IT boundary, in the unit of its figure."""
    g = arithmetic.generation(item_plan(item, 0), SitePlan("", True, None, 0.0, 0.0), {})
    return _per_item(g.it, item)


def task_per_item(task: Task, site: Site) -> tuple[Quantity, Quantity]:
    """A task's figure for one generation at the IT boundary and as counted at `site`, in
    the unit it was published in (for a disclosure shown beside a method's estimate)."""
    item = Item(task.en, 1.0, task.energy, task.boundary, task=task, pue=task.pue)
    g = arithmetic.generation(item_plan(item, 0), site_plan(site), {})
    return _per_item(g.it, item), _per_item(g.site, item)


def _device_where_local(scenario: Scenario) -> None:
    """On your own computer (site `local`) a text model needs a device profile: the method
    describes a data-centre server, which does not run at home."""
    from aicost.modelitem import TextModel

    for item in scenario.items:  # the scenario's site, or the item's own (issue 14)
        if not isinstance(item.text, TextModel) or item.text.device is not None:
            continue
        if scenario.where(item)[0].id == "local":
            raise InputError(
                tr(
                    "'{label}' runs on your own computer (site local): say on which device, "
                    "'device: apple-silicon', 'laptop' or 'desktop-gpu' (--device on the "
                    "command line), or give its power and duration",
                    label=item.label,
                ),
                path=scenario.path,
                line=item.line,
            )


def estimate(scenario: Scenario) -> Estimate:
    """Energy per item and in total, then CO2e and water under each grid."""
    _device_where_local(scenario)
    plan = plan_of(scenario)
    result = arithmetic.compute(plan)
    items = []
    for i, item in enumerate(scenario.items):
        g = result.generations[i]
        site, grid = scenario.where(item)
        made = result.item_embodied(i, plan)
        items.append(
            ItemEstimate(
                item=item,
                per_item=_per_item(g.site, item),  # keeps its source's unit
                energy=_energy(result.item_energy_j(i, plan)),
                it_energy=_energy(result.item_it_energy_j(i, plan)),
                it_per_item=_per_item(g.it, item),
                accelerator_per_item=_per_item(g.accelerator, item)
                if g.accelerator is not None
                else None,
                site=site,
                grid=grid,
                embodied_per_item=_embodied(made) if made is not None else None,
                hardware_per_item=Q(float(g.hardware_s), "s") if made is not None else None,
            )
        )
    grids = tuple(_grid_estimate(g, result.grids[g.id]) for g in scenario.grids)
    energy_once = _energy(result.energy_once_j)
    energy = _energy(result.energy_j)
    it_energy = _energy(result.it_energy_j)
    figures = [energy_once, energy, it_energy]
    figures += [q for g in grids for q in (g.co2e, g.water_onsite, g.water_offsite)]
    figures += [i.energy for i in items]
    as_run = None
    if result.as_run is not None:
        fp = result.as_run
        as_run = AsRun(
            Q(float(fp.co2e_g), "g"),
            Q(float(fp.water_onsite_l), "L"),
            Q(float(fp.water_offsite_l), "L"),
        )
        figures += [as_run.co2e, as_run.water_onsite, as_run.water_offsite]
    if not all(math.isfinite(q.magnitude) for q in figures):
        raise InputError(
            tr("gives figures too large to compute with; check the counts, energies and scale"),
            path=scenario.path,
        )
    if _underflows(scenario, items, energy_once, energy, grids):
        raise InputError(
            tr("gives figures too small to compute with; check the counts, energies and scale"),
            path=scenario.path,
        )
    counted = any(r.embodied_per_item is not None for r in items)
    made_total = _embodied(result.embodied) if counted else None
    return Estimate(
        scenario, tuple(items), energy_once, energy, it_energy, grids, plan, as_run, made_total
    )


def _underflows(
    scenario: Scenario,
    items: list[ItemEstimate],
    energy_once: Quantity,
    energy: Quantity,
    grids: tuple[GridEstimate, ...],
) -> bool:
    """Whether a figure became zero (or lost its digits) though nothing it multiplies is zero:
    a silently wrong 0 is refused like an overflow."""
    for r in items:
        if nonzero_underflow(r.energy.magnitude, r.item.count, r.per_item.magnitude):
            return True
    if nonzero_underflow(energy.magnitude, energy_once.magnitude, scenario.scale.total):
        return True
    for g in grids:
        intensity = g.grid.carbon_intensity.magnitude
        if nonzero_underflow(g.co2e.magnitude, energy.magnitude, intensity):
            return True
    return False


def footprint(energy: Quantity, it_energy: Quantity, site: Site, grid: Grid) -> GridEstimate:
    """CO2e and water of an energy (at the site's boundary, and at the IT boundary) on a grid."""
    fp = arithmetic.footprint(
        magnitude_in(energy, "J"),
        magnitude_in(it_energy, "J"),
        site_plan(site),
        grid_plan(grid),
        {},
    )
    return _grid_estimate(grid, fp)


def item_footprints(estimate: Estimate, item: ItemEstimate) -> tuple[GridEstimate, ...]:
    """One item's share of each grid's totals (scaled like the totals), at its own site."""
    scale = estimate.scenario.scale.total
    site = item.site if item.site is not None else estimate.scenario.site
    return tuple(
        footprint(item.energy * scale, item.it_energy * scale, site, g.grid) for g in estimate.grids
    )


def item_as_run(estimate: Estimate, item: ItemEstimate) -> GridEstimate:
    """One item's share of the as-run totals: at its own site, on its own grid."""
    scale = estimate.scenario.scale.total
    site = item.site if item.site is not None else estimate.scenario.site
    grid = item.grid if item.grid is not None else estimate.scenario.home
    return footprint(item.energy * scale, item.it_energy * scale, site, grid)

"""The arithmetic: a scenario and its factors in, an estimate out. Pure: no I/O, no printing.

For each item, `IT energy = count × energy per generation` brought to the IT boundary (a
facility figure is divided by the PUE its source included). Then, with the site's PUE and
on-site water (WUE) and each grid's carbon intensity and off-site water:

    facility energy = IT energy × PUE(site)
    CO2e(grid)      = facility energy × carbon intensity(grid)
    water(grid)     = IT energy × WUE(site) + facility energy × off-site water(grid)

The site `as-reported` converts nothing: each figure counts at the boundary its source
reported and no on-site water is added. Scale multipliers apply to every total.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from aicost.errors import InputError
from aicost.factors import Grid, Site
from aicost.i18n import tr
from aicost.numbers import nonzero_underflow
from aicost.scenarios import Item, Scenario
from aicost.units import Q, Quantity


@dataclass(frozen=True)
class ItemEstimate:
    item: Item
    per_item: Quantity  # energy of one generation as counted at the site (facility boundary)
    energy: Quantity  # count × per_item (one repetition of the scenario, before scale)
    it_energy: Quantity  # count × energy at the IT boundary


@dataclass(frozen=True)
class GridEstimate:
    grid: Grid
    co2e: Quantity
    water_onsite: Quantity
    water_offsite: Quantity

    @property
    def water(self) -> Quantity:
        return self.water_onsite + self.water_offsite


@dataclass(frozen=True)
class Estimate:
    scenario: Scenario
    items: tuple[ItemEstimate, ...]
    energy_once: Quantity  # one repetition (sum of the items)
    energy: Quantity  # scaled total at the site's boundary
    it_energy: Quantity  # scaled total at the IT boundary
    grids: tuple[GridEstimate, ...]

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


def it_energy_per_item(item: Item) -> Quantity:
    """One generation's energy at the IT boundary: a facility figure loses its source's PUE."""
    if item.boundary == "facility":
        assert item.pue is not None
        return item.energy / item.pue
    return item.energy


def counted_energy_per_item(item: Item, scenario: Scenario) -> Quantity:
    """One generation's energy as counted at the scenario's site (the facility boundary)."""
    site = scenario.site
    if site.as_reported:
        return item.energy
    assert site.pue is not None
    return it_energy_per_item(item) * site.pue


def estimate(scenario: Scenario) -> Estimate:
    """Energy per item and in total, then CO2e and water under each grid."""
    items = []
    for item in scenario.items:
        per_item = counted_energy_per_item(item, scenario)  # keeps its source's unit
        items.append(
            ItemEstimate(
                item=item,
                per_item=per_item,
                energy=(per_item * item.count).to("J"),
                it_energy=(it_energy_per_item(item) * item.count).to("J"),
            )
        )
    zero = Q(0.0, "J")
    energy_once = sum((i.energy for i in items), zero)
    it_once = sum((i.it_energy for i in items), zero)
    scale = scenario.scale.total
    energy = energy_once * scale
    it_energy = it_once * scale

    grids = tuple(footprint(energy, it_energy, scenario.site, grid) for grid in scenario.grids)
    figures = [energy_once, energy, it_energy]
    figures += [q for g in grids for q in (g.co2e, g.water_onsite, g.water_offsite)]
    figures += [i.energy for i in items]
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
    return Estimate(scenario, tuple(items), energy_once, energy, it_energy, grids)


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
    wue = site.wue if site.wue is not None and not site.as_reported else Q(0.0, "L/kWh")
    return GridEstimate(
        grid=grid,
        co2e=(energy * grid.carbon_intensity).to("g"),
        water_onsite=(it_energy * wue).to("L"),
        water_offsite=(energy * grid.water).to("L"),
    )


def item_footprints(estimate: Estimate, item: ItemEstimate) -> tuple[GridEstimate, ...]:
    """One item's share of each grid's totals (scaled like the totals)."""
    scale = estimate.scenario.scale.total
    return tuple(
        footprint(item.energy * scale, item.it_energy * scale, estimate.scenario.site, g.grid)
        for g in estimate.grids
    )

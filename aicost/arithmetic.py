"""The one arithmetic: the central estimate and every Monte Carlo sample run through it.

Everything here is a plain number in fixed units: totals in joules (a figure per generation
stays in its own unit until multiplied by its count, see ItemPlan), carbon intensity in grams
per kWh and water in litres per kWh, with the kWh per joule of the unit registry.
So one function works on Python floats (the central value) and on numpy arrays of samples
alike: it uses only `*`, `+`, `/` and the methods' own functions, written the same way.
Units stay at the edges: the engine (aicost.engine) builds a `Plan` from the scenario's pint
quantities, converting each once with pint, and wraps the results back into quantities; the
Monte Carlo (aicost.uncertainty) runs the same `compute` with arrays of multipliers. A new
factor (a host share, a batch size, later a per-item site or an embodied impact) is written
once, here.

Uncertain inputs are named by a key (`task:text.large`, `site:azure.jegham-early:pue`,
`grid:FR:carbon`, `conversion:accelerator-to-it`, `model:gpt-4o:batch` …). `draws` maps a
key to a multiplier of the input's central value (a float, or an array of samples); a key
missing from `draws` is at its central value, and the central value is then used exactly as
written (no `× 1.0` that could move a last digit).

Per item, per ONE generation (see README, "The arithmetic"):

    accelerator energy = a method's result (or a task's accelerator-boundary figure)
    IT energy          = accelerator energy × host factor | an IT figure | facility / its PUE
    site energy        = IT energy × PUE(site)      (as-reported: the figure as its source gave it)

then for the scenario, after `count` and `scale`:

    CO2e(grid)  = site energy × carbon intensity(grid)
    water(grid) = IT energy × WUE(site) + site energy × off-site water(grid)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Value = Any  # a float, or a numpy array of samples (broadcasting)
Draws = Mapping[str, Value]  # input key -> multiplier of its central value


def scaled(value: float, draws: Draws, key: str) -> Value:
    """`value` times its multiplier in `draws`, or exactly `value` when it has none."""
    factor = draws.get(key)
    return value if factor is None else value * factor


def overhead(pue: float, draws: Draws, key: str) -> Value:
    """A PUE whose spread applies to the overhead (PUE - 1): it never drops below 1."""
    factor = draws.get(key)
    return pue if factor is None else 1 + (pue - 1) * factor


@dataclass(frozen=True)
class ItemPlan:
    """One item as numbers: `count` generations, each of `energy` at `boundary`.

    A fixed figure (a task, an inline energy) has `energy`, multiplied by its input `key`.
    A method (a model item) has `method`: a function of the draws giving its energy per
    generation at `boundary`; `energy` is then its central value. Energies per generation
    stay in the unit of the figure (`unit_j` joules each, 1 for a method's joules) and become
    joules when multiplied by the count, as pint would convert `count × figure`.
    """

    key: str
    count: float
    energy: float
    boundary: str  # accelerator | it | facility
    unit_j: float = 1.0
    source_pue: float | None = None  # the PUE a facility figure includes
    host: float | None = None  # accelerator -> IT: IT energy per joule of accelerator energy
    host_key: str = ""
    method: Callable[[Draws], Value] | None = None
    # The PUE a figure with no reported boundary (a method's) is brought to under as-reported.
    default_pue: float | None = None
    default_pue_key: str = ""


@dataclass(frozen=True)
class SitePlan:
    id: str
    as_reported: bool
    pue: float | None
    wue_l_per_kwh: float  # on-site water per kWh of IT energy (0 under as-reported)
    kwh_per_j: float = 0.0  # from the unit registry: energies are in J, rates per kWh

    @property
    def pue_key(self) -> str:
        return f"site:{self.id}:pue"

    @property
    def wue_key(self) -> str:
        return f"site:{self.id}:wue"


@dataclass(frozen=True)
class GridPlan:
    id: str
    carbon_g_per_kwh: float
    water_l_per_kwh: float  # off-site water per kWh generated
    kwh_per_j: float = 0.0

    @property
    def carbon_key(self) -> str:
        return f"grid:{self.id}:carbon"

    @property
    def water_key(self) -> str:
        return f"grid:{self.id}:water"


@dataclass(frozen=True)
class Plan:
    items: tuple[ItemPlan, ...]
    site: SitePlan
    grids: tuple[GridPlan, ...]
    scale: float


@dataclass(frozen=True)
class Generation:
    """The energy of ONE generation at each boundary, in the item's unit (None: not known)."""

    accelerator: Value | None
    it: Value
    site: Value  # as counted at the scenario's site


@dataclass(frozen=True)
class Footprint:
    co2e_g: Value
    water_onsite_l: Value
    water_offsite_l: Value

    @property
    def water_l(self) -> Value:
        return self.water_onsite_l + self.water_offsite_l


@dataclass(frozen=True)
class Result:
    generations: tuple[Generation, ...]  # per item, per generation
    energy_once_j: Value  # one repetition, at the site
    energy_j: Value  # scaled, at the site
    it_energy_j: Value  # scaled, at the IT boundary
    grids: dict[str, Footprint]

    def item_energy_j(self, i: int, plan: Plan) -> Value:
        """Item `i`'s energy at the site: count × per generation (one repetition)."""
        item = plan.items[i]
        return self.generations[i].site * item.count * item.unit_j

    def item_it_energy_j(self, i: int, plan: Plan) -> Value:
        item = plan.items[i]
        return self.generations[i].it * item.count * item.unit_j


def generation(item: ItemPlan, site: SitePlan, draws: Draws) -> Generation:
    """One generation of `item` at each boundary, then as counted at `site`."""
    accelerator: Value | None = None
    method = item.method
    given = method(draws) if method is not None else scaled(item.energy, draws, item.key)
    if item.boundary == "accelerator":
        accelerator = given
        assert item.host is not None
        it = given * scaled(item.host, draws, item.host_key)
    elif item.boundary == "facility":
        assert item.source_pue is not None
        it = given / item.source_pue
    else:
        it = given
    if site.as_reported:
        if item.default_pue is not None:  # no reported boundary: its default site's PUE
            counted = it * overhead(item.default_pue, draws, item.default_pue_key)
        else:
            counted = given  # the figure at the boundary its source reported
    else:
        assert site.pue is not None
        counted = it * overhead(site.pue, draws, site.pue_key)
    return Generation(accelerator, it, counted)


def footprint(
    energy_j: Value, it_energy_j: Value, site: SitePlan, grid: GridPlan, draws: Draws
) -> Footprint:
    """CO2e and water of an energy at the site (and of its IT part) on a grid.

    Energy (J) × rate (per kWh) × kWh per J, in that order: the order in which pint converts
    a product of quantities, so the figures keep their last digits."""
    return Footprint(
        co2e_g=energy_j * scaled(grid.carbon_g_per_kwh, draws, grid.carbon_key) * grid.kwh_per_j,
        water_onsite_l=it_energy_j
        * scaled(site.wue_l_per_kwh, draws, site.wue_key)
        * grid.kwh_per_j,
        water_offsite_l=energy_j
        * scaled(grid.water_l_per_kwh, draws, grid.water_key)
        * grid.kwh_per_j,
    )


def compute(plan: Plan, draws: Draws | None = None) -> Result:
    """The whole estimate for `draws` (None or {}: the central value)."""
    draws = draws or {}
    generations = tuple(generation(item, plan.site, draws) for item in plan.items)
    energy_once: Value = 0.0
    it_once: Value = 0.0
    for item, g in zip(plan.items, generations, strict=True):
        energy_once = energy_once + g.site * item.count * item.unit_j
        it_once = it_once + g.it * item.count * item.unit_j
    energy = energy_once * plan.scale
    it_energy = it_once * plan.scale
    grids = {g.id: footprint(energy, it_energy, plan.site, g, draws) for g in plan.grids}
    return Result(generations, energy_once, energy, it_energy, grids)

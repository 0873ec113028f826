"""The one arithmetic: the central estimate and every Monte Carlo sample run through it.

Everything here is a plain number in fixed units: totals in joules (a figure per generation
stays in its own unit until multiplied by its count, see ItemPlan), carbon intensity in grams
per kWh and water in litres per kWh, with the kWh per joule of the unit registry.
So one function works on Python floats (the central value) and on numpy arrays of samples
alike: it uses only `*`, `+`, `/` and the methods' own functions, written the same way.
Units stay at the edges: the engine (aicost.engine) builds a `Plan` from the scenario's
quantities, converting each once as pint converts (aicost/quantity.py), and wraps the
results back into quantities; the Monte Carlo (aicost.uncertainty) runs the same `compute`
with arrays of multipliers. A new factor (a host share, a batch size, a per-item site and
grid, later an embodied impact) is written once, here.

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

Each item runs at its OWN site (`ItemPlan.site`; None: the plan's site) and, as run, on its
own grid (`ItemPlan.grid`; None: the plan's first grid). Two results come from the same
generations:

    what-if, per grid g: every item on g, each at its own site   (Result.grids)
    as run:              every item on its own grid, at its own site (Result.as_run)

Items are summed by site (what-if) or by (site, grid) (as run) before the factors multiply,
so that a scenario whose items share one site computes exactly as one total × factor.

Embodied impacts (manufacturing), per item with known hardware (`ItemPlan.hardware`; see
aicost.embodied), grid-independent:

    hardware-seconds = accelerator energy / power per GPU          (a method; the text
                       method's gpu_seconds)
                     | IT energy / (power per GPU × host factor)   (a fixed figure)
                     | device energy / device power                (a model on a device)
    embodied         = hardware-seconds × impacts of the hardware per second of its lifetime

and the total CO2e of a grid = its electricity CO2e + the embodied CO2e.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aicost.records import record

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


@record
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
    site: SitePlan | None = None  # where it runs (None: the plan's site)
    grid: GridPlan | None = None  # the grid it runs on, as run (None: the plan's first grid)
    hardware: HardwarePlan | None = None  # for embodied impacts (None: not counted)


@record
class HardwarePlan:
    """The hardware a generation occupies and its manufacturing impacts per second of its
    lifetime: CO2e (`key` draws its multiplier), abiotic depletion (g Sb eq), primary energy."""

    key: str
    gwp_g_per_s: float
    adpe_g_per_s: float
    pe_j_per_s: float
    power_w: float  # per GPU at the accelerator boundary, or the device's
    power_key: str = ""  # the device's drawn power (its energy shares the draw)
    host: float | None = None  # a figure known at the IT boundary: time = IT / (power × host)
    host_key: str = ""


@record
class Embodied:
    """Manufacturing impacts: CO2e (g), abiotic depletion (g Sb eq), primary energy (J)."""

    co2e_g: Value
    adpe_g: Value
    pe_j: Value


@record
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


@record
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


@record
class Plan:
    items: tuple[ItemPlan, ...]
    site: SitePlan
    grids: tuple[GridPlan, ...]
    scale: float


@record
class Generation:
    """The energy of ONE generation at each boundary, in the item's unit (None: not known)."""

    accelerator: Value | None
    it: Value
    site: Value  # as counted at the scenario's site
    hardware_s: Value = 0.0  # seconds of hardware (GPU-seconds, or the device's) it occupies


@record
class Footprint:
    co2e_g: Value
    water_onsite_l: Value
    water_offsite_l: Value

    @property
    def water_l(self) -> Value:
        return self.water_onsite_l + self.water_offsite_l


@record
class Result:
    generations: tuple[Generation, ...]  # per item, per generation
    energy_once_j: Value  # one repetition, at the site
    energy_j: Value  # scaled, at the site
    it_energy_j: Value  # scaled, at the IT boundary
    grids: dict[str, Footprint]  # what-if: every item on each grid, at its own site
    as_run: Footprint | None = None  # every item on its own grid (None: the plan has no grid)
    embodied: Embodied = Embodied(0.0, 0.0, 0.0)  # scaled, the same on every grid

    def item_energy_j(self, i: int, plan: Plan) -> Value:
        """Item `i`'s energy at the site: count × per generation (one repetition)."""
        item = plan.items[i]
        return self.generations[i].site * item.count * item.unit_j

    def item_it_energy_j(self, i: int, plan: Plan) -> Value:
        item = plan.items[i]
        return self.generations[i].it * item.count * item.unit_j

    def item_embodied(self, i: int, plan: Plan, draws: Draws | None = None) -> Embodied | None:
        """Item `i`'s embodied impacts per generation (None: its hardware is not known)."""
        return embodied(plan.items[i], self.generations[i], draws or {})

    def item_footprint(
        self, i: int, plan: Plan, grid: GridPlan | None = None, draws: Draws | None = None
    ) -> Footprint:
        """Item `i`'s share (scaled) on `grid`, at its own site; None: on its own grid."""
        item = plan.items[i]
        return footprint(
            self.item_energy_j(i, plan) * plan.scale,
            self.item_it_energy_j(i, plan) * plan.scale,
            site_of(item, plan),
            grid if grid is not None else grid_of(item, plan),
            draws or {},
        )


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
    return Generation(accelerator, it, counted, hardware_seconds(item, accelerator, it, draws))


def hardware_seconds(item: ItemPlan, accelerator: Value | None, it: Value, draws: Draws) -> Value:
    """The seconds of hardware one generation occupies (0: its hardware is not known)."""
    hw = item.hardware
    if hw is None:
        return 0.0
    if accelerator is not None:
        return accelerator * item.unit_j / hw.power_w
    if hw.host is not None:
        return it * item.unit_j / (hw.power_w * scaled(hw.host, draws, hw.host_key))
    return it * item.unit_j / scaled(hw.power_w, draws, hw.power_key)


def embodied(item: ItemPlan, g: Generation, draws: Draws) -> Embodied | None:
    """The embodied impacts of ONE generation of `item` (None: its hardware is not known)."""
    hw = item.hardware
    if hw is None:
        return None
    t = g.hardware_s
    return Embodied(
        t * scaled(hw.gwp_g_per_s, draws, hw.key), t * hw.adpe_g_per_s, t * hw.pe_j_per_s
    )


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


def site_of(item: ItemPlan, plan: Plan) -> SitePlan:
    return item.site if item.site is not None else plan.site


def grid_of(item: ItemPlan, plan: Plan) -> GridPlan:
    """The grid `item` runs on as run: its own, else the plan's first."""
    if item.grid is not None:
        return item.grid
    return plan.grids[0]


def add(a: Footprint | None, b: Footprint) -> Footprint:
    if a is None:
        return b
    return Footprint(
        a.co2e_g + b.co2e_g,
        a.water_onsite_l + b.water_onsite_l,
        a.water_offsite_l + b.water_offsite_l,
    )


class _Energies:
    """Energies summed by a key (a site, or a site and a grid), in order of first use."""

    def __init__(self) -> None:
        self.site_j: dict[Any, Value] = {}
        self.it_j: dict[Any, Value] = {}

    def add(self, key: Any, site_j: Value, it_j: Value) -> None:
        self.site_j[key] = self.site_j[key] + site_j if key in self.site_j else site_j
        self.it_j[key] = self.it_j[key] + it_j if key in self.it_j else it_j


def compute(plan: Plan, draws: Draws | None = None) -> Result:
    """The whole estimate for `draws` (None or {}: the central value)."""
    draws = draws or {}
    sites = tuple(site_of(item, plan) for item in plan.items)
    generations = tuple(
        generation(item, site, draws) for item, site in zip(plan.items, sites, strict=True)
    )
    energy_once: Value = 0.0
    it_once: Value = 0.0
    made = Embodied(0.0, 0.0, 0.0)
    by_site, by_place = _Energies(), _Energies()
    sites_by_id: dict[str, SitePlan] = {}
    grids_by_id: dict[str, GridPlan] = {}
    for item, site, g in zip(plan.items, sites, generations, strict=True):
        site_j, it_j = g.site * item.count * item.unit_j, g.it * item.count * item.unit_j
        each = embodied(item, g, draws)
        if each is not None:
            made = Embodied(
                made.co2e_g + each.co2e_g * item.count,
                made.adpe_g + each.adpe_g * item.count,
                made.pe_j + each.pe_j * item.count,
            )
        energy_once = energy_once + site_j
        it_once = it_once + it_j
        sites_by_id.setdefault(site.id, site)
        by_site.add(site.id, site_j, it_j)
        if plan.grids or item.grid is not None:
            grid = grid_of(item, plan)
            grids_by_id.setdefault(grid.id, grid)
            by_place.add((site.id, grid.id), site_j, it_j)
    energy = energy_once * plan.scale
    it_energy = it_once * plan.scale

    def scaled_footprint(energies: _Energies, key: Any, site_id: str, grid: GridPlan) -> Footprint:
        site_j, it_j = energies.site_j[key] * plan.scale, energies.it_j[key] * plan.scale
        return footprint(site_j, it_j, sites_by_id[site_id], grid, draws)

    grids: dict[str, Footprint] = {}
    for grid in plan.grids:
        what_if: Footprint | None = None
        for site_id in by_site.site_j:
            what_if = add(what_if, scaled_footprint(by_site, site_id, site_id, grid))
        assert what_if is not None
        grids[grid.id] = what_if
    as_run: Footprint | None = None
    for key in by_place.site_j:
        site_id, grid_id = key
        as_run = add(as_run, scaled_footprint(by_place, key, site_id, grids_by_id[grid_id]))
    made = Embodied(made.co2e_g * plan.scale, made.adpe_g * plan.scale, made.pe_j * plan.scale)
    return Result(generations, energy_once, energy, it_energy, grids, as_run, made)

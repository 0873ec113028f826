"""The factor table: tasks, sites, grids, equivalences and their sources, read from
factors.yaml into frozen dataclasses, each figure a pint Quantity.

The packaged copy (inside the wheel) is used by default; in a source checkout or an editable
install the top-level factors.yaml is found instead; `--factors PATH` overrides both. A table
is read and checked once per process and path.
"""

from __future__ import annotations

from dataclasses import field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from aicost.errors import MAX_COMPARED, InputError, UsageError, did_you_mean
from aicost.fields import Fields
from aicost.gcpause import gc_paused
from aicost.i18n import N_, tr
from aicost.records import record
from aicost.text import shown
from aicost.units import Quantity
from aicost.yamlfile import load_yaml_bytes, read_limited

SCHEMA = 1
STATUSES = ("primary", "secondary", "derived", "assumption")
_UNKNOWN = {
    "tasks": N_("unknown task '{name}'{suggestion}; `{lister}` lists them"),
    "sites": N_("unknown site '{name}'{suggestion}; `{lister}` lists them"),
    "grids": N_("unknown grid '{name}'{suggestion}; `{lister}` lists them"),
    "equivalences": N_("unknown equivalence '{name}'{suggestion}; `{lister}` lists them"),
    "methods": N_(
        "unknown method '{name}'{suggestion}; the section `methods` of {lister} lists them"
    ),
}
BOUNDARIES = ("accelerator", "it", "facility")
MAX_GSD = 100  # a lognormal's geometric standard deviation: 90 % of draws within ×/÷ 1,950
DISTRIBUTIONS = ("triangular", "uniform", "normal", "lognormal")
LANGS = ("en", "fr")
EQUIVALENCE_DIMENSIONS = ("energy", "co2e", "water")
METHOD_KINDS = ("text", "image", "video")
METHOD_BOUNDARIES = ("accelerator", "it", "facility")
# What `per` may be, for each dimension: total / per is a duration, a distance or a count.
PER_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "energy": ("power", "energy per length", "energy"),
    "co2e": ("mass per time", "mass per length", "mass"),
    "water": ("volume",),
}


@record
class Source:
    id: str
    title: str
    authors: tuple[str, ...]
    publisher: str
    date: str
    url: str
    license: str | None = None
    note: str | None = None

    def citation(self) -> str:
        authors = ", ".join(self.authors)
        title = self.title if self.title[-1] in ".?!" else self.title + "."
        text = f"{authors} ({self.date}). {title} {self.publisher}. {self.url}"
        return text + (f" Licence: {self.license}." if self.license else "")

    def short(self) -> str:
        """'O'Donnell et al. 2025' style, for tables."""
        first = self.authors[0].split()[-1] if self.authors else self.publisher
        more = (
            " et al."
            if len(self.authors) > 2
            else (f" & {self.authors[1].split()[-1]}" if len(self.authors) == 2 else "")
        )
        return f"{first}{more} {self.date[:4]}"


@record
class Labelled:
    """What every entry of the table has: an id, labels, a source, a status and a note."""

    id: str
    en: str
    fr: str
    source: str
    status: str
    note: str | None
    as_of: str | None  # the period the figure describes (aicost.dates)
    checked: str | None  # when it was last compared with its source

    def label(self, lang: str = "en") -> str:
        return self.fr if lang == "fr" else self.en


@record
class Task(Labelled):
    """One kind of generation, with the energy of ONE generation at its boundary."""

    energy: Quantity
    boundary: str
    boundary_status: str | None = None  # where no source states the boundary: assumption
    pue: float | None = None
    pue_status: str | None = None
    low: Quantity | None = None
    high: Quantity | None = None
    sd: Quantity | None = None  # one standard deviation, where the source gives "± sd"
    distribution: str | None = None  # triangular (low/high), uniform (low/high), normal (sd),
    gsd: float | None = None  # lognormal: geometric standard deviation, median = energy
    aliases: tuple[str, ...] = ()
    derived: str | None = None


@record
class Conversion(Labelled):
    """A dimensionless factor between two boundaries (`accelerator-to-it`: the whole server's
    energy per unit of accelerator energy), with its range."""

    value: float
    low: float | None = None
    high: float | None = None
    derived: str | None = None


@record
class Device(Labelled):
    """A computer that runs a model itself (`site: local`): its power while generating and
    the memory bandwidth that sets its speed (one answer at a time: decoding reads the
    weights once per token), with ranges."""

    power: Quantity  # while generating
    power_low: Quantity
    power_high: Quantity
    bandwidth_gb_s: float  # memory bandwidth, GB/s
    efficiency: float  # share of the bandwidth reached while decoding
    efficiency_low: float
    efficiency_high: float
    precision: str  # the precision a model usually runs at on it (int4: a Q4 file)


@record
class Embodied(Labelled):
    """The manufacturing impacts of a piece of hardware and the time they are spread over:
    `per: gpu` (one accelerator with its share of the server, over the server's lifetime;
    allocated by GPU-seconds) or `per: device` (a user's computer, over its hours of use).
    `gwp` is CO2e; `adpe` abiotic depletion (Sb eq), `pe` primary energy, where given."""

    per: str
    gwp: Quantity
    gwp_low: Quantity
    gwp_high: Quantity
    lifetime: Quantity
    adpe: Quantity | None = None
    pe: Quantity | None = None
    range_source: str | None = None  # the source of the other end of the range


@record
class Footprint(Labelled):
    """A footprint published per use (CO2e and/or water, not energy), with what it counts,
    for the models it was published for (`models`, catalogue ids) or the same use as a task."""

    co2e: Quantity | None
    water: Quantity | None
    adpe: Quantity | None
    co2e_basis: str | None  # location | market
    water_scope: str | None  # onsite | total
    manufacturing: bool
    training: bool
    parts: str | None  # the source's own breakdown, in words
    models: tuple[str, ...] = ()
    task: str | None = None


@record
class Site(Labelled):
    """Where the computation runs: a data-centre profile, `local`, or `as-reported`."""

    as_reported: bool = False
    pue: float | None = None
    pue_status: str | None = None
    wue: Quantity | None = None
    aliases: tuple[str, ...] = ()
    # Where the source gives a range (EcoLogits' Anthropic and Hugging Face configurations):
    # its bounds; `pue`/`wue` are then the middle of the range.
    pue_low: float | None = None
    pue_high: float | None = None
    wue_low: Quantity | None = None
    wue_high: Quantity | None = None


@record
class Grid(Labelled):
    """An electricity supply: carbon intensity and off-site water per kWh."""

    carbon_intensity: Quantity
    water: Quantity
    water_source: str
    year: int | None = None
    water_fallback: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def carbon_source(self) -> str:
        return self.source


_NUMBER_UNIT = {"duration": "s", "distance": "km", "count": "1"}
_NUMBER_PINT_UNIT = {"duration": "s", "distance": "km", "count": "dimensionless"}


@record
class Equivalence(Labelled):
    """A familiar unit: the number shown is total / value, a duration, a distance or a count.

    `en`/`fr` are the words shown after that number ("of a microwave oven", "showers");
    `en_one`/`fr_one`, those after a number that takes the singular ("1 shower", "0,15 douche").
    """

    value: Quantity
    dimension: str  # energy | co2e | water: the total it applies to
    derived: str | None = None
    en_one: str | None = None
    fr_one: str | None = None
    low: Quantity | None = None  # the source's range, where it gives one (shown, not used)
    high: Quantity | None = None

    def words(self, lang: str = "en", *, one: bool = False) -> str:
        """The words after the number; `one` when the number takes the singular."""
        singular = self.fr_one if lang == "fr" else self.en_one
        return singular if one and singular else self.label(lang)

    @cached_property  # asked for every total of every scenario: worked out once
    def kind(self) -> str:
        """'duration' (value is a power or a rate per time), 'distance' (a rate per km), or
        'count' (an amount)."""
        from aicost.units import describe_dimension

        per = describe_dimension(self.value)
        if per in ("power", "mass per time"):
            return "duration"
        if per in ("energy per length", "mass per length"):
            return "distance"
        return "count"

    @property
    def unit(self) -> str:
        """The canonical unit of the number (JSON): s, km, or 1 for a count."""
        return _NUMBER_UNIT[self.kind]

    @property
    def pint_unit(self) -> str:
        """`unit` as pint writes it ('dimensionless' for a count)."""
        return _NUMBER_PINT_UNIT[self.kind]

    def amount(self, total: Quantity) -> Quantity:
        """total / value, in seconds, km or a plain number."""
        from aicost.units import quotient_in

        return quotient_in(total, self.value, self.pint_unit)


@record
class Coefficient:
    """One number of a method, as typed in factors.yaml (a plain number; `unit` says its unit)."""

    id: str
    value: float
    unit: str | None
    source: str
    status: str
    derived: str | None = None
    note: str | None = None


@record
class Method(Labelled):
    """How a model's energy per generation is computed: the coefficients of a method in
    aicost/methods/, calibrated as `derived` says, giving energy at its `boundary`."""

    kind: str  # text | image | video
    boundary: str  # accelerator | it | facility
    coefficients: dict[str, Coefficient] = field(default_factory=dict)
    derived: str | None = None

    def value(self, name: str) -> float:
        return self.coefficients[name].value


@record
class FactorTable:
    path: str  # as given, or "(packaged)" for the copy inside aicost
    sha256: str
    sources: dict[str, Source]
    tasks: dict[str, Task]
    sites: dict[str, Site]
    grids: dict[str, Grid]
    equivalences: dict[str, Equivalence] = field(default_factory=dict)
    conversions: dict[str, Conversion] = field(default_factory=dict)
    devices: dict[str, Device] = field(default_factory=dict)
    methods: dict[str, Method] = field(default_factory=dict)
    _names: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)
    embodied: dict[str, Embodied] = field(default_factory=dict)
    footprints: dict[str, Footprint] = field(default_factory=dict)

    # -- look-ups: by id, alias, or (grids) name, case-insensitive ---------------------------
    def find(self, kind: str, name: str) -> str | None:
        """The id that `name` refers to in section `kind`, or None."""
        return self._names[kind].get(name.strip().lower())

    def suggestions(self, kind: str, name: str) -> str:
        """' (did you mean: FR?)' for `name`: first the ids, aliases or names of that section
        that start with it (`germ` -> Germany), then those that contain it (`kingdom`), and
        only then the nearest by spelling (`Frnace`)."""
        import difflib

        names = self._names[kind]
        word = name.strip().lower()
        if len(word) > MAX_COMPARED:  # no name is that long; difflib would take seconds
            return ""
        near: list[str] = []
        if len(word) >= 3:  # a letter or two starts too many names to help
            near = sorted((n for n in names if n.startswith(word)), key=len)
            near += sorted((n for n in names if word in n and n not in near), key=len)
        if not near:
            # Two-letter codes are near every short word: offer them only for short words.
            candidates = [n for n in names if len(n) > 3 or len(word) <= 3]
            scored = sorted(
                ((difflib.SequenceMatcher(None, word, c).ratio(), c) for c in candidates),
                reverse=True,
            )
            best = scored[0][0] if scored else 0.0
            near = [c for score, c in scored if score >= max(0.75, best - 0.05)]
        # Show what was matched (an alias the user nearly typed), or the id it stands for;
        # one name per entry.
        first = {names[n]: n for n in reversed(near)}
        near = [n for n in near if first[names[n]] == n]
        shown = [names[n] if kind == "grids" or n == names[n].lower() else n for n in near]
        ids = list(dict.fromkeys(shown))[:3]
        return tr(" (did you mean: {names}?)", names=", ".join(ids)) if ids else ""

    def _get(
        self, kind: str, name: str, path: str | None, line: int | None, where: str | None
    ) -> str:
        found = self.find(kind, name)
        if found is not None:
            return found
        lister = {
            "tasks": "aicost factors tasks",
            "sites": "aicost factors sites",
            "equivalences": "aicost factors equivalences",
            "methods": "factors.yaml",
        }.get(kind, "aicost grids")
        message = tr(
            _UNKNOWN[kind], name=shown(name), suggestion=self.suggestions(kind, name), lister=lister
        )
        if path is None and where is None:
            raise UsageError(message)
        raise InputError(message, path=path, line=line, where=where)

    def task(
        self,
        name: str,
        *,
        path: str | None = None,
        line: int | None = None,
        where: str | None = None,
    ) -> Task:
        return self.tasks[self._get("tasks", name, path, line, where)]

    def site(
        self,
        name: str,
        *,
        path: str | None = None,
        line: int | None = None,
        where: str | None = None,
    ) -> Site:
        return self.sites[self._get("sites", name, path, line, where)]

    def grid(
        self,
        name: str,
        *,
        path: str | None = None,
        line: int | None = None,
        where: str | None = None,
    ) -> Grid:
        return self.grids[self._get("grids", name, path, line, where)]

    def equivalence(
        self,
        name: str,
        *,
        path: str | None = None,
        line: int | None = None,
        where: str | None = None,
    ) -> Equivalence:
        return self.equivalences[self._get("equivalences", name, path, line, where)]

    def method(
        self,
        name: str,
        *,
        path: str | None = None,
        line: int | None = None,
        where: str | None = None,
    ) -> Method:
        return self.methods[self._get("methods", name, path, line, where)]

    def search_grids(self, text: str) -> list[Grid]:
        """Zones whose id, alias or English/French name contains `text` (case-insensitive)."""
        needle = text.strip().lower()
        exact = self.find("grids", needle)
        found = [
            g
            for g in self.grids.values()
            if needle in g.id.lower()
            or needle in g.en.lower()
            or needle in g.fr.lower()
            or any(needle in a.lower() for a in g.aliases)
        ]
        if exact is not None:
            found.sort(key=lambda g: g.id != exact)
        return found


# -- reading -------------------------------------------------------------------------------


def _source_id(f: Fields, key: str, sources: dict[str, Source]) -> str:
    source = f.req_text(key)
    if source not in sources:
        raise f.error(
            tr(
                "names an unknown source '{name}'{suggestion}; add it to the sources section",
                name=source,
                suggestion=did_you_mean(source, list(sources)),
            ),
            key,
        )
    return source


def _common(
    f: Fields, entry_id: str, sources: dict[str, Source], source_key: str = "source"
) -> dict[str, object]:
    from aicost.dates import read_dates

    source = _source_id(f, source_key, sources)
    return {
        "id": entry_id,
        "en": f.req_text("en"),
        "fr": f.req_text("fr"),
        "source": source,
        "status": f.choice("status", STATUSES),
        "note": f.text("note", required=False),
        **read_dates(f),
    }


def _source(f: Fields, entry_id: str) -> Source:
    authors = f.raw("authors")
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list) or not authors or not all(isinstance(a, str) for a in authors):
        raise f.error(tr("must be a list of names"), "authors")
    source = Source(
        id=entry_id,
        title=f.req_text("title"),
        authors=tuple(authors),
        publisher=f.req_text("publisher"),
        date=str(f.req_text("date")),
        url=f.req_text("url"),
        license=f.text("license", required=False),
        note=f.text("note", required=False),
    )
    f.done()
    return source


def _range(
    f: Fields, value: Quantity, dimension: str, key: str
) -> tuple[Quantity | None, Quantity | None]:
    """`low` and `high` around `value` (both or neither), with low ≤ value ≤ high."""
    low = f.quantity("low", dimension, required=False)
    high = f.quantity("high", dimension, required=False)
    if (low is None) != (high is None):
        raise f.error(
            tr("give both 'low' and 'high', or neither"), "low" if low is None else "high"
        )
    if low is not None and high is not None and not low <= value <= high:
        raise f.error(tr("low ≤ {key} ≤ high must hold", key=key), "low")
    return low, high


def _task(f: Fields, entry_id: str, sources: dict[str, Source]) -> Task:
    common = _common(f, entry_id, sources)
    energy = f.quantity("energy", "energy")
    low, high = _range(f, energy, "energy", "energy")
    sd = f.quantity("sd", "energy", required=False)
    if sd is not None and low is not None:
        raise f.error(tr("give 'sd' or 'low'/'high', not both"), "sd")
    distribution = None
    if f.has("distribution"):
        distribution = f.choice("distribution", DISTRIBUTIONS)
    gsd = f.number("gsd", required=False, minimum=1.0)
    needs = {"triangular": low, "uniform": low, "normal": sd, "lognormal": gsd}
    if distribution is not None and needs[distribution] is None:
        what = {"normal": "'sd'", "lognormal": "'gsd'"}.get(distribution) or tr("'low' and 'high'")
        raise f.error(
            tr("a {distribution} distribution needs {what}", distribution=distribution, what=what),
            "distribution",
        )
    if gsd is not None and gsd > MAX_GSD:
        raise f.error(
            tr(
                "must be at most {most} (a wider spread is not a measurement), got {got}",
                most=MAX_GSD,
                got=f"{gsd:g}",
            ),
            "gsd",
        )
    if gsd is not None and distribution != "lognormal":
        raise f.error(tr("'gsd' goes with 'distribution: lognormal'"), "gsd")
    boundary = f.choice("boundary", BOUNDARIES)
    boundary_status = f.choice("boundary_status", STATUSES, default=str(common["status"]))
    pue = pue_status = None
    if boundary == "facility":
        pue = f.number("pue", minimum=1.0)
        pue_status = f.choice("pue_status", STATUSES, default=str(common["status"]))
    elif f.has("pue"):
        raise f.error(tr("only a facility figure has a pue (the one its source included)"), "pue")
    task = Task(
        energy=energy,
        boundary=boundary,
        boundary_status=boundary_status,
        pue=pue,
        pue_status=pue_status,
        low=low,
        high=high,
        sd=sd,
        distribution=distribution,
        gsd=gsd,
        aliases=f.text_list("aliases"),
        derived=f.text("derived", required=False),
        **common,  # type: ignore[arg-type]
    )
    f.done(also=("pue", "pue_status"))
    return task


def _site(f: Fields, entry_id: str, sources: dict[str, Source]) -> Site:
    common = _common(f, entry_id, sources)
    as_reported = f.flag("as_reported")
    pue = wue = pue_status = None
    bounds: dict[str, Any] = {}
    if not as_reported:
        pue = f.number("pue", minimum=1.0)
        pue_status = f.choice("pue_status", STATUSES, default=str(common["status"]))
        wue = f.quantity("wue", "water intensity")
        pue_low = f.number("pue_low", required=False, minimum=1.0)
        pue_high = f.number("pue_high", required=False, minimum=1.0)
        wue_low = f.quantity("wue_low", "water intensity", required=False)
        wue_high = f.quantity("wue_high", "water intensity", required=False)
        for key, low, value, high in (
            ("pue", pue_low, pue, pue_high),
            ("wue", wue_low, wue, wue_high),
        ):
            if (low is None) != (high is None):
                raise f.error(
                    tr(
                        "give both '{low}' and '{high}', or neither",
                        low=f"{key}_low",
                        high=f"{key}_high",
                    ),
                    f"{key}_low" if low is None else f"{key}_high",
                )
            if low is not None and not low <= value <= high:  # type: ignore[operator]
                raise f.error(
                    tr(
                        "{low} ≤ {key} ≤ {high} must hold",
                        low=f"{key}_low",
                        key=key,
                        high=f"{key}_high",
                    ),
                    f"{key}_low",
                )
        bounds = {
            "pue_low": pue_low,
            "pue_high": pue_high,
            "wue_low": wue_low,
            "wue_high": wue_high,
        }
    site = Site(
        as_reported=as_reported,
        pue=pue,
        pue_status=pue_status,
        wue=wue,
        aliases=f.text_list("aliases"),
        **bounds,
        **common,  # type: ignore[arg-type]
    )
    f.done(also=("pue", "pue_status", "wue", "pue_low", "pue_high", "wue_low", "wue_high"))
    return site


def _conversion(f: Fields, entry_id: str, sources: dict[str, Source]) -> Conversion:
    common = _common(f, entry_id, sources)
    value = f.number("value", positive=True)
    assert value is not None
    low = f.number("low", required=False, positive=True)
    high = f.number("high", required=False, positive=True)
    if (low is None) != (high is None):
        raise f.error(
            tr("give both 'low' and 'high', or neither"), "low" if low is None else "high"
        )
    if low is not None and high is not None and not low <= value <= high:
        raise f.error(tr("low ≤ value ≤ high must hold"), "low")
    conversion = Conversion(
        value=value,
        low=low,
        high=high,
        derived=f.text("derived", required=False),
        **common,  # type: ignore[arg-type]
    )
    f.done()
    return conversion


def _device(f: Fields, entry_id: str, sources: dict[str, Source]) -> Device:
    common = _common(f, entry_id, sources)
    power = f.req_quantity("power", "power")
    power_low = f.req_quantity("power_low", "power")
    power_high = f.req_quantity("power_high", "power")
    if not power_low <= power <= power_high:
        raise f.error(tr("power_low ≤ power ≤ power_high must hold"), "power_low")
    bandwidth = f.number("bandwidth_gb_s", positive=True)
    efficiency = f.number("efficiency", positive=True)
    efficiency_low = f.number("efficiency_low", positive=True)
    efficiency_high = f.number("efficiency_high", positive=True)
    assert bandwidth and efficiency and efficiency_low and efficiency_high
    if not efficiency_low <= efficiency <= efficiency_high <= 1:
        raise f.error(
            tr("efficiency_low ≤ efficiency ≤ efficiency_high ≤ 1 must hold"), "efficiency"
        )
    device = Device(
        power=power,
        power_low=power_low,
        power_high=power_high,
        bandwidth_gb_s=bandwidth,
        efficiency=efficiency,
        efficiency_low=efficiency_low,
        efficiency_high=efficiency_high,
        precision=f.req_text("precision"),
        **common,  # type: ignore[arg-type]
    )
    f.done()
    return device


def _embodied(f: Fields, entry_id: str, sources: dict[str, Source]) -> Embodied:
    common = _common(f, entry_id, sources)
    gwp = f.req_quantity("gwp", "mass")
    gwp_low = f.req_quantity("gwp_low", "mass")
    gwp_high = f.req_quantity("gwp_high", "mass")
    if not gwp_low <= gwp <= gwp_high:
        raise f.error(tr("gwp_low ≤ gwp ≤ gwp_high must hold"), "gwp_low")
    lifetime = f.req_quantity("lifetime", "time")
    if lifetime.magnitude <= 0:
        raise f.error(tr("must be more than 0, got {got}", got=str(lifetime)), "lifetime")
    range_source = _source_id(f, "range_source", sources) if f.has("range_source") else None
    if range_source is None:
        f.read.add("range_source")
    embodied = Embodied(
        per=f.choice("per", ("gpu", "device")),
        gwp=gwp,
        gwp_low=gwp_low,
        gwp_high=gwp_high,
        lifetime=lifetime,
        adpe=f.quantity("adpe", "mass", required=False),
        pe=f.quantity("pe", "energy", required=False),
        range_source=range_source,
        **common,  # type: ignore[arg-type]
    )
    f.done()
    return embodied


def _footprint(f: Fields, entry_id: str, sources: dict[str, Source]) -> Footprint:
    common = _common(f, entry_id, sources)
    co2e = f.quantity("co2e", "mass", required=False)
    water = f.quantity("water", "volume", required=False)
    if co2e is None and water is None:
        raise f.error(tr("needs 'co2e' or 'water' (a footprint published per use)"))
    basis = f.choice("co2e_basis", ("location", "market")) if co2e is not None else None
    scope = f.choice("water_scope", ("onsite", "total")) if water is not None else None
    footprint = Footprint(
        co2e=co2e,
        water=water,
        adpe=f.quantity("adpe", "mass", required=False),
        co2e_basis=basis,
        water_scope=scope,
        manufacturing=f.flag("manufacturing"),
        training=f.flag("training"),
        parts=f.text("parts", required=False),
        models=f.text_list("models"),
        task=f.text("task", required=False),
        **common,  # type: ignore[arg-type]
    )
    f.done()
    return footprint


def _grid(f: Fields, entry_id: str, sources: dict[str, Source]) -> Grid:
    # A grid has two sources: `carbon_source` (its `source`) and `water_source`.
    common = _common(f, entry_id, sources, source_key="carbon_source")
    water_source = _source_id(f, "water_source", sources)
    year = f.number("year", required=False, minimum=1900, integer=True)
    grid = Grid(
        carbon_intensity=f.quantity("carbon_intensity", "carbon intensity"),
        water=f.quantity("water", "water intensity"),
        water_source=water_source,
        year=int(year) if year is not None else None,
        water_fallback=f.flag("water_fallback"),
        aliases=f.text_list("aliases"),
        **common,  # type: ignore[arg-type]
    )
    f.done()
    return grid


def _equivalence(f: Fields, entry_id: str, sources: dict[str, Source]) -> Equivalence:
    common = _common(f, entry_id, sources)
    from aicost.units import describe_dimension

    dimension = f.choice("dimension", EQUIVALENCE_DIMENSIONS)
    value = f.quantity_of("per", PER_DIMENSIONS[dimension])
    low, high = _range(f, value, describe_dimension(value), "per")
    equivalence = Equivalence(
        value=value,
        low=low,
        high=high,
        dimension=dimension,
        derived=f.text("derived", required=False),
        en_one=f.text("en_one", required=False),
        fr_one=f.text("fr_one", required=False),
        **common,  # type: ignore[arg-type]
    )
    if equivalence.kind != "count":
        for key in ("en_one", "fr_one"):
            if f.has(key):
                raise f.error(
                    tr("only a count has singular words: its number is followed by a unit"), key
                )
    f.done()
    return equivalence


def _coefficient(f: Fields, entry_id: str, sources: dict[str, Source]) -> Coefficient:
    value = f.number("value")
    assert value is not None
    status = f.choice("status", STATUSES)
    coefficient = Coefficient(
        id=entry_id,
        value=value,
        unit=f.text("unit", required=False),
        source=_source_id(f, "source", sources),
        status=status,
        derived=f.text("derived", required=status == "derived"),
        note=f.text("note", required=False),
    )
    f.done()
    return coefficient


def _method(f: Fields, entry_id: str, sources: dict[str, Source]) -> Method:
    from aicost.methods import check_coefficients, required_coefficients

    common = _common(f, entry_id, sources)
    kind = f.choice("kind", METHOD_KINDS)
    boundary = f.choice("boundary", METHOD_BOUNDARIES)
    derived = f.text("derived", required=common["status"] == "derived")
    section = f.mapping("coefficients")
    assert section is not None
    fields = dict(f.entries("coefficients"))  # each a mapping, located by line
    coefficients = {i: _coefficient(c, i, sources) for i, c in fields.items()}
    problem = check_coefficients(entry_id, {i: c.value for i, c in coefficients.items()})
    if problem is not None:
        key, message = problem
        if key is None:
            raise section.error(message)
        if key not in (required_coefficients(entry_id) or ()):  # one the method does not read
            raise section.error(message, key)
        raise fields[key].error(message, "value")
    method = Method(
        kind=kind,
        boundary=boundary,
        coefficients=coefficients,
        derived=derived,
        **common,  # type: ignore[arg-type]
    )
    f.done()
    return method


def _names(
    kind: str,
    entries: dict[str, Task]
    | dict[str, Site]
    | dict[str, Grid]
    | dict[str, Equivalence]
    | dict[str, Method],
    path: str,
) -> dict[str, str]:
    names: dict[str, str] = {}

    def add(name: str, entry_id: str) -> None:
        key = name.strip().lower()
        if names.get(key, entry_id) != entry_id:
            raise InputError(
                tr(
                    "{section}: the name '{name}' of '{entry}' is already used by '{other}'; "
                    "make it unique",
                    section=kind,
                    name=name,
                    entry=entry_id,
                    other=names[key],
                ),
                path=path,
            )
        names[key] = entry_id

    for entry_id in entries:
        add(entry_id, entry_id)
    for entry_id, entry in entries.items():
        for alias in getattr(entry, "aliases", ()):
            add(alias, entry_id)
    if kind == "grids":  # grids are also found by their names, unless that would be ambiguous
        for entry_id, entry in entries.items():
            for name in (entry.en, entry.fr):
                names.setdefault(name.strip().lower(), entry_id)
    return names


def parse_factors(data: object, path: str, sha256: str = "") -> FactorTable:
    """Check and build a factor table from YAML data already read."""
    top = Fields(data, path=path, where="")
    top.schema(SCHEMA)
    sources = {i: _source(f, i) for i, f in top.entries("sources")}
    tasks = {i: _task(f, i, sources) for i, f in top.entries("tasks")}
    sites = {i: _site(f, i, sources) for i, f in top.entries("sites")}
    grids = {i: _grid(f, i, sources) for i, f in top.entries("grids")}
    equivalences = (
        {i: _equivalence(f, i, sources) for i, f in top.entries("equivalences")}
        if top.has("equivalences")
        else {}
    )
    conversions = (
        {i: _conversion(f, i, sources) for i, f in top.entries("conversions")}
        if top.has("conversions")
        else {}
    )
    methods = (
        {i: _method(f, i, sources) for i, f in top.entries("methods")} if top.has("methods") else {}
    )
    devices = (
        {i: _device(f, i, sources) for i, f in top.entries("devices")} if top.has("devices") else {}
    )
    embodied = (
        {i: _embodied(f, i, sources) for i, f in top.entries("embodied")}
        if top.has("embodied")
        else {}
    )
    footprints = (
        {i: _footprint(f, i, sources) for i, f in top.entries("footprints")}
        if top.has("footprints")
        else {}
    )
    for fp in footprints.values():
        if fp.task is not None and fp.task not in tasks:
            raise InputError(
                tr("footprints: '{id}' names an unknown task '{name}'", id=fp.id, name=fp.task),
                path=path,
            )
    top.done(also=("equivalences", "conversions", "methods", "devices", "embodied", "footprints"))
    names = {
        "tasks": _names("tasks", tasks, path),
        "sites": _names("sites", sites, path),
        "grids": _names("grids", grids, path),
        "equivalences": _names("equivalences", equivalences, path),
        "methods": _names("methods", methods, path),
    }
    return FactorTable(
        path,
        sha256,
        sources,
        tasks,
        sites,
        grids,
        equivalences,
        conversions,
        devices,
        methods,
        names,
        embodied,
        footprints,
    )


def default_factors_path() -> Path:
    """The packaged factors.yaml, or the source tree's in a checkout / editable install."""
    packaged = Path(__file__).parent / "data" / "factors.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).parent.parent / "factors.yaml"


PACKAGED = "(built-in)"


CACHE_PATH = Path(__file__).parent / "factors.cache.json"


def record_classes() -> dict[str, type]:
    """The record classes of a factor table, by name (what its cache holds)."""
    from dataclasses import is_dataclass

    return {
        name: value
        for name, value in globals().items()
        if isinstance(value, type) and is_dataclass(value) and value.__module__ == __name__
    }


def parse_file(real: str, path: str) -> FactorTable:
    """Read and check a factor table fully (no cache)."""
    import hashlib

    with gc_paused():
        raw = read_limited(real, what="factor table")  # read once: parsed and fingerprinted
        data = load_yaml_bytes(raw, real, what="factor table")
        return parse_factors(data, path, hashlib.sha256(raw).hexdigest())


def _cached(real: str) -> FactorTable | None:
    """The packaged table from its cache (aicost/factors.cache.json, written at build time by
    `python -m aicost.tablecache`), or None when the cache is missing or was not made from
    this very file: see aicost/tablecache.py."""
    from aicost.tablecache import loads

    try:
        raw = Path(real).read_bytes()
        text = CACHE_PATH.read_text(encoding="utf-8")
    except OSError:
        return None
    with gc_paused():
        table = loads(text, raw, record_classes())
    return table if isinstance(table, FactorTable) else None


@cache
def _load(path: str) -> FactorTable:
    real = str(default_factors_path()) if path == PACKAGED else path
    if path == PACKAGED:  # a table given with --factors is always checked in full
        table = _cached(real)
        if table is not None:
            return table
    return parse_file(real, path)


def load_factors(path: str | Path | None = None) -> FactorTable:
    """Read (once per process and path) and check a factor table; None: the packaged one."""
    return _load(str(path) if path is not None else PACKAGED)

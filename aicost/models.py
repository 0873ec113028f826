"""The model catalogue: the generative models people name (`gpt-4o`, `claude-sonnet-4.5`,
`llama-3.1-8b`...), read from models.yaml into frozen `Model` records.

Each model has its kind (text, image, video), its size in billions of parameters (exact, or
a low–high range for closed models whose size is not published), the precision it is served
at, where it runs by default (a site of factors.yaml and a grid code, from a `locations`
profile), its default answer length (an `answers` profile: output, input and hidden reasoning
tokens) and the task ids of factors.yaml that are published per-use figures for it. Every
figure names its source (an id of factors.yaml's `sources`) and a status.

Names are looked up case-insensitively, with spaces, underscores and dots read as dashes:
`Claude Sonnet 4.5`, `claude_sonnet_4.5` and `claude-sonnet-4-5` are the same name. A family
name (`claude`) or a typo gets the nearest names in the error.

Speed: the catalogue holds hundreds of entries and is read by commands that must start fast.
Parsing and checking models.yaml costs ~0.2 s; so `python -m aicost.build_models --cache`
writes `aicost/models.cache.json`, the checked records plus the fingerprint (size and CRC-32)
of the models.yaml they came from. `load_catalogue` uses the cache when the file it is asked
for has that fingerprint (one checksum and one `json.loads`: a few milliseconds) and otherwise
parses and checks
the YAML: an edited models.yaml is never shadowed by a stale cache. A test checks that the
committed cache equals a full parse of the committed models.yaml.

Checks that need the factor table (sources, sites, grids and disclosures exist) are in
`check_against(catalogue, table)`, so that listing models does not read factors.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import field, fields
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aicost.errors import InputError, UsageError
from aicost.i18n import N_, tr
from aicost.records import record

if TYPE_CHECKING:
    from aicost.factors import FactorTable
    from aicost.fields import Fields

SCHEMA = 1
CACHE_FORMAT = 3
KINDS = ("text", "image", "video")
STATUSES = ("primary", "secondary", "derived", "assumption")
# Precisions a model may be served at (bytes per parameter in aicost.methods.text).
PRECISIONS = ("bf16", "fp16", "fp8", "int8", "mxfp4", "fp4", "int4")
# Settings each kind may carry besides the common keys: name -> "int", "number" or "text".
# Image and video models (issue 13) add theirs here; text models have none.
KIND_SETTINGS: dict[str, dict[str, str]] = {
    "text": {},
    "image": {"width": "int", "height": "int", "steps": "int", "architecture": "text"},
    "video": {
        "width": "int",
        "height": "int",
        "steps": "int",
        "frames": "int",
        "fps": "number",
        "seconds": "number",
        "architecture": "text",
        # closed services: the fit and server of factors.yaml's `video.latency` method
        "service": "text",
        "server": "text",
        "service_scale": "number",
    },
}
# Image and video settings an entry must give, and the architectures each kind knows (issue 13).
_METHOD_SETTINGS = {
    "image": ("width", "height", "steps"),
    "video": ("width", "height", "frames", "fps", "steps"),
    "service": ("width", "height", "seconds", "server"),
}
_SLUG = r"^[a-z0-9][a-z0-9.-]*$"  # patterns compiled when first used (re caches them)
_DATE = r"^\d{4}-\d{2}(-\d{2})?$"
_SEPARATORS = re.compile(r"[\s_.]+")
_UNKNOWN_MODEL = N_("unknown model '{name}'{suggestion}; `aicost models` lists them")


def name_key(name: str) -> str:
    """How a name is compared: lower case, spaces, underscores and dots read as dashes."""
    return _SEPARATORS.sub("-", name.strip().lower())


def _loose(key: str) -> str:
    """A name with only its letters and digits: 'gpt5' and 'gpt-5' meet here."""
    return re.sub(r"[^a-z0-9]", "", key)


class Range:
    """A number known exactly (low == high) or only between two bounds, in its unit.

    Immutable and compared by value. Written out rather than a frozen dataclass, whose
    generated methods cost ~1 ms to create at import (benchmarks/catalogue.py)."""

    __slots__ = ("high", "low")
    low: float
    high: float

    def __init__(self, low: float, high: float) -> None:
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Range is immutable: cannot set {name}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Range):
            return NotImplemented
        return (self.low, self.high) == (other.low, other.high)

    def __hash__(self) -> int:
        return hash((self.low, self.high))

    def __repr__(self) -> str:
        return f"Range(low={self.low!r}, high={self.high!r})"

    @property
    def exact(self) -> bool:
        return self.low == self.high

    @property
    def mid(self) -> float:
        """The middle of the range (the value itself when exact)."""
        return (self.low + self.high) / 2

    def text(self) -> str:
        """'8.03', '8–28': as the catalogue writes it (no unit)."""
        return f"{self.low:g}" if self.exact else f"{self.low:g}–{self.high:g}"


# Model compares by identity and has a short repr: dataclasses' generated __eq__,
# __hash__ and __repr__ over 30 fields cost more to create at import than reading the whole
# catalogue (benchmarks/catalogue.py). `Model.values()` compares two models' fields.
@record(eq=False, repr=False)
class Model:
    """One model of the catalogue, with its defaults resolved from the profiles it names."""

    id: str
    kind: str  # "text" | "image" | "video"
    en: str
    fr: str | None
    provider: str
    family: str
    aliases: tuple[str, ...]
    open_weights: bool
    total_params_b: Range  # billions
    active_params_b: Range  # billions (= total for a dense model)
    precision: str
    site: str  # a site id of factors.yaml
    grid: str  # a grid code of factors.yaml
    location_source: str
    location_status: str
    output_tokens: float  # default answer (text); 0 for other kinds
    input_tokens: float
    reasoning_tokens: float
    disclosures: tuple[str, ...]  # task ids of factors.yaml: published per-use figures
    source: str
    status: str
    as_of: str
    checked: str
    note: str | None = None
    location: str = ""  # the `locations` profile the site and grid came from
    answer: str = ""  # the `answers` profile the tokens came from ("" for image/video)
    answer_source: str = ""
    answer_status: str = ""
    settings: dict[str, float | str] = field(default_factory=dict, hash=False)
    line: int | None = field(default=None, compare=False)  # in models.yaml, for messages

    def __repr__(self) -> str:
        return f"Model({self.id!r})"

    def label(self, lang: str = "en") -> str:
        return self.fr if lang == "fr" and self.fr else self.en

    @property
    def names(self) -> tuple[str, ...]:
        return (self.id, *self.aliases)

    def values(self) -> tuple[Any, ...]:
        """Every field but `line`, in order: two models with the same values are the same."""
        return tuple(getattr(self, f.name) for f in fields(Model) if f.name != "line")


class Catalogue:
    """The models of one models.yaml, found by id, alias or family.

    A plain class, like the profiles below: a dataclass writes and compiles its methods when
    the module is imported, and that would cost more than reading the catalogue."""

    def __init__(
        self,
        path: str,  # as given, or PACKAGED
        fingerprint: str,  # of the models.yaml read: its size and CRC-32 (see `fingerprint`)
        models: dict[str, Model],
        names: dict[str, str],  # name_key -> id
        families: dict[str, tuple[str, ...]],  # name_key of a family -> ids
    ) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self.models = models
        self._names = names
        self._families = families

    def __repr__(self) -> str:
        return f"Catalogue({self.path!r}, {len(self.models)} models)"

    def __iter__(self) -> Iterator[Model]:
        return iter(self.models.values())

    def __len__(self) -> int:
        return len(self.models)

    def find(self, name: str) -> Model | None:
        """The model `name` (an id or alias, in any case and spelling of separators), or None."""
        found = self._names.get(name_key(name))
        return self.models[found] if found is not None else None

    def family(self, name: str) -> tuple[Model, ...]:
        """The models of family `name` (('claude' -> the Claude models), or ()."""
        return tuple(self.models[i] for i in self._families.get(name_key(name), ()))

    def model(
        self,
        name: str,
        *,
        path: str | None = None,
        line: int | None = None,
        where: str | None = None,
    ) -> Model:
        """The model `name` refers to; an AicostError with the nearest names otherwise."""
        found = self.find(name)
        if found is not None:
            return found
        members = self.family(name)
        if members:
            message = tr(
                "'{name}' is a family of {count} models, not one model: name one of them"
                " ({names}); `aicost models {name}` lists them",
                name=name.strip(),
                count=len(members),
                names=_listing([m.id for m in members]),
            )
        else:
            message = tr(_UNKNOWN_MODEL, name=name, suggestion=self.suggestions(name))
        if path is None and where is None:
            raise UsageError(message)
        raise InputError(message, path=path, line=line, where=where)

    def near(self, name: str, most: int = 3) -> list[str]:
        """The names nearest to `name`: same letters and digits, then names it begins, then
        close spellings. An alias is shown as written when it is what came near."""
        import difflib

        key = name_key(name)
        if not key:
            return []
        loose = _loose(key)
        shown: dict[str, str] = {}  # name_key -> name as written in the catalogue
        for model in self.models.values():
            for n in model.names:
                shown.setdefault(name_key(n), n)
        same = [shown[k] for k in shown if _loose(k) == loose]
        begun = sorted((k for k in shown if k.startswith(key) and k != key), key=len)
        close = difflib.get_close_matches(key, list(shown), n=most, cutoff=0.75)
        out: dict[str, str] = {}  # model id (or family) -> the name shown for it
        for k in [*(name_key(s) for s in same), *begun, *close]:
            out.setdefault(self._names[k], shown[k])
        # A family names many models: offered when it is spelt nearly as typed ('clod').
        for k in difflib.get_close_matches(key, list(self._families), n=1, cutoff=0.6):
            if len(self._families[k]) > 1 and k != key:
                out.setdefault("", k)
        return list(out.values())[:most]

    def suggestions(self, name: str) -> str:
        near = self.near(name)
        return tr(" (did you mean: {names}?)", names=", ".join(near)) if near else ""

    def search(self, text: str = "", kind: str | None = None) -> list[Model]:
        """Models whose id, alias, name, family or provider contains `text` (any case and
        separators), of `kind` if given; an exact id or alias first."""
        needle = name_key(text)
        exact = self.find(text) if needle else None
        found = []
        for m in self.models.values():
            if kind is not None and m.kind != kind:
                continue
            if not needle or any(
                needle in name_key(n) for n in (*m.names, m.en, m.fr or "", m.family, m.provider)
            ):
                found.append(m)
        if exact is not None:
            found.sort(key=lambda m: m.id != exact.id)
        return found


def _listing(ids: list[str], most: int = 12) -> str:
    shown = ", ".join(ids[:most])
    return shown + (", …" if len(ids) > most else "")


# -- reading models.yaml --------------------------------------------------------------------


class _Location:
    """A `locations` profile: where models run by default."""

    def __init__(self, site: str, grid: str, source: str, status: str) -> None:
        self.site, self.grid, self.source, self.status = site, grid, source, status


class _Answer:
    """An `answers` profile: a default answer's tokens."""

    def __init__(
        self,
        output_tokens: float,
        input_tokens: float,
        reasoning_tokens: float,
        source: str,
        status: str,
    ) -> None:
        self.output_tokens = output_tokens
        self.input_tokens = input_tokens
        self.reasoning_tokens = reasoning_tokens
        self.source, self.status = source, status


def _date(f: Fields, key: str) -> str:
    value = f.raw(key)
    if not isinstance(value, str) or not re.match(_DATE, value):
        raise f.error(
            tr("must be a date written YYYY-MM or YYYY-MM-DD (quoted), got {got}", got=_got(value)),
            key,
        )
    return value


def _got(value: object) -> str:
    from aicost.fields import describe

    return describe(value)


def _slug(f: Fields, key: str) -> str:
    value = f.req_text(key)
    if not re.match(_SLUG, value):
        raise f.error(
            tr(
                "must be a lower-case name of letters, digits, dots and dashes, got {got}",
                got=_got(value),
            ),
            key,
        )
    return value


def _params(f: Fields, key: str, *, required: bool = True) -> Range | None:
    """A count in billions: a number (exact) or [low, high]."""
    from aicost.fields import as_number

    if not f.has(key):
        f.read.add(key)
        if required:
            raise f.error(tr("needs '{key}' ({what})", key=key, what=tr("billions of parameters")))
        return None
    value = f.raw(key)
    if isinstance(value, list):
        numbers = [as_number(v) for v in value]
        if len(numbers) == 2 and all(n is not None and n > 0 for n in numbers):
            low, high = numbers
            assert low is not None and high is not None
            if low < high:
                return Range(low, high)
    else:
        number = as_number(value)
        if number is not None and number > 0:
            return Range(number, number)
    raise f.error(
        tr(
            "must be billions of parameters: a number > 0 or [low, high] with low < high,"
            " got {got}",
            got=_got(value),
        ),
        key,
    )


def _source(f: Fields, key: str = "source") -> str:
    return f.req_text(key)


def _location(f: Fields) -> _Location:
    location = _Location(
        site=f.req_text("site"),
        grid=f.req_text("grid"),
        source=_source(f),
        status=f.choice("status", STATUSES),
    )
    f.text("note", required=False)
    from aicost.dates import read_dates

    read_dates(f)  # as_of / checked, as in factors.yaml (aicost.dates)
    f.done()
    return location


def _answer(f: Fields) -> _Answer:
    answer = _Answer(
        output_tokens=_tokens(f, "output_tokens"),
        input_tokens=_tokens(f, "input_tokens"),
        reasoning_tokens=_tokens(f, "reasoning_tokens"),
        source=_source(f),
        status=f.choice("status", STATUSES),
    )
    f.text("note", required=False)
    from aicost.dates import read_dates

    read_dates(f)  # as_of / checked, as in factors.yaml (aicost.dates)
    f.done()
    return answer


def _tokens(f: Fields, key: str) -> float:
    value = f.number(key, minimum=0, integer=True)
    assert value is not None
    return value


def _profile(f: Fields, key: str, profiles: dict[str, Any], section: str) -> str:
    from aicost.errors import did_you_mean

    name = f.req_text(key)
    if name not in profiles:
        raise f.error(
            tr(
                "names an unknown {section} profile '{name}'{suggestion}; add it to the"
                " {section} section",
                section=section,
                name=name,
                suggestion=did_you_mean(name, list(profiles)),
            ),
            key,
        )
    return name


def _settings(f: Fields, kind: str) -> dict[str, float | str]:
    allowed = KIND_SETTINGS[kind]
    settings: dict[str, float | str] = {}
    for key, what in allowed.items():
        if what == "text":
            text = f.text(key, required=False)
            if text is not None:
                settings[key] = text
        else:
            number = f.number(key, required=False, positive=True, integer=what == "int")
            if number is not None:
                settings[key] = number
    return settings


def _model(
    f: Fields,
    model_id: str,
    locations: dict[str, _Location],
    answers: dict[str, _Answer],
) -> Model:
    kind = f.choice("kind", KINDS)
    en = f.req_text("en")
    fr = f.text("fr", required=False)
    provider = _slug(f, "provider")
    family = _slug(f, "family")
    aliases = f.text_list("aliases")
    if not f.has("open_weights"):
        f.read.add("open_weights")
        raise f.error(tr("needs '{key}' ({what})", key="open_weights", what="true/false"))
    open_weights = f.flag("open_weights")
    total = _params(f, "total_params_b")
    assert total is not None
    active = _params(f, "active_params_b", required=False) or total
    if active.high > total.high or active.low > total.low:
        raise f.error(tr("must not exceed total_params_b"), "active_params_b")
    precision = f.choice("precision", PRECISIONS, default="bf16")
    location_id = _profile(f, "location", locations, "locations")
    location = locations[location_id]
    if kind == "text":
        f.read.add("answer")
        answer_id = (
            _profile(f, "answer", answers, "answers") if f.has("answer") else _DEFAULT_ANSWER
        )
        if answer_id not in answers:
            raise f.error(tr("needs '{key}' ({what})", key="answer", what=tr("an answers profile")))
        answer: _Answer | None = answers[answer_id]
    else:
        if f.has("answer"):
            raise f.error(tr("only a text model has a default answer"), "answer")
        answer_id, answer = "", None
    settings = _settings(f, kind)
    _check_media_settings(f, kind, settings)
    model = Model(
        id=model_id,
        kind=kind,
        en=en,
        fr=fr,
        provider=provider,
        family=family,
        aliases=aliases,
        open_weights=open_weights,
        total_params_b=total,
        active_params_b=active,
        precision=precision,
        site=location.site,
        grid=location.grid,
        location_source=location.source,
        location_status=location.status,
        output_tokens=answer.output_tokens if answer else 0.0,
        input_tokens=answer.input_tokens if answer else 0.0,
        reasoning_tokens=answer.reasoning_tokens if answer else 0.0,
        disclosures=f.text_list("disclosures"),
        source=_source(f),
        status=f.choice("status", STATUSES),
        as_of=_date(f, "as_of"),
        checked=_date(f, "checked"),
        note=f.text("note", required=False),
        location=location_id,
        answer=answer_id,
        answer_source=answer.source if answer else "",
        answer_status=answer.status if answer else "",
        settings=settings,
        line=f.line,
    )
    f.done()
    return model


_DEFAULT_ANSWER = "chat"


def _check_media_settings(f: Fields, kind: str, settings: dict[str, float | str]) -> None:
    """An image or video model gives the settings its method needs, and a known architecture
    (a closed video service gives its latency fit instead: `service` and `server`)."""
    if kind == "text":
        return
    from aicost.methods import image, video

    known = image.ARCHITECTURES if kind == "image" else video.ARCHITECTURES
    arch = settings.get("architecture")
    if arch is not None and arch not in known:
        from aicost.errors import did_you_mean
        from aicost.fields import describe

        raise f.error(
            tr("must be one of {choices}, got {got}", choices=", ".join(known), got=describe(arch))
            + did_you_mean(str(arch), known),
            "architecture",
        )
    needed = _METHOD_SETTINGS["service" if "service" in settings else kind]
    for key in needed:
        if key not in settings:
            raise f.error(tr("needs '{key}' ({what})", key=key, what=tr("a setting of its method")))


def _no_other_kind_settings(f: Fields, kind: str) -> None:
    for other, keys in KIND_SETTINGS.items():
        for key in keys:
            if other != kind and key not in KIND_SETTINGS[kind] and f.has(key):
                raise f.error(
                    tr(
                        "is a setting of {other} models, not of {kind} models",
                        other=other,
                        kind=kind,
                    ),
                    key,
                )


def parse_catalogue(data: object, path: str, fingerprint: str = "") -> Catalogue:
    """Check and build a catalogue from YAML data already read."""
    from aicost.fields import Fields

    top = Fields(data, path=path, where="")
    top.schema(SCHEMA)
    locations = {i: _location(f) for i, f in top.entries("locations")}
    answers = {i: _answer(f) for i, f in top.entries("answers")}
    models: dict[str, Model] = {}
    for model_id, f in top.entries("models"):
        kind = f.data.get("kind") if isinstance(f.data, dict) else None
        if kind in KIND_SETTINGS:
            _no_other_kind_settings(f, str(kind))
        models[model_id] = _model(f, model_id, locations, answers)
    top.done()
    return _build(path, fingerprint, models)


def _build(path: str, fingerprint: str, models: dict[str, Model]) -> Catalogue:
    names: dict[str, str] = {}
    for model in models.values():
        for name in model.names:
            key = name_key(name)
            other = names.get(key)
            if other is not None and other != model.id:
                raise InputError(
                    tr(
                        "models: the name '{name}' of '{entry}' is already used by '{other}';"
                        " make it unique",
                        name=name,
                        entry=model.id,
                        other=other,
                    ),
                    path=path,
                    line=model.line,
                )
            names[key] = model.id
    families: dict[str, list[str]] = {}
    for model in models.values():
        families.setdefault(name_key(model.family), []).append(model.id)
    return Catalogue(path, fingerprint, models, names, {k: tuple(v) for k, v in families.items()})


def check_against(catalogue: Catalogue, table: FactorTable) -> None:
    """Refuse a model whose source, site, grid or disclosure is not in the factor table."""
    from aicost.errors import did_you_mean

    def fail(model: Model, key: str, message: str) -> None:
        raise InputError(
            message, path=catalogue.path, line=model.line, where=f"models.{model.id}.{key}"
        )

    for m in catalogue:
        for key, source in (
            ("source", m.source),
            ("location.source", m.location_source),
            ("answer.source", m.answer_source),
        ):
            if source and source not in table.sources:
                fail(
                    m,
                    key,
                    tr(
                        "names an unknown source '{name}'{suggestion}; add it to the sources"
                        " section",
                        name=source,
                        suggestion=did_you_mean(source, list(table.sources)),
                    ),
                )
        if table.find("sites", m.site) != m.site:
            fail(m, "location.site", tr("names an unknown site '{name}'", name=m.site))
        if table.find("grids", m.grid) != m.grid:
            fail(m, "location.grid", tr("names an unknown grid '{name}'", name=m.grid))
        for task in m.disclosures:
            if task not in table.tasks:
                fail(m, "disclosures", tr("names an unknown task '{name}'", name=task))
        if "service" in m.settings:  # a closed video service: its fit and server must exist
            _check_service(m, table, fail)


def _check_service(model: Model, table: FactorTable, fail: Any) -> None:
    from aicost.errors import did_you_mean

    coefficients = (
        table.methods["video.latency"].coefficients if "video.latency" in table.methods else {}
    )
    services = sorted(
        {k.rpartition(".")[0] for k in coefficients if "." in k and not k.startswith("server_")}
    )
    servers = sorted({k.split(".")[1] for k in coefficients if k.startswith("server_power.")})
    for key, known in (("service", services), ("server", servers)):
        name = str(model.settings[key])
        if name not in known:
            fail(
                model,
                key,
                tr(
                    "names an unknown {what} '{name}'{suggestion}",
                    what=key,
                    name=name,
                    suggestion=did_you_mean(name, known),
                ),
            )


# -- the compact cache ----------------------------------------------------------------------

CACHE_PATH = Path(__file__).parent / "models.cache.json"


from aicost.tablecache import fingerprint as fingerprint  # noqa: E402  # shared with factors


def to_cache(catalogue: Catalogue) -> str:
    """The catalogue as the compact JSON `load_catalogue` reads back: the field names once,
    one line per model with its values in that order, then the name and family indexes."""
    import json

    names = [f.name for f in fields(Model)]
    rows = []
    for m in catalogue:
        row: list[Any] = []
        for name in names:
            value = getattr(m, name)
            if isinstance(value, Range):
                value = [value.low, value.high]
            elif isinstance(value, tuple):
                value = list(value)
            row.append(value)
        rows.append(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
    head = json.dumps(
        {"format": CACHE_FORMAT, "fingerprint": catalogue.fingerprint, "fields": names}
    )
    index = json.dumps(
        {"names": catalogue._names, "families": catalogue._families},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return head[:-1] + ', "models": [\n' + ",\n".join(rows) + '\n], "index":\n' + index + "}\n"


def _from_cache(text: str, path: str, fingerprint: str) -> Catalogue | None:
    import json

    data = json.loads(text)
    if data.get("format") != CACHE_FORMAT or data.get("fingerprint") != fingerprint:
        return None
    names = data["fields"]
    if names != [f.name for f in fields(Model)]:
        return None  # written by another version of aicost
    new = object.__new__
    ranges: dict[tuple[float, float], Range] = {}

    def as_range(pair: list[float]) -> Range:
        key = (pair[0], pair[1])
        found = ranges.get(key)
        if found is None:
            found = ranges[key] = Range(*key)
        return found

    models = {}
    for values in data["models"]:
        row = dict(zip(names, values, strict=True))
        row["total_params_b"] = as_range(row["total_params_b"])
        row["active_params_b"] = as_range(row["active_params_b"])
        row["aliases"] = tuple(row["aliases"])
        row["disclosures"] = tuple(row["disclosures"])
        # The rows were checked when the cache was written, and hold every field: fill the
        # record directly (a frozen dataclass's __init__ sets its 30 fields one by one).
        model = new(Model)
        model.__dict__.update(row)
        models[row["id"]] = model
    index = data["index"]
    families = {k: tuple(v) for k, v in index["families"].items()}
    return Catalogue(path, fingerprint, models, index["names"], families)


# -- locating and loading -------------------------------------------------------------------

PACKAGED = "(built-in)"


def default_models_path() -> Path:
    """The packaged models.yaml, or the source tree's in a checkout / editable install."""
    packaged = Path(__file__).parent / "data" / "models.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).parent.parent / "models.yaml"


def parse_file(real: str, shown: str) -> Catalogue:
    """Read and check a models.yaml fully (no cache)."""
    from aicost.gcpause import gc_paused
    from aicost.yamlfile import load_yaml

    with gc_paused():
        data = load_yaml(real, what="model catalogue")
        return parse_catalogue(data, shown, fingerprint(Path(real).read_bytes()))


@cache
def _load(path: str) -> Catalogue:
    real = str(default_models_path()) if path == PACKAGED else path
    try:
        raw = Path(real).read_bytes()
    except OSError:
        return parse_file(real, path)  # says what is wrong with the file, in one line
    digest = fingerprint(raw)
    try:
        cached = CACHE_PATH.read_text(encoding="utf-8")
    except OSError:
        cached = None
    if cached is not None:
        from aicost.gcpause import gc_paused

        with gc_paused():
            found = _from_cache(cached, path, digest)
        if found is not None:
            return found
    return parse_file(real, path)


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """Read (once per process and path) and check a catalogue; None: the packaged one."""
    return _load(str(path) if path is not None else PACKAGED)

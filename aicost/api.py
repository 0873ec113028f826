"""The Python API: what the command line does, as functions returning frozen results.

    >>> import aicost
    >>> marathon = aicost.estimate("scenarios/marathon.yaml")
    >>> round(marathon.energy_wh, 1)
    2873.5
    >>> round(marathon.co2e_g["FR"], 1), round(marathon.co2e_g["US"])
    (126.9, 1102)
    >>> local = {"label": "A local model", "energy": "20 Wh", "count": 3}
    >>> quick = aicost.estimate(["text.large=15", local], grids="FR,DE")
    >>> sorted(quick.co2e_g)
    ['DE', 'FR']

Every figure comes from `to_dict()`, which is the JSON schema's object (README, "JSON
output") built by the same code as `aicost scenario --format json`, so the two cannot drift.
A mistake raises an `aicost.AicostError` (`InputError` for a file or data, `UsageError` for
an argument) whose message is the one line the command line prints after "Error: ".
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from aicost.defaults import DEFAULT_SAMPLES, DEFAULT_SEED
from aicost.records import record

if TYPE_CHECKING:
    from aicost.claims import Verdict
    from aicost.engine import Estimate
    from aicost.factors import FactorTable
    from aicost.models import Model
    from aicost.scenarios import Scenario
    from aicost.uncertainty import Uncertainty

PathLike = str | os.PathLike[str]
Item = str | Mapping[str, object]
"""An item: `"text.large=15"` (as `aicost estimate` reads it) or a mapping with the keys of a
scenario file's item (`{"task": "text.large", "count": 15}`)."""


@contextmanager
def _speaking(lang: str) -> Iterator[None]:
    from aicost.errors import UsageError
    from aicost.i18n import LANGS, speaking, tr

    language = lang.lower()
    if language not in LANGS:
        raise UsageError(
            tr("unknown language '{lang}'; use one of {choices}", lang=lang, choices="en, fr")
        )
    with speaking(language):
        yield


def _grid_names(grids: str | Sequence[str] | None) -> list[str]:
    """'FR,US', ['FR', 'US'] or ['FR,US'] as ['FR', 'US']."""
    given = [grids] if isinstance(grids, str) else list(grids or ())
    return [name.strip() for text in given for name in text.split(",") if name.strip()]


@record
class EstimateResult:
    """One scenario estimated: energy per item, then CO2e and water per grid.

    `estimate`, `factors` and `uncertainty` are aicost's own objects (pint quantities,
    factor entries), for renderers; `to_dict()` is the plain, documented form.
    """

    estimate: Estimate
    factors: FactorTable
    uncertainty: Uncertainty | None = None

    def to_dict(self) -> dict[str, Any]:
        """The scenario object of the JSON schema (an element of `"scenarios"`)."""
        from aicost.render.json import estimate_document

        return estimate_document(self.estimate, self.factors, self.uncertainty)

    @property
    def name(self) -> str:
        return self.estimate.scenario.name

    @property
    def energy_wh(self) -> float:
        """The scaled total energy at the site's boundary, in Wh."""
        return float(self.to_dict()["total"]["energy_wh"])

    @property
    def co2e_g(self) -> dict[str, float]:
        """CO2e in grams, by grid id."""
        return {g["id"]: float(g["co2e_g"]) for g in self.to_dict()["grids"]}

    @property
    def water_l(self) -> dict[str, float]:
        """Water in litres, by grid id."""
        return {g["id"]: float(g["water_l"]) for g in self.to_dict()["grids"]}

    @property
    def as_run(self) -> dict[str, Any]:
        """Each item at its own site, on its own grid: `grids`, `energy_wh`, `co2e_g`,
        `water_l` … (the JSON schema's `as_run` object)."""
        found: dict[str, Any] = self.to_dict()["as_run"]
        return found


@record
class ClaimResult:
    """One claim checked: its verdict (`holds`, `off`, `known error`, `within uncertainty`)."""

    verdict: Verdict

    def to_dict(self) -> dict[str, Any]:
        """The claim object of the JSON schema of `aicost check --format json`."""
        from aicost.render.claims import document

        row: dict[str, Any] = document([self.verdict], "")["claims"][0]
        return row

    @property
    def id(self) -> str:
        return self.verdict.claim.id

    @property
    def status(self) -> str:
        return self.verdict.status


@record
class CheckResult:
    """The claims of a file, checked."""

    path: str
    claims: tuple[ClaimResult, ...]

    @property
    def verdicts(self) -> list[Verdict]:
        return [c.verdict for c in self.claims]

    def failed(self, *, strict: bool = False) -> list[ClaimResult]:
        """The claims that fail: `off`, and with `strict` also `known error`."""
        failing = {"off", "known error"} if strict else {"off"}
        return [c for c in self.claims if c.status in failing]

    def to_dict(self) -> dict[str, Any]:
        """The document of `aicost check --format json`."""
        from aicost.render.claims import document

        return document(self.verdicts, self.path)


def _scenario_data(
    what: PathLike | Mapping[str, object] | Sequence[Item],
    name: str | None,
    table: FactorTable | None = None,
    tokens: Mapping[str, object] | None = None,
) -> Any:
    from aicost.scenarios import items_from_arguments

    if isinstance(what, Mapping):
        return dict(what) if name is None else {**what, "name": name}
    items: list[Any] = []
    texts: list[str] = []
    for item in what:  # type: ignore[union-attr]
        if isinstance(item, str):
            items += items_from_arguments([item], table, dict(tokens or {}))
            texts.append(item)
        else:
            items.append(dict(item))
            texts.append(str(item.get("label") or item.get("task") or "item"))
    return {"name": name or "aicost estimate " + " ".join(texts), "items": items}


def estimate(
    what: PathLike | Mapping[str, object] | Sequence[Item],
    *,
    grids: str | Sequence[str] | None = None,
    site: str | None = None,
    here: str | None = None,
    factors: PathLike | None = None,
    uncertainty: bool = False,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    name: str | None = None,
    where: str | None = None,
    lang: str = "en",
    tokens: Mapping[str, object] | None = None,
) -> EstimateResult:
    """Estimate a scenario: a scenario file's path, a mapping with a scenario file's keys, or
    a list of items (`"text.large=15"` or item mappings).

    `grids` (`"FR,US"` or a list of ids or names) replaces the scenario's what-if grids, `site`
    its site (that of items that name none), `here` the user's grid (where items on the site
    `local`, and items with no grid, run); `factors` is another factor table's path;
    `uncertainty` adds 90 % intervals from `samples` Monte Carlo draws (seed `seed`); `name`
    names a scenario given as data, and `where` what its errors call it (default "(items)" or
    "(mapping)"); `lang` ("en" or "fr") is the language of error messages and of `1,5` read as
    1.5 in item texts. An item text may name a model of the catalogue (`"gpt-4o=10"`,
    `"gpt-4o:1000=10"`); `tokens` (`{"output_tokens": 1000}`, also `input_tokens`,
    `reasoning_tokens`, `device`) applies to every text model named in an item text.
    Raises `aicost.InputError` or `aicost.UsageError`.
    """
    options = {"grids": grids, "site": site, "here": here, "factors": factors}
    spread = {"uncertainty": uncertainty, "samples": samples, "seed": seed, "lang": lang}
    with _speaking(lang):
        from aicost.factors import load_factors
        from aicost.scenarios import load_scenario, parse_scenario

        table = load_factors(os.fspath(factors) if factors is not None else None)
        if isinstance(what, (str, os.PathLike)):
            if isinstance(what, str) and "=" in what and not os.path.exists(what):
                from aicost.errors import UsageError
                from aicost.i18n import tr

                raise UsageError(
                    tr(
                        "'{what}' is not a scenario file; items go in a list: "
                        'aicost.estimate(["{what}"])',
                        what=what,
                    )
                )
            scenario = load_scenario(os.fspath(what), table)
        else:
            place = where or ("(mapping)" if isinstance(what, Mapping) else "(items)")
            scenario = parse_scenario(_scenario_data(what, name, table, tokens), place, table)
        return _run(scenario, table, options, spread)


def estimate_choices(
    path: PathLike,
    *,
    grids: str | Sequence[str] | None = None,
    site: str | None = None,
    here: str | None = None,
    factors: PathLike | None = None,
    uncertainty: bool = False,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    lang: str = "en",
) -> list[EstimateResult]:
    """A scenario file, or a file of choices (`options:`, see `aicost compare`): one result
    per option (one for a plain scenario file). Keywords as for `estimate`."""
    options = {"grids": grids, "site": site, "here": here, "factors": factors}
    spread = {"uncertainty": uncertainty, "samples": samples, "seed": seed, "lang": lang}
    with _speaking(lang):
        from aicost.factors import load_factors
        from aicost.scenarios import load_scenarios

        table = load_factors(os.fspath(factors) if factors is not None else None)
        return [_run(s, table, options, spread) for s in load_scenarios(os.fspath(path), table)]


def _run(
    scenario: Scenario, table: FactorTable, options: dict[str, Any], spread: dict[str, Any]
) -> EstimateResult:
    from aicost.engine import estimate as run

    names = _grid_names(options["grids"])
    site_override = table.site(options["site"]) if options["site"] is not None else None
    grids_override = tuple(table.grid(g) for g in names) if names else None
    here_override = table.grid(options["here"]) if options["here"] is not None else None
    result = run(scenario.with_overrides(site_override, grids_override, here_override))
    found = None
    if spread["uncertainty"]:
        from aicost.uncertainty import analyse

        found = analyse(result, spread["samples"], spread["seed"])
    return EstimateResult(result, table, found)


def check(
    claims_file: PathLike,
    *,
    factors: PathLike | None = None,
    uncertainty: bool = False,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    lang: str = "en",
) -> CheckResult:
    """Check the figures a report quotes (a claims file, README "Claims files"; or a Markdown
    report whose figures are marked, README "Figures inside a report") against the factor
    table. `result.failed()` lists the claims that no longer hold.

    >>> import aicost
    >>> checked = aicost.check("examples/report-fr-claims.yaml")
    >>> checked.failed()
    []
    >>> checked.claims[0].to_dict()["verdict"]
    'holds'
    """
    with _speaking(lang):
        from aicost.claims import check as run
        from aicost.claims import load_claims
        from aicost.factors import load_factors
        from aicost.i18n import language

        table = load_factors(os.fspath(factors) if factors is not None else None)
        monte_carlo = (samples, seed) if uncertainty else None
        path = os.fspath(claims_file)
        if path.lower().endswith((".md", ".markdown")):
            from aicost.document import load_document

            claims = [f.claim for f in load_document(path, table, language())[2]]
        else:
            claims = load_claims(path, table)
        verdicts = run(claims, table, monte_carlo)
        return CheckResult(os.fspath(claims_file), tuple(ClaimResult(v) for v in verdicts))


@record
class ModelsResult:
    """The catalogue's models that match a search (`aicost models SEARCH --kind KIND`)."""

    models: tuple[Model, ...]

    @property
    def ids(self) -> list[str]:
        return [m.id for m in self.models]

    def to_dict(self) -> list[dict[str, Any]]:
        """The list `aicost models --format json` prints: every field of each model."""
        from aicost.render.models import models_document

        return models_document(list(self.models))


def list_models(search: str = "", kind: str | None = None) -> ModelsResult:
    """The models of the catalogue whose id, alias, name, family or provider contains
    `search` (all of them for ""), of `kind` ("text", "image", "video") if given.

        >>> import aicost
        >>> "claude-sonnet-4-5" in aicost.list_models("claude", kind="text").ids
        True

    Raises `UsageError` (with the nearest names) when nothing matches."""
    from aicost.errors import UsageError
    from aicost.i18n import tr
    from aicost.models import load_catalogue

    catalogue = load_catalogue()
    found = catalogue.search(search, kind)
    if not found:
        others = catalogue.search(search, None) if search and kind is not None else []
        if others:  # of another kind: say so rather than suggest names that are there
            raise UsageError(
                tr(
                    "no {kind} model matches '{search}', but models of another kind do:"
                    " `aicost models {search}` lists them",
                    kind=kind or "",
                    search=search,
                )
            )
        if search:
            raise UsageError(
                tr(
                    "no model matches '{search}'{suggestion}; `aicost models` lists them all",
                    search=search,
                    suggestion=catalogue.suggestions(search),
                )
            )
        raise UsageError(tr("no {kind} model in the catalogue yet", kind=str(kind)))
    return ModelsResult(tuple(found))


__all__ = [
    "CheckResult",
    "ClaimResult",
    "EstimateResult",
    "ModelsResult",
    "check",
    "estimate",
    "list_models",
]

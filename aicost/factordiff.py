"""What changed between two factor tables, and which figures of a report move with it.

    diff = compare(old_table, new_table)                       # entries added, removed, changed
    moves = scenario_moves(path, old_table, new_table)         # totals of a scenario, old -> new
    moves = claim_moves(path, old_table, new_table)            # claims of a claims file

Every section of the table is compared (any mapping of entries the FactorTable holds, so a
section added later is covered without a change here), field by field: values with their
units, ranges, sources, statuses, boundaries, notes and, for sources, every field of the
citation. Labels (`en`, `fr`...) are words, not figures, and are not compared; the dates of
a figure (`as_of`, `checked`) only when asked, since re-checking a figure changes its date
without changing what it says. Pure: no printing.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aicost.records import record
from aicost.units import Quantity

if TYPE_CHECKING:
    from aicost.claims import Claim
    from aicost.engine import Estimate
    from aicost.factors import FactorTable

# Words, not figures: never compared.
LABELS = frozenset({"id", "en", "fr", "en_one", "fr_one"})
DATES = frozenset({"as_of", "checked"})
LAST = ("source", "status", "as_of", "checked", "note")
ADDED, REMOVED, CHANGED = "added", "removed", "changed"
# Where a dataclass field is written under another key in factors.yaml.
YAML_KEYS = {("equivalences", "value"): "per", ("grids", "source"): "carbon_source"}
TINY = 1e-9  # a relative change smaller than this is rounding, not a move


@record
class FieldChange:
    """One field of one entry: its old and new value as the table writes them (None: absent).
    `ratio` is new / old for two quantities of the same dimension (or two numbers)."""

    field: str
    old: str | None
    new: str | None
    ratio: float | None = None


@record
class EntryChange:
    section: str
    id: str
    kind: str  # added | removed | changed
    fields: tuple[FieldChange, ...] = ()


@record
class Move:
    """One figure computed with both tables. `subject` is the scenario file or claim id,
    `figure` what is computed ('energy', 'co2e FR', 'co2e FR: fr-car-km'...)."""

    subject: str
    figure: str
    old: Quantity
    new: Quantity
    old_status: str | None = None  # claims: the verdict with each table
    new_status: str | None = None

    @property
    def ratio(self) -> float | None:
        old = float(self.old.magnitude)
        if old == 0:
            return None
        return float((self.new / self.old).to("dimensionless").magnitude)

    @property
    def moved(self) -> bool:
        ratio = self.ratio
        if ratio is None:
            return float(self.new.magnitude) != 0
        return abs(ratio - 1) > TINY or self.old_status != self.new_status


def sections(table: FactorTable) -> dict[str, dict[str, object]]:
    """Every section of entries the table holds, by name (sources first, as in the file)."""
    found: dict[str, dict[str, object]] = {}
    for f in dataclasses.fields(table):
        value = getattr(table, f.name)
        if f.name.startswith("_") or not isinstance(value, dict):
            continue
        found[f.name] = value
    return found


def _is_quantity(value: object) -> bool:
    return hasattr(value, "magnitude") and hasattr(value, "units")


def _text(value: Any) -> str | None:
    """A field's value as the table writes it: '0.2176 kg/km', 'primary', 'a, b'."""
    if value is None:
        return None
    if _is_quantity(value):
        return f"{float(value.magnitude):.10g} {value.units:~P}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.10g}"
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _ratio(old: Any, new: Any) -> float | None:
    if _is_quantity(old) and _is_quantity(new):
        if old.dimensionality != new.dimensionality or float(old.magnitude) == 0:
            return None
        return float((new / old).to("dimensionless").magnitude)
    numbers = (int, float)
    if isinstance(old, numbers) and isinstance(new, numbers) and not isinstance(old, bool):
        return float(new) / float(old) if old else None
    return None


def fields_of(entry: object, *, dates: bool = False) -> dict[str, object]:
    """The compared fields of an entry (a dataclass): labels left out, dates if asked."""
    if not dataclasses.is_dataclass(entry):
        return {"value": entry}
    skip = LABELS if dates else LABELS | DATES
    names = [f.name for f in dataclasses.fields(entry) if f.name not in skip]
    # The figures first, then where they come from: source, status, dates, note.
    names.sort(key=lambda n: LAST.index(n) if n in LAST else -1)
    found: dict[str, object] = {}
    for name in names:
        if name.startswith("_"):
            continue
        value = getattr(entry, name)
        if isinstance(value, dict) and all(dataclasses.is_dataclass(v) for v in value.values()):
            # entries inside an entry (a method's coefficients): field by field, by their id
            for inner_id, inner in value.items():
                for key, inner_value in fields_of(inner, dates=dates).items():
                    found[f"{name}.{inner_id}.{key}"] = inner_value
        else:
            found[name] = value
    return found


def _same(old: object, new: object) -> bool:
    if _is_quantity(old) and _is_quantity(new):
        return _text(old) == _text(new)
    return old == new


def compare_entries(old: object, new: object, *, dates: bool = False) -> tuple[FieldChange, ...]:
    before, after = fields_of(old, dates=dates), fields_of(new, dates=dates)
    changes = []
    for name in list(dict.fromkeys([*before, *after])):
        a, b = before.get(name), after.get(name)
        if not _same(a, b):
            changes.append(FieldChange(name, _text(a), _text(b), _ratio(a, b)))
    return tuple(changes)


def compare(old: FactorTable, new: FactorTable, *, dates: bool = False) -> list[EntryChange]:
    """Entries added, removed and changed, section by section, in the new table's order."""
    out: list[EntryChange] = []
    old_sections, new_sections = sections(old), sections(new)
    for section in dict.fromkeys([*new_sections, *old_sections]):
        before = old_sections.get(section, {})
        after = new_sections.get(section, {})
        for entry_id, entry in after.items():
            if entry_id not in before:
                out.append(EntryChange(section, entry_id, ADDED))
                continue
            changes = tuple(
                FieldChange(YAML_KEYS.get((section, c.field), c.field), c.old, c.new, c.ratio)
                for c in compare_entries(before[entry_id], entry, dates=dates)
            )
            if changes:
                out.append(EntryChange(section, entry_id, CHANGED, changes))
        out += [EntryChange(section, i, REMOVED) for i in before if i not in after]
    return out


# -- what moves ------------------------------------------------------------------------------


def _picked(estimate: Estimate, table: FactorTable) -> dict[str, list[str]]:
    """The equivalences a scenario's output shows by default, by total: 'energy' and each
    grid's 'co2e GRID' / 'water GRID'."""
    from aicost.equivalences import energy_equivalents, grid_equivalents, pick

    energy = pick(energy_equivalents(estimate, table), "energy")
    shown = {"energy": [e.equivalence.id for e in energy]}
    for g in estimate.grids:
        found = grid_equivalents(g, table)
        for dimension in ("co2e", "water"):
            of_kind = [e for e in found if e.equivalence.dimension == dimension]
            shown[f"{dimension} {g.grid.id}"] = [e.equivalence.id for e in pick(of_kind, dimension)]
    return shown


def _totals(estimate: Estimate) -> dict[str, Quantity]:
    totals = {"energy": estimate.energy}
    for g in estimate.grids:
        totals[f"co2e {g.grid.id}"] = g.co2e
        totals[f"water {g.grid.id}"] = g.water
    return totals


def scenario_moves(
    path: str | Path, old: FactorTable, new: FactorTable, *, everything: bool = False
) -> list[Move]:
    """The totals of a scenario (energy; CO2e and water per grid) and the equivalences its
    output shows with either table, computed with both; those that move unless `everything`."""
    from aicost.engine import estimate
    from aicost.scenarios import load_scenario

    before = estimate(load_scenario(path, old))
    after = estimate(load_scenario(path, new))
    subject = str(path)
    old_totals, new_totals = _totals(before), _totals(after)
    old_shown, new_shown = _picked(before, old), _picked(after, new)
    moves: list[Move] = []
    for figure, total in new_totals.items():
        if figure not in old_totals:
            continue
        moves.append(Move(subject, figure, old_totals[figure], total))
        for eq_id in dict.fromkeys([*old_shown.get(figure, []), *new_shown.get(figure, [])]):
            if eq_id not in old.equivalences or eq_id not in new.equivalences:
                continue
            moves.append(
                Move(
                    subject,
                    f"{figure}: {eq_id}",
                    old.equivalences[eq_id].amount(old_totals[figure]),
                    new.equivalences[eq_id].amount(total),
                )
            )
    return moves if everything else [m for m in moves if m.moved]


def _claim_figure(claim: Claim) -> str:
    """'energy', 'co2e FR', 'co2e azure.jegham-early: car-year', or 'ratio'."""
    if claim.versus is not None:
        return "ratio"
    run = claim.run
    figure = run.metric + (f" {run.grid}" if run.grid else "")
    return figure + (f": {run.equivalence.id}" if run.equivalence is not None else "")


def _claims(path: str | Path, table: FactorTable) -> list[Claim]:
    if Path(path).suffix.lower() in (".md", ".markdown"):
        from aicost.document import load_document

        return [figure.claim for figure in load_document(path, table)[2]]
    from aicost.claims import load_claims

    return load_claims(path, table)


def claim_moves(
    path: str | Path, old: FactorTable, new: FactorTable, *, everything: bool = False
) -> list[Move]:
    """Every claim of a claims file (YAML, or a Markdown report with marked figures) computed
    with both tables: value and verdict."""
    from aicost.claims import check

    before = {v.claim.id: v for v in check(_claims(path, old), old)}
    moves = []
    for verdict in check(_claims(path, new), new):
        was = before.get(verdict.claim.id)
        if was is None:
            continue
        moves.append(
            Move(
                verdict.claim.id,
                _claim_figure(verdict.claim),
                was.computed.to(verdict.computed.units),
                verdict.computed,
                was.status,
                verdict.status,
            )
        )
    return moves if everything else [m for m in moves if m.moved]


__all__ = [
    "EntryChange",
    "FieldChange",
    "Move",
    "claim_moves",
    "compare",
    "scenario_moves",
    "sections",
]

"""Quantities with pint's answers, without importing pint on the common path.

pint is aicost's one unit authority, but importing it and building its registry costs more than
the whole of aicost's own work on a scenario (benchmarks/RESULTS.md). Yet a run asks pint few
questions, the same ones every time: what a unit text such as 'g/kWh' is made of, its dimension,
how it is written, and the factor from one unit to another. `Quantity` below is a magnitude with
pint's unit container (unit names and exponents in pint's own order); its arithmetic follows
pint's rules for multiplicative units step by step, and every question about units goes to
`facts`: pint's answers, asked at build time and kept in aicost/units.cache.json
(`python -m aicost.unitfacts`). A question the file does not answer (a unit a user wrote that no
shipped file uses) is asked of pint then, in the same words, and kept for the rest of the run:
the answer is the same, only slower.

tests/test_unitfacts.py checks every kept answer against pint, and that the shipped scenarios
and the main commands run without importing pint at all.
"""

from __future__ import annotations

import operator
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

Exponent = int | float
Items = tuple[tuple[str, Exponent], ...]


class DimensionalityError(TypeError):
    """Two quantities of different dimensions met where one dimension is needed (a bug in the
    caller: aicost checks dimensions where units are read)."""


def code_of(items: Items) -> str:
    """A unit container as a short text: 'gram:1 kilowatt_hour:-1' ('' for none)."""
    return " ".join(f"{name}:{exponent!r}" for name, exponent in items)


def items_of(code: str) -> Items:
    """The inverse of `code_of`."""
    if not code:
        return ()
    out: list[tuple[str, Exponent]] = []
    for part in code.split(" "):
        name, _, text = part.rpartition(":")
        out.append((name, int(text) if text.lstrip("-").isdigit() else float(text)))
    return tuple(out)


class Dimensions:
    """A unit's dimension ('[mass] / [length]'), compared as pint compares dimensionalities."""

    __slots__ = ("_key", "items", "text")

    def __init__(self, items: Items, text: str) -> None:
        self.items = items
        self.text = text
        self._key = frozenset(items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Dimensions):
            return self._key == other._key
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"<Dimensions({self.text!r})>"

    def __bool__(self) -> bool:
        return bool(self.items)

    def values(self) -> list[Exponent]:
        return [e for _, e in self.items]


class Units:
    """pint's unit container: unit names with their exponents, in the order pint keeps them
    (the order only matters to how pint writes them and to the order of its factors)."""

    __slots__ = ("_key", "code", "items")

    def __init__(self, items: Items, code: str | None = None) -> None:
        self.items = items
        self.code = code_of(items) if code is None else code
        self._key = frozenset(items)

    @staticmethod
    def of(code: str) -> Units:
        found = _BY_CODE.get(code)
        if found is None:
            found = _BY_CODE[code] = Units(items_of(code), code)
        return found

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Units):
            return self._key == other._key
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key)

    def __str__(self) -> str:
        return facts.format(self, "")

    def __format__(self, spec: str) -> str:
        return facts.format(self, spec)

    def __repr__(self) -> str:
        return f"<Unit('{self}')>"

    def __bool__(self) -> bool:
        return bool(self.items)

    def _combine(self, other: Units, sign: int) -> Units:
        """pint's product (sign 1) or quotient (-1) of two containers: exponents added in
        place, new names appended, names whose exponent falls to zero removed. Kept: a run
        forms the same few products again and again."""
        if not other.items:
            return self
        key = (self.code, other.code, sign)
        found = _COMBINED.get(key)
        if found is not None:
            return found
        d = dict(self.items)
        for name, exponent in other.items:
            value = d.get(name, 0) + exponent if sign > 0 else d.get(name, 0) - exponent
            if value == 0:
                d.pop(name, None)
            else:
                d[name] = value
        found = _COMBINED[key] = Units.of(code_of(tuple(d.items())))
        return found

    def __mul__(self, other: Units) -> Units:
        return self._combine(other, 1)

    def __truediv__(self, other: Units) -> Units:
        return self._combine(other, -1)

    def inverse(self) -> Units:
        """pint's `container ** -1`: every exponent times -1, in the same order."""
        return Units.of(code_of(tuple((n, e * -1) for n, e in self.items)))

    @property
    def dimensionality(self) -> Dimensions:
        return facts.dimensions(self)


_BY_CODE: dict[str, Units] = {}
_COMBINED: dict[tuple[str, str, int], Units] = {}
NONE = Units(())


def _zero_or_nan(value: Any) -> bool:
    """pint's test for a plain number that may meet a quantity of any unit (0 or NaN)."""
    try:
        return bool(value == 0 or value != value)
    except Exception:
        return False


class Quantity:
    """A magnitude and its units, with pint's arithmetic for multiplicative units.

    What aicost uses of pint's Quantity: `magnitude`, `units`, `dimensionality`, `to`,
    `m_as`, `to_root_units`, `* / + -` with quantities and plain numbers, comparisons,
    `abs`, `round`, `float`, `bool`, `str`/`format`/`repr`, pickling. Offset units (degC) are
    converted by pint but not computed with (aicost refuses them where units are read); for
    anything else, `to_pint()` gives pint's own quantity."""

    __slots__ = ("_magnitude", "_units")
    __array_ufunc__ = None  # numpy defers to the operators below (`np.float64(2) * q`)

    def __init__(self, magnitude: Any, units: Units) -> None:
        self._magnitude = magnitude
        self._units = units

    def to_pint(self) -> Any:
        """The same quantity as a pint Quantity (of aicost's registry), for a library user who
        computes on with pint (pint imported then)."""
        return _registry().Quantity(self._magnitude, _pint_container(self._units))

    # What it is made of
    @property
    def magnitude(self) -> Any:
        return self._magnitude

    m = magnitude

    @property
    def units(self) -> Units:
        return self._units

    @property
    def dimensionality(self) -> Dimensions:
        return facts.dimensions(self._units)

    @property
    def dimensionless(self) -> bool:
        return not facts.dimensions(self._units)

    @property
    def _is_multiplicative(self) -> bool:
        return facts.multiplicative(self._units)

    # Conversion
    def to(self, unit: str | Units) -> Quantity:
        """pint's `.to()`: the magnitude as it is between equal containers, else times pint's
        factor from one to the other."""
        target = unit if isinstance(unit, Units) else parse_units(unit)
        return Quantity(convert(self._magnitude, self._units, target), target)

    def m_as(self, unit: str | Units) -> Any:
        return self.to(unit)._magnitude

    def to_root_units(self) -> Quantity:
        return self.to(facts.root(self._units))

    # Arithmetic, as pint does it
    def _check_plain(self, other: Any) -> Any:
        if isinstance(other, int | float) and not isinstance(other, bool):
            return other
        module = type(other).__module__
        if module.startswith("numpy"):
            return other
        if module.startswith("pint"):  # else pint would take this quantity as a magnitude
            raise TypeError("cannot mix aicost's and pint's quantities: use .to_pint() first")
        return None

    def __mul__(self, other: Any) -> Quantity:
        if isinstance(other, Quantity):
            return Quantity(self._magnitude * other._magnitude, self._units * other._units)
        if self._check_plain(other) is None:
            return NotImplemented
        return Quantity(self._magnitude * other, self._units)

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> Quantity:
        div: Callable[[Any, Any], Any] = operator.truediv
        if isinstance(self._magnitude, int) or isinstance(getattr(other, "m", None), int):
            div = _truediv_cast_int
        if isinstance(other, Quantity):
            return Quantity(div(self._magnitude, other._magnitude), self._units / other._units)
        if self._check_plain(other) is None:
            return NotImplemented
        return Quantity(div(self._magnitude, other), self._units)

    def __rtruediv__(self, other: Any) -> Quantity:
        if self._check_plain(other) is None:
            return NotImplemented
        return Quantity(other / self._magnitude, self._units.inverse())

    def _add_sub(self, other: Any, op: Callable[[Any, Any], Any]) -> Any:
        if not isinstance(other, Quantity):
            if self._check_plain(other) is None:
                return NotImplemented
            if _zero_or_nan(other):
                return Quantity(op(self._magnitude, other), self._units)
            if self.dimensionless:
                return Quantity(op(self.to(NONE)._magnitude, other), NONE)
            raise DimensionalityError(f"cannot add {self._units!r} and a plain number")
        if self.dimensionality != other.dimensionality:
            raise DimensionalityError(f"cannot add {self._units!r} and {other._units!r}")
        if self._units == other._units:
            return Quantity(op(self._magnitude, other._magnitude), self._units)
        return Quantity(op(self._magnitude, other.to(self._units)._magnitude), self._units)

    def __add__(self, other: Any) -> Any:
        return self._add_sub(other, operator.add)

    __radd__ = __add__

    def __sub__(self, other: Any) -> Any:
        return self._add_sub(other, operator.sub)

    def __rsub__(self, other: Any) -> Any:
        difference = self._add_sub(other, operator.sub)
        return difference if difference is NotImplemented else -difference

    def __neg__(self) -> Quantity:
        return Quantity(-self._magnitude, self._units)

    def __pos__(self) -> Quantity:
        return Quantity(+self._magnitude, self._units)

    def __abs__(self) -> Quantity:
        return Quantity(abs(self._magnitude), self._units)

    def __round__(self, ndigits: int | None = None) -> Quantity:
        return Quantity(round(self._magnitude, ndigits), self._units)

    def __float__(self) -> float:
        if self.dimensionless:
            return float(self.to(NONE)._magnitude)
        raise DimensionalityError(f"{self._units!r} is not a plain number")

    def __bool__(self) -> bool:
        return bool(self._magnitude)

    # Comparisons, as pint makes them
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Quantity):
            if other is None:
                return False
            if _zero_or_nan(other):
                return bool(self._magnitude == other)
            if self.dimensionless:
                return bool(self.to(NONE)._magnitude == other)
            return False
        if self._magnitude == 0 and other._magnitude == 0:
            return self.dimensionality == other.dimensionality
        if self._units == other._units:
            return bool(self._magnitude == other._magnitude)
        if self.dimensionality != other.dimensionality:
            return False
        return bool(self.to(other._units)._magnitude == other._magnitude)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def _compare(self, other: Any, op: Callable[[Any, Any], bool]) -> bool:
        if not isinstance(other, Quantity):
            if self.dimensionless:
                return op(self.to(NONE)._magnitude, other)
            if _zero_or_nan(other):
                return op(self._magnitude, other)
            raise ValueError(f"Cannot compare Quantity and {type(other)}")
        if self._units == other._units:
            return op(self._magnitude, other._magnitude)
        if self.dimensionality != other.dimensionality:
            raise DimensionalityError(f"cannot compare {self._units!r} and {other._units!r}")
        return op(self.to_root_units()._magnitude, other.to_root_units()._magnitude)

    def __lt__(self, other: Any) -> bool:
        return self._compare(other, operator.lt)

    def __le__(self, other: Any) -> bool:
        return self._compare(other, operator.le)

    def __gt__(self, other: Any) -> bool:
        return self._compare(other, operator.gt)

    def __ge__(self, other: Any) -> bool:
        return self._compare(other, operator.ge)

    def __hash__(self) -> int:
        root = self.to_root_units()
        if root.dimensionless:
            return hash(root._magnitude)
        return hash((Quantity, root._magnitude, root._units))

    # Text, as pint writes it (rarely on a hot path: asked of pint when not kept)
    def __format__(self, spec: str) -> str:
        return facts.format_quantity(self, spec)

    def __str__(self) -> str:
        return facts.format_quantity(self, "")

    def __repr__(self) -> str:
        if isinstance(self._magnitude, float):
            return f"<Quantity({self._magnitude:.9}, '{self._units}')>"
        return f"<Quantity({self._magnitude}, '{self._units}')>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._magnitude, self._units.code))


def _rebuild(magnitude: Any, code: str) -> Quantity:
    return Quantity(magnitude, Units.of(code))


def _truediv_cast_int(a: Any, b: Any) -> Any:
    """pint's division when a magnitude is an int: both made floats first."""
    return operator.truediv(
        float(a) if isinstance(a, int) else a, float(b) if isinstance(b, int) else b
    )


def convert(magnitude: Any, source: Units, target: Units) -> Any:
    """pint's conversion of a magnitude between multiplicative units: unchanged between equal
    containers, else times the factor pint works out for the pair."""
    if source._key == target._key:
        return magnitude
    factor = facts.factor(source, target)
    if factor is None:  # an offset unit (degC): pint converts each time
        return facts.pint_convert(magnitude, source, target)
    return magnitude * factor


def parse_units(text: str) -> Units:
    """The units a text names, as pint reads it ('g/kWh'); pint's own error if it cannot."""
    found = facts.texts.get(text)
    if found is None:
        found = facts.read_text(text)
    return found


# -- pint's answers -----------------------------------------------------------------------

CACHE_PATH = Path(__file__).with_name("units.cache.json")
FORMAT = 1


def installed_pint_version() -> str | None:
    """The version of the pint that `import pint` would load, from its dist-info folder's name
    (importing pint or importlib.metadata would cost what this file saves)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("pint")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    folder = Path(spec.origin).parent.parent
    try:
        names = os.listdir(folder)
    except OSError:
        return None
    found = [
        n[len("pint-") : -len(".dist-info")]
        for n in names
        if n.lower().startswith("pint-") and n.endswith(".dist-info")
    ]
    return found[0] if len(found) == 1 else None


def units_txt_fingerprint() -> str:
    from aicost.tablecache import fingerprint

    return fingerprint(Path(__file__).with_name("units.txt").read_bytes())


class Facts:
    """The answers known so far; a question not answered yet is asked of pint and kept."""

    def __init__(self, use_file: bool = True) -> None:
        self.texts: dict[str, Units] = {}
        self._dims: dict[str, Dimensions] = {}
        self._multiplicative: dict[str, bool] = {}
        self._roots: dict[str, Units] = {}
        self._formats: dict[tuple[str, str], str] = {}
        self._factors: dict[tuple[str, str], Any] = {}  # _OFFSET: not a multiple
        self._loaded = not use_file
        self.asked = 0  # questions put to pint in this process (tests, benchmarks)

    # -- the kept answers ---------------------------------------------------------------------

    def _load(self) -> None:
        self._loaded = True
        try:
            import json

            data = json.loads(CACHE_PATH.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or data.get("units_txt") != units_txt_fingerprint()
            or data.get("pint") != installed_pint_version()
        ):
            return
        of = Units.of
        for text, code in data["texts"].items():
            self.texts.setdefault(text, of(code))
        for code, (dims, shown, multiplicative, root) in data["units"].items():
            self._dims.setdefault(code, Dimensions(items_of(dims), shown))
            self._multiplicative.setdefault(code, multiplicative)
            if root is not None:
                self._roots.setdefault(code, of(root))
        for key, text in data["formats"].items():
            code, _, spec = key.rpartition("|")
            self._formats.setdefault((code, spec), text)
        for key, factor in data["factors"].items():
            source, _, target = key.partition("|")
            self._factors.setdefault((source, target), _OFFSET if factor is None else factor)

    def dump(self) -> dict[str, Any]:
        """Every answer known, as the cache file holds them."""
        codes = sorted(set(self._dims) | set(self._multiplicative) | set(self._roots))
        return {
            "format": FORMAT,
            "pint": installed_pint_version(),
            "units_txt": units_txt_fingerprint(),
            "texts": {t: u.code for t, u in sorted(self.texts.items())},
            "units": {
                c: [
                    code_of(self.dimensions(Units.of(c)).items),
                    str(self.dimensions(Units.of(c))),
                    self.multiplicative(Units.of(c)),
                    self._roots[c].code if c in self._roots else None,
                ]
                for c in codes
            },
            "formats": {f"{c}|{s}": t for (c, s), t in sorted(self._formats.items())},
            "factors": {
                f"{a}|{b}": None if f is _OFFSET else f
                for (a, b), f in sorted(self._factors.items())
            },
        }

    # -- the questions ------------------------------------------------------------------------

    def _kept(self, store: dict[Any, Any], key: Any, ask: Callable[..., Any], *args: Any) -> Any:
        """The kept answer for `key` (the file read on the first question), else pint's
        answer, `ask(*args)`, kept for the rest of the run."""
        found = store.get(key)
        if found is None:
            if not self._loaded:
                self._load()
                found = store.get(key)
            if found is None:
                self.asked += 1
                found = store[key] = ask(*args)
        return found

    def read_text(self, text: str) -> Units:
        """The units a text names; pint's own error if pint cannot read it."""
        found: Units = self._kept(self.texts, text, _ask_text, text)
        return found

    def dimensions(self, units: Units) -> Dimensions:
        found: Dimensions = self._kept(self._dims, units.code, _ask_dimensions, units)
        return found

    def multiplicative(self, units: Units) -> bool:
        return bool(self._kept(self._multiplicative, units.code, _ask_multiplicative, units))

    def root(self, units: Units) -> Units:
        found: Units = self._kept(self._roots, units.code, _ask_root, units)
        return found

    def format(self, units: Units, spec: str) -> str:
        return str(self._kept(self._formats, (units.code, spec), _ask_format, units, spec))

    def factor(self, source: Units, target: Units) -> float | int | None:
        """pint's factor from `source` to `target` (different containers of one dimension):
        `Quantity(1, source).to(target)`'s magnitude, which pint's conversion of any
        magnitude multiplies by; None when either is not multiplicative (degC: pint adds an
        offset, see `pint_convert`)."""
        key = (source.code, target.code)
        found = self._kept(self._factors, key, _ask_factor, source, target)
        return None if found is _OFFSET else found

    def pint_convert(self, magnitude: Any, source: Units, target: Units) -> Any:
        """pint's own conversion, for units that are not multiples of one another."""
        self.asked += 1
        reg = _registry()
        quantity = reg.Quantity(magnitude, _pint_container(source))
        return quantity.to(_pint_container(target)).magnitude

    def format_quantity(self, quantity: Quantity, spec: str) -> str:
        """How pint writes a quantity (never kept: it depends on the magnitude)."""
        self.asked += 1
        reg = _registry()
        return format(reg.Quantity(quantity.magnitude, _pint_container(quantity.units)), spec)


_OFFSET: Any = object()  # a kept factor meaning "not a multiple": pint converts


def _registry() -> Any:
    from aicost.units import registry

    return registry()


# What each question asks of pint (`Facts._kept` calls them on a miss).


def _ask_text(text: str) -> Units:
    from aicost.units import pint_unit

    return Units.of(code_of(tuple(pint_unit(text)._units.items())))


def _ask_dimensions(units: Units) -> Dimensions:
    dims = _registry().Unit(_pint_container(units)).dimensionality
    return Dimensions(tuple(dims.items()), str(dims))


def _ask_multiplicative(units: Units) -> bool:
    return bool(_registry().Quantity(1, _pint_container(units))._is_multiplicative)


def _ask_root(units: Units) -> Units:
    root = _registry().Quantity(1.0, _pint_container(units)).to_root_units()
    return Units.of(code_of(tuple(root._units.items())))


def _ask_format(units: Units, spec: str) -> str:
    return format(_registry().Unit(_pint_container(units)), spec)


def _ask_factor(source: Units, target: Units) -> Any:
    reg = _registry()
    one = reg.Quantity(1, _pint_container(source))
    to = reg.Quantity(1, _pint_container(target))
    if one._is_multiplicative and to._is_multiplicative:
        return one.to(to.units).magnitude  # pint's factor itself: an int where pint's is
    return _OFFSET


def _pint_container(units: Units) -> Any:
    """pint's UnitsContainer for `units`, every name defined in the registry first."""
    from aicost.units import pint_unit

    for name, _ in units.items:
        pint_unit(name)  # defines it (taking it from pint's default registry if need be)
    from pint.util import UnitsContainer

    return UnitsContainer(dict(units.items))


facts = Facts()

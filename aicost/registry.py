"""The pint registry behind aicost.units: pint's own unit definitions, the common ones read at
start-up, any other one taken from pint's default registry the first time it is written.

pint's default registry parses about a thousand definitions when it is created (a tenth of a
second); aicost uses a few dozen. `units.txt` holds those, copied unchanged from pint's
`default_en.txt`. Two rules keep this registry answering exactly as the default one would:

- A name is read here only if no reading of it could land on a unit this registry lacks. `pt`
  would otherwise read as pico-tonne where pint reads pint, `kt` as kilotonne where pint reads
  knot: `parse_unit_name` refuses such a name while the unit pint would consider is missing.
- A name this registry cannot read is looked up in pint's default registry (built then, once);
  the definitions it needs are copied from there, and the name is read again here. A unit pint
  does not know stays unknown, with pint's own error.

tests/test_units.py checks that every unit name this registry reads converts exactly as in
pint's default registry.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import Any


def _without_numpy() -> None:
    """On the console script's path, import pint with numpy hidden, unless either is already
    loaded (a library user's process keeps pint's numpy support).

    pint's `compat` imports numpy whenever it is installed (about 100 ms of a 0.3 s run:
    benchmarks/RESULTS.md), only to support arrays as magnitudes. aicost gives pint plain
    floats only: the Monte Carlo runs numpy arrays through aicost.arithmetic on plain numbers,
    never through pint. Hidden, numpy is imported when a run samples, and not before. pint then
    computes on Python floats, as it does with numpy present (tests/test_units.py checks both).
    """
    from aicost import defaults

    if not defaults.PINT_WITHOUT_NUMPY or "pint" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` fails inside pint
    try:
        import pint  # noqa: F401
    finally:
        del sys.modules["numpy"]


_without_numpy()

import pint  # noqa: E402

DEFINITIONS = Path(__file__).with_name("units.txt")

# Blocks of pint's definition files that define no unit of the default registry.
_SKIPPED_BLOCKS = ("@context", "@system", "@defaults")


@cache
def pint_names() -> frozenset[str]:
    """Every name, symbol and alias of a unit that pint's default registry defines, read from
    pint's definition files without building that registry."""
    folder = Path(pint.__file__).parent
    names: set[str] = set()
    for file in ("default_en.txt", "constants_en.txt"):
        skipping = False
        for raw in (folder / file).read_text(encoding="utf-8").splitlines():
            line = raw.split("#", 1)[0].strip()
            if line.startswith("@"):
                if line.startswith("@end"):
                    skipping = False
                elif line.startswith(_SKIPPED_BLOCKS):
                    skipping = True
                continue
            if skipping or "=" not in line or line.startswith("["):
                continue
            parts = [part.strip() for part in line.split("=")]
            if parts[0].endswith("-"):  # a prefix
                continue
            names.add(parts[0])
            names.update(part for part in parts[2:] if part and part != "_")
    return frozenset(names)


@cache
def default_registry() -> pint.UnitRegistry[Any]:
    """pint's default registry: only built when a unit outside units.txt is written."""
    full: pint.UnitRegistry[Any] = pint.UnitRegistry(cache_folder=None)
    return full


class Registry(pint.UnitRegistry):  # type: ignore[type-arg]
    """A pint registry holding part of pint's default definitions, reading names as it would."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._read: dict[tuple[str, bool | None, bool | None], Any] = {}
        super().__init__(*args, **kwargs)

    def parse_units_as_container(
        self, input_string: str, as_delta: bool | None = None, case_sensitive: bool | None = None
    ) -> Any:
        """pint reads a unit text such as 'g/kWh' again on every `.to('g/kWh')` (its own cache
        keeps only single unit names): read each text once. Definitions are only ever added
        here, never changed, so a text once read keeps its meaning."""
        key = (input_string, as_delta, case_sensitive)
        container = self._read.get(key)
        if container is None:
            container = super().parse_units_as_container(input_string, as_delta, case_sensitive)
            self._read[key] = container
        return container

    def parse_unit_name(
        self, unit_name: str, case_sensitive: bool | None = None
    ) -> tuple[tuple[str, str, str], ...]:
        if self._misses_a_reading(unit_name):
            return ()
        result: tuple[tuple[str, str, str], ...] = super().parse_unit_name(
            unit_name, case_sensitive
        )
        return result

    def _misses_a_reading(self, unit_name: str) -> bool:
        """True when pint's default registry could read `unit_name` as (prefix, unit, plural)
        with a unit that this registry does not define (the same walk as pint's)."""
        names = pint_names()
        for suffix in self._suffixes:
            if not unit_name.endswith(suffix):
                continue
            for prefix in self._prefixes:
                if not unit_name.startswith(prefix):
                    continue
                name = unit_name[len(prefix) : len(unit_name) - len(suffix)]
                if suffix and len(name) == 1:
                    continue
                if name in names and name not in self._units:
                    return True
        return False

    def adopt(self, text: str) -> None:
        """Copy from pint's default registry the definitions that `text` needs (raising pint's
        own error if that registry cannot read it either)."""
        full = default_registry()
        pending = list(full.parse_units(text)._units)
        names = pint_names()
        while pending:
            name = pending.pop()
            if name.startswith("[") or name in self._units:
                continue
            name = full.get_name(name)
            if name not in names:
                prefix, unit, _ = full.parse_unit_name(name)[0]
                if prefix:  # 'kilocalorie': copy 'calorie', this registry adds the prefix
                    pending.append(unit)
                    continue
            definition = full._units[name]  # a unit of pint's files, or one pint derived
            self.define(definition)  # type: ignore[arg-type]  # pint takes a Definition too
            pending.extend(definition.reference or ())


def build() -> Registry:
    """The registry with the definitions of units.txt."""
    return Registry(str(DEFINITIONS), cache_folder=None)

"""pint's answers about units, kept in aicost/units.cache.json so that a run need not import pint.

aicost/quantity.py computes with quantities the way pint does; what it needs to know about units
it asks here: what a unit text is made of ('g/kWh' is gram × kilowatt_hour⁻¹), a container's
dimension, whether it is multiplicative, its root units, how pint writes it, and the factor pint
multiplies a magnitude by from one container to another. Each answer is pint's own: asked of
pint at build time (`python -m aicost.unitfacts`, which runs the shipped files and commands and
keeps every question asked), or asked of pint during the run when the file does not hold it.

The file is used only if it was written with the pint now installed (its version, read from the
name of its dist-info folder without importing it) and the same aicost/units.txt; otherwise
every answer is asked of pint. tests/test_unitfacts.py asks pint every kept answer again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from aicost.quantity import CACHE_PATH, Facts, facts


def rebuild() -> Facts:
    """Start again from no answers, asking pint everything (the build, and tests)."""
    from aicost import quantity, units

    fresh = Facts(use_file=False)
    facts.__dict__.update(fresh.__dict__)
    quantity._COMBINED.clear()
    units._CONVERSIONS.clear()
    units._dimensionality.cache_clear()
    return facts


def build(path: Path = CACHE_PATH) -> int:
    """Ask pint every question the shipped files and the main commands raise, and write the
    answers to `path`. Returns how many questions were asked."""
    import contextlib
    import io
    import json

    rebuild()
    root = Path(__file__).resolve().parent.parent
    from aicost import factors

    factors.parse_file(str(factors.default_factors_path()), factors.PACKAGED)  # its unit texts
    from aicost.quantity import Quantity, convert, parse_units

    for text in COMMON:
        unit = parse_units(text)
        unit.dimensionality, facts.multiplicative(unit), format(unit, ""), format(unit, "~")
        parse_units(str(unit))  # the engine reads units back from their long text
    # Each common unit to the units aicost computes and writes in, and power × time to energy.
    targets = [parse_units(t) for t in TARGETS]
    for text in COMMON:
        unit = parse_units(text)
        for target in targets:
            if unit.dimensionality == target.dimensionality:
                convert(1.0, unit, target)
    joule = parse_units("J")
    for power in ("mW", "W", "kW", "MW"):
        for time in ("ms", "s", "min", "h", "hour", "hours", "d", "day", "days"):
            (Quantity(1.0, parse_units(power)) * Quantity(1.0, parse_units(time))).to(joule)
    from aicost.cli import main

    for args in workload(root):
        with (
            contextlib.redirect_stdout(io.StringIO()),
            contextlib.redirect_stderr(io.StringIO()),
            contextlib.suppress(SystemExit),
        ):
            main(args)
    text = json.dumps(facts.dump(), ensure_ascii=False, indent=0, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")
    return facts.asked


# Unit texts users commonly write in scenarios and claims, beyond those of the shipped files.
COMMON = (
    "mWh", "Wh", "kWh", "MWh", "GWh", "TWh", "J", "kJ", "MJ", "GJ", "TJ", "kcal",
    "mW", "W", "kW", "MW", "GW",
    "ms", "s", "min", "h", "hour", "hours", "d", "day", "days", "week", "month", "year",
    "mg", "g", "kg", "t", "tonne", "Mt", "lb",
    "mL", "cL", "L", "hL", "m^3", "m³", "gallon",
    "m", "km", "mi", "mile",
    "g/kWh", "kg/kWh", "kg/MWh", "t/MWh", "g/MWh", "t/GWh", "lb/MWh",
    "L/kWh", "mL/kWh", "L/MWh", "m^3/MWh",
    "Wh/km", "kWh/km", "Wh/mi", "g/km", "kg/km", "g/h", "kg/h",
    "percent", "%",
)  # fmt: skip


# The units aicost computes and writes in (aicost.arithmetic's canonical ones, the outputs').
TARGETS = ("J", "Wh", "kWh", "MWh", "g", "kg", "t", "L", "mL", "s", "h", "km", "g/kWh",
           "L/kWh", "dimensionless")  # fmt: skip


def workload(root: Path) -> list[list[str]]:
    """The commands whose questions the cache answers: every shipped scenario in every format,
    with and without its explanation, sampling and French; the shipped claims; one estimate of
    every kind of model; the tables of factors, grids and models."""
    out: list[list[str]] = []
    files = sorted(str(p.relative_to(root)) for p in (root / "scenarios").glob("*.yaml"))
    for f in files:
        for fmt in ("table", "json", "csv", "markdown"):
            out.append(["scenario", f, "-f", fmt])
            out.append(["scenario", f, "-f", fmt, "--explain"])
            out.append(["scenario", f, "-f", fmt, "--lang", "fr"])
        out.append(["scenario", f, "-f", "json", "-u", "--samples", "200"])
        out.append(["scenario", f, "-u", "--samples", "200"])
    for claims in ("examples/report-fr-claims.yaml", "examples/rapport-fr.md"):
        if (root / claims).exists():
            out.append(["check", claims])
            out.append(["check", claims, "-f", "json"])
    for model in ("gpt-4o=1", "chatgpt=1", "le-chat=1", "claude-sonnet-4.5=1", "gpt-5=1"):
        for fmt in ("table", "json"):
            out.append(["estimate", model, "-f", fmt])
    out += [
        ["factors"],
        ["factors", "-f", "json"],
        ["grids"],
        ["models"],
    ]
    return out


if __name__ == "__main__":
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    asked = build()
    print(f"{CACHE_PATH}: {asked} answers of pint kept")

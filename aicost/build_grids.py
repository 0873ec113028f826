"""Regenerate the country and region grids of factors.yaml from the two reference CSV files.

    python -m aicost.build_grids DIR [--factors factors.yaml] [--checked YYYY-MM-DD]

DIR holds `owid-ember-carbon-intensity-electricity.csv` (Ember via Our World in Data, CC BY
4.0) and `grid-water-and-carbon-ecologits-0.11.3.csv` (EcoLogits 0.11.3, WRI method). Each
zone gets its latest year of carbon intensity (2024 where present) and its off-site water; a
zone with no water figure of its own is given the world average and flagged
`water_fallback: true`. Each zone's `as_of` is the year of its carbon figure (a zone found only
in EcoLogits gets the EcoLogits release, ECOLOGITS_RELEASE); `checked` is the day the figures
were compared with the CSV files, today unless `--checked` gives another day (the day the CSV
files were taken, when regenerating without new data). Everything below the marker line of
factors.yaml is replaced; nothing above it is touched. A maintainer's tool: the CLI never runs
it.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

MARKER = (
    "  # --- generated zones: do not edit below this line by hand"
    " (python -m aicost.build_grids) ---"
)
CARBON_FILE = "owid-ember-carbon-intensity-electricity.csv"
WATER_FILE = "grid-water-and-carbon-ecologits-0.11.3.csv"
WORLD_ISO3 = "WOR"
ECOLOGITS_RELEASE = "2026-10"  # EcoLogits 0.11.3: the period of its own electricity mixes

# Regions without an ISO code: CLDR region codes (for their French names), or French by hand.
_REGION_CLDR = {
    "Africa": "002",
    "Asia": "142",
    "Europe": "150",
    "North America": "003",
    "South America": "005",
    "Oceania": "009",
    "Latin America and Caribbean": "419",
    "European Union (27)": "EU",
    "EU": "EU",
    "World": "001",
}
_REGION_FR = {
    "ASEAN": "ASEAN",
    "G20": "G20",
    "G7": "G7",
    "OECD": "OCDE",
    "Middle East": "Moyen-Orient",
    "High-income countries": "Pays à revenu élevé",
    "Low-income countries": "Pays à faible revenu",
    "Lower-middle-income countries": "Pays à revenu intermédiaire inférieur",
    "Upper-middle-income countries": "Pays à revenu intermédiaire supérieur",
}
# Codes that are not ISO 3166: Our World in Data's own, and EcoLogits' own.
_SPECIAL_CODES = {"OWID_WRL": "WORLD", "OWID_KOS": "XK", "WOR": "WORLD", "EEE": "EEE"}


@dataclass
class Zone:
    id: str
    en: str
    fr: str
    aliases: list[str]
    carbon: str | None = None
    year: int | None = None
    carbon_source: str = "ember-owid-2025"
    water: str | None = None
    water_fallback: bool = False


def _slug(name: str) -> str:
    base = name.replace(" (Ember)", "-Ember")
    return re.sub(r"[^A-Za-z0-9]+", "-", base).strip("-").upper()


def _iso2(iso3: str) -> str | None:
    from babel.core import get_global

    aliases = get_global("territory_aliases").get(iso3)
    if aliases and len(aliases[0]) == 2:
        return str(aliases[0])
    return None


def _french(code: str | None, english: str) -> str:
    from babel import Locale

    territories = Locale("fr").territories
    if code and code in territories:
        return str(territories[code])
    base = english.replace(" (Ember)", "")
    suffix = " (Ember)" if english.endswith(" (Ember)") else ""
    region = _REGION_CLDR.get(base)
    if region and region in territories:
        return str(territories[region]) + suffix
    if base in _REGION_FR:
        return _REGION_FR[base] + suffix
    return english


# Names people type that are neither the ISO codes nor the names of the data: `UK` is the
# United Kingdom's everyday code (ISO gives it GB; without this, `UK` was "near" Ukraine).
COMMON_ALIASES: dict[str, tuple[str, ...]] = {
    "GB": ("UK", "Great Britain", "Britain"),
    "US": ("America", "United States of America"),
    "NL": ("Holland",),
    "CZ": ("Czech Republic",),
    "KR": ("Korea",),
    "TR": ("Türkiye", "Turkiye"),
    "CI": ("Ivory Coast", "Côte d'Ivoire"),
    "CV": ("Cabo Verde",),
    "SZ": ("Swaziland",),
    "TL": ("Timor-Leste",),
    "MK": ("Macedonia",),
    "MM": ("Burma",),
    "VN": ("Viet Nam",),
    "CD": ("DR Congo", "DRC"),
}


def build_zones(directory: Path) -> list[Zone]:
    zones: dict[str, Zone] = {}
    latest: dict[str, tuple[int, str, str]] = {}
    with (directory / CARBON_FILE).open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            year = int(row["Year"])
            entity = row["Entity"]
            if entity not in latest or year > latest[entity][0]:
                value = row["Carbon intensity of electricity - gCO2/kWh"]
                latest[entity] = (year, row["Code"], value)
    for entity, (year, code, value) in latest.items():
        if code:
            iso2 = _SPECIAL_CODES.get(code) or _iso2(code) or code
            aliases = [c for c in (code,) if c != iso2]
        else:
            iso2, aliases = _slug(entity), []
        zone = Zone(iso2, entity, _french(iso2 if len(iso2) == 2 else None, entity), aliases)
        zone.carbon, zone.year = f"{value} g/kWh", year
        zones[zone.id] = zone

    world_water: str | None = None
    with (directory / WATER_FILE).open(encoding="utf-8", newline="") as f:
        water_rows = list(csv.DictReader(f))
    for row in water_rows:
        if row["zone_iso3"] == WORLD_ISO3:
            world_water = row["water_offsite_l_per_kwh"]
    if world_water is None:
        raise SystemExit(f"{WATER_FILE}: no world row ({WORLD_ISO3})")
    for row in water_rows:
        iso3 = row["zone_iso3"].strip()
        zone_id = _SPECIAL_CODES.get(iso3) or _iso2(iso3) or iso3
        found = zones.get(zone_id)
        if found is not None:
            zone = found
        else:
            # Only in EcoLogits: its carbon figure is EcoLogits' own (kg CO2e/kWh).
            name = "Europe (EcoLogits)" if iso3 == "EEE" else iso3
            zone = Zone(zone_id, name, _french(None, name), [])
            zone.carbon = f"{row['gwp_kgco2e_per_kwh']} kg/kWh"
            zone.carbon_source = "ecologits-0.11.3"
            zones[zone_id] = zone
        if iso3 not in zone.aliases and iso3 != zone.id:
            zone.aliases.append(iso3)
        zone.water = f"{row['water_offsite_l_per_kwh']} L/kWh"
        zone.water_fallback = "wue" in row["fallbacks_to_world_average"].split()
    for zone in zones.values():
        if zone.water is None:
            zone.water, zone.water_fallback = f"{world_water} L/kWh", True
    for zone_id, common in COMMON_ALIASES.items():
        if zone_id in zones:
            zones[zone_id].aliases.extend(common)
    zones["WORLD"].aliases.append("World")
    if "EU-EMBER" in zones:
        zones["EU-EMBER"].aliases.append("EU")
    return sorted(zones.values(), key=lambda z: z.id)


def _yaml_str(text: str) -> str:
    if (
        re.fullmatch(r"[A-Za-z][\w .()'/-]*", text)
        and text.lower()
        not in {
            "yes",
            "no",
            "on",
            "off",
            "null",
            "true",
            "false",
        }
        and ": " not in text
        and not text.endswith(":")
    ):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(zones: list[Zone], checked: str) -> str:
    lines = []
    for z in zones:
        fields = [f"en: {_yaml_str(z.en)}", f"fr: {_yaml_str(z.fr)}"]
        if z.aliases:
            fields.append("aliases: [" + ", ".join(_yaml_str(a) for a in z.aliases) + "]")
        fields.append(f"carbon_intensity: {z.carbon}")
        if z.year is not None:
            fields.append(f"year: {z.year}")
        fields.append(f"carbon_source: {z.carbon_source}")
        fields.append(f"water: {z.water}")
        fields.append("water_source: ecologits-0.11.3")
        if z.water_fallback:
            fields.append("water_fallback: true")
        fields.append("status: primary")
        as_of = str(z.year) if z.year is not None else ECOLOGITS_RELEASE
        fields.append(f'as_of: "{as_of}"')
        fields.append(f"checked: {checked}")
        lines.append(f"  {_yaml_str(z.id)}: {{" + ", ".join(fields) + "}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--factors", type=Path, default=Path("factors.yaml"))
    parser.add_argument(
        "--checked",
        default=None,
        help="the day the figures were compared with the CSV files (default: today)",
    )
    args = parser.parse_args(argv)
    from datetime import date

    from aicost.dates import is_day

    checked = args.checked or date.today().isoformat()
    if not is_day(checked):
        print(f"--checked: {checked!r} is not a date as YYYY-MM-DD", file=sys.stderr)
        return 2
    text = args.factors.read_text(encoding="utf-8")
    if MARKER not in text:
        print(f"{args.factors}: marker line not found:\n{MARKER}", file=sys.stderr)
        return 2
    head = text.split(MARKER)[0]
    zones = build_zones(args.directory)
    args.factors.write_text(head + MARKER + "\n" + render(zones, checked), encoding="utf-8")
    print(f"{args.factors}: wrote {len(zones)} zones", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The words aicost prints, in English and French. Labels of tasks, sites, grids and
equivalences come from their `en`/`fr` fields in factors.yaml; everything else is written in
English in the code and translated by gettext from aicost/locale/fr/LC_MESSAGES/aicost.mo
(compiled from aicost.po; `python -m aicost.catalogue` maintains both).

Two call sites: `tr(template, **fields)` for a message written where it is used (its English
is the msgid), and `t(key, lang)` for a label of MESSAGES below (msgctxt: the key). Reading
the catalogue needs only the standard library (no Babel), once per process and language.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

LANGS = ("en", "fr")

MESSAGES: dict[str, str] = {
    # key: English; the French is in the catalogue (msgctxt: the key)
    "item": "Item",
    "task": "Task",
    "count": "Count",
    "per_item": "Per item",
    "energy": "Energy",
    "total": "Total",
    "total_once": "Total, once",
    "inline": "(inline)",
    "grid": "Grid",
    "intensity": "Carbon intensity",
    "co2e": "CO2e",
    "water": "Water",
    "site_label": "Site",
    "scale": "scaled",
    "ratio": "{dirty} emits {ratio} the CO2e of {clean} for the same use.",
    "as_run_title": "As run: each item at its own site, on its own grid",
    "what_if_title": "What if everything ran on one grid (each item at its own site)",
    "site_col": "Site",
    "as_run_total": "Total as run",
    "as_run_label": "as run",
    "compare_title": (
        "The choices side by side, as run (each item at its own site, on its own grid)"
    ),
    "alternative": "Choice",
    "where_runs": "Where it runs",
    "where_text": "{grid}, site {site}",
    "co2e_as_run": "CO2e as run",
    "water_as_run": "Water as run",
    "compare_sentence": (
        "Least CO2e as run: {cheap} ({cheap_co2e}). The most: {dear} ({dear_co2e}), {ratio}"
        " as much."
    ),
    "compare_sentence_zero": (
        "Least CO2e as run: {cheap} ({cheap_co2e}). The most: {dear} ({dear_co2e})."
    ),
    "compare_intervals": (
        "Second line: 90 % interval (Monte Carlo, {samples} samples, seed {seed})."
    ),
    "compare_note": "`aicost scenario FILE` shows each choice item by item, with its sources.",
    "chart_as_run": "As run",
    "chart_choices_co2e": "CO2e as run",
    "chart_choices_water": "Water as run",
    "chart_choices_energy": "Energy",
    "chart_choices_title": "The choices side by side",
    "x_onsite_sites": "{onsite} on site (each item's IT energy × its site's on-site water) + ",
    "x_as_run": "as run (each item at its own site, on its own grid):",
    "x_as_run_item": (
        "{label}: {energy} at {site} on {grid}, × {intensity} g/kWh = {co2e} CO2e; water {water}"
    ),
    "x_as_run_total": "total as run: {co2e} CO2e, {water} water",
    "fallback": "* water: world average (no figure of its own for this zone)",
    "sources": "Sources",
    "scope": "Scope",
    "manufacturing": "Manufacturing",
    "sources_hint": (
        "`aicost factors tasks|sites|grids|equivalences ID` shows a factor with its full source."
    ),
    "uncertainty_title": "90 % intervals (Monte Carlo, {samples} samples, seed {seed})",
    "figure": "Figure",
    "central": "Central",
    "interval": "5th – 95th percentile",
    "drivers_title": (
        "What drives the spread of {headline}: each factor at its 5th and 95th percentile"
    ),
    "factor": "Factor",
    "at_p5": "at p5",
    "at_p95": "at p95",
    "amounts_to": "What that amounts to",
    "chart_co2e": "CO2e by grid",
    "chart_water": "Water by grid",
    "chart_share": "Share of the energy",
    "chart_others": "{count} other items",
    "chart_title": "{name}: {energy}",
    "chart_onsite": "on site (cooling)",
    "chart_offsite": "off site (electricity)",
    "chart_sources": "Sources: {sources}. Computed with aicost {version}.",
    "chart_interval": "error bars: 90 % interval",
    "chart_compare_title": "{count} scenarios compared",
    "chart_energy": "Energy by scenario",
    "own_source": "Your own figure; its source: {source}",
    "own_unsourced": "Your own figure, given without a source",
    "eq_words": "Shown as",
    "eq_per": "One unit is",
    "eq_applies": "Applies to",
    "source": "Source",
    "status": "Status",
    "claims": "Claims",
    "claim": "Claim",
    "quoted": "Quoted",
    "expected": "Expected",
    "computed": "Computed",
    "deviation": "Deviation",
    "verdict": "Verdict",
    "verdict_holds": "holds",
    "verdict_off": "off",
    "verdict_known_error": "known error",
    "verdict_within_uncertainty": "within uncertainty",
    "status_primary": "primary",
    "status_secondary": "secondary",
    "status_derived": "derived",
    "status_assumption": "assumption",
    "boundary_it": "IT",
    "boundary_facility": "facility",
    "factor_table": "Factor table: {path}",
    "section": "Section",
    "entries": "Entries",
    "show_with": "Show with",
    "section_tasks": "tasks",
    "section_sites": "sites",
    "section_grids": "grids",
    "section_equivalences": "equivalences",
    "section_sources": "sources",
    "label": "Label",
    "name_en": "Name",
    "name_fr": "French name",
    "aliases": "Aliases",
    "year": "Year",
    "water_per_kwh": "Water L/kWh",
    "energy_per_generation": "Energy per generation",
    "boundary": "Boundary",
    "onsite_water": "On-site water",
    "as_reported": "as reported",
    "citation": "Citation",
    "low_high": "low {low}, high {high}",
    "one_sd": "one sd",
    "includes_pue": "includes PUE {pue} ({status})",
    "converts_nothing": "converts nothing: each figure counts at the boundary its source reported",
    "pue_line": "PUE: {pue} ({status})",
    "wue_line": "on-site water (WUE): {wue} of IT energy",
    "carbon_line": "carbon intensity: {value}",
    "offsite_line": "off-site water: {value}",
    "world_average": "world average, no figure of its own",
    "field": "{name}: {value}",
    "status_word": "status",
    "energy_word": "energy per generation",
    "boundary_word": "boundary",
    "aliases_word": "aliases",
    "note_word": "note",
    "source_of": "source {id}:",
    "kind_duration": "a duration",
    "kind_distance": "a distance",
    "kind_count": "a count",
    "as_of_checked": "As of\nchecked",
    "dates_line": "as of: {as_of}; checked: {checked}",
    # aicost factors diff
    "diff_title": "Factor table changes: {old} → {new}",
    "diff_no_change": "No factor changes between {old} and {new}.",
    "diff_moves": "What moves: {subject}",
    "diff_nothing_moves": "nothing moves.",
    "id_word": "Id",
    "diff_change": "Change",
    "diff_field": "Field",
    "diff_old": "Old",
    "diff_new": "New",
    "diff_ratio": "Ratio",
    "diff_added": "added",
    "diff_removed": "removed",
    "diff_changed": "changed",
    # aicost models
    "model_col": "Model",
    "provider_col": "Provider",
    "params_col": "Params (B)",
    "runs_col": "Grid",
    "answer_col": "Answer",
    "models_caption": (
        "{count} models. Params: billions, total / active for a mixture of experts; a–b: not"
        " published, a range. Grid: where it runs by default. Answer: default output tokens"
        " (+ hidden reasoning). `aicost models ID -f json` gives its site and every source."
    ),
    "x_cite": "{id}: {short}; {status}",
    "x_site_reported": "site {id}: each figure counts at the boundary its source reported",
    "x_site": "site {id}: PUE {pue} ({status}), on-site water {wue} L/kWh of IT energy ({cite})",
    "x_task": "{energy} ({id}; {cite})",
    "x_own": "{energy} ({label}; your own figure)",
    "x_to_it": " ÷ {pue} (PUE the source includes) = {it} at the IT boundary",
    "x_site_pue": " × {pue} (PUE of {id})",
    "x_total": "total: {parts} = {total}",
    "x_grid": (
        "{id}: {energy} × {intensity} g/kWh (carbon intensity of {name}; {cite}) = {co2e} CO2e"
    ),
    "x_onsite": "{it} IT × {wue} L/kWh on site + ",
    "x_water": "water: {onsite}{energy} × {water} L/kWh off site ({cite}) = {total}",
    "x_world_average": ", world average",
    "factor_task": "{subject}",
    "factor_item": "{subject} (inline)",
    "factor_pue": "PUE overhead of {subject}",
    "factor_wue": "WUE of {subject}",
    "factor_carbon": "carbon intensity of {subject}",
    "factor_water": "off-site water of {subject}",
    "factor_embodied": "manufacturing of {subject}",
    # -- issue 12 (methods, boundaries, devices) and issue 13 (images and videos) --
    "model_item": "model {id}",
    "model_sized": "model of {size} B, {precision}",
    "params_billions": "{value} B",
    "disclosures_title": "Published figures beside aicost's method (per answer):",
    "disclosure_line": (
        "{model}: method {method}, {times} the published {published}, {label} ({id}; {source};"
        " {status}; {boundary})"
    ),
    "boundary_accelerator": "accelerators",
    "x_host": " × {host} ({id}, accelerators to whole server; {cite})",
    "x_method": "{energy} ({label}; GPU energy from the method)",
    "x_method_server": "{energy} ({label}; server energy from the method)",
    "x_method_steps": (
        "{label} by the {method} method: {size} parameters, {active} active, {precision} ->"
        " {gpus} × {hardware}; {output} output + {reasoning} reasoning + {prefill} × {input}"
        " input tokens; batch {batch}; {per_token} J per token at the GPUs = {energy} per"
        " answer ({cite})"
    ),
    "x_image_steps": (
        "{label} by the {method} method: {params} parameters, architecture {architecture};"
        " {size} px = {tokens} tokens × {steps} steps, batch {batch}; {per_step} J per step"
        " at the GPUs = {energy} per image ({cite})"
    ),
    "x_video_steps": (
        "{label} by the {method} method: {params} parameters, architecture {architecture};"
        " {size} px × {frames} frames = {tokens} tokens × {steps} steps, batch {batch};"
        " {per_step} J per step at the GPUs = {energy} per clip ({cite})"
    ),
    "x_service_steps": (
        "{label} by EcoLogits' latency fit for {service}: {size} px, {seconds} s = {frames}"
        " frames at 24 fps -> {latency} s × {power} W (whole {server} server, no batching) ×"
        " {scale} = {energy} per clip at the server ({cite})"
    ),
    "settings_image": "{size}, {steps} steps",
    "settings_video": "{size}, {frames} frames, {steps} steps",
    "settings_service": "{size}, {seconds} s",
    "task_beside_method": (
        "aicost's method for {model} ({settings}): {gpu} at the GPUs, {it} at the IT boundary"
        " ({cite}); `aicost estimate {model}=1` shows both"
    ),
    "x_architecture_unknown": (
        "unknown (size only: the spread between architectures is in the interval)"
    ),
    "x_on_device": "{energy} ({label}; the device's energy)",
    "x_device_steps": (
        "{label} on the device {device}: {active} active parameters at {precision} -> {speed}"
        " tokens/s ({efficiency} × {bandwidth} GB/s over the weights read per token) at"
        " {power}; {output} output + {reasoning} reasoning + {prefill} × {input} input tokens"
        " = {energy} per answer ({cite})"
    ),
    "x_batch_range": "{batch} (log-uniform {low}-{high})",
    "x_default_pue": (
        " × {pue} (PUE of {id}, where the model runs by default: a method has no reported boundary)"
    ),
    "x_no_site": " (no site given: counted at the IT boundary)",
    "x_at_it": " = {it} at the IT boundary",
    "factor_host": "host factor ({subject})",
    "factor_power": "power of {subject}",
    "factor_efficiency": "speed of {subject}",
    "factor_size": "size of {subject}",
    "factor_batch": "serving batch of {subject}",
    "factor_residual": "method's residual ({subject})",
}


# -- messages of errors ------------------------------------------------------------------------
# An error message is written in English where it is raised, as a template with named fields:
# `tr("must be a text, got {got}", got=...)`. The English template is also the msgid of its
# French in the catalogue; a test checks that every template in the code has one.
# The language is the command's (--lang, else the locale), set for the time a command runs.

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "aicost"


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The translations into `lang` (English: none, the msgids are English)."""
    import gettext

    return gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[lang], fallback=True)


def translate(text: str, lang: str | None = None) -> str:
    """`text` (a msgid, no fields filled in) in `lang`, default the current language."""
    lang = language() if lang is None else lang
    return text if lang == "en" else catalogue(lang).gettext(text)


_speaking = ["en"]


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Messages built inside this block are in `lang`."""
    _speaking.append(lang)
    try:
        yield
    finally:
        _speaking.pop()


def N_(template: str) -> str:
    """Marks a template kept for later `tr` (as gettext's N_): returns it unchanged."""
    return template


def language() -> str:
    """The language messages are being built in ('en' outside any `speaking` block)."""
    return _speaking[-1]


def tr(template: str, /, **values: object) -> str:
    """`template` in the current language, its fields filled in. Whole numbers are grouped
    by locale (200,000 / 200 000); everything else is shown as given."""
    lang = language()
    if lang != "en":
        template = catalogue(lang).gettext(template)
    shown = {
        k: _whole(v, lang) if isinstance(v, int) and not isinstance(v, bool) else v
        for k, v in values.items()
    }
    return template.format(**shown)


def _whole(value: int, lang: str) -> str:
    if lang == "en":
        return f"{value:,}"
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=lang))


def t(key: str, lang: str = "en", **values: str) -> str:
    """The label `key` of MESSAGES in `lang`, its fields filled in."""
    english = MESSAGES[key]
    if isinstance(english, tuple):  # an (English, French) pair from before the catalogue:
        english = english[0]  # `python -m aicost.catalogue port` moves its French
    text = english if lang == "en" else catalogue(lang).pgettext(key, english)
    return text.format(**values) if values else text


def status_word(status: str, lang: str = "en") -> str:
    """A factor's status in words: primary, secondary... (primaire, secondaire...)."""
    return t(f"status_{status}", lang)


def default_lang(environ: dict[str, str] | None = None) -> str:
    """'fr' when the locale says French (LC_ALL, then LC_MESSAGES, then LANG), else 'en'."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"

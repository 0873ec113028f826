"""The words aicost prints, in English and French. Labels of tasks, sites, grids and
equivalences come from their `en`/`fr` fields in factors.yaml; everything else is here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

LANGS = ("en", "fr")

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (English, French)
    "item": ("Item", "Élément"),
    "task": ("Task", "Tâche"),
    "count": ("Count", "Nombre"),
    "per_item": ("Per item", "Par élément"),
    "energy": ("Energy", "Énergie"),
    "total": ("Total", "Total"),
    "total_once": ("Total, once", "Total, une fois"),
    "inline": ("(inline)", "(saisi)"),
    "grid": ("Grid", "Réseau électrique"),
    "intensity": ("Carbon intensity", "Intensité carbone"),
    "co2e": ("CO2e", "CO2e"),
    "water": ("Water", "Eau"),
    "site_label": ("Site", "Site"),
    "scale": ("scaled", "multiplié"),
    "ratio": (
        "{dirty} emits {ratio} the CO2e of {clean} for the same use.",
        "Sur le réseau {dirty}, le même usage émet {ratio} le CO2e du réseau {clean}.",
    ),
    "fallback": (
        "* water: world average (no figure of its own for this zone)",
        "* eau : moyenne mondiale (pas de donnée propre à cette zone)",
    ),
    "sources": ("Sources", "Sources"),
    "sources_hint": (
        "`aicost factors tasks|sites|grids|equivalences ID` shows a factor with its full source.",
        "`aicost factors tasks|sites|grids|equivalences ID` montre un facteur et sa source"
        " complète.",
    ),
    "uncertainty_title": (
        "90 % intervals (Monte Carlo, {samples} samples, seed {seed})",
        "Intervalles à 90 % (Monte-Carlo, {samples} tirages, graine {seed})",
    ),
    "figure": ("Figure", "Grandeur"),
    "central": ("Central", "Valeur centrale"),
    "interval": ("5th – 95th percentile", "5e – 95e centile"),
    "drivers_title": (
        "What drives the spread of {headline}: each factor at its 5th and 95th percentile",
        "Ce qui fait varier {headline} : chaque facteur à son 5e et 95e centile",
    ),
    "factor": ("Factor", "Facteur"),
    "at_p5": ("at p5", "au p5"),
    "at_p95": ("at p95", "au p95"),
    "amounts_to": ("What that amounts to", "Ce que cela représente"),
    "chart_co2e": ("CO2e by grid", "CO2e selon le réseau électrique"),
    "chart_water": ("Water by grid", "Eau selon le réseau électrique"),
    "chart_share": ("Share of the energy", "Part de l'énergie"),
    "chart_title": ("{name}: {energy}", "{name} : {energy}"),
    "chart_onsite": ("on site (cooling)", "sur site (refroidissement)"),
    "chart_offsite": ("off site (electricity)", "hors site (électricité)"),
    "chart_source": (
        "Source: aicost, factor table {sha}; figures and sources: aicost factors",
        "Source : aicost, table de facteurs {sha} ; chiffres et sources : aicost factors",
    ),
    "eq_words": ("Shown as", "Affiché comme"),
    "eq_per": ("One unit is", "Une unité vaut"),
    "eq_applies": ("Applies to", "S'applique à"),
    "source": ("Source", "Source"),
    "status": ("Status", "Statut"),
    "claims": ("Claims", "Affirmations"),
    "claim": ("Claim", "Affirmation"),
    "quoted": ("Quoted", "Citation"),
    "expected": ("Expected", "Attendu"),
    "computed": ("Computed", "Calculé"),
    "deviation": ("Deviation", "Écart"),
    "verdict": ("Verdict", "Verdict"),
    "verdict_holds": ("holds", "tient"),
    "verdict_off": ("off", "faux"),
    "verdict_known_error": ("known error", "erreur connue"),
    "verdict_within_uncertainty": ("within uncertainty", "dans l'incertitude"),
    # statuses and boundaries of factors
    "status_primary": ("primary", "primaire"),
    "status_secondary": ("secondary", "secondaire"),
    "status_derived": ("derived", "dérivé"),
    "status_assumption": ("assumption", "hypothèse"),
    "boundary_it": ("IT", "informatique (IT)"),
    "boundary_facility": ("facility", "centre de données"),
    # aicost factors
    "factor_table": ("Factor table: {path}", "Table de facteurs : {path}"),
    "section": ("Section", "Section"),
    "entries": ("Entries", "Entrées"),
    "show_with": ("Show with", "Pour la voir"),
    "section_tasks": ("tasks", "tâches"),
    "section_sites": ("sites", "sites"),
    "section_grids": ("grids", "réseaux électriques"),
    "section_equivalences": ("equivalences", "équivalences"),
    "section_sources": ("sources", "sources"),
    "label": ("Label", "Libellé"),
    "name_en": ("Name", "Nom anglais"),
    "name_fr": ("French name", "Nom"),
    "aliases": ("Aliases", "Alias"),
    "year": ("Year", "Année"),
    "water_per_kwh": ("Water L/kWh", "Eau L/kWh"),
    "energy_per_generation": ("Energy per generation", "Énergie par génération"),
    "boundary": ("Boundary", "Périmètre"),
    "onsite_water": ("On-site water", "Eau sur site"),
    "as_reported": ("as reported", "tel que publié"),
    "citation": ("Citation", "Référence"),
    "low_high": ("low {low}, high {high}", "basse {low}, haute {high}"),
    "one_sd": ("one sd", "un écart-type"),
    "includes_pue": ("includes PUE {pue} ({status})", "inclut un PUE de {pue} ({status})"),
    "converts_nothing": (
        "converts nothing: each figure counts at the boundary its source reported",
        "ne convertit rien : chaque chiffre compte au périmètre publié par sa source",
    ),
    "pue_line": ("PUE: {pue} ({status})", "PUE : {pue} ({status})"),
    "wue_line": (
        "on-site water (WUE): {wue} of IT energy",
        "eau sur site (WUE) : {wue} d'énergie informatique",
    ),
    "carbon_line": ("carbon intensity: {value}", "intensité carbone : {value}"),
    "offsite_line": ("off-site water: {value}", "eau hors site : {value}"),
    "world_average": (
        "world average, no figure of its own",
        "moyenne mondiale, pas de donnée propre",
    ),
    "field": ("{name}: {value}", "{name}\u00a0: {value}"),  # French: no break before the colon
    "status_word": ("status", "statut"),
    "energy_word": ("energy per generation", "énergie par génération"),
    "boundary_word": ("boundary", "périmètre"),
    "aliases_word": ("aliases", "alias"),
    "note_word": ("note", "note"),
    "source_of": ("source {id}:", "source {id} :"),
    "kind_duration": ("a duration", "une durée"),
    "kind_distance": ("a distance", "une distance"),
    "kind_count": ("a count", "un nombre"),
    "as_of_checked": ("As of\nchecked", "Période\nvérifié le"),
    "dates_line": (
        "as of: {as_of}; checked: {checked}",
        "période\u00a0: {as_of}\u00a0; vérifié le {checked}",
    ),
    # aicost factors diff
    "diff_title": (
        "Factor table changes: {old} → {new}",
        "Modifications de la table de facteurs : {old} → {new}",
    ),
    "diff_no_change": (
        "No factor changes between {old} and {new}.",
        "Aucun facteur ne change entre {old} et {new}.",
    ),
    "diff_moves": ("What moves: {subject}", "Ce qui bouge : {subject}"),
    "diff_nothing_moves": ("nothing moves.", "rien ne bouge."),
    "id_word": ("Id", "Identifiant"),
    "diff_change": ("Change", "Modification"),
    "diff_field": ("Field", "Champ"),
    "diff_old": ("Old", "Avant"),
    "diff_new": ("New", "Après"),
    "diff_ratio": ("Ratio", "Rapport"),
    "diff_added": ("added", "ajouté"),
    "diff_removed": ("removed", "retiré"),
    "diff_changed": ("changed", "modifié"),
    # --explain
    "x_cite": ("{id}: {short}; {status}", "{id} : {short} ; {status}"),
    "x_site_reported": (
        "site {id}: each figure counts at the boundary its source reported",
        "site {id} : chaque chiffre compte au périmètre publié par sa source",
    ),
    "x_site": (
        "site {id}: PUE {pue} ({status}), on-site water {wue} L/kWh of IT energy ({cite})",
        "site {id} : PUE {pue} ({status}), eau sur site {wue} L/kWh d'énergie informatique"
        " ({cite})",
    ),
    "x_task": ("{energy} ({id}; {cite})", "{energy} ({id} ; {cite})"),
    "x_own": ("{energy} ({label}; your own figure)", "{energy} ({label} ; votre propre chiffre)"),
    "x_to_it": (
        " ÷ {pue} (PUE the source includes) = {it} at the IT boundary",
        " ÷ {pue} (PUE inclus par la source) = {it} au périmètre informatique",
    ),
    "x_site_pue": (" × {pue} (PUE of {id})", " × {pue} (PUE du site {id})"),
    "x_total": ("total: {parts} = {total}", "total : {parts} = {total}"),
    "x_grid": (
        "{id}: {energy} × {intensity} g/kWh (carbon intensity of {name}; {cite}) = {co2e} CO2e",
        "{id} : {energy} × {intensity} g/kWh (intensité carbone, {name} ; {cite}) = {co2e} CO2e",
    ),
    "x_onsite": ("{it} IT × {wue} L/kWh on site + ", "{it} IT × {wue} L/kWh sur site + "),
    "x_water": (
        "water: {onsite}{energy} × {water} L/kWh off site ({cite}) = {total}",
        "eau : {onsite}{energy} × {water} L/kWh hors site ({cite}) = {total}",
    ),
    "x_world_average": (", world average", ", moyenne mondiale"),
    # the factors of a Monte Carlo tornado
    "factor_task": ("{subject}", "{subject}"),
    "factor_item": ("{subject} (inline)", "{subject} (saisi)"),
    "factor_pue": ("PUE overhead of {subject}", "{subject} : surcoût du PUE"),
    "factor_wue": ("WUE of {subject}", "{subject} : WUE"),
    "factor_carbon": ("carbon intensity of {subject}", "{subject} : intensité carbone"),
    "factor_water": ("off-site water of {subject}", "{subject} : eau hors site"),
}


# -- messages of errors ------------------------------------------------------------------------
# An error message is written in English where it is raised, as a template with named fields:
# `tr("must be a text, got {got}", got=...)`. The English template is also the key of its
# French in aicost/messages_fr.py; a test checks that every template in the code has one.
# The language is the command's (--lang, else the locale), set for the time a command runs.

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
    if lang == "fr":
        from aicost.messages_fr import FRENCH

        template = FRENCH.get(template, template)
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
    english, french = MESSAGES[key]
    text = french if lang == "fr" else english
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

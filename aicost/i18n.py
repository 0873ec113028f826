"""The words aicost prints, in English and French. Labels of tasks, sites, grids and
equivalences come from their `en`/`fr` fields in factors.yaml; everything else is here.
"""

from __future__ import annotations

import os

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
        "{dirty} émet {ratio} le CO2e de {clean} pour le même usage.",
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
}


def t(key: str, lang: str = "en", **values: str) -> str:
    english, french = MESSAGES[key]
    text = french if lang == "fr" else english
    return text.format(**values) if values else text


def default_lang(environ: dict[str, str] | None = None) -> str:
    """'fr' when the locale says French (LC_ALL, then LC_MESSAGES, then LANG), else 'en'."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"

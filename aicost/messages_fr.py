"""The French of every message aicost builds with `tr` or marks with `N_`: English template ->
French template, with the same {fields}. Ids, keys, units and what the user typed stay as
written; tests/test_messages.py checks that no template lacks its French.
"""

from __future__ import annotations

FRENCH: dict[str, str] = {
    # -- the frame of every error --------------------------------------------------------------
    "Error: {message}": "Erreur : {message}",
    "line {line}: ": "ligne {line} : ",
    " (did you mean: {names}?)": " (vouliez-vous dire : {names} ?)",
    # -- what a value is, in "got ..." ----------------------------------------------------------
    "a mapping": "une table de clés",
    "a list": "une liste",
    "nothing": "une valeur vide",
    "a text": "un texte",
    "a number": "un nombre",
    "a whole number": "un nombre entier",
    "a number > 0": "un nombre > 0",
    "a whole number > 0": "un nombre entier > 0",
    "a number ≥ {least}": "un nombre ≥ {least}",
    "a whole number ≥ {least}": "un nombre entier ≥ {least}",
    "one of {choices}": "l'une des valeurs {choices}",
    "a mapping of ids to entries": "une table d'identifiants et d'entrées",
    "{a_dimension} with its unit": "{a_dimension} avec son unité",
    " or ": " ou ",
    "the key {key}": "la clé {key}",
    "a key that is a mapping": "une clé qui est une table",
    "a key that is a list": "une clé qui est une liste",
    # -- dimensions ------------------------------------------------------------------------------
    "an energy": "une énergie",
    "a power": "une puissance",
    "a time": "une durée",
    "a mass": "une masse",
    "a volume": "un volume",
    "a length": "une longueur",
    "a carbon intensity": "une intensité carbone",
    "a water intensity": "une intensité en eau",
    "an energy per length": "une énergie par distance",
    "a mass per length": "une masse par distance",
    "a mass per time": "une masse par durée",
    "a plain number": "un nombre sans unité",
    "a quantity of {dimensionality}": "une grandeur de dimension {dimensionality}",
    # -- kinds of file ---------------------------------------------------------------------------
    "file": "fichier",
    "a file": "un fichier",
    "scenario file": "fichier de scénario",
    "a scenario file": "un fichier de scénario",
    "factor table": "table de facteurs",
    "a factor table": "une table de facteurs",
    "claims file": "fichier d'affirmations",
    "a claims file": "un fichier d'affirmations",
    # -- reading files ---------------------------------------------------------------------------
    "no such {what} (check the path)": "{what} introuvable (vérifiez le chemin)",
    "is a directory, not {a_what} (give a .yaml file)": (
        "est un dossier, pas {a_what} (donnez un fichier .yaml)"
    ),
    "is {size} bytes; {a_what} may be at most {most} bytes": (
        "fait {size} octets ; {a_what} en fait au plus {most}"
    ),
    "cannot be read (permission denied)": "ne peut pas être lu (permission refusée)",
    "cannot be read ({reason})": "ne peut pas être lu ({reason})",
    "is not UTF-8 text (save it as UTF-8)": ("n'est pas du texte UTF-8 (enregistrez-le en UTF-8)"),
    "is empty: {a_what} needs content": "est vide : {a_what} doit avoir un contenu",
    "is not valid YAML: {problem}": "n'est pas du YAML valide : {problem}",
    "is nested too deeply (more than {most} levels)": (
        "est imbriqué trop profondément (plus de {most} niveaux)"
    ),
    "is nested deeper than {most} levels; flatten it": (
        "est imbriqué sur plus de {most} niveaux ; aplatissez-le"
    ),
    "expands to more than {most} values through anchors and aliases; "
    "write the values out or use fewer aliases": (
        "se développe en plus de {most} valeurs par ancres et alias ; "
        "écrivez les valeurs ou utilisez moins d'alias"
    ),
    "the tag {tag} is not allowed: only plain YAML values are read (remove the tag)": (
        "l'étiquette {tag} n'est pas admise : seules les valeurs YAML simples sont lues"
        " (retirez l'étiquette)"
    ),
    "{key} is not a text; keys are words (quote it if it must look like a number or yes/no)": (
        "{key} n'est pas un texte ; les clés sont des mots "
        "(mettez-la entre guillemets si elle doit ressembler à un nombre ou à yes/no)"
    ),
    "key '{key}' appears twice in the same mapping (first on line {first}); keep one": (
        "la clé '{key}' apparaît deux fois dans la même table (d'abord ligne {first}) ;"
        " gardez-en une"
    ),
    # -- checking fields -------------------------------------------------------------------------
    "must be a mapping of keys to values, got {got}": (
        "doit être une table de clés et de valeurs, pas {got}"
    ),
    "needs '{key}' ({what})": "doit avoir '{key}' ({what})",
    "must be a text, got {got}": "doit être un texte, pas {got}",
    "must be one of {choices}, got {got}": "doit être l'une des valeurs {choices}, pas {got}",
    "must be true or false, got {got}": "doit être true ou false, pas {got}",
    "must be {rule}, got {got}": "doit être {rule}, pas {got}",
    "must not be negative, got {got}": "ne doit pas être négatif (lu : {got})",
    "must be {examples} — got {got}": "doit être {examples} — pas {got}",
    "must be more than zero, got {got}": "doit être plus grand que zéro (lu : {got})",
    "must be a list of texts, got {got}": "doit être une liste de textes, pas {got}",
    "must list at least one entry (or leave the key out)": (
        "doit compter au moins une entrée (ou retirez la clé)"
    ),
    "must be a mapping of ids to entries, got {got}": (
        "doit être une table d'identifiants et d'entrées, pas {got}"
    ),
    "is not a known key{suggestion}; allowed here: {allowed}": (
        "n'est pas une clé connue{suggestion} ; clés admises ici : {allowed}"
    ),
    # -- quantities ------------------------------------------------------------------------------
    "must be {a_dimension} with its unit such as '{example}', got {got}": (
        "doit être {a_dimension} avec son unité, comme '{example}', pas {got}"
    ),
    "must be a number with its unit such as '{example}', got {got}": (
        "doit être un nombre avec son unité, comme '{example}', pas {got}"
    ),
    "needs a unit: write it like '{example}', got {got}": (
        "n'a pas d'unité : écrivez par exemple '{example}', pas {got}"
    ),
    "is out of range (too large to compute with), got {got}": (
        "est hors limites (trop grand pour calculer), lu : {got}"
    ),
    "has a unit pint does not know: {unit} (write it like '{example}')": (
        "a une unité que pint ne connaît pas : {unit} (écrivez par exemple '{example}')"
    ),
    "must be {a_dimension} such as '{example}', got {got} ({a_found})": (
        "doit être {a_dimension} comme '{example}', pas {got} ({a_found})"
    ),
    # -- the factor table ------------------------------------------------------------------------
    "unknown task '{name}'{suggestion}; `{lister}` lists them": (
        "tâche inconnue '{name}'{suggestion} ; `{lister}` les liste"
    ),
    "unknown site '{name}'{suggestion}; `{lister}` lists them": (
        "site inconnu '{name}'{suggestion} ; `{lister}` les liste"
    ),
    "unknown grid '{name}'{suggestion}; `{lister}` lists them": (
        "réseau électrique inconnu '{name}'{suggestion} ; `{lister}` les liste"
    ),
    "unknown equivalence '{name}'{suggestion}; `{lister}` lists them": (
        "équivalence inconnue '{name}'{suggestion} ; `{lister}` les liste"
    ),
    "unknown source '{name}'{suggestion}; `aicost factors sources` lists them": (
        "source inconnue '{name}'{suggestion} ; `aicost factors sources` les liste"
    ),
    "names an unknown source '{name}'{suggestion}; add it to the sources section": (
        "cite une source inconnue '{name}'{suggestion} ; ajoutez-la à la section sources"
    ),
    "must be a list of names": "doit être une liste de noms",
    "only a count has singular words: its number is followed by a unit": (
        "seul un nombre d'unités a une forme au singulier : ce chiffre est suivi d'une unité"
    ),
    "give both 'low' and 'high', or neither": "donnez 'low' et 'high', ou aucun des deux",
    # -- methods (factors.yaml `methods:`) --
    "unknown method '{name}'{suggestion}; the section `methods` of {lister} lists them": (
        "méthode inconnue '{name}'{suggestion} ; la section `methods` de {lister} les liste"
    ),
    "is not a coefficient of the {method} method; allowed: {allowed}": (
        "n'est pas un coefficient de la méthode {method} ; permis : {allowed}"
    ),
    "needs the coefficient '{name}'": "il manque le coefficient '{name}'",
    "unknown precision '{name}'{suggestion}; use one of {choices}": (
        "précision inconnue '{name}'{suggestion} ; utilisez l'une des valeurs {choices}"
    ),
    "must be > 0": "doit être > 0",
    "must be ≥ 0": "doit être ≥ 0",
    "must be ≥ batch_low": "doit être ≥ batch_low",
    "must be ≥ 1 (a geometric standard deviation)": ("doit être ≥ 1 (un écart-type géométrique)"),
    "low ≤ {key} ≤ high must hold": "il faut low ≤ {key} ≤ high",
    "give 'sd' or 'low'/'high', not both": "donnez 'sd' ou 'low'/'high', pas les deux",
    "'low' and 'high'": "'low' et 'high'",
    "a {distribution} distribution needs {what}": "une distribution {distribution} demande {what}",
    "'gsd' goes with 'distribution: lognormal'": "'gsd' va avec 'distribution: lognormal'",
    "only a facility figure has a pue (the one its source included)": (
        "seul un chiffre au périmètre du centre de données (facility) a un pue"
        " (celui que sa source incluait)"
    ),
    "has schema {schema}; this aicost reads schema {wanted}": (
        "a le schéma {schema} ; cet aicost lit le schéma {wanted}"
    ),
    "{section}: the name '{name}' of '{entry}' is already used by '{other}'; make it unique": (
        "{section} : le nom '{name}' de '{entry}' est déjà pris par '{other}' ; rendez-le unique"
    ),
    # -- scenarios -------------------------------------------------------------------------------
    "needs a non-empty list of items, got {got}": (
        "doit avoir une liste d'éléments non vide, pas {got}"
    ),
    "has {count} items; at most {most}": "compte {count} éléments ; {most} au plus",
    "has both 'task' and '{key}': give a task id, or an inline figure, not both": (
        "a à la fois 'task' et '{key}' : donnez une tâche, ou un chiffre saisi, pas les deux"
    ),
    "needs 'task: ID', or an inline 'energy' (or 'power' and 'duration')": (
        "doit avoir 'task: ID', ou une 'energy' saisie (ou 'power' et 'duration')"
    ),
    "an inline figure needs a 'label' saying what it is": (
        "un chiffre saisi doit avoir un 'label' qui dit ce qu'il est"
    ),
    "give 'energy', or 'power' and 'duration', not both": (
        "donnez 'energy', ou 'power' et 'duration', pas les deux"
    ),
    "has 'duration' but no 'power': energy = power × duration": (
        "a 'duration' mais pas 'power' : énergie = puissance × durée"
    ),
    "has 'power' but no 'duration': energy = power × duration": (
        "a 'power' mais pas 'duration' : énergie = puissance × durée"
    ),
    "only a 'boundary: facility' figure has a pue (the one it includes)": (
        "seul un chiffre 'boundary: facility' a un pue (celui qu'il inclut)"
    ),
    "multiplies to a number too large to compute with; use smaller factors": (
        "donne un multiplicateur trop grand pour calculer ; prenez des facteurs plus petits"
    ),
    "gives figures too large to compute with; check the counts, energies and scale": (
        "donne des chiffres trop grands pour calculer ; vérifiez les nombres, les énergies"
        " et l'échelle"
    ),
    "argument '{argument}': write WHAT=COUNT, e.g. text.large=15": (
        "argument '{argument}' : écrivez QUOI=NOMBRE, par exemple text.large=15"
    ),
    "argument '{argument}': the count after '=' must be a number ≥ 0, got '{got}'": (
        "argument '{argument}' : le nombre après '=' doit être un nombre ≥ 0, pas '{got}'"
    ),
    # -- claims ----------------------------------------------------------------------------------
    "give 'scenario' or 'items', not both": "donnez 'scenario' ou 'items', pas les deux",
    "needs 'scenario: PATH' or 'items: [...]' saying where the figure comes from": (
        "doit avoir 'scenario: CHEMIN' ou 'items: [...]' disant d'où vient le chiffre"
    ),
    "equivalence {id} converts {dimension}, not {metric}": (
        "l'équivalence {id} convertit {dimension}, pas {metric}"
    ),
    "metric {metric} needs 'grid: CODE'": "la grandeur {metric} demande 'grid: CODE'",
    "must be a percentage such as '5%', got {got}": (
        "doit être un pourcentage comme '5%', pas {got}"
    ),
    "needs a non-empty list of claims": "doit avoir une liste d'affirmations non vide",
    "repeats the id '{id}'": "répète l'identifiant '{id}'",
    "a tolerance wider than {wide} needs a 'why' saying what justifies it": (
        "une tolérance de plus de {wide} demande un 'why' qui la justifie"
    ),
    # -- the command line and output -------------------------------------------------------------
    "no grid matches '{search}'; try part of a name or an ISO code": (
        "aucun réseau électrique ne correspond à '{search}' ; essayez une partie d'un nom"
        " ou un code ISO"
    ),
    "--chart writes .svg or .png files, got '{name}'": (
        "--chart écrit des fichiers .svg ou .png, pas '{name}'"
    ),
    "--chart draws one scenario: give one scenario file": (
        "--chart dessine un seul scénario : donnez un seul fichier de scénario"
    ),
    "--chart needs matplotlib: pip install 'aicost[chart]'": (
        "--chart demande matplotlib : pip install 'aicost[chart]'"
    ),
    "{path}: cannot write the chart ({reason})": (
        "{path} : impossible d'écrire le graphique ({reason})"
    ),
    "is a directory; give a file name to write to": (
        "est un dossier ; donnez le nom d'un fichier où écrire"
    ),
    "cannot be written: the folder {folder} does not exist": (
        "ne peut pas être écrit : le dossier {folder} n'existe pas"
    ),
    "cannot be written ({reason})": "ne peut pas être écrit ({reason})",
    "Aborted.": "Abandon.",
    "Interrupted.": "Interrompu.",
    # -- usage errors (the shapes of click's messages) -------------------------------------------
    "{said}; see `{command} --help`": "{said} ; voir `{command} --help`",
    "missing argument '{name}'": "il manque l'argument '{name}'",
    "missing option '{name}'": "il manque l'option '{name}'",
    "no such option: {name}{suggestion}": "option inconnue : {name}{suggestion}",
    "no such command '{name}'{suggestion}": "commande inconnue '{name}'{suggestion}",
    "option '{name}' needs a value": "l'option '{name}' demande une valeur",
    "invalid value for {name}: {detail}": "valeur invalide pour {name} : {detail}",
    "'{got}' is not one of {choices}": "'{got}' n'est pas l'une des valeurs {choices}",
    "must be ≥ {least}": "doit être ≥ {least}",
    "must be ≤ {most}": "doit être ≤ {most}",
    "{got} is not a whole number": "{got} n'est pas un nombre entier",
    "must be a whole number": "doit être un nombre entier",
    # -- aicost factors diff ----------------------------------------------------------------
    "only `aicost factors diff OLD NEW` takes a third argument or diff options": (
        "seul `aicost factors diff ANCIENNE NOUVELLE` prend un troisième argument ou les options"
        " de comparaison"
    ),
    "`aicost factors diff` needs two factor tables: OLD NEW": (
        "`aicost factors diff` demande deux tables de facteurs : ANCIENNE NOUVELLE"
    ),
    "`aicost factors diff` compares OLD and NEW: drop --factors": (
        "`aicost factors diff` compare ANCIENNE et NOUVELLE : retirez --factors"
    ),
    # -- dates of a figure (aicost/dates.py) --------------------------------------------------
    "a year, a month or a day (2024, 2025-05, 2025-05-20), or two of those as START/END": (
        "une année, un mois ou un jour (2024, 2025-05, 2025-05-20), ou deux de ceux-ci en DÉBUT/FIN"
    ),
    "a date as YYYY-MM-DD": "une date AAAA-MM-JJ",
    "must be {wanted}, got '{got}'": "doit être {wanted}, pas '{got}'",
}

"""Figures marked inside a Markdown document, checked and rewritten in place.

A figure is marked where the report quotes it, and stays readable in any renderer:

    <!-- aicost: scenario: ../scenarios/marathon.yaml, metric: energy -->2,9 kWh<!-- /aicost -->

The SPEC is the claims vocabulary (aicost.claims) written as one YAML flow mapping without
its braces: scenario or items, metric, grid, equivalence, versus, bound, tolerance, why,
known_error, note, id; plus `unit` (the unit the figure is written in, when its words are not
one aicost reads) and `decimals` (how `aicost render` rounds it). The text between the markers
is the quoted figure: a number written the document's way (`2,9` in French, `2.9` in English;
a French text may also write `3.4`), then maybe a scale word (thousand, million, milliard...),
then its unit (`kWh`, `heures`, `kilomètres`, `de litres`...), then anything.

- The document's language is its front matter's `lang:` (`---` / `lang: fr` / `---`), else the
  language of the command.
- Markers inside fenced code blocks (``` or ~~~) and inline code spans are not figures: a
  document can show the syntax.
- A figure and its markers sit on one line.
- `render` rewrites the number of every figure from the computed value, at the decimals written
  (more when the written ones would not hold within the tolerance, or `decimals:`), keeps the
  words after it, and leaves every other byte as it was (CRLF line ends and all). It leaves
  alone figures with a `bound` ("plus d'une heure" stays) and figures marked `known_error`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aicost.errors import InputError
from aicost.i18n import tr
from aicost.records import record

if TYPE_CHECKING:
    from aicost.claims import Claim, Verdict
    from aicost.factors import FactorTable
    from aicost.units import Quantity

MARKER = re.compile(
    r"<!--[ \t]*aicost:(?P<spec>[^\r\n]*?)-->(?P<text>[^\r\n]*?)<!--[ \t]*/aicost[ \t]*-->"
)
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_TICKS = re.compile(r"`+")
_FRONT_LANG = re.compile(r"^lang:[ \t]*['\"]?(?P<lang>[A-Za-z]{2})", re.MULTILINE)

# A number as a document writes it. English: 1,234.5 or 1234.5. French: 1 234,5 (space,
# no-break or narrow no-break space between groups), or 3.4 as some French texts write it.
_NUMBER = {
    "en": re.compile(r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?"),
    "fr": re.compile(r"(?P<int>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+)(?:[,.](?P<dec>\d+))?"),
}
# Between two numbers of a range: "1 à 2 heures", "1-2 h", "between 1 and 2 hours".
_RANGE_JOIN = re.compile(r"\s*(?:–|-|à|to|and|et)\s*")
_SCALES = {
    "thousand": 1e3, "mille": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9,
    "billions": 1e9, "milliard": 1e9, "milliards": 1e9,
}  # fmt: skip
# Unit words of English and French texts; anything else is read by pint as a symbol (kWh).
_UNIT_WORDS = {
    "h": ("heure", "heures", "hour", "hours", "hr", "hrs"),
    "min": ("minute", "minutes", "mn"),
    "s": ("seconde", "secondes", "second", "seconds", "sec"),
    "km": ("kilomètre", "kilomètres", "kilometre", "kilometres", "kilometer", "kilometers"),
    "mi": ("mile", "miles"),
    "ft": ("pied", "pieds", "foot", "feet"),
    "L": ("litre", "litres", "liter", "liters", "l"),
    "t": ("tonne", "tonnes"),
    "kg": ("kilo", "kilos", "kilogramme", "kilogrammes", "kilogram", "kilograms"),
    "g": ("gramme", "grammes", "gram", "grams"),
    "J": ("joule", "joules"),
    "Wh": ("watt-heure", "watts-heure", "watt-heures", "watt-hour", "watt-hours"),
    "kWh": ("kilowatt-heure", "kilowatts-heure", "kilowatt-heures", "kilowatt-hour",
            "kilowatt-hours", "kilo-watt-heure"),
    "MWh": ("mégawatt-heure", "mégawattheure", "megawatt-hour", "megawatt-hours", "mwh"),
}  # fmt: skip
_WORD_UNIT = {word: unit for unit, words in _UNIT_WORDS.items() for word in words}
_TIMES = ("×", "x", "fois", "times")
_EXAMPLE = {"en": "'2.9 kWh' or '35,000'", "fr": "'2,9 kWh' ou '35 000'"}


@record
class Number:
    """One number of a figure's text: where it is, its value, and how it was written."""

    start: int
    end: int
    value: Decimal
    decimals: int
    group: str | None  # the character between groups of thousands, if any


@record
class Reading:
    """What a figure's text says: its number(s), scale, unit, and where the words begin."""

    numbers: tuple[Number, ...]
    scale: float
    unit: str  # a pint unit, '' for a plain number


@record
class Figure:
    """One marked figure: its place in the document, its SPEC, its text, and its claim."""

    line: int
    start: int  # offsets of the text between the markers, in the document
    end: int
    text: str
    reading: Reading
    claim: Claim
    decimals: int | None  # `decimals:` of the SPEC


def document_lang(text: str, default: str) -> str:
    """The `lang:` of the document's front matter, else `default`."""
    if not text.lstrip("\ufeff").startswith("---"):
        return default
    lines = text.lstrip("\ufeff").splitlines()
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            found = _FRONT_LANG.search("\n".join(lines[1:i]))
            lang = found.group("lang").lower() if found else default
            return lang if lang in _NUMBER else default
    return default


def _code_spans(line: str) -> list[tuple[int, int]]:
    """The (start, end) of every inline code span of a line (runs of equal backticks)."""
    spans, runs = [], list(_TICKS.finditer(line))
    i = 0
    while i < len(runs):
        opening = runs[i]
        for j in range(i + 1, len(runs)):
            if len(runs[j].group()) == len(opening.group()):
                spans.append((opening.start(), runs[j].end()))
                i = j
                break
        i += 1
    return spans


@record
class Marker:
    """A marked figure as found: its line, SPEC, and the offsets of its text."""

    line: int
    spec: str
    start: int
    end: int
    text: str


def markers(text: str) -> list[Marker]:
    """Every marked figure outside fenced code blocks and inline code spans."""
    found: list[Marker] = []
    fence: str | None = None
    offset = 0
    # Lines end at "\n" only (as editors count them; splitlines would also break at \f, \u2028...)
    for number, line in enumerate(re.findall(r"[^\n]*\n|[^\n]+$", text), start=1):
        opening = _FENCE.match(line)
        if fence is not None:
            closing = opening is not None and opening.group("fence")
            if closing and closing[0] == fence[0] and len(closing) >= len(fence):
                fence = None
        elif opening:
            fence = opening.group("fence")
        else:
            spans = _code_spans(line)
            for m in MARKER.finditer(line):
                if not any(a <= m.start() < b for a, b in spans):
                    found.append(
                        Marker(
                            number,
                            m.group("spec"),
                            offset + m.start("text"),
                            offset + m.end("text"),
                            m.group("text"),
                        )
                    )
        offset += len(line)
    return found


def _number(match: re.Match[str], base: int) -> Number:
    whole, decimals = match.group("int"), match.group("dec") or ""
    group = next((c for c in whole if not c.isdigit()), None)
    digits = "".join(c for c in whole if c.isdigit())
    return Number(
        base + match.start(),
        base + match.end(),
        Decimal(f"{digits}.{decimals}" if decimals else digits),
        len(decimals),
        group,
    )


def read_figure(text: str, lang: str, unit: str | None = None) -> Reading:
    """Read a figure's text ('2,9 kWh', '1,3 milliard de litres', '1 à 2 heures') in `lang`.

    Raises ValueError with the reason when the text does not start with a number or names a
    unit aicost cannot read (a SPEC's `unit:` then says it).
    """
    pattern = _NUMBER[lang]
    lead = len(text) - len(text.lstrip())
    first = pattern.match(text, lead)
    if first is None:
        raise ValueError(tr("must start with a number such as {example}", example=_EXAMPLE[lang]))
    numbers = [_number(first, 0)]
    rest_at = first.end()
    join = _RANGE_JOIN.match(text, rest_at)
    if join is not None:
        second = pattern.match(text, join.end())
        if second is not None:
            numbers.append(_number(second, 0))
            rest_at = second.end()
    words = text[rest_at:].split()
    scale = 1.0
    if words and words[0].lower() in _SCALES:
        scale = _SCALES[words.pop(0).lower()]
    if words and words[0].lower() in ("de", "d'", "of"):
        words.pop(0)
    elif words and words[0].lower().startswith("d'"):
        words[0] = words[0][2:]
    if unit is None:
        unit = _unit_of(words[0].strip(".,;:!?)»*_").rstrip("\u00a0") if words else "")
    return Reading(tuple(numbers), scale, unit)


def _unit_of(word: str) -> str:
    """The pint unit a word names ('heures' -> 'h', 'kWh' -> 'kWh'), '' for none."""
    if not word or word.lower() in _TIMES or not word[0].isalpha():
        return ""
    if word.lower() in _WORD_UNIT:
        return _WORD_UNIT[word.lower()]
    if word in _WORD_UNIT.values():
        return word
    from aicost.units import _parse_unit

    if _parse_unit(word) is None:
        raise ValueError(
            tr(
                "reads '{word}' as its unit, which aicost does not know; say it in the SPEC "
                "('unit: kWh') or write a unit such as kWh, h, km, L, t",
                word=word,
            )
        )
    return word


def _expected(reading: Reading) -> Any:
    """The figure as a claims file writes `expected`: '2.9 kWh', '1.2e6', ['1 h', '2 h']."""
    scale = Decimal(repr(reading.scale))
    shown = [f"{(n.value * scale).normalize():e} {reading.unit}".strip() for n in reading.numbers]
    return shown if len(shown) == 2 else shown[0]


def _spec(spec: str, path: str, line: int) -> Any:
    """The SPEC as a mapping whose keys know their line in the document."""
    from aicost.yamlfile import load_yaml_text

    data = load_yaml_text("\n" * (line - 1) + "{" + spec.strip() + "}", path, what="file")
    if not isinstance(data, dict):
        raise InputError(
            tr("the SPEC must be keys and values such as 'metric: energy'"), path=path, line=line
        )
    return data


def _decimals(data: dict[str, Any], path: str, line: int) -> int | None:
    value = data.pop("decimals", None)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 9:
        raise InputError(
            tr("must be a whole number from 0 to 9, got {got}", got=repr(value)),
            path=path,
            line=line,
            where="decimals",
        )
    return value


def load_document(
    path: str | Path, factors: FactorTable, default_lang: str = "en"
) -> tuple[str, str, list[Figure]]:
    """The document's text, its language and its marked figures (each with its claim)."""
    text = read_text(path)
    lang = document_lang(text, default_lang)
    figures: list[Figure] = []
    seen: set[str] = set()
    for marker in markers(text):
        figures.append(_figure(marker, str(path), lang, factors, seen))
    if not figures:
        raise InputError(
            tr(
                "has no marked figure; mark one as <!-- aicost: metric: energy, "
                "scenario: FILE -->2,9 kWh<!-- /aicost -->"
            ),
            path=str(path),
        )
    return text, lang, figures


def _figure(marker: Marker, path: str, lang: str, factors: FactorTable, seen: set[str]) -> Figure:
    from aicost.claims import parse_claims
    from aicost.yamlfile import LineList

    line = marker.line
    data = _spec(marker.spec, path, line)
    for key in ("quote", "expected"):
        if key in data:
            raise InputError(
                tr(
                    "the figure is the text between the markers: remove '{key}' from the SPEC",
                    key=key,
                ),
                path=path,
                line=line,
            )
    decimals = _decimals(data, path, line)
    figure_text = marker.text
    unit = data.pop("unit", None)
    if unit is not None and not isinstance(unit, str):
        raise InputError(
            tr("must be a unit such as 'kWh', got {got}", got=repr(unit)),
            path=path,
            line=line,
            where="unit",
        )
    try:
        reading = read_figure(figure_text, lang, unit)
    except ValueError as exc:
        raise InputError(
            tr("the figure {text} {reason}", text=repr(figure_text), reason=str(exc)),
            path=path,
            line=line,
        ) from None
    name = f"{Path(path).name}:{line}"
    claim_id = str(data.get("id") or name)
    if claim_id == name:  # a second figure on the same line: rapport.md:16 (2)
        claim_id = next(f"{name} ({k})" for k in range(2, 1000) if f"{name} ({k})" not in seen)
        claim_id = name if name not in seen else claim_id
    if claim_id in seen:
        raise InputError(tr("repeats the id '{id}'", id=claim_id), path=path, line=line, where="id")
    seen.add(claim_id)
    if len(reading.numbers) == 2:
        data.setdefault("bound", "between")
    data.update(id=claim_id, quote=figure_text.strip(), expected=_expected(reading))
    if reading.unit:
        data["unit"] = reading.unit
    entries = LineList([data])
    entries.item_lines = [line]
    try:
        (claim,) = parse_claims({"claims": entries}, path, factors)
    except InputError as exc:
        where = (exc.where or "").removeprefix("claims[0]").lstrip(".")
        raise InputError(
            exc.message, path=exc.path, line=exc.line or line, where=where or None
        ) from None
    return Figure(line, marker.start, marker.end, figure_text, reading, claim, decimals)


def read_text(path: str | Path) -> str:
    """A document's text exactly as it is (line ends kept), or a one-line InputError."""
    from aicost.yamlfile import MAX_BYTES

    target = Path(path)
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        raise InputError(
            tr("no such {what} (check the path)", what=tr("file")), path=str(path)
        ) from None
    except IsADirectoryError:
        raise InputError(tr("is a directory; give a Markdown file"), path=str(path)) from None
    except OSError as exc:
        raise InputError(
            tr("cannot be read ({reason})", reason=exc.strerror), path=str(path)
        ) from None
    if len(data) > 8 * MAX_BYTES:
        raise InputError(
            tr(
                "is {size} bytes; {a_what} may be at most {most} bytes",
                size=len(data),
                a_what=tr("a file"),
                most=8 * MAX_BYTES,
            ),
            path=str(path),
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(tr("is not UTF-8 text (save it as UTF-8)"), path=str(path)) from None


# -- render ---------------------------------------------------------------------------------


def rewritable(figure: Figure) -> bool:
    """Whether `render` rewrites this figure: a point figure not marked as a known error."""
    return figure.claim.bound == "exact" and figure.claim.known_error is None


def _format(value: float, decimals: int, lang: str, like: Number) -> str:
    from babel.numbers import format_decimal

    grouped = like.group is not None or abs(value) >= 10_000
    pattern = ("#,##0" if grouped else "0") + ("." + "0" * decimals if decimals else "")
    shown = str(format_decimal(value, format=pattern, locale=lang))
    if like.group is not None:
        from babel.numbers import get_group_symbol

        shown = shown.replace(get_group_symbol(lang), like.group)
    return shown


def figure_text(figure: Figure, verdict: Verdict, lang: str) -> str:
    """The figure's text with its number rewritten from the computed value."""
    from aicost.claims import Verdict as V

    reading = figure.reading
    (number,) = reading.numbers
    claim = figure.claim
    unit = reading.unit if reading.unit and claim.versus is None else "dimensionless"
    value = float(verdict.computed.to(unit).magnitude) / reading.scale
    choices = (
        [figure.decimals]
        if figure.decimals is not None
        else range(number.decimals, number.decimals + 4)
    )
    decimals = choices[0]
    for decimals in choices:
        rounded = round(value, decimals)
        expected = _quantity(rounded * reading.scale, claim)
        if (
            rounded
            and V(
                replace(claim, expected=expected),
                verdict.computed,
                _dev(verdict.computed, expected),
            ).holds
        ):
            break
    shown = _format(round(value, decimals), decimals, lang, number)
    start, end = number.start, number.end
    return figure.text[:start] + shown + figure.text[end:]


def _quantity(value: float, claim: Claim) -> Quantity:
    from aicost.units import Q

    return Q(value, str(claim.expected.units))


def _dev(computed: Quantity, expected: Quantity) -> float:
    e = float(expected.magnitude)
    return (float(computed.to(expected.units).magnitude) - e) / e if e else float("inf")


def render(text: str, figures: list[Figure], verdicts: list[Verdict], lang: str) -> str:
    """`text` with every rewritable figure's text rewritten; every other byte unchanged."""
    out, at = [], 0
    for figure, verdict in zip(figures, verdicts, strict=True):
        out.append(text[at : figure.start])
        out.append(figure_text(figure, verdict, lang) if rewritable(figure) else figure.text)
        at = figure.end
    out.append(text[at:])
    return "".join(out)

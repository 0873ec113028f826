"""Typed, located access to one mapping read from YAML.

`Fields` reads the keys a file format allows, each with its expected type, and reports the
first problem as one InputError naming the file, the line and the key path
(``items[2].count``). `done()` refuses keys nobody read, with the nearest allowed key.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from aicost.errors import InputError, did_you_mean
from aicost.i18n import tr
from aicost.numbers import decimal_value
from aicost.text import shown, unusual_characters
from aicost.units import Quantity, article, parse_quantity
from aicost.yamlfile import LineDict, line_of


def join(prefix: str, key: str | int) -> str:
    """A key path for messages: `items[2].count` (a key is shown escaped and cut short)."""
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    key = shown(key)
    return f"{prefix}.{key}" if prefix else key


def describe(value: object) -> str:
    """How a wrong value is shown in a message: short, quoted, with its YAML kind."""
    if isinstance(value, dict):
        return tr("a mapping")
    if isinstance(value, list):
        return tr("a list") if value else tr("an empty list")
    if value is None:
        return tr("nothing")
    if isinstance(value, str):
        return repr(shown(value, 38))
    text = str(value).lower()
    return text if len(text) <= 40 else text[:37] + "..."


def as_number(value: object) -> float | None:
    """A finite number from YAML (int, float, or a decimal text such as '772e9'); None if not
    one, or if it cannot be computed with as written (see aicost.numbers).

    Booleans are not numbers here, though Python says they are.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        try:
            number = float(value)
        except OverflowError:
            return None
    elif isinstance(value, float):
        number = value
    elif isinstance(value, str):
        return decimal_value(value)
    else:
        return None
    return number if math.isfinite(number) else None


class Fields:
    """The keys of one YAML mapping, read one by one with their types checked."""

    def __init__(self, data: object, *, path: str, where: str, line: int | None = None) -> None:
        self.path = path
        self.where = where
        self.line = line if line is not None else getattr(data, "line", None)
        if not isinstance(data, dict):
            # A whole file that is one text (not YAML at all) is not quoted back.
            got = tr("a text") if isinstance(data, str) and not where else describe(data)
            raise self.error(tr("must be a mapping of keys to values, got {got}", got=got))
        self.data: dict[str, Any] = data
        self.read: set[str] = set()

    # -- places and errors ------------------------------------------------------------------
    def line_of(self, key: str) -> int | None:
        return line_of(self.data, key) if isinstance(self.data, LineDict) else self.line

    def error(self, message: str, key: str | None = None) -> InputError:
        where = join(self.where, key) if key is not None else (self.where or None)
        line = self.line_of(key) if key is not None else self.line
        return InputError(message, path=self.path, line=line, where=where)

    # -- keys ---------------------------------------------------------------------------------
    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def raw(self, key: str) -> Any:
        self.read.add(key)
        return self.data.get(key)

    def _required(self, key: str, what: str) -> Any:
        self.read.add(key)
        if key not in self.data or self.data[key] is None:
            message = tr("needs '{key}' ({what})", key=key, what=what)
            look_alike = self._look_alike(key)
            if look_alike is not None:
                message += tr(
                    "; {key} has {characters}",
                    key=f"'{shown(look_alike)}'",
                    characters=unusual_characters(look_alike),
                )
                raise self.error(message, look_alike)
            raise self.error(message)
        return self.data[key]

    def _look_alike(self, key: str) -> str | None:
        """A key of the mapping that looks like `key` but has other characters (a Cyrillic
        'о', an invisible space): the reason `key` seems missing."""
        import difflib

        for written in self.data:
            if (
                isinstance(written, str)
                and len(written) <= 2 * len(key) + 2
                and unusual_characters(written)
                and difflib.SequenceMatcher(None, written.lower(), key).ratio() >= 0.7
            ):
                return written
        return None

    def text(self, key: str, *, required: bool = True, default: str | None = None) -> str | None:
        if not required and not self.has(key):
            self.read.add(key)
            return default
        value = self._required(key, tr("a text"))
        if not isinstance(value, str) or not value.strip():
            raise self.error(tr("must be a text, got {got}", got=describe(value)), key)
        return value.strip()

    def req_text(self, key: str) -> str:
        value = self.text(key)
        assert value is not None
        return value

    def choice(self, key: str, choices: tuple[str, ...], *, default: str | None = None) -> str:
        if default is not None and not self.has(key):
            self.read.add(key)
            return default
        value = self._required(key, tr("one of {choices}", choices=", ".join(choices)))
        if value not in choices:
            raise self.error(
                tr(
                    "must be one of {choices}, got {got}",
                    choices=", ".join(choices),
                    got=describe(value),
                )
                + (did_you_mean(str(value), choices) if isinstance(value, str) else ""),
                key,
            )
        return str(value)

    def flag(self, key: str, *, default: bool = False) -> bool:
        if not self.has(key):
            self.read.add(key)
            return default
        value = self.raw(key)
        if not isinstance(value, bool):
            raise self.error(tr("must be true or false, got {got}", got=describe(value)), key)
        return value

    def schema(self, wanted: int) -> None:
        """The file's `schema:` must be `wanted` (the version of the format this aicost reads)."""
        schema = self.number("schema", integer=True)
        if schema != wanted:
            raise self.error(
                tr(
                    "has schema {schema}; this aicost reads schema {wanted}",
                    schema=f"{schema:g}",
                    wanted=str(wanted),
                ),
                "schema",
            )

    def number(
        self,
        key: str,
        *,
        required: bool = True,
        minimum: float | None = None,
        positive: bool = False,
        integer: bool = False,
    ) -> float | None:
        if not required and not self.has(key):
            self.read.add(key)
            return None
        value = self._required(key, tr("a number"))
        number = as_number(value)
        if positive:
            rule = tr("a whole number > 0") if integer else tr("a number > 0")
        elif minimum is not None:
            least = f"{minimum:g}"
            rule = (
                tr("a whole number ≥ {least}", least=least)
                if integer
                else tr("a number ≥ {least}", least=least)
            )
        else:
            rule = tr("a whole number") if integer else tr("a number")
        if (
            number is None
            or (positive and number <= 0)
            or (minimum is not None and number < minimum)
            or (integer and not number.is_integer())
        ):
            raise self.error(tr("must be {rule}, got {got}", rule=rule, got=describe(value)), key)
        return number

    def quantity(self, key: str, dimension: str, *, required: bool = True) -> Quantity | None:
        if not required and not self.has(key):
            self.read.add(key)
            return None
        value = self._required(
            key, tr("{a_dimension} with its unit", a_dimension=article(dimension))
        )
        quantity = parse_quantity(
            value, dimension, path=self.path, line=self.line_of(key), where=join(self.where, key)
        )
        if quantity.magnitude < 0:
            raise self.error(tr("must not be negative, got {got}", got=describe(value)), key)
        return quantity

    def quantity_of(self, key: str, dimensions: tuple[str, ...]) -> Quantity:
        """A quantity of any one of `dimensions` ('a power or an energy per length')."""
        from aicost.units import DIMENSIONS, describe_dimension

        either = tr(" or ").join(article(d) for d in dimensions)
        value = self._required(key, tr("{a_dimension} with its unit", a_dimension=either))
        try:
            quantity = parse_quantity(
                value,
                dimensions[-1],
                path=self.path,
                line=self.line_of(key),
                where=join(self.where, key),
            )
        except InputError:
            quantity = None
            for dimension in dimensions[:-1]:
                try:
                    quantity = parse_quantity(value, dimension)
                    break
                except InputError:
                    continue
            if quantity is None:
                examples = "; ".join(f"{article(d)} ('{DIMENSIONS[d][1]}')" for d in dimensions)
                raise self.error(
                    tr("must be {examples} — got {got}", examples=examples, got=describe(value)),
                    key,
                ) from None
        if quantity.magnitude <= 0:
            raise self.error(tr("must be more than zero, got {got}", got=describe(value)), key)
        assert describe_dimension(quantity) in dimensions
        return quantity

    def req_quantity(self, key: str, dimension: str) -> Quantity:
        return self.quantity(key, dimension)

    def text_list(self, key: str, *, non_empty: bool = False) -> tuple[str, ...]:
        """A list of texts (a single text counts as a list of one); () when the key is absent.

        With `non_empty`, a key that is present must list at least one text.
        """
        if not self.has(key):
            self.read.add(key)
            return ()
        value = self.raw(key)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise self.error(tr("must be a list of texts, got {got}", got=describe(value)), key)
        for i, v in enumerate(value):
            if not isinstance(v, str) or not v.strip():
                raise InputError(
                    tr("must be a text, got {got}", got=describe(v)),
                    path=self.path,
                    line=line_of(value, i),
                    where=join(join(self.where, key), i),
                )
        if non_empty and not value:
            raise self.error(tr("must list at least one entry (or leave the key out)"), key)
        return tuple(v.strip() for v in value)

    def mapping(self, key: str, *, required: bool = True) -> Fields | None:
        if not required and not self.has(key):
            self.read.add(key)
            return None
        value = self._required(key, tr("a mapping"))
        return Fields(value, path=self.path, where=join(self.where, key), line=self.line_of(key))

    def entries(self, key: str) -> Iterator[tuple[str, Fields]]:
        """The sub-mappings of a mapping of mappings (id -> fields)."""
        section = self._required(key, tr("a mapping of ids to entries"))
        if not isinstance(section, dict):
            raise self.error(
                tr("must be a mapping of ids to entries, got {got}", got=describe(section)), key
            )
        for entry_id, entry in section.items():
            yield (
                entry_id,
                Fields(
                    entry,
                    path=self.path,
                    where=join(join(self.where, key), entry_id),
                    line=line_of(section, entry_id),
                ),
            )

    def done(self, also: tuple[str, ...] = ()) -> None:
        """Refuse any key that was not read: a typo would otherwise be ignored silently.

        `also` names keys that are allowed here but were not read on this path.
        """
        for key in self.data:
            if key not in self.read and key not in also:
                allowed = sorted(self.read | set(also))
                unusual = unusual_characters(key)
                message = tr(
                    "is not a known key{suggestion}; allowed here: {allowed}",
                    suggestion=did_you_mean(key, allowed),
                    allowed=", ".join(allowed),
                )
                if unusual:
                    message = tr(
                        "is not a known key: {key} has {characters}{suggestion}",
                        key=f"'{shown(key)}'",
                        characters=unusual,
                        suggestion=did_you_mean(key, allowed),
                    )
                raise self.error(message, key)

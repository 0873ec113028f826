"""Read a YAML file safely, keeping the line of every key and item for error messages.

- Safe loading only (libyaml's C parser when present): `!!python/...` tags are refused.
- Plain scalars are resolved by the YAML 1.2 core schema, not PyYAML's YAML 1.1 rules: `0365`
  is 365 (not octal 245), `1:10` is a text (not base 60 70), `27e9` is a number, `yes`/`no`/
  `on`/`off` are texts, and dates stay texts. A number too large or too small to compute with
  is kept as the text written, so that the check that reads it refuses it, quoting it as typed.
- Only regular files are read (not a FIFO, a device, a socket or a file under /proc or /sys),
  and the size limit counts the bytes actually read.
- A mapping that repeats a key is refused (PyYAML would silently keep the last one).
- Files over `MAX_BYTES`, documents that expand to more than `MAX_NODES` nodes through
  anchors and aliases ("billion laughs"), and nesting deeper than `MAX_DEPTH` are refused
  before anything is built from them.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from typing import Any

import yaml

from aicost.errors import InputError
from aicost.i18n import N_, tr
from aicost.numbers import computable

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_CHARS = 4 * MAX_BYTES  # characters of all scalars, aliases expanded

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict[str, Any]):
    """A mapping read from YAML, remembering the line of itself and of each key."""

    line: int | None = None
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int | None:
        return getattr(self, "key_lines", {}).get(key, self.line)


class LineList(list[Any]):
    """A sequence read from YAML, remembering the line of itself and of each item."""

    line: int | None = None
    item_lines: list[int]

    def line_of(self, index: int) -> int | None:
        lines = getattr(self, "item_lines", [])
        return lines[index] if index < len(lines) else self.line


def line_of(container: object, key: str | int) -> int | None:
    """The line of a key or item, if the container came from a YAML file."""
    if isinstance(container, LineDict) and isinstance(key, str):
        return container.line_of(key)
    if isinstance(container, LineList) and isinstance(key, int):
        return container.line_of(key)
    return getattr(container, "line", None)


def _key_shown(key: object, node: Any) -> str:
    """How a key that is not a text is named: as written when it was a plain scalar."""
    if isinstance(node, yaml.ScalarNode) and node.value:
        written = str(node.value)
        return tr(
            "the key {key}", key=repr(written if len(written) <= 30 else written[:27] + "...")
        )
    if isinstance(key, dict):
        return tr("a key that is a mapping")
    if isinstance(key, list):
        return tr("a key that is a list")
    return tr("the key {key}", key=repr(key))


_STR = "tag:yaml.org,2002:str"


def _text(node: Any) -> str | None:
    """A text's value, as `construct_object` gives it (this loader constructs the str tag
    as PyYAML does), without its bookkeeping: most nodes of the factor table are texts."""
    if node.tag == _STR and type(node) is yaml.ScalarNode:
        return str(node.value)
    return None


class _Loader_(_Loader):  # type: ignore[misc]
    """SafeLoader that builds LineDict/LineList and refuses duplicate keys."""

    source_path = "<input>"

    def construct_mapping(self, node: Any, deep: bool = False) -> LineDict:
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, "expected a mapping", node.start_mark
            )
        self.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = _text(key_node)
            if key is None:
                key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise InputError(
                    tr(
                        "{key} is not a text; keys are words "
                        "(quote it if it must look like a number or yes/no)",
                        key=_key_shown(key, key_node),
                    ),
                    path=self.source_path,
                    line=line,
                )
            if key in result:
                raise InputError(
                    tr(
                        "key '{key}' appears twice in the same mapping (first on line {first});"
                        " keep one",
                        key=key,
                        first=str(result.key_lines[key]),
                    ),
                    path=self.source_path,
                    line=line,
                )
            result.key_lines[key] = line
            text = _text(value_node)
            result[key] = self.construct_object(value_node, deep=deep) if text is None else text
        return result

    def construct_yaml_map(self, node: Any) -> Any:
        data = LineDict()
        yield data
        value = self.construct_mapping(node)
        data.update(value)
        data.line = value.line
        data.key_lines = value.key_lines

    def construct_yaml_seq(self, node: Any) -> Any:
        data = LineList()
        data.line = node.start_mark.line + 1
        data.item_lines = [child.start_mark.line + 1 for child in node.value]
        yield data
        data.extend(self.construct_sequence(node))

    def construct_undefined(self, node: Any) -> Any:
        raise InputError(
            tr(
                "the tag {tag} is not allowed: only plain YAML values are read (remove the tag)",
                tag=repr(node.tag),
            ),
            path=self.source_path,
            line=node.start_mark.line + 1,
        )


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution) for plain scalars.
_Loader_.yaml_implicit_resolvers = {}
_CORE = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", "<"),
)
for _tag, _pattern, _first in _CORE:
    _Loader_.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def _construct_int(loader: Any, node: Any) -> Any:
    """A core-schema integer: decimal (leading zeros are decimal), 0o octal or 0x hex; one too
    long for Python's int() (4,300 digits) stays the text written."""
    text = str(loader.construct_scalar(node))
    try:
        if text[:2] == "0o":
            return int(text[2:], 8)
        if text[:2] == "0x":
            return int(text[2:], 16)
        return int(text, 10)
    except ValueError:
        return text


def _construct_float(loader: Any, node: Any) -> Any:
    """A core-schema float; one that overflows or underflows stays the text written."""
    text = str(loader.construct_scalar(node))
    special = text.lstrip("+-").lower()
    if special == ".inf":
        return float("-inf") if text.startswith("-") else float("inf")
    if special == ".nan":
        return float("nan")
    value = computable(text)
    return text if value is None else value


def _construct_bool(loader: Any, node: Any) -> Any:
    text = str(loader.construct_scalar(node)).lower()
    if text in ("true", "false"):
        return text == "true"
    return loader.construct_undefined(node)


_Loader_.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader_.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader_.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
_Loader_.add_constructor("tag:yaml.org,2002:map", _Loader_.construct_yaml_map)
_Loader_.add_constructor("tag:yaml.org,2002:seq", _Loader_.construct_yaml_seq)
_Loader_.add_constructor(None, _Loader_.construct_undefined)
# Timestamps stay text: dates in citations are shown as written, never turned into objects.
_Loader_.add_constructor("tag:yaml.org,2002:timestamp", _Loader_.construct_yaml_str)


def _check_shape(root: Any, path: str) -> None:
    """Refuse alias bombs (in values or in characters) and deep nesting by walking the node
    graph (iteratively): an alias counts each time it is used."""
    count = chars = 0
    stack: list[tuple[Any, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise InputError(
                tr(
                    "expands to more than {most} values through anchors and aliases; "
                    "write the values out or use fewer aliases",
                    most=MAX_NODES,
                ),
                path=path,
            )
        if depth > MAX_DEPTH:
            raise InputError(
                tr("is nested deeper than {most} levels; flatten it", most=MAX_DEPTH),
                path=path,
                line=node.start_mark.line + 1,
            )
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                stack.append((key_node, depth + 1))
                stack.append((value_node, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        else:
            chars += len(node.value)
            if chars > MAX_CHARS:
                raise InputError(
                    tr(
                        "expands to more than {most} characters through anchors and aliases; "
                        "write the values out or use fewer aliases",
                        most=MAX_CHARS,
                    ),
                    path=path,
                )


# What a file is, in messages: "no such scenario file", "a scenario file needs content".
WHAT = {
    "file": (N_("file"), N_("a file")),
    "scenario file": (N_("scenario file"), N_("a scenario file")),
    "factor table": (N_("factor table"), N_("a factor table")),
    "claims file": (N_("claims file"), N_("a claims file")),
    "model catalogue": (N_("model catalogue"), N_("a model catalogue")),
}


def read_limited(path: str | os.PathLike[str], *, what: str = "file") -> bytes:
    """The bytes of a regular file, read once and at most MAX_BYTES of them, or a one-line
    InputError: a FIFO, device, socket or pseudo-file (/proc, /sys) is refused before it is
    read, and the limit counts the bytes actually read (a file that grows, a pipe)."""
    shown = str(path)
    noun, a_noun = (tr(w) for w in WHAT[what])
    not_regular = tr(
        "is not a regular file (a device, pipe or socket); give {a_what}", a_what=a_noun
    )
    too_big = tr(
        "is more than {most} bytes; {a_what} may be at most {most} bytes",
        a_what=a_noun,
        most=MAX_BYTES,
    )
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(
                tr("is a directory, not {a_what} (give a .yaml file)", a_what=a_noun), path=shown
            )
        real = os.path.realpath(path)
        if not stat.S_ISREG(info.st_mode) or real.startswith(("/proc/", "/sys/")):
            raise InputError(not_regular, path=shown)
        if info.st_size > MAX_BYTES:
            raise InputError(
                tr(
                    "is {size} bytes; {a_what} may be at most {most} bytes",
                    size=info.st_size,
                    a_what=a_noun,
                    most=MAX_BYTES,
                ),
                path=shown,
            )
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since the check above
                raise InputError(not_regular, path=shown)
            chunks, total = [], 0
            while total <= MAX_BYTES:
                chunk = os.read(fd, min(1 << 20, MAX_BYTES + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise InputError(tr("no such {what} (check the path)", what=noun), path=shown) from None
    except PermissionError:
        raise InputError(tr("cannot be read (permission denied)"), path=shown) from None
    except OSError as exc:
        raise InputError(tr("cannot be read ({reason})", reason=exc.strerror), path=shown) from None
    if total > MAX_BYTES:
        raise InputError(too_big, path=shown)
    return b"".join(chunks)


def load_yaml(path: str | os.PathLike[str], *, what: str = "file") -> Any:
    """Read one YAML document from a regular file, or raise a one-line InputError.

    `what` (a key of WHAT) names the file in messages."""
    return load_yaml_bytes(read_limited(path, what=what), str(path), what=what)


def load_yaml_bytes(raw: bytes, shown: str, *, what: str = "file") -> Any:
    """Decode UTF-8 bytes (already read) and parse them as `load_yaml` does."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            tr("is not UTF-8 text (save it as UTF-8)"), path=shown, line=line
        ) from None
    return load_yaml_text(text, shown, what=what)


# Characters YAML 1.1 readers (PyYAML) take as line breaks but editors and YAML 1.2 do not, and
# characters no YAML file may hold: refused with their line, counted in "\n" as editors do.
_BREAKS = "\x85\u2028\u2029"
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff" + _BREAKS + "]"
)


def character_name(char: str) -> str:
    """'U+043E CYRILLIC SMALL LETTER O' (or just 'U+0007' for a character without a name)."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def _refuse_characters(text: str, path: str) -> None:
    found = _FORBIDDEN.search(text)
    if found is None:
        return
    char = found.group()
    line = text.count("\n", 0, found.start()) + 1
    if char in _BREAKS:
        message = tr(
            "has {char}, which YAML readers disagree on (a line break or not); remove it,"
            " or write it as an escape in a double-quoted text",
            char=character_name(char),
        )
    else:
        message = tr(
            "has the control character {char}; remove it, or write it as an escape in a"
            " double-quoted text",
            char=character_name(char),
        )
    raise InputError(message, path=path, line=line)


def load_yaml_text(text: str, path: str = "<input>", *, what: str = "file") -> Any:
    """Parse YAML text (already decoded) as `load_yaml` does."""
    _refuse_characters(text, path)
    loader = _Loader_(text)
    loader.source_path = path
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError(
                tr("is empty: {a_what} needs content", a_what=tr(WHAT[what][1])), path=path
            )
        _check_shape(node, path)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = _problem(exc.problem or exc.context or "is not valid YAML")
        raise InputError(
            tr("is not valid YAML: {problem}", problem=problem), path=path, line=line
        ) from None
    except yaml.YAMLError as exc:
        problem = _problem(str(exc).splitlines()[0] if str(exc) else "")
        raise InputError(tr("is not valid YAML: {problem}", problem=problem), path=path) from None
    except RecursionError:
        raise InputError(
            tr("is nested too deeply (more than {most} levels)", most=MAX_DEPTH), path=path
        ) from None
    finally:
        loader.dispose()


def _problem(problem: str) -> str:
    """PyYAML's description of a syntax error, on one line and without quoting the file."""
    problem = " ".join(problem.split())
    return re.sub(r"'[^']{21,}'", "'...'", problem)[:200]

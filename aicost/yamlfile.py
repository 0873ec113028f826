"""Read a YAML file safely, keeping the line of every key and item for error messages.

- Safe loading only (libyaml's C parser when present): `!!python/...` tags are refused.
- A mapping that repeats a key is refused (PyYAML would silently keep the last one).
- Files over `MAX_BYTES`, documents that expand to more than `MAX_NODES` nodes through
  anchors and aliases ("billion laughs"), and nesting deeper than `MAX_DEPTH` are refused
  before anything is built from them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from aicost.errors import InputError
from aicost.i18n import N_, tr

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64

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


_Loader_.add_constructor("tag:yaml.org,2002:map", _Loader_.construct_yaml_map)
_Loader_.add_constructor("tag:yaml.org,2002:seq", _Loader_.construct_yaml_seq)
_Loader_.add_constructor(None, _Loader_.construct_undefined)
# Timestamps stay text: dates in citations are shown as written, never turned into objects.
_Loader_.add_constructor("tag:yaml.org,2002:timestamp", _Loader_.construct_yaml_str)


def _check_shape(root: Any, path: str) -> None:
    """Refuse alias bombs and deep nesting by walking the node graph (iteratively)."""
    count = 0
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


# What a file is, in messages: "no such scenario file", "a scenario file needs content".
WHAT = {
    "file": (N_("file"), N_("a file")),
    "scenario file": (N_("scenario file"), N_("a scenario file")),
    "factor table": (N_("factor table"), N_("a factor table")),
    "claims file": (N_("claims file"), N_("a claims file")),
    "model catalogue": (N_("model catalogue"), N_("a model catalogue")),
}


def load_yaml(path: str | os.PathLike[str], *, what: str = "file") -> Any:
    """Read one YAML document from a file, or raise a one-line InputError.

    `what` (a key of WHAT) names the file in messages."""
    shown = str(path)
    noun, a_noun = (tr(w) for w in WHAT[what])
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(
                tr("is a directory, not {a_what} (give a .yaml file)", a_what=a_noun), path=shown
            )
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                tr(
                    "is {size} bytes; {a_what} may be at most {most} bytes",
                    size=size,
                    a_what=a_noun,
                    most=MAX_BYTES,
                ),
                path=shown,
            )
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError(tr("no such {what} (check the path)", what=noun), path=shown) from None
    except PermissionError:
        raise InputError(tr("cannot be read (permission denied)"), path=shown) from None
    except OSError as exc:
        raise InputError(tr("cannot be read ({reason})", reason=exc.strerror), path=shown) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            tr("is not UTF-8 text (save it as UTF-8)"), path=shown, line=line
        ) from None
    return load_yaml_text(text, shown, what=what)


def load_yaml_text(text: str, path: str = "<input>", *, what: str = "file") -> Any:
    """Parse YAML text (already decoded) as `load_yaml` does."""
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
        problem = exc.problem or exc.context or "is not valid YAML"
        raise InputError(
            tr("is not valid YAML: {problem}", problem=problem), path=path, line=line
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(tr("is not valid YAML: {problem}", problem=str(exc)), path=path) from None
    except RecursionError:
        raise InputError(
            tr("is nested too deeply (more than {most} levels)", most=MAX_DEPTH), path=path
        ) from None
    finally:
        loader.dispose()

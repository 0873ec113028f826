"""Read a YAML file safely, keeping the line of every key and item for error messages.

- Safe loading only (libyaml's C parser when present): `!!python/...` tags are refused.
- A mapping that repeats a key is refused (PyYAML would silently keep the last one).
- Files over `MAX_BYTES`, documents that expand to more than `MAX_NODES` nodes through
  anchors and aliases ("billion laughs"), and nesting deeper than `MAX_DEPTH` are refused
  before anything is built from them.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from aicost.errors import InputError

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
        return "the key " + repr(written if len(written) <= 30 else written[:27] + "...")
    if isinstance(key, dict):
        return "a key that is a mapping"
    if isinstance(key, list):
        return "a key that is a list"
    return f"the key {key!r}"


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
                    f"{_key_shown(key, key_node)} is not a text; keys are words "
                    "(quote it if it must look like a number or yes/no)",
                    path=self.source_path,
                    line=line,
                )
            if key in result:
                raise InputError(
                    f"key '{key}' appears twice in the same mapping (first on line "
                    f"{result.key_lines[key]}); keep one",
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
            f"the tag {node.tag!r} is not allowed: only plain YAML values are read "
            "(remove the tag)",
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
                f"expands to more than {MAX_NODES:,} values through anchors and aliases; "
                "write the values out or use fewer aliases",
                path=path,
            )
        if depth > MAX_DEPTH:
            raise InputError(
                f"is nested deeper than {MAX_DEPTH} levels; flatten it",
                path=path,
                line=node.start_mark.line + 1,
            )
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                stack.append((key_node, depth + 1))
                stack.append((value_node, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a file is read into many objects that all
    stay alive: a full collection meanwhile would walk every object of the process (pint,
    numpy, typer...) and free nothing; that costs the factor table a third of its load time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_yaml(path: str | os.PathLike[str], *, what: str = "file") -> Any:
    """Read one YAML document from a file, or raise a one-line InputError."""
    shown = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"is a directory, not a {what} (give a .yaml file)", path=shown)
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"is {size:,} bytes; a {what} may be at most {MAX_BYTES:,} bytes", path=shown
            )
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such {what} (check the path)", path=shown) from None
    except PermissionError:
        raise InputError("cannot be read (permission denied)", path=shown) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path=shown) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("is not UTF-8 text (save it as UTF-8)", path=shown, line=line) from None
    return load_yaml_text(text, shown, what=what)


def load_yaml_text(text: str, path: str = "<input>", *, what: str = "file") -> Any:
    """Parse YAML text (already decoded) as `load_yaml` does."""
    loader = _Loader_(text)
    loader.source_path = path
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError(f"is empty: a {what} needs content", path=path)
        _check_shape(node, path)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "is not valid YAML"
        raise InputError(f"is not valid YAML: {problem}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"is not valid YAML: {exc}", path=path) from None
    except RecursionError:
        raise InputError(
            f"is nested too deeply (more than {MAX_DEPTH} levels)", path=path
        ) from None
    finally:
        loader.dispose()

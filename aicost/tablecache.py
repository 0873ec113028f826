"""Compact JSON caches of checked data tables (the factor table; the model catalogue's cache
uses the same fingerprint), written at build time and read instead of the YAML at run time.

A cache holds the fingerprint of the YAML file it was made from; the YAML is read and checked
in full whenever that fingerprint differs (an edited file is never shadowed by a stale cache),
when the cache was written for other record fields (another version of aicost), or when the
cache is missing or unreadable. A table given by the user (`--factors FILE`) is always read
and checked in full: only the packaged file has a cache.

The factor table is frozen dataclasses holding texts, numbers, tuples, dicts and
quantities; `encode` writes them as JSON (a record as `{"__c": class name, field: value...}`,
a tuple as `{"__t": [...]}`, a quantity as `{"__q": [magnitude, units code]}`) and `decode` builds
them back without running any check again. tests/test_tablecache.py checks that the committed
cache reads back exactly what a full load gives.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

CACHE_FORMAT = 2  # 2: a quantity's units as aicost.quantity's code, not pint's text


def fingerprint(raw: bytes) -> str:
    """What tells one YAML file from another: its size and CRC-32. Not a cryptographic
    hash (hashlib's import alone costs ~2 ms): it only has to notice that a file was edited
    since its cache was written."""
    import zlib

    return f"{len(raw)}:{zlib.crc32(raw):08x}"


def _shape(classes: dict[str, type]) -> dict[str, list[str]]:
    """The field names of every record class, as a cache must have been written with."""
    return {name: [f.name for f in fields(cls)] for name, cls in classes.items()}


def encode(value: Any) -> Any:
    """`value` as plain JSON data (see the module's docstring)."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, tuple):
        return {"__t": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        record = {"__c": type(value).__name__}
        record.update({f.name: encode(getattr(value, f.name)) for f in fields(value)})
        return record
    from aicost.quantity import Quantity

    if isinstance(value, Quantity) and isinstance(value.magnitude, int | float):
        return {"__q": [value.magnitude, value.units.code]}
    raise TypeError(f"cannot cache a {type(value).__name__}: {value!r}")


def dumps(value: Any, source: bytes, classes: dict[str, type]) -> str:
    """The cache text of `value`, read and checked from the YAML bytes `source`."""
    import json

    head = {"format": CACHE_FORMAT, "fingerprint": fingerprint(source), "fields": _shape(classes)}
    data = json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))
    return json.dumps(head, ensure_ascii=False)[:-1] + ', "data":\n' + data + "}\n"


def loads(text: str, source: bytes, classes: dict[str, type]) -> Any | None:
    """The value of a cache text, or None when it does not belong to the YAML bytes `source`
    (edited since) or to these record classes (another version of aicost)."""
    import json

    from aicost.quantity import Quantity, Units

    new = object.__new__
    units_of = Units.of

    def hook(obj: dict[str, Any]) -> Any:
        if "__c" in obj:
            record: Any = new(classes[obj.pop("__c")])
            record.__dict__.update(obj)  # checked when the cache was written: no __init__
            return record
        if "__q" in obj:
            magnitude, code = obj["__q"]
            return Quantity(magnitude, units_of(code))
        if "__t" in obj:
            return tuple(obj["__t"])
        return obj

    head_text, _, rest = text.partition("\n")
    try:
        head = json.loads(head_text.removesuffix(', "data":') + "}")
    except ValueError:
        return None
    if (
        head.get("format") != CACHE_FORMAT
        or head.get("fingerprint") != fingerprint(source)
        or head.get("fields") != _shape(classes)
    ):
        return None
    return json.loads(rest[:-2], object_hook=hook)


def write_factors_cache() -> str:
    """Read and check the packaged factor table in full, and write its cache next to this
    module (`python -m aicost.tablecache`, at build time). Returns the path written."""
    from pathlib import Path

    from aicost import factors

    real = factors.default_factors_path()
    table = factors.parse_file(str(real), factors.PACKAGED)
    text = dumps(table, Path(real).read_bytes(), factors.record_classes())
    factors.CACHE_PATH.write_text(text, encoding="utf-8")
    return str(factors.CACHE_PATH)


if __name__ == "__main__":
    print(write_factors_cache())

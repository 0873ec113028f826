"""The factor table's cache (aicost/factors.cache.json): it reads back exactly what a full
read and check of factors.yaml gives, it is never used for a file it was not made from, and a
table given with --factors is always checked in full."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from aicost import factors, tablecache
from aicost.units import Q

ROOT = Path(__file__).resolve().parent.parent


def _text(table: factors.FactorTable) -> str:
    """Everything a table holds, each quantity as its magnitude and unit exactly (quantities
    compare equal across units: 1 Wh == 3600 J, so == on tables would not be enough)."""
    return json.dumps(tablecache.encode(table), ensure_ascii=False, sort_keys=True)


def test_the_committed_cache_reads_back_exactly_the_full_load() -> None:
    real = str(factors.default_factors_path())
    cached = factors._cached(real)
    assert cached is not None, "stale cache: run `python -m aicost.tablecache` and commit it"
    full = factors.parse_file(real, factors.PACKAGED)
    assert _text(cached) == _text(full)
    assert cached == full
    task = next(iter(cached.tasks.values()))
    assert type(task.energy) is type(Q(1.0, "Wh"))  # pint quantities, of the one registry


def test_a_cache_is_not_used_for_a_file_it_was_not_made_from() -> None:
    raw = factors.default_factors_path().read_bytes()
    text = factors.CACHE_PATH.read_text(encoding="utf-8")
    classes = factors.record_classes()
    assert tablecache.loads(text, raw, classes) is not None
    edited = raw.replace(b"schema: 1", b"schema: 1 ", 1)
    assert edited != raw
    assert tablecache.loads(text, edited, classes) is None  # one byte more: stale
    assert tablecache.loads(text, raw[:-1] + b"#", classes) is None  # same size, other bytes


def test_a_cache_written_for_other_record_fields_is_not_used() -> None:
    raw = factors.default_factors_path().read_bytes()
    text = factors.CACHE_PATH.read_text(encoding="utf-8")
    head, _, rest = text.partition("\n")
    other = head.replace('"Task": ["id",', '"Task": ["identifier",', 1)
    assert other != head
    assert tablecache.loads(other + "\n" + rest, raw, factors.record_classes()) is None
    assert tablecache.loads("not json\n{}", raw, factors.record_classes()) is None


def test_a_table_given_with_factors_is_checked_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "factors.yaml"
    shutil.copy(factors.default_factors_path(), copy)

    def no_cache(real: str) -> None:
        raise AssertionError("the cache was used for a --factors file")

    monkeypatch.setattr(factors, "_cached", no_cache)
    table = factors.load_factors(copy)
    assert table.path == str(copy)
    assert len(table.tasks) > 0


def test_the_packaged_table_falls_back_to_a_full_load_without_its_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(factors, "CACHE_PATH", tmp_path / "missing.json")
    assert factors._cached(str(factors.default_factors_path())) is None
    factors._load.cache_clear()
    try:
        table = factors.load_factors()
        assert table.path == factors.PACKAGED
    finally:
        factors._load.cache_clear()

"""write_atomic: the whole text or nothing, and never a stray temporary file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aicost.errors import InputError
from aicost.output import write_atomic


def test_writes_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_atomic(target, "é\n{}\n")
    assert target.read_bytes() == "é\n{}\n".encode()
    assert os.listdir(tmp_path) == ["out.json"]


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_failure_keeps_the_old_file_and_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(InputError) as info:
        write_atomic(target, "new")
    assert str(info.value) == f"{target}: cannot be written (No space left on device)"
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_interrupted_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "out.txt", "text")
    assert os.listdir(tmp_path) == []


def test_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "nope" / "out.txt"
    with pytest.raises(InputError) as info:
        write_atomic(target, "x")
    assert str(info.value) == (
        f"{target}: cannot be written: the folder {str(target.parent)!r} does not exist"
    )


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        write_atomic(tmp_path, "x")
    assert str(info.value) == f"{tmp_path}: is a directory; give a file name to write to"
    assert os.listdir(tmp_path) == []

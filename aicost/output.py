"""Writing result files so that a reader never sees half of one, and nothing is destroyed.

`write_atomic` writes to a temporary file in the target's own directory (so the final rename
stays on one file system), flushes it to disk, then replaces the target with `os.replace`.
On any failure (a signal included) the temporary file is removed and the target is left as it
was. It refuses to write over one of the command's input files (the same file by device and
inode, whatever the name), over a read-only file, or into a directory; a device or a pipe
(`/dev/stdout`, `/dev/null`) is written through, never replaced by a regular file. A new file
gets the mode the umask gives; a file replaced keeps its mode.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from aicost.errors import InputError
from aicost.i18n import tr

NAME_MAX = 255  # bytes of one file name on common file systems


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _same_file(a: os.stat_result, path: str | os.PathLike[str]) -> bool:
    try:
        b = os.stat(path)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _cannot(path: str | os.PathLike[str], exc: OSError) -> InputError:
    return InputError(tr("cannot be written ({reason})", reason=exc.strerror), path=str(path))


def _write_through(path: str | os.PathLike[str], data: bytes) -> None:
    """Write to a device or a pipe as it is (it cannot be replaced, nor should it be)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise _cannot(path, exc) from None
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise _cannot(path, exc) from None
    finally:
        os.close(fd)


def write_atomic(
    path: str | os.PathLike[str],
    text: str | bytes,
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Write `text` (UTF-8) or bytes to `path` all at once, or raise an InputError and leave
    no trace. `inputs` are the files the result was computed from: never written over."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    shown = str(path)
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _cannot(path, exc) from None
    mode = _umask_mode()
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise InputError(tr("is a directory; give a file name to write to"), path=shown)
        if any(_same_file(info, p) for p in inputs):
            raise InputError(
                tr("is one of the input files; write the result to another file"), path=shown
            )
        if not stat.S_ISREG(info.st_mode):
            _write_through(path, data)
            return
        if not info.st_mode & 0o222:
            raise InputError(
                tr("is read-only; make it writable or write to another file"), path=shown
            )
        mode = stat.S_IMODE(info.st_mode)
    target = Path(os.path.realpath(path))  # through a symbolic link: the link stays
    directory = target.parent
    prefix = f".{target.name}."
    if len(os.fsencode(prefix)) + 12 > NAME_MAX:
        prefix = ".aicost."
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)
    except FileNotFoundError:
        raise InputError(
            tr(
                "cannot be written: the folder {folder} does not exist",
                folder=repr(str(Path(path).parent)),
            ),
            path=shown,
        ) from None
    except OSError as exc:
        raise _cannot(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):  # a file rewritten keeps its permissions
            os.chmod(tmp_name, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise _cannot(path, exc) from None
        raise

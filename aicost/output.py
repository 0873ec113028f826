"""Writing result files so that a reader never sees half of one.

`write_atomic` writes to a temporary file in the target's own directory (so the final rename
stays on one file system), flushes it to disk, then replaces the target with `os.replace`.
On any failure the temporary file is removed and the target is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from aicost.errors import InputError
from aicost.i18n import tr


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write `text` (UTF-8) to `path` all at once, or raise an InputError and leave no trace."""
    target = Path(path)
    directory = target.parent
    if target.is_dir():
        raise InputError(tr("is a directory; give a file name to write to"), path=str(path))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except FileNotFoundError:
        raise InputError(
            tr(
                "cannot be written: the folder {folder} does not exist", folder=repr(str(directory))
            ),
            path=str(path),
        ) from None
    except OSError as exc:
        raise InputError(
            tr("cannot be written ({reason})", reason=exc.strerror), path=str(path)
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):  # a file rewritten keeps its permissions
            os.chmod(tmp_name, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise InputError(
                tr("cannot be written ({reason})", reason=exc.strerror), path=str(path)
            ) from None
        raise

"""Writing a file so that it is either complete or absent, even if the power fails.

Export files go onto USB sticks that get pulled out: the data goes to a temporary file in the
same directory, is flushed to disk, then renamed over the final name (atomic on one file
system), and the directory entry is flushed too.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

T = TypeVar("T")


def write_atomically(path: Path, write: Callable[[BinaryIO], T]) -> T:
    """Call `write` on a temporary file, then put it in place as `path`; return its result."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            result = write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _sync_directory(path.parent)
    return result


def _sync_directory(directory: Path) -> None:
    """Flush the rename itself; not possible (nor needed) on every platform."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (FAT on USB sticks via FUSE) refuse fsync on directories
    finally:
        os.close(fd)

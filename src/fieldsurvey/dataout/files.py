"""Output files: checked before any work, written to temporary files, put in place together.

An export writes up to three files (data, paradata, codebook). Each is written next to its
final name and renamed only when all of them are complete, so a failure (disk full, a value
a format cannot hold) leaves no file changed and no partial file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


class DataOutError(Exception):
    """An export or report that cannot be made, with the reason; nothing was written."""


def check_output(path: Path, *, force: bool) -> None:
    """Refuse a missing or read-only folder, a folder as the output, and an existing file
    unless `force`."""
    folder = path.parent
    if not folder.is_dir():
        raise DataOutError(f"{path}: the folder {folder} does not exist")
    if path.is_dir():
        raise DataOutError(f"{path}: is a folder; give a file name")
    if path.exists() and not force:
        raise DataOutError(f"{path}: already exists; use --force to replace it")
    try:  # a real file, not os.access: root passes access checks on read-only folders
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DataOutError(f"{path}: the folder {folder} cannot be written ({reason})") from exc


class Outputs:
    """Temporary files for the final paths given to `path()`, committed all at once."""

    def __init__(self) -> None:
        self._pending: dict[Path, Path] = {}

    def path(self, final: Path) -> Path:
        """A new temporary file in `final`'s folder to write `final`'s content to."""
        fd, temp = tempfile.mkstemp(
            prefix=f".{final.name}.", suffix=f".tmp{final.suffix}", dir=final.parent
        )
        os.close(fd)
        self._pending[final] = Path(temp)
        return Path(temp)

    def commit(self) -> list[Path]:
        for temp in self._pending.values():
            _fsync(temp)
        for final, temp in self._pending.items():
            os.replace(temp, final)
        done = list(self._pending)
        self._pending.clear()
        return done

    def discard(self) -> None:
        for temp in self._pending.values():
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        self._pending.clear()


@contextlib.contextmanager
def outputs() -> Iterator[Outputs]:
    """Outputs whose temporary files are removed unless committed."""
    files = Outputs()
    try:
        yield files
    finally:
        files.discard()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def companion(path: Path, name: str, suffix: str | None = None) -> Path:
    """`data.csv` -> `data.paradata.csv` (or another suffix)."""
    return path.with_name(f"{path.stem}.{name}{suffix if suffix is not None else path.suffix}")

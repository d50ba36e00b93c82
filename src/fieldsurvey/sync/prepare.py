"""Reading one export file up to a verified `ExportFile`: everything that needs no database.

The file is read (refusing one over the size cap first), decrypted, and verified by reader.py,
unless the sha256 of its zip shows it was merged before. Everything here is plain data, so
the helper process (helper.py) can do it and send the result back.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyrage

from fieldsurvey.safetext import terminal_text
from fieldsurvey.sync.archive import Limits
from fieldsurvey.sync.errors import Reason, RejectedFile
from fieldsurvey.sync.reader import ExportFile, read_export, unwrap


@dataclass(frozen=True)
class Prepared:
    """A file read and verified, or found merged before (`export` None), or rejected."""

    sha256: str = ""
    export: ExportFile | None = None
    rejected: RejectedFile | None = None


@dataclass(frozen=True)
class Reading:
    """What reading a file takes; plain data, so it can be sent to the helper process."""

    identities: tuple[str, ...]
    """The supervisor's age secret keys, as text (they go to the helper through a pipe)."""
    limits: Limits
    known: Collection[str]
    """sha256 of the files merged before."""
    installed: Mapping[str, str] = field(default_factory=dict)
    """hash -> source of each questionnaire version installed here."""

    @classmethod
    def of(
        cls,
        identities: Sequence[pyrage.x25519.Identity],
        limits: Limits,
        known: Collection[str],
        installed: Mapping[str, str],
    ) -> Reading:
        return cls(tuple(str(identity) for identity in identities), limits, known, installed)

    def age_identities(self) -> list[pyrage.x25519.Identity]:
        return [pyrage.x25519.Identity.from_str(text) for text in self.identities]


def prepare(path: Path, reading: Reading) -> Prepared:
    """Read, decrypt and verify `path` (skipped if merged before); never raises.

    Anything that goes wrong while reading one file, even an error no check foresaw, is that
    file's rejection: the merge goes on with the next file.
    """
    try:
        data = unwrap(read_capped(path, reading.limits), reading.age_identities(), reading.limits)
        sha256 = hashlib.sha256(data).hexdigest()
        if sha256 in reading.known:
            return Prepared(sha256)
        return Prepared(sha256, read_export(data, reading.limits, sha256, reading.installed))
    except RejectedFile as exc:
        return Prepared(rejected=exc)
    except Exception as exc:  # a file must never crash the merge (RecursionError included)
        detail = terminal_text(f"{type(exc).__name__}: {exc}")[:200]
        return Prepared(rejected=RejectedFile(Reason.UNEXPECTED, detail=detail))


def read_capped(path: Path, limits: Limits) -> bytes:
    """The file's bytes, refusing one over the size cap before reading it.

    Opened non-blocking and checked to be a regular file: a FIFO or a device named by mistake
    would otherwise block or never end.
    """
    cap = limits.max_file_bytes
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise RejectedFile(Reason.UNREADABLE, detail="not a regular file")
            if info.st_size > cap:
                raise RejectedFile(Reason.TOO_LARGE, size=info.st_size, limit=cap)
            data = handle.read(cap + 1)
    except OSError as exc:
        raise RejectedFile(Reason.UNREADABLE, detail=exc.strerror or exc) from None
    if len(data) > cap:  # it grew while we read
        raise RejectedFile(Reason.TOO_LARGE, size=len(data), limit=cap)
    return data

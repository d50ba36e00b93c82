"""Merging export files into the store: each file whole, in one transaction, or not at all.

Everything is checked before the first write (reader.py for the file itself; here the device
key and the questionnaire versions, which need the store), so a rejected file leaves the
database exactly as it was. A file merged before is recognised by the sha256 of its zip and
skipped without being parsed. Sequence numbers per device reveal export files never merged.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyrage
import sqlite_utils

from fieldsurvey.store.db import utc_now, write_transaction
from fieldsurvey.sync.apply import Tally, apply_records
from fieldsurvey.sync.archive import DEFAULT_LIMITS, Limits
from fieldsurvey.sync.errors import Reason, RejectedFile
from fieldsurvey.sync.keys import check_device_key, remember_device
from fieldsurvey.sync.reader import ExportFile, read_export, unwrap
from fieldsurvey.sync.results import FileResult, Gap, MergeReport
from fieldsurvey.sync.versions import install_versions, versions_to_install

ProgressCallback = Callable[[int, int], None]
"""Called as `on_progress(done, total)` after each file."""

Identities = Sequence[pyrage.x25519.Identity]


@dataclass(frozen=True)
class _Prepared:
    """A file read and verified, or found merged before (`export` None), or rejected."""

    sha256: str = ""
    export: ExportFile | None = None
    rejected: RejectedFile | None = None


def merge_files(
    db: sqlite_utils.Database,
    paths: Sequence[Path],
    *,
    identities: Identities = (),
    limits: Limits = DEFAULT_LIMITS,
    on_progress: ProgressCallback | None = None,
) -> MergeReport:
    """Merge each file on its own (one bad file never blocks the others), then report gaps."""
    known = _merged_before(db)
    results: list[FileResult] = []
    for done, path in enumerate(paths, 1):
        prepared = _prepare(path, identities=identities, limits=limits, known=known)
        results.append(_commit(db, path, prepared))
        if on_progress is not None:
            on_progress(done, len(paths))
    return MergeReport(files=results, gaps=sequence_gaps(db))


def merge_file(
    db: sqlite_utils.Database,
    path: Path,
    *,
    identities: Identities = (),
    limits: Limits = DEFAULT_LIMITS,
) -> FileResult:
    """Merge one file: merged with its counts, or rejected with the reason and no change."""
    prepared = _prepare(path, identities=identities, limits=limits, known=_merged_before(db))
    return _commit(db, path, prepared)


def _merged_before(db: sqlite_utils.Database) -> set[str]:
    return {row[0] for row in db.execute("SELECT file_sha256 FROM imports")}


def _prepare(
    path: Path, *, identities: Identities, limits: Limits, known: Collection[str]
) -> _Prepared:
    """Everything that needs no database: read, decrypt, verify (skipped if merged before)."""
    try:
        data = unwrap(_read(path, limits), list(identities), limits)
        sha256 = hashlib.sha256(data).hexdigest()
        return _Prepared(sha256, None if sha256 in known else read_export(data, limits))
    except RejectedFile as exc:
        return _Prepared(rejected=exc)


def _read(path: Path, limits: Limits) -> bytes:
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


def _commit(db: sqlite_utils.Database, path: Path, prepared: _Prepared) -> FileResult:
    if prepared.rejected is not None:
        return FileResult.rejected(str(path), prepared.rejected)
    earlier = db.execute(
        "SELECT added + present + updated + conflicts FROM imports WHERE file_sha256 = ?",
        [prepared.sha256],
    ).fetchone()
    if earlier is not None or prepared.export is None:  # the same file twice in one run
        present = earlier[0] if earlier else 0
        return FileResult(path=str(path), status="merged", present=present, already_merged=True)
    try:
        tally = _store(db, prepared.export, path)
    except RejectedFile as exc:
        return FileResult.rejected(str(path), exc)
    return FileResult(path=str(path), status="merged", **vars(tally))


def _store(db: sqlite_utils.Database, export: ExportFile, path: Path) -> Tally:
    """Check what needs the store, then write everything in one transaction."""
    manifest = export.manifest
    try:
        with write_transaction(db):
            new_device = check_device_key(db, manifest.device_id, manifest.device_public_key)
            versions = versions_to_install(db, export)
            install_versions(db, versions)
            if new_device:
                remember_device(db, manifest.device_id, manifest.device_public_key)
            tally = apply_records(db, export)
            db.execute(
                "INSERT INTO imports (file_sha256, device_id, export_seq, imported_at, path, "
                "added, present, updated, conflicts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [export.sha256, manifest.device_id, manifest.export_seq, utc_now(), str(path),
                 tally.added, tally.present, tally.updated, tally.conflicts],
            )  # fmt: skip
    except sqlite3.IntegrityError as exc:  # defence in depth: reader.py should catch it first
        raise RejectedFile(Reason.STORE_FAILED, detail=exc) from None
    return tally


def sequence_gaps(db: sqlite_utils.Database) -> list[Gap]:
    """Per device, the export sequence numbers below its highest one never merged here."""
    seen: dict[str, set[int]] = {}
    for device, seq in db.execute("SELECT device_id, export_seq FROM imports"):
        seen.setdefault(device, set()).add(seq)
    gaps = [
        Gap(device=device, missing=sorted(set(range(1, max(seqs))) - seqs))
        for device, seqs in sorted(seen.items())
    ]
    return [gap for gap in gaps if gap.missing]

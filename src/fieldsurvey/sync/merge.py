"""Merging export files into the store: each file whole, in one transaction, or not at all.

Everything is checked before the first write (reader.py for the file itself; here the device
key and the questionnaire versions, which need the store), so a rejected file leaves the
database exactly as it was. A file merged before is recognised by the sha256 of its zip and
skipped without being parsed. Sequence numbers per device reveal export files never merged.
With many files, a helper process reads and verifies the next files while this one stores the
current one (helper.py).

Commits keep the store's `synchronous = FULL`: a file reported merged survives a power cut.
NORMAL would skip the WAL flush at each commit, and a power cut could then lose the files
merged since the last checkpoint (dozens of them: nothing corrupt, and re-merging them is
harmless, but the supervisor was told they were in). Measured over the 200-file benchmark it
saved 0.1-0.4 s of the 0.9-1.4 s the commits took, a few percent of the merge: not worth it.
The checkpoints' flushes, which NORMAL keeps, cost as much; those are made ten times rarer
while merging instead (CHECKPOINT_PAGES).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pyrage
import sqlite_utils

from fieldsurvey.store.db import describe_write_error, utc_now, write_transaction
from fieldsurvey.store.trust import installed_sources
from fieldsurvey.sync.apply import Tally, apply_records
from fieldsurvey.sync.archive import DEFAULT_LIMITS, Limits
from fieldsurvey.sync.errors import Reason, RejectedFile
from fieldsurvey.sync.helper import prepared_files
from fieldsurvey.sync.keys import check_device_key, remember_device
from fieldsurvey.sync.prepare import Prepared, Reading, prepare
from fieldsurvey.sync.reader import ExportFile
from fieldsurvey.sync.results import FileResult, Gap, MergeReport
from fieldsurvey.sync.versions import install_versions, versions_to_install

ProgressCallback = Callable[[int, int], None]
"""Called as `on_progress(done, total)` after each file."""

Identities = Sequence[pyrage.x25519.Identity]

CHECKPOINT_PAGES = 10_000
"""WAL pages between checkpoints while merging (SQLite's default is 1,000; 40 MB of WAL at
most). Each checkpoint flushes the WAL and the database to disk: a tenth as many took a
quarter off the commits over 200 files (1.2-1.5 s to 0.9-1.1 s). The last checkpoint is made
before merge returns, so the next write anywhere does not pay for it."""


def merge_files(
    db: sqlite_utils.Database,
    paths: Sequence[Path],
    *,
    identities: Identities = (),
    limits: Limits = DEFAULT_LIMITS,
    on_progress: ProgressCallback | None = None,
) -> MergeReport:
    """Merge each file on its own (one bad file never blocks the others), then report gaps.

    A file that cannot be stored (full disk, I/O error) is reported as rejected like any
    other, and the files before it stay merged: the report is always complete.
    """
    reading = Reading.of(identities, limits, _merged_before(db), installed_sources(db))
    results: list[FileResult] = []
    with _checkpoints_every(db, CHECKPOINT_PAGES):
        for done, (path, prepared) in enumerate(prepared_files(paths, reading), 1):
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
    reading = Reading.of(identities, limits, _merged_before(db), installed_sources(db))
    return _commit(db, path, prepare(path, reading))


@contextlib.contextmanager
def _checkpoints_every(db: sqlite_utils.Database, pages: int) -> Iterator[None]:
    """Checkpoint the WAL less often while merging, and once at the end."""
    before = db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    if 0 < before < pages:
        db.execute(f"PRAGMA wal_autocheckpoint = {pages}")
    try:
        yield
    finally:  # files merged are committed: a failing checkpoint must not hide their report
        with contextlib.suppress(sqlite3.Error):
            db.execute(f"PRAGMA wal_autocheckpoint = {before}")
            if before and not db.conn.in_transaction:
                db.execute("PRAGMA wal_checkpoint(PASSIVE)")


def _merged_before(db: sqlite_utils.Database) -> set[str]:
    return {row[0] for row in db.execute("SELECT file_sha256 FROM imports")}


def _commit(db: sqlite_utils.Database, path: Path, prepared: Prepared) -> FileResult:
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
    except sqlite3.Error as exc:  # a full disk, an I/O error: this file only, rolled back
        failure = RejectedFile(Reason.STORE_FAILED, detail=describe_write_error(exc)[1])
        return FileResult.rejected(str(path), failure)
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
    """Per device, the runs of export sequence numbers below its highest one never merged."""
    seen: dict[str, list[int]] = {}
    for device, seq in db.execute("SELECT DISTINCT device_id, export_seq FROM imports"):
        seen.setdefault(device, []).append(seq)
    gaps: list[Gap] = []
    for device, seqs in sorted(seen.items()):
        runs, expected = [], 1
        for seq in sorted(seqs):
            if seq > expected:
                runs.append((expected, seq - 1))
            expected = seq + 1
        if runs:
            gaps.append(Gap.of(device, runs))
    return gaps

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
while merging instead (the store's `bulk_writes`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pyrage

from fieldsurvey.store.errors import IntegrityFailure, StoreError
from fieldsurvey.store.interface import Imports
from fieldsurvey.store.records import ImportRow, utc_now
from fieldsurvey.sync.apply import Tally, apply_records
from fieldsurvey.sync.archive import DEFAULT_LIMITS, Limits
from fieldsurvey.sync.errors import Reason, RejectedFile
from fieldsurvey.sync.helper import prepared_files
from fieldsurvey.sync.prepare import Prepared, Reading, prepare
from fieldsurvey.sync.reader import ExportFile
from fieldsurvey.sync.results import FileResult, Gap, MergeReport
from fieldsurvey.sync.review_merge import ReviewCounts, apply_reviews
from fieldsurvey.sync.trust import Trust, admit, learn
from fieldsurvey.sync.versions import install_versions, versions_to_install

ProgressCallback = Callable[[int, int], None]
"""Called as `on_progress(done, total)` after each file."""

Identities = Sequence[pyrage.x25519.Identity]


def merge_files(
    store: Imports,
    paths: Sequence[Path],
    *,
    identities: Identities = (),
    limits: Limits = DEFAULT_LIMITS,
    on_progress: ProgressCallback | None = None,
    enrolled_only: bool = False,
) -> MergeReport:
    """Merge each file on its own (one bad file never blocks the others), then report gaps.

    A file that cannot be stored (full disk, I/O error) is reported as rejected like any
    other, and the files before it stay merged: the report is always complete.
    """
    reading = Reading.of(identities, limits, store.merged_files(), store.installed_sources())
    results: list[FileResult] = []
    with store.bulk_writes():
        for done, (path, prepared) in enumerate(prepared_files(paths, reading), 1):
            results.append(_commit(store, path, prepared, enrolled_only))
            if on_progress is not None:
                on_progress(done, len(paths))
    return MergeReport(files=results, gaps=sequence_gaps(store))


def merge_file(
    store: Imports,
    path: Path,
    *,
    identities: Identities = (),
    limits: Limits = DEFAULT_LIMITS,
    enrolled_only: bool = False,
) -> FileResult:
    """Merge one file: merged with its counts, or rejected with the reason and no change."""
    reading = Reading.of(identities, limits, store.merged_files(), store.installed_sources())
    return _commit(store, path, prepare(path, reading), enrolled_only)


def _commit(store: Imports, path: Path, prepared: Prepared, enrolled_only: bool) -> FileResult:
    if prepared.rejected is not None:
        return FileResult.rejected(str(path), prepared.rejected)
    earlier = store.merged_count(prepared.sha256)
    if earlier is not None or prepared.export is None:  # the same file twice in one run
        present = earlier or 0
        return FileResult(path=str(path), status="merged", present=present, already_merged=True)
    try:
        tally, reviews = _store(store, prepared.export, path, enrolled_only)
    except RejectedFile as exc:
        return FileResult.rejected(str(path), exc)
    except StoreError as exc:  # a full disk, an I/O error: this file only, rolled back
        failure = RejectedFile(Reason.STORE_FAILED, detail=exc.message)
        return FileResult.rejected(str(path), failure)
    if tally is None:  # another supervisor merged the same file meanwhile
        present = store.merged_count(prepared.sha256) or 0
        return FileResult(path=str(path), status="merged", present=present, already_merged=True)
    return FileResult(path=str(path), status="merged", reviews=reviews, **vars(tally))


def _store(
    store: Imports, export: ExportFile, path: Path, enrolled_only: bool
) -> tuple[Tally | None, ReviewCounts | None]:
    """Check what needs the store (the signer's trust, the questionnaire versions), then
    write everything in one transaction; no tally when the file is found merged once the unit
    holds the write lock (several supervisors merging into one database at once)."""
    manifest = export.manifest
    try:
        with store.unit_of_work():
            if store.merged_count(export.sha256) is not None:
                return None, None
            signer = admit(store, manifest, export.sha256, enrolled_only=enrolled_only)
            versions = versions_to_install(store, export)
            install_versions(store, versions)
            if signer.trust is None:
                learn(store, manifest, str(path))
            tally = apply_records(store, export, signer)
            reviews = apply_reviews(store, export, trusted=signer.trust is Trust.TRUSTED)
            store.record_import(
                ImportRow(export.sha256, manifest.device_id, manifest.export_seq, utc_now(),
                          str(path), tally.added, tally.present, tally.updated, tally.conflicts,
                          manifest.device_public_key, manifest.covers_from)
            )  # fmt: skip
    except IntegrityFailure as exc:  # defence in depth: reader.py should catch it first
        raise RejectedFile(Reason.STORE_FAILED, detail=exc) from None
    return tally, reviews


def sequence_gaps(store: Imports) -> list[Gap]:
    """Per device, the runs of export sequence numbers below its highest one that no merged
    file covers (an `--all` file covers the numbers before its own)."""
    seen: dict[str, list[tuple[int, int]]] = {}
    for device, first, last in store.import_coverage():
        seen.setdefault(device, []).append((first, last))
    gaps: list[Gap] = []
    for device, spans in sorted(seen.items()):
        runs, expected = [], 1
        for first, last in sorted(spans):
            if first > expected:
                runs.append((expected, first - 1))
            expected = max(expected, last + 1)
        if runs:
            gaps.append(Gap.of(device, runs))
    return gaps

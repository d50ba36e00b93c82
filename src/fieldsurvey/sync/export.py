"""Exporting closed revisions to a file for the supervisor.

By default a file holds the closed revisions made on this device and not exported before;
`everything` takes every closed revision, merged ones included. `forward` (a supervisor
sending on to HQ) takes every device's revisions not exported before and the review logs
with decisions not forwarded before, with the revisions they name (docs/supervision.md).
The whole export runs under the write lock: the next sequence number is taken, the file
written atomically, and only once it is in place are the rows marked with that number and
the counter advanced. If marking or committing fails, the file is removed, so a file on
disk always means rows marked, and rows unmarked always means they will be in the next file.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError

from fieldsurvey.review.log import linked
from fieldsurvey.store.interface import Exports
from fieldsurvey.store.records import ExportSelection, InstalledQuestionnaire
from fieldsurvey.sync.atomicfile import write_atomically
from fieldsurvey.sync.errors import first_error
from fieldsurvey.sync.fileformat import (
    FILE_SUFFIX,
    Manifest,
    QuestionnaireRef,
    QuestionnaireSource,
    ReviewRecord,
)
from fieldsurvey.sync.keys import device_signing_key
from fieldsurvey.sync.writer import write_export

SEQ_SETTING = "export_seq"
FORWARDED_SETTING = "forwarded_decision_id"
"""The row id of the newest review decision a forwarding file has carried."""
SPOOL_BYTES = 32 * 1024 * 1024
"""Zips up to this size are built in memory before encryption, bigger ones on disk."""

NameFor = Callable[[str, int], Path]
"""(device id, export sequence number) -> where the file goes."""


class ExportError(Exception):
    """An export that could not be written; nothing was marked as exported."""


@dataclass(frozen=True)
class ExportResult:
    path: Path | None
    """None when there was nothing to export (no file is written then)."""
    export_seq: int | None
    responses: int
    answers: int
    paradata: int
    encrypted: bool
    reviews: int = 0
    """Review decisions carried (a forwarding file)."""


def export_file(
    store: Exports,
    out: Path,
    *,
    everything: bool = False,
    recipients: Sequence[pyrage.x25519.Recipient] = (),
    forward: bool = False,
) -> ExportResult:
    """Export to `out`, which must not exist yet (an earlier file is never overwritten)."""
    if out.exists():
        raise ExportError(f"{out}: already exists; choose another name")
    return _export(store, lambda _device, _seq: out, everything, recipients, forward)


def export_to_folder(
    store: Exports,
    folder: Path,
    *,
    everything: bool = False,
    recipients: Sequence[pyrage.x25519.Recipient] = (),
    forward: bool = False,
) -> ExportResult:
    """Export into `folder` as `fieldsurvey-<device>-<seq>.fsx`: the names never collide."""

    def name_for(device: str, seq: int) -> Path:
        safe = re.sub(r"[^0-9A-Za-z-]", "_", device[:8])  # a device id is not a path
        return folder / f"fieldsurvey-{safe}-{seq:05d}{FILE_SUFFIX}"

    return _export(store, name_for, everything, recipients, forward)


def _export(
    store: Exports,
    name_for: NameFor,
    everything: bool,
    recipients: Sequence[pyrage.x25519.Recipient],
    forward: bool,
) -> ExportResult:
    key = device_signing_key(store)
    placed: Path | None = None
    try:
        with store.unit_of_work():
            selection = _selection(store, everything, forward)
            if not store.has_closed(selection):
                return ExportResult(None, None, 0, 0, 0, encrypted=False)
            seq = int(store.get_setting(SEQ_SETTING) or 0) + 1
            path = name_for(selection.device, seq)
            write = partial(
                _write, store=store, selection=selection, key=key, seq=seq,
                recipients=recipients,
            )  # fmt: skip
            try:
                manifest = write_atomically(path, write)
            except ValidationError as exc:
                detail = first_error(exc)
                raise ExportError(f"{path}: a stored response does not fit: {detail}") from None
            placed = path
            store.mark_exported(selection, seq)
            store.set_setting(SEQ_SETTING, str(seq))
            if forward:
                store.set_setting(FORWARDED_SETTING, str(store.last_decision_id()))
    except BaseException:
        if placed is not None:
            with contextlib.suppress(FileNotFoundError):
                placed.unlink()
        raise
    counts = manifest.counts
    return ExportResult(
        path, seq, counts.responses, counts.answers, counts.paradata,
        encrypted=bool(recipients), reviews=counts.reviews or 0,
    )  # fmt: skip


def _selection(store: Exports, everything: bool, forward: bool) -> ExportSelection:
    after = 0 if everything else int(store.get_setting(FORWARDED_SETTING) or 0)
    return ExportSelection(store.device_id(), everything, forward=forward, reviews_after=after)


def forwarded_reviews(store: Exports, selection: ExportSelection) -> list[ReviewRecord]:
    """The review logs a forwarding file carries, each decision with its links spelled out."""
    logs = store.forwarded_decisions(selection)
    return [
        ReviewRecord(
            uuid=d.uuid, content_hash=d.content_hash or "", state=d.state,
            comment=d.comment, reviewer=d.reviewer, device_id=d.device_id,
            decided_at=d.decided_at, supersedes=list(d.supersedes or ()),
        )
        for uuid in sorted(logs)
        for d in linked(logs[uuid])
    ]  # fmt: skip


def _write(
    handle: BinaryIO,
    *,
    store: Exports,
    selection: ExportSelection,
    key: Ed25519PrivateKey,
    seq: int,
    recipients: Sequence[pyrage.x25519.Recipient],
) -> Manifest:
    """Write the zip straight to `handle`, or through age for the given recipients."""

    def zip_into(target: BinaryIO) -> Manifest:
        responses, paradata = store.response_lines(selection), store.paradata_lines(selection)
        covers_from = 1 if selection.everything else None  # every closed revision: files 1..seq
        sources = partial(sources_for, store)
        reviews = forwarded_reviews(store, selection) if selection.forward else []
        return write_export(
            target,
            key,
            selection.device,
            seq,
            responses,
            paradata,
            sources,
            covers_from=covers_from,
            reviews=reviews,
        )

    if not recipients:
        return zip_into(handle)
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
        manifest = zip_into(spool)  # type: ignore[arg-type]
        spool.seek(0)
        pyrage.encrypt_io(spool, handle, list(recipients))
    return manifest


def sources_for(store: Exports, refs: list[QuestionnaireRef]) -> list[QuestionnaireSource]:
    """The installed sources of the questionnaire versions an export uses."""
    rows: list[InstalledQuestionnaire] = store.questionnaire_sources([ref.hash for ref in refs])
    return [
        QuestionnaireSource(hash=r.hash, id=r.id, version=r.version, source=r.source) for r in rows
    ]

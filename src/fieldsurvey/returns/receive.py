"""Applying a return file on a device: verify it, then add to the device, never remove.

Checked before anything is written, in one unit of work: the signer is the supervisor this
device trusts; the file is for this device; it is newer than every return file received
before (the same file again changes nothing); each returned interview is one this device
has, in the revision the reviewer judged, and its notes name questions of its questionnaire;
the shipped questionnaire version loads, checks and hashes as declared; the office report
keeps min-n. Then: the version is installed and made current, each returned interview is
reopened as a draft revision whose parent is the judged one (unless a draft of it is open
already, or the device revised it since), the comments and the office report are stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pyrage

from fieldsurvey.i18n import N_
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.returns.errors import Refusal, ReturnRefused
from fieldsurvey.returns.format import RETURNED, ReturnedInterview
from fieldsurvey.returns.reader import ReturnFile, read_return
from fieldsurvey.store.interface import ReturnTarget
from fieldsurvey.store.published import PublishError, publish
from fieldsurvey.store.questionnaires import load_installed
from fieldsurvey.store.records import ResponseRecord, utc_now
from fieldsurvey.store.return_records import ReceivedReturn, ReturnedNote, StoredOfficeReport
from fieldsurvey.store.status import Status
from fieldsurvey.sync.archive import DEFAULT_LIMITS, Limits
from fieldsurvey.sync.errors import Reason, RejectedFile
from fieldsurvey.sync.prepare import read_capped
from fieldsurvey.sync.reader import unwrap
from fieldsurvey.sync.supervisor import trusted_supervisor
from fieldsurvey.sync.trust import fingerprint

SHOWN_DEVICES = 3
KEPT_REASONS = {
    "draft_open": N_("a draft of it is open already"),
    "revised": N_("it was revised on this device since"),
    "closed": N_("it is not complete (voided or refused)"),
}
"""Why a returned interview is not reopened again, by code (the UI translates the words)."""


@dataclass(frozen=True)
class Received:
    """What a return file did on this device."""

    path: str
    created_at: str
    already: bool = False
    """The same file was received before: nothing changed."""
    returned: int = 0
    """Interviews it sent back to this device."""
    reopened: int = 0
    kept: list[tuple[str, str]] = field(default_factory=list)
    """(uuid, KEPT_REASONS code) of returned interviews not reopened again."""
    questionnaire: str | None = None
    """`id version` of the version it made current."""
    report_round: str | None = None
    report_as_of: str | None = None


def receive_return(
    store: ReturnTarget,
    path: Path,
    *,
    identities: Sequence[pyrage.x25519.Identity] = (),
    limits: Limits = DEFAULT_LIMITS,
) -> Received:
    """Apply the return file at `path`; ReturnRefused or RejectedFile (nothing changed)."""
    trusted = trusted_supervisor(store)
    if trusted is None:
        raise ReturnRefused(Refusal.NO_SUPERVISOR)
    try:
        data = unwrap(read_capped(path, limits), list(identities), limits)
    except RejectedFile as exc:
        if exc.reason is Reason.ENCRYPTED_NO_IDENTITY:  # its words name the supervisor's key
            raise ReturnRefused(Refusal.ENCRYPTED) from None
        raise
    sha256 = hashlib.sha256(data).hexdigest()
    earlier = store.received_return(sha256)
    if earlier is not None:
        return Received(str(path), earlier.created_at, already=True)
    file = read_return(data, limits, sha256)
    signer = file.manifest.supervisor_public_key
    if signer != trusted:
        raise ReturnRefused(
            Refusal.UNTRUSTED, found=fingerprint(signer), trusted=fingerprint(trusted)
        )
    with store.unit_of_work():
        own = _check_device(store, file)
        mine = [item for item in file.returned if item.device_id == own]
        questions: dict[str, list[str]] = {}  # by questionnaire hash: parsed once per file
        reopen = [_judged(store, line, item, questions) for line, item in _numbered(file, mine)]
        return _apply(store, path, file, mine, reopen)


def _check_device(store: ReturnTarget, file: ReturnFile) -> str:
    own, manifest = store.device_id(), file.manifest
    if manifest.devices is not None and own not in manifest.devices:
        shown = ", ".join(manifest.devices[:SHOWN_DEVICES])
        more = len(manifest.devices) - SHOWN_DEVICES
        if more > 0:
            raise ReturnRefused(Refusal.OTHER_DEVICES, devices=shown, more=more, device=own)
        raise ReturnRefused(Refusal.OTHER_DEVICE, devices=shown, device=own)
    latest = store.latest_return()
    if latest is not None and manifest.created_at <= latest.created_at:
        raise ReturnRefused(
            Refusal.OLDER, created=manifest.created_at[:19], latest=latest.created_at[:19]
        )
    return own


def _numbered(
    file: ReturnFile, mine: list[ReturnedInterview]
) -> list[tuple[int, ReturnedInterview]]:
    """Each of this device's interviews with its line in returned.jsonl (for messages)."""
    lines = {id(item): line for line, item in enumerate(file.returned, 1)}
    return [(lines[id(item)], item) for item in mine]


class Reopen(NamedTuple):
    """A returned interview as this device holds it, checked."""

    judged: ResponseRecord
    """The revision the reviewer judged: the draft's parent."""
    start: str | None
    """The question the draft opens on: the first one a note names, else the first."""
    kept: str | None
    """Why it is not reopened again (a KEPT_REASONS code), or None to reopen it."""


def _judged(
    store: ReturnTarget, line: int, item: ReturnedInterview, known: dict[str, list[str]]
) -> Reopen:
    """The revision the reviewer judged, as this device holds it, with notes checked."""
    where = {"name": RETURNED, "line": line, "uuid": item.uuid}
    revisions = store.revisions(item.uuid)
    if not revisions:
        raise ReturnRefused(Refusal.NEVER_HAD, **where)
    judged = next((r for r in revisions if r.content_hash == item.content_hash), None)
    if judged is None:
        raise ReturnRefused(Refusal.UNKNOWN_REVISION, **where, revision=item.content_hash[:16])
    if judged.questionnaire_hash != item.questionnaire_hash:
        raise ReturnRefused(
            Refusal.OTHER_QUESTIONNAIRE, **where, found=judged.questionnaire_hash[:16],
            claimed=item.questionnaire_hash[:16],
        )  # fmt: skip
    digest = judged.questionnaire_hash
    if digest not in known:
        questionnaire = _questionnaire(store, digest)
        known[digest] = list(questionnaire.questions) if questionnaire else []
    questions = known[digest]
    unknown = sorted(set(item.notes) - set(questions))
    if unknown:
        raise ReturnRefused(Refusal.UNKNOWN_QUESTION, **where, question=unknown[0][:80])
    noted = [question for question in questions if question in item.notes]
    first = noted or questions
    return Reopen(judged, first[0] if first else None, _not_reopened(revisions, judged))


def _questionnaire(store: ReturnTarget, digest: str) -> Questionnaire | None:
    try:
        return load_installed(store, digest)
    except ValueError:  # a stored source that no longer loads: its notes cannot be placed
        return None


def _apply(
    store: ReturnTarget,
    path: Path,
    file: ReturnFile,
    mine: list[ReturnedInterview],
    reopen: list[Reopen],
) -> Received:
    """Write everything (inside the caller's unit): nothing here deletes or rewrites."""
    at, own = utc_now(), store.device_id()
    made_current = _install(store, file)
    kept: list[tuple[str, str]] = []
    for item, (judged, start, why) in zip(mine, reopen, strict=True):
        if why is None:
            draft = store.copy_revision(judged, own, at)
            store.save_draft(draft, {}, [], {"current_question": start}, at)
        else:
            kept.append((item.uuid, why))
    version = file.current[0].hash if file.current else None
    manifest, reopened = file.manifest, len(mine) - len(kept)
    store.record_return(
        ReceivedReturn(file.sha256, manifest.supervisor_public_key, manifest.created_at, at,
                       str(path), len(mine), reopened, version)
    )  # fmt: skip
    store.add_returned([_note(file.sha256, item) for item in mine])
    report = file.report
    store.add_office_report(
        StoredOfficeReport(
            file.sha256, report.as_of, report.questionnaire.hash, report.round, report.responses,
            report.model_dump_json(),
        )
    )  # fmt: skip
    return Received(
        str(path), manifest.created_at, returned=len(mine), reopened=reopened, kept=kept,
        questionnaire=made_current, report_round=report.round, report_as_of=report.as_of,
    )  # fmt: skip


def _install(store: ReturnTarget, file: ReturnFile) -> str | None:
    if file.current is None:
        return None
    source, parsed = file.current
    try:
        publish(store, parsed.questionnaire, source.source, digest=source.hash)
    except PublishError as exc:
        raise ReturnRefused(
            Reason.VERSION_SPOOF, id=exc.id, version=exc.version, installed=exc.installed[:16],
            hash=exc.digest[:16],
        ) from None  # fmt: skip
    return f"{source.id} {source.version}"


def _not_reopened(revisions: list[ResponseRecord], judged: ResponseRecord) -> str | None:
    """Why a returned interview is not reopened again (a KEPT_REASONS code), or None."""
    if any(r.status is Status.DRAFT for r in revisions):
        return "draft_open"
    if not judged.is_head:
        return "revised"
    if judged.status is not Status.COMPLETE:
        return "closed"
    return None


def _note(sha256: str, item: ReturnedInterview) -> ReturnedNote:
    return ReturnedNote(
        sha256, item.uuid, item.content_hash, item.state, item.comment, item.reviewer,
        item.decided_at, dict(item.notes),
    )  # fmt: skip

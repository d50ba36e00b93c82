"""Export file bytes -> a fully verified `ExportFile`, or `RejectedFile` with the reason.

Everything that can be checked without the database is checked here, before merge writes a
row: decryption, the zip's shape, the manifest's schema and format version, the signature,
every member's digest and size, every record's schema and recomputed content hash, duplicate
records, counts, and that every questionnaire a record uses is declared.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import pyrage
from pydantic import BaseModel, Json, TypeAdapter, ValidationError

from fieldsurvey.store.content import content_hash
from fieldsurvey.sync.archive import Archive, Limits
from fieldsurvey.sync.errors import Reason, RejectedFile, first_error
from fieldsurvey.sync.fileformat import (
    FORMAT_VERSION,
    MANIFEST,
    PARADATA,
    QUESTIONNAIRES,
    RESPONSES,
    SIGNATURE,
    Event,
    Manifest,
    MemberDigest,
    ParadataRecord,
    QuestionnaireSource,
    ResponseRecord,
)
from fieldsurvey.sync.keys import signature_is_valid

AGE_HEADER = b"age-encryption.org/v1\n"
M = TypeVar("M", bound=BaseModel)
_JSON_VALUES = TypeAdapter(list[Json[Any]])


@dataclass(frozen=True)
class ExportFile:
    """A verified export file; `sha256` is that of the (decrypted) zip."""

    sha256: str
    manifest: Manifest
    questionnaires: list[QuestionnaireSource]
    responses: list[ResponseRecord]
    paradata: dict[tuple[str, str], list[Event]]


def unwrap(data: bytes, identities: list[pyrage.x25519.Identity], limits: Limits) -> bytes:
    """The zip inside a file: checks emptiness and size, and decrypts an age file."""
    if not data:
        raise RejectedFile(Reason.EMPTY)
    if len(data) > limits.max_file_bytes:
        raise RejectedFile(Reason.TOO_LARGE, size=len(data), limit=limits.max_file_bytes)
    if not data.startswith(AGE_HEADER):
        return data
    if not identities:
        raise RejectedFile(Reason.ENCRYPTED_NO_IDENTITY)
    try:
        return pyrage.decrypt(data, identities)
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).lower():
            raise RejectedFile(Reason.WRONG_IDENTITY) from None
        raise RejectedFile(Reason.DECRYPT_FAILED, detail=exc) from None


def read_export(data: bytes, limits: Limits) -> ExportFile:
    """Verify an unwrapped export zip completely; raise RejectedFile on the first problem."""
    archive = Archive(data, limits)
    manifest = _verified_manifest(archive)
    declared = {(q.id, q.version, q.hash) for q in manifest.questionnaires}
    questionnaires = _parse(archive, QUESTIONNAIRES, QuestionnaireSource, manifest.members)
    for line, source in enumerate(questionnaires, 1):
        if (source.id, source.version, source.hash) not in declared:
            raise RejectedFile(
                Reason.UNDECLARED_QUESTIONNAIRE, name=QUESTIONNAIRES, line=line, hash=source.hash
            )
    responses = _parse(archive, RESPONSES, ResponseRecord, manifest.members)
    _check_responses(responses, declared)
    paradata = _index_paradata(
        _parse(archive, PARADATA, ParadataRecord, manifest.members), responses
    )
    counts = manifest.counts
    found = (
        len(questionnaires),
        len(responses),
        sum(len(r.answers) for r in responses),
        sum(len(e) for e in paradata.values()),
    )
    declared_counts = (counts.questionnaires, counts.responses, counts.answers, counts.paradata)
    if found != declared_counts:
        raise RejectedFile(
            Reason.COUNT_MISMATCH, name=MANIFEST, found=found, declared=declared_counts
        )
    return ExportFile(
        hashlib.sha256(data).hexdigest(), manifest, questionnaires, responses, paradata
    )


def _verified_manifest(archive: Archive) -> Manifest:
    """Check the format version first (a newer file may add fields), then schema, signature."""
    raw = archive.read(MANIFEST)
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise RejectedFile(Reason.BAD_MANIFEST, detail=exc) from None
    version = document.get("format_version") if isinstance(document, dict) else None
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise RejectedFile(Reason.NEWER_FORMAT, version=version, supported=FORMAT_VERSION)
    try:
        manifest = Manifest.model_validate(document)
    except ValidationError as exc:
        raise RejectedFile(Reason.BAD_MANIFEST, detail=first_error(exc)) from None
    if not signature_is_valid(manifest.device_public_key, raw, archive.read(SIGNATURE)):
        raise RejectedFile(Reason.BAD_SIGNATURE)
    for name, member in manifest.members.items():
        if archive.size(name) != member.size:
            raise RejectedFile(Reason.DIGEST_MISMATCH, name=name)
    return manifest


def _parse(
    archive: Archive, name: str, model: type[M], members: Mapping[str, MemberDigest]
) -> list[M]:
    """Parse a jsonl member; a tampered member is reported as tampered, not as bad JSON."""
    expected = members[name].sha256
    hasher = hashlib.sha256()
    lines = archive.lines(name, hasher)
    records: list[M] = []
    for number, line in enumerate(lines, 1):
        try:
            records.append(model.model_validate_json(line))
        except ValidationError as exc:
            for _ in lines:  # hash the rest: a digest mismatch is the truer reason
                pass
            if hasher.hexdigest() != expected:
                raise RejectedFile(Reason.DIGEST_MISMATCH, name=name) from None
            detail = first_error(exc)
            raise RejectedFile(Reason.BAD_RECORD, name=name, line=number, detail=detail) from None
    if hasher.hexdigest() != expected:
        raise RejectedFile(Reason.DIGEST_MISMATCH, name=name)
    return records


def _check_responses(responses: list[ResponseRecord], declared: set[tuple[str, str, str]]) -> None:
    seen: set[tuple[str, str]] = set()
    for line, record in enumerate(responses, 1):
        key = (record.uuid, record.content_hash)
        if key in seen:
            raise RejectedFile(
                Reason.DUPLICATE_RECORD,
                name=RESPONSES,
                line=line,
                uuid=record.uuid,
                content_hash=record.content_hash,
            )
        seen.add(key)
        ref = (record.questionnaire_id, record.questionnaire_version, record.questionnaire_hash)
        if ref not in declared:
            raise RejectedFile(
                Reason.UNDECLARED_QUESTIONNAIRE,
                name=RESPONSES,
                line=line,
                hash=record.questionnaire_hash,
            )
        if content_hash(vars(record), _answer_values(record, line)) != record.content_hash:
            raise RejectedFile(Reason.HASH_MISMATCH, name=RESPONSES, line=line, uuid=record.uuid)


def _answer_values(record: ResponseRecord, line: int) -> dict[str, Any]:
    """Each answer's stored JSON text, parsed on its own (so every text is valid JSON)."""
    questions = [question for question, _, _ in record.answers]
    if len(set(questions)) != len(questions):
        raise RejectedFile(
            Reason.BAD_RECORD, name=RESPONSES, line=line, detail="a question is answered twice"
        )
    try:
        values = _JSON_VALUES.validate_python([value for _, value, _ in record.answers])
    except ValidationError as exc:
        raise RejectedFile(
            Reason.BAD_RECORD, name=RESPONSES, line=line, detail=first_error(exc)
        ) from None
    return dict(zip(questions, values, strict=True))


def _index_paradata(
    records: list[ParadataRecord], responses: list[ResponseRecord]
) -> dict[tuple[str, str], list[Event]]:
    revisions = {(r.uuid, r.content_hash) for r in responses}
    index: dict[tuple[str, str], list[Event]] = {}
    for line, record in enumerate(records, 1):
        key = (record.uuid, record.content_hash)
        if key not in revisions:
            raise RejectedFile(Reason.ORPHAN_PARADATA, name=PARADATA, line=line, uuid=record.uuid)
        seqs = {event[0] for event in record.events}
        if key in index or len(seqs) != len(record.events):
            raise RejectedFile(
                Reason.BAD_RECORD,
                name=PARADATA,
                line=line,
                detail=f"events of {record.uuid} repeated",
            )
        index[key] = record.events
    return index

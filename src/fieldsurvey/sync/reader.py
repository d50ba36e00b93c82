"""Export file bytes -> a fully verified `ExportFile`, or `RejectedFile` with the reason.

Everything that can be checked without the database is checked here, before merge writes a
row: decryption, the zip's shape, the manifest's schema and format version, the signature,
every member's digest and size, every record's schema and recomputed content hash, duplicate
records, counts, and that every questionnaire a record uses is declared.

Records are validated against the fields of fileformat.py's models (`fields_validator`): the
same checks and messages, without a model instance per line. A verified record leaves as a
`Record`, the rows merge inserts, with answers and events flattened so they bind as they are.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import chain
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar, cast

import pydantic_core
import pyrage
from pydantic import Json, TypeAdapter, ValidationError

from fieldsurvey.store.content import content_hash
from fieldsurvey.store.records import Decision
from fieldsurvey.sync.archive import Archive, Limits
from fieldsurvey.sync.conformance import (
    MAX_PROBLEMS,
    Clock,
    Problem,
    Rules,
    signing_time_problem,
)
from fieldsurvey.sync.errors import Reason, RejectedFile, first_error
from fieldsurvey.sync.fileformat import (
    ANSWER_WIDTH,
    EVENT_WIDTH,
    FORMAT_VERSION,
    MANIFEST,
    OPTIONAL_MEMBERS,
    PARADATA,
    QUESTIONNAIRES,
    RESPONSE_COLUMNS,
    RESPONSES,
    REVIEWS,
    SIGNATURE,
    DataMember,
    Manifest,
    MemberDigest,
    ParadataRecord,
    QuestionnaireSource,
    ResponseRecord,
    fields_validator,
)
from fieldsurvey.sync.keys import signature_is_valid
from fieldsurvey.sync.review_records import REVIEW_FIELDS, checked_reviews
from fieldsurvey.sync.version_rules import rules_by_hash

AGE_HEADER = b"age-encryption.org/v1\n"
T = TypeVar("T")
Fields = dict[str, Any]
_JSON_VALUES = TypeAdapter(list[Json[Any]])
_RESPONSE_FIELDS = fields_validator(ResponseRecord)
_PARADATA_FIELDS = fields_validator(ParadataRecord)
_ROW = itemgetter(*RESPONSE_COLUMNS)
_QUESTIONNAIRE = itemgetter("questionnaire_id", "questionnaire_version", "questionnaire_hash")
_EVENT_AT = 3
"""Where `at` sits in each flattened event (see fileformat.Event)."""
_UUID, _PARENT, _CONTENT, _UPDATED, _DEVICE = (
    RESPONSE_COLUMNS.index(name)
    for name in ("uuid", "parent_hash", "content_hash", "updated_at", "device_id")
)


class Record(NamedTuple):
    """A verified revision as merge stores it."""

    row: tuple[Any, ...]
    """Its `responses` columns, in `RESPONSE_COLUMNS` order."""
    answers: list[Any]
    """question, value, answered_at, question, ...: the `answers` rows, flattened."""
    events: list[Any]
    """seq, question, event, at, duration_ms, detail, seq, ...: its `paradata` rows."""

    @property
    def uuid(self) -> str:
        return cast(str, self.row[_UUID])

    @property
    def parent_hash(self) -> str | None:
        return cast(str | None, self.row[_PARENT])

    @property
    def content_hash(self) -> str:
        return cast(str, self.row[_CONTENT])

    @property
    def updated_at(self) -> str:
        return cast(str, self.row[_UPDATED])

    @property
    def device_id(self) -> str:
        """The device that made this revision (not necessarily the file's signer)."""
        return cast(str, self.row[_DEVICE])


@dataclass(frozen=True)
class ExportFile:
    """A verified export file; `sha256` is that of the (decrypted) zip."""

    sha256: str
    manifest: Manifest
    questionnaires: list[QuestionnaireSource]
    responses: list[Record]
    reviews: list[Decision]
    """A forwarding file's review log, in line order (empty in a device's file)."""


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
        plain: bytes = pyrage.decrypt(data, identities)  # pyrage is untyped
        return plain
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).lower():
            raise RejectedFile(Reason.WRONG_IDENTITY) from None
        raise RejectedFile(Reason.DECRYPT_FAILED, detail=exc) from None


def read_export(
    data: bytes, limits: Limits, sha256: str, installed: Mapping[str, str] | None = None
) -> ExportFile:
    """Verify an unwrapped export zip (`sha256` its digest) completely, or raise RejectedFile.

    `installed` maps the hash of each questionnaire version installed here to its source:
    records made with a version the file does not ship are checked against it.
    """
    archive = Archive(data, limits)
    manifest = _verified_manifest(archive)
    members = manifest.members
    declared = {(q.id, q.version, q.hash) for q in manifest.questionnaires}
    sources = QuestionnaireSource.model_validate_json
    questionnaires = _parse(archive, QUESTIONNAIRES, sources, members)
    for line, source in enumerate(questionnaires, 1):
        if (source.id, source.version, source.hash) not in declared:
            raise RejectedFile(
                Reason.UNDECLARED_QUESTIONNAIRE, name=QUESTIONNAIRES, line=line, hash=source.hash
            )
    shipped = {source.hash: source.source for source in questionnaires}
    rules = rules_by_hash(manifest.questionnaires, shipped, installed or {})
    clock = Clock(manifest.created_at)
    responses = _parse(archive, RESPONSES, _RESPONSE_FIELDS.validate_json, members)
    _check_responses(responses, declared, rules, clock)
    paradata = _parse(archive, PARADATA, _PARADATA_FIELDS.validate_json, members)
    events = _index_paradata(paradata, responses, clock)
    records = [_record(fields, events) for fields in responses]
    reviews: list[Decision] = []
    if REVIEWS in members:
        reviews = checked_reviews(
            _parse(archive, REVIEWS, REVIEW_FIELDS.validate_json, members), clock
        )
    _check_counts(manifest, len(questionnaires), records, len(reviews))
    return ExportFile(sha256, manifest, questionnaires, records, reviews)


def _verified_manifest(archive: Archive) -> Manifest:
    """Check the format version first (a newer file may add fields), then schema, signature."""
    raw = archive.read(MANIFEST)
    try:  # pydantic's parser bounds nesting (json.loads would raise RecursionError)
        document = pydantic_core.from_json(raw)
    except ValueError as exc:
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
    for name in OPTIONAL_MEMBERS:
        if archive.has(name) and name not in manifest.members:
            raise RejectedFile(Reason.MEMBER_NOT_LISTED, name=name)
        if name in manifest.members and not archive.has(name):
            raise RejectedFile(Reason.MISSING_MEMBER, name=name)
    for name, member in manifest.members.items():
        if archive.size(name) != member.size:
            raise RejectedFile(Reason.DIGEST_MISMATCH, name=name)
    late = signing_time_problem(manifest.created_at, datetime.now(UTC))
    if late is not None:
        raise RejectedFile(Reason.FUTURE_SIGNING, stamp=manifest.created_at, detail=late)
    return manifest


def _parse(
    archive: Archive,
    name: DataMember,
    validate: Callable[[bytes], T],
    members: Mapping[DataMember, MemberDigest],
) -> list[T]:
    """Parse a jsonl member; a tampered member is reported as tampered, not as bad JSON."""
    expected = members[name].sha256
    hasher = hashlib.sha256()
    lines = archive.lines(name, hasher)
    records: list[T] = []
    for number, line in enumerate(lines, 1):
        try:
            records.append(validate(line))
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


def _check_responses(
    responses: list[Fields],
    declared: set[tuple[str, str, str]],
    rules: Mapping[str, Rules],
    clock: Clock,
) -> None:
    """Each record: declared, unique, fitting its questionnaire and clock, hash recomputed."""
    seen: set[tuple[str, str]] = set()
    problems: list[Problem] = []
    for line, record in enumerate(responses, 1):
        uuid, digest = record["uuid"], record["content_hash"]
        if (uuid, digest) in seen:
            raise RejectedFile(
                Reason.DUPLICATE_RECORD, name=RESPONSES, line=line, uuid=uuid, content_hash=digest
            )
        seen.add((uuid, digest))
        if _QUESTIONNAIRE(record) not in declared:
            raise RejectedFile(
                Reason.UNDECLARED_QUESTIONNAIRE,
                name=RESPONSES,
                line=line,
                hash=record["questionnaire_hash"],
            )
        values = _answer_values(record["answers"], line)
        found = _record_problems(record, values, rules[record["questionnaire_hash"]], clock)
        if found:
            problems += (Problem(line, uuid, *problem) for problem in found)
            if len(problems) >= MAX_PROBLEMS:
                break
        elif content_hash(record, values) != digest:
            raise RejectedFile(Reason.HASH_MISMATCH, name=RESPONSES, line=line, uuid=uuid)
    if problems:
        _reject_problems(RESPONSES, problems)


def _record_problems(
    record: Fields, values: dict[str, Any], rules: Rules, clock: Clock
) -> list[tuple[str, object, str]]:
    found = list(rules.problems(record, values))
    stamps = [record["started_at"], record["updated_at"], *(a[2] for a in record["answers"])]
    if record["completed_at"] is not None:
        stamps.append(record["completed_at"])
    late = clock.first_late(stamps)
    if late is not None:
        found.append(("timestamp", *late))
    return found


def _reject_problems(name: str, problems: list[Problem]) -> None:
    shown = "; ".join(str(problem) for problem in problems[:MAX_PROBLEMS])
    raise RejectedFile(Reason.INVALID_RECORDS, name=name, problems=shown)


def _answer_values(answers: list[tuple[str, str, str]], line: int) -> dict[str, Any]:
    """Each answer's stored JSON text, parsed on its own (so every text is valid JSON)."""
    questions = [question for question, _, _ in answers]
    if len(set(questions)) != len(questions):
        raise RejectedFile(
            Reason.BAD_RECORD, name=RESPONSES, line=line, detail="a question is answered twice"
        )
    try:
        values = _JSON_VALUES.validate_python([value for _, value, _ in answers])
    except ValidationError as exc:
        raise RejectedFile(
            Reason.BAD_RECORD, name=RESPONSES, line=line, detail=first_error(exc)
        ) from None
    return dict(zip(questions, values, strict=True))


def _index_paradata(
    paradata: list[Fields], responses: list[Fields], clock: Clock
) -> dict[tuple[str, str], list[Any]]:
    """Each revision's events, flattened, by (uuid, content_hash)."""
    revisions = {(r["uuid"], r["content_hash"]) for r in responses}
    index: dict[tuple[str, str], list[Any]] = {}
    for line, record in enumerate(paradata, 1):
        key = (record["uuid"], record["content_hash"])
        if key not in revisions:
            raise RejectedFile(Reason.ORPHAN_PARADATA, name=PARADATA, line=line, uuid=key[0])
        events = list(chain.from_iterable(record["events"]))
        if key in index or len(set(events[::EVENT_WIDTH])) != len(record["events"]):
            raise RejectedFile(
                Reason.BAD_RECORD, name=PARADATA, line=line, detail=f"events of {key[0]} repeated"
            )
        late = clock.first_late(events[_EVENT_AT::EVENT_WIDTH])
        if late is not None:
            _reject_problems(PARADATA, [Problem(line, key[0], "events.at", *late)])
        index[key] = events
    return index


def _record(fields: Fields, events: dict[tuple[str, str], list[Any]]) -> Record:
    answers = list(chain.from_iterable(fields["answers"]))
    return Record(_ROW(fields), answers, events.get((fields["uuid"], fields["content_hash"]), []))


def _check_counts(
    manifest: Manifest, questionnaires: int, records: list[Record], reviews: int
) -> None:
    found = (
        questionnaires,
        len(records),
        sum(len(r.answers) for r in records) // ANSWER_WIDTH,
        sum(len(r.events) for r in records) // EVENT_WIDTH,
        reviews,
    )
    counts = manifest.counts
    declared = (
        counts.questionnaires, counts.responses, counts.answers, counts.paradata,
        counts.reviews or 0,
    )  # fmt: skip
    if found != declared:
        raise RejectedFile(Reason.COUNT_MISMATCH, name=MANIFEST, found=found, declared=declared)

"""Return file bytes -> a verified `ReturnFile`, or ReturnRefused / RejectedFile.

Everything checkable without the device's database is checked here: the zip's shape (the
export file's defensive `Archive`, with the return format's members), the manifest's schema
and format, the signature, every member's digest and size, each record's schema, duplicates,
counts, the shipped questionnaire version against its hash, and min-n in the office report.
Which key may sign, which device it is for, and what the device holds are receive.py's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from pydantic import ValidationError

from fieldsurvey.returns.errors import Refusal, ReturnRefused
from fieldsurvey.returns.format import (
    OFFICE_REPORT,
    QUESTIONNAIRES,
    RETURN_FORMAT_VERSION,
    RETURN_MEMBERS,
    RETURNED,
    OfficeReport,
    ReturnedInterview,
    ReturnManifest,
    ReturnMember,
)
from fieldsurvey.returns.privacy import leaks
from fieldsurvey.scoring.areas import MIN_N
from fieldsurvey.sync.archive import Archive, Limits
from fieldsurvey.sync.errors import Reason, RejectedFile, first_error
from fieldsurvey.sync.fileformat import MANIFEST, QuestionnaireSource
from fieldsurvey.sync.manifests import verified_manifest
from fieldsurvey.sync.version_rules import ParsedVersion, checked_version

T = TypeVar("T")


@dataclass(frozen=True)
class ReturnFile:
    """A verified return file; `sha256` is that of the (decrypted) zip."""

    sha256: str
    manifest: ReturnManifest
    returned: list[ReturnedInterview]
    current: tuple[QuestionnaireSource, ParsedVersion] | None
    report: OfficeReport


def read_return(data: bytes, limits: Limits, sha256: str) -> ReturnFile:
    """Verify an unwrapped return zip completely, or raise ReturnRefused / RejectedFile."""
    archive = Archive(data, limits, RETURN_MEMBERS, ())
    manifest = verified_manifest(
        archive,
        ReturnManifest,
        RETURN_FORMAT_VERSION,
        lambda m: m.supervisor_public_key,
        lambda m: m.created_at,
    )
    returned = _lines(archive, manifest, RETURNED, ReturnedInterview.model_validate_json)
    seen: set[str] = set()
    for line, interview in enumerate(returned, 1):
        if interview.uuid in seen:
            raise ReturnRefused(Refusal.DUPLICATE, name=RETURNED, line=line, uuid=interview.uuid)
        seen.add(interview.uuid)
    sources = _lines(archive, manifest, QUESTIONNAIRES, QuestionnaireSource.model_validate_json)
    report = _report(_member(archive, manifest, OFFICE_REPORT))
    counts = (manifest.counts.returned, manifest.counts.questionnaires)
    if (len(returned), len(sources)) != counts:
        found = (len(returned), len(sources))
        raise ReturnRefused(Refusal.COUNT_MISMATCH, name=MANIFEST, found=found, declared=counts)
    return ReturnFile(sha256, manifest, returned, _current(manifest, sources), report)


def _member(archive: Archive, manifest: ReturnManifest, name: ReturnMember) -> bytes:
    """A member's bytes, if they are exactly those the signed manifest describes."""
    digest = manifest.members.get(name)
    if digest is None:
        raise RejectedFile(Reason.BAD_MANIFEST, detail=f"members: {name} is not listed")
    data = archive.read(name)
    if len(data) != digest.size or hashlib.sha256(data).hexdigest() != digest.sha256:
        raise RejectedFile(Reason.DIGEST_MISMATCH, name=name)
    return data


def _lines(
    archive: Archive, manifest: ReturnManifest, name: ReturnMember, parse: Callable[[bytes], T]
) -> list[T]:
    records: list[T] = []
    for line, text in enumerate(_member(archive, manifest, name).splitlines(), 1):
        try:
            records.append(parse(text))
        except ValidationError as exc:
            raise ReturnRefused(
                Refusal.BAD_RECORD, name=name, line=line, detail=first_error(exc)
            ) from None
    return records


def _report(data: bytes) -> OfficeReport:
    try:
        report = OfficeReport.model_validate_json(data)
    except ValidationError as exc:
        raise ReturnRefused(
            Refusal.BAD_RECORD, name=OFFICE_REPORT, line=1, detail=first_error(exc)
        ) from None
    for language, scores in report.reports.items():
        found = leaks(scores)
        if found:
            where = f"reports.{language}.{found[0]}"
            raise ReturnRefused(Refusal.LEAK, name=OFFICE_REPORT, where=where, min_n=MIN_N)
    return report


def _current(
    manifest: ReturnManifest, sources: list[QuestionnaireSource]
) -> tuple[QuestionnaireSource, ParsedVersion] | None:
    """The shipped current version, parsed, checked and hashed against the manifest's ref."""
    ref = manifest.current
    declared = 0 if ref is None else 1
    if len(sources) != declared or (ref is not None and sources[0].hash != ref.hash):
        raise ReturnRefused(
            Refusal.NOT_DECLARED, name=QUESTIONNAIRES, found=len(sources), declared=declared
        )
    if ref is None:
        return None
    return sources[0], checked_version(ref, sources[0].source)

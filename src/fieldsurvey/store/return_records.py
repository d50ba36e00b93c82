"""Records of files back to the field (fieldsurvey.returns) crossing the store interface."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReturnCandidate:
    """Supervisor side: an interview whose newest review decision, on its head revision,
    sends it back (rejected or has issues)."""

    uuid: str
    device_id: str
    """The device that started it (its first revision's device)."""
    content_hash: str
    questionnaire_hash: str
    state: str
    comment: str
    reviewer: str | None
    decided_at: str


@dataclass(frozen=True)
class ReceivedReturn:
    """Device side: a return file applied here (the `return_files` table)."""

    file_sha256: str
    supervisor_key: str
    created_at: str
    received_at: str
    path: str
    returned: int
    reopened: int
    questionnaire_hash: str | None
    """The version it made current, if any."""


@dataclass(frozen=True)
class ReturnedNote:
    """Device side: a reviewer's comment on an interview sent back (`returned_interviews`)."""

    file_sha256: str
    uuid: str
    content_hash: str
    """The revision the reviewer judged: the reopened draft's parent."""
    state: str
    comment: str
    reviewer: str | None
    decided_at: str
    notes: dict[str, str]
    """Question id -> the words about it."""


@dataclass(frozen=True)
class StoredOfficeReport:
    """Device side: the office's score report a return file brought (`office_reports`)."""

    file_sha256: str
    as_of: str
    questionnaire_hash: str
    round: str | None
    responses: int
    document: str
    """The `OfficeReport` JSON, as received (checked before it was stored)."""

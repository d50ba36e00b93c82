"""The life of a response revision: a draft, then closed as complete, voided or refused."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """A response's `status`. A StrEnum: it is stored, exported and compared as its text."""

    DRAFT = "draft"
    COMPLETE = "complete"
    VOIDED = "voided"
    REFUSED = "refused"

    @property
    def is_closed(self) -> bool:
        return self is not Status.DRAFT


CLOSED_STATUSES: tuple[Status, ...] = (Status.COMPLETE, Status.VOIDED, Status.REFUSED)
"""The statuses that close a draft; a closed revision has a content hash."""

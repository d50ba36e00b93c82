"""What the analyst exports and the report ask of the store (`fieldsurvey data`, `report`).

Backend-neutral: the selection of responses and the protocol; the SQL is in the SQLite
adapter (store/sqlite/dataout.py). Exports stream: responses come in chunks of whole rows and
paradata as chunks of rows from one cursor, all inside one read snapshot, so every chunk sees
the same state even while a merge writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

RESPONSE_COLUMNS = (
    "id",
    "uuid",
    "revision",
    "device_id",
    "interviewer",
    "office",
    "round",
    "persona",
    "language",
    "status",
    "started_at",
    "completed_at",
    "questionnaire_id",
    "questionnaire_version",
    "questionnaire_hash",
    "review_state",
)
"""The response fields an export row starts with, in this order (then the answers).
`review_state`: the newest review decision (approved, has_issues, rejected), None when
pending."""

PARADATA_COLUMNS = ("uuid", "revision", "seq", "question", "event", "at", "duration_ms", "detail")
EVENT_LISTS = PARADATA_COLUMNS[2:]
"""The paradata columns `DataSource.event_lists` gives as one JSON array each per response."""


@dataclass(frozen=True)
class Selection:
    """Which responses an export or report covers: head revisions of one questionnaire,
    complete (and drafts when asked), of one round and office when given, and not rejected
    by a reviewer (the newest decision in the review log) unless `include_rejected`.
    """

    questionnaire_id: str
    round: str | None = None
    office: str | None = None
    drafts: bool = False
    include_rejected: bool = False


class DataSource(Protocol):
    def read_snapshot(self) -> AbstractContextManager[None]:
        """One read transaction on this thread: every read inside sees the same state."""
        ...

    def count_responses(self, selection: Selection) -> int: ...

    def values_present(self, selection: Selection, column: str) -> list[str]:
        """Distinct `round` or `office` values of the questionnaire's responses, ignoring the
        selection's own round and office (to say what could have been asked)."""
        ...

    def questionnaire_hashes(self, selection: Selection) -> list[str]:
        """Questionnaire versions the selected responses were made with, newest first."""
        ...

    def json_types(self, selection: Selection, questions: Sequence[str]) -> dict[str, set[str]]:
        """The JSON types stored for each of `questions` ('integer', 'real', 'text', ...)."""
        ...

    def response_chunks(
        self, selection: Selection, size: int
    ) -> Iterator[list[tuple[object, ...]]]:
        """Selected responses in id order, `size` at a time: `RESPONSE_COLUMNS` then the
        answers as one JSON object text (None without answers)."""
        ...

    def paradata_rows(
        self,
        selection: Selection,
        size: int,
        cell: Callable[[str], str] | None = None,
        prefixes: Sequence[str] = (),
    ) -> Iterator[list[tuple[object, ...]]]:
        """Events of the selected responses (`PARADATA_COLUMNS`) in response and sequence
        order, `size` rows at a time. With `cell`, a text field starting with one of
        `prefixes` comes back as `cell(text)` (the adapter tests the first character itself,
        so `cell` runs only for the rare values that need it)."""
        ...

    def event_lists(self, selection: Selection, size: int) -> Iterator[list[tuple[object, ...]]]:
        """The same events grouped by response, `size` responses at a time in id order:
        (uuid, revision, events), `events` one JSON object text with an array per
        `EVENT_LISTS` column in sequence order (`{"seq": [1, 2], "question": [...], ...}`;
        arrays empty or null without events). A reader that parses JSON in bulk (pyarrow)
        gets 3 Python objects per response instead of 8 per event."""
        ...

    def status_counts(self, selection: Selection) -> dict[str, int]:
        """Interviews by status (every status) and `conflicts`, in the selection's round and
        office; and the complete ones by review state (`pending`, `approved`, `has_issues`,
        `rejected`)."""
        ...

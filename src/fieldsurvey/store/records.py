"""The plain records that cross the store interface, the same for every backend.

Rows come back as frozen dataclasses (no driver row objects leak out); writes take them or
plain values. Answer values are the questionnaire's `Value`s (int, float, str, list of str).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Literal, NamedTuple

from fieldsurvey.store.status import Status


def utc_now() -> str:
    """Wall-clock time as stored everywhere: UTC ISO 8601 with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class ResponseRecord:
    """One revision of an interview (a `responses` row)."""

    id: int
    uuid: str
    revision: int
    parent_hash: str | None
    content_hash: str | None
    questionnaire_id: str
    questionnaire_version: str
    questionnaire_hash: str
    device_id: str
    interviewer: str | None
    office: str | None
    round: str | None
    language: str
    persona: str | None
    status: Status
    started_at: str
    updated_at: str
    completed_at: str | None
    current_question: str | None
    is_head: int
    in_conflict: int
    exported_seq: int | None


RESPONSE_FIELDS: tuple[str, ...] = tuple(field.name for field in fields(ResponseRecord))


@dataclass(frozen=True)
class NewDraft:
    """Revision 1 of a new interview, as `start_interview` makes it."""

    uuid: str
    questionnaire_id: str
    questionnaire_version: str
    questionnaire_hash: str
    device_id: str
    interviewer: str | None
    office: str | None
    round: str | None
    language: str
    started_at: str


DRAFT_COLUMNS = frozenset({"current_question", "persona", "language"})
"""Columns of a draft that change as the interview goes on (besides `updated_at`)."""


@dataclass(frozen=True)
class Event:
    """A paradata event to append (after ODK's audit log)."""

    event: str
    question: str | None = None
    duration_ms: int | None = None
    detail: str | None = None


@dataclass(frozen=True)
class StoredEvent:
    """A `paradata` row."""

    response: int
    seq: int
    question: str | None
    event: str
    at: str
    duration_ms: int | None
    detail: str | None


@dataclass(frozen=True)
class HomeCounts:
    today: int
    """Interviews completed since local midnight (head revisions)."""
    total: int
    """Completed interviews (head revisions)."""
    not_exported: int
    """Closed revisions (complete, voided, refused) made on this device that no export file
    has carried yet: what `export` would send. Revisions merged from other devices are not
    this device's to export (a supervisor forwards them with `export --all`)."""
    drafts: int


@dataclass(frozen=True)
class DraftSummary:
    """A draft for the Home screen's resume list, most recently touched first."""

    id: int
    uuid: str
    revision: int
    questionnaire_id: str
    questionnaire_version: str
    persona: str | None
    started_at: str
    updated_at: str
    current_question: str | None
    answers: int


@dataclass(frozen=True)
class InstalledQuestionnaire:
    """A questionnaire version installed in the store, with its source."""

    hash: str
    """The name responses use for it: its canonical hash, or the hash an earlier build gave it."""
    id: str
    version: str
    source: str
    installed_at: str
    canonical: str | None = None
    """Its canonical hash when it was installed or migrated (None: its source did not load)."""


@dataclass(frozen=True)
class ExportSelection:
    """Which closed revisions an export takes: this device's unexported ones, or all; when
    forwarding, every device's unexported ones and the review log (docs/supervision.md)."""

    device: str
    everything: bool
    forward: bool = False
    """Merged revisions too, and the review logs of interviews with a decision whose row id
    is above `reviews_after`, with the revisions those decisions name."""
    reviews_after: int = 0


EXPORT_RECORD_COLUMNS: tuple[str, ...] = (
    "uuid", "revision", "parent_hash", "content_hash", "questionnaire_id",
    "questionnaire_version", "questionnaire_hash", "device_id", "interviewer", "office",
    "round", "language", "persona", "status", "started_at", "updated_at", "completed_at",
)  # fmt: skip
"""The keys of an exported response line besides `answers` (sync/fileformat.py checks them)."""
ANSWER_COLUMNS: tuple[str, ...] = ("question", "value", "answered_at")
"""An exported answer's items, in order (an `answers` row)."""
EVENT_COLUMNS: tuple[str, ...] = ("seq", "question", "event", "at", "duration_ms", "detail")
"""An exported paradata event's items, in order (a `paradata` row)."""


class Bound(NamedTuple):
    """What one column of an export line may hold (sync/bounds.py derives these from the
    file format's models, so the format keeps one definition)."""

    kind: Literal["text", "integer", "sha256", "choice"]
    low: int = 0
    """text: fewest characters; integer: smallest value."""
    high: int = 0
    nullable: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class LineBounds:
    """The bounds of a line's own columns and of the rows nested in it (answers or events)."""

    line: Mapping[str, Bound]
    items: Mapping[str, Bound]


class ExportLine(NamedTuple):
    """One export line as the store builds it."""

    json: bytes
    """The JSON object, without a newline."""
    items: int
    """How many answers (response lines) or events (paradata lines) it holds."""
    fits: bool
    """Every column is within the bounds asked for (always True without bounds). A store may
    be stricter than the bounds (a text's bytes for its characters): the caller validates a
    line that does not fit rather than refusing it."""


class IncomingRevision(NamedTuple):
    """A verified revision from an export file, to insert as it is (merge). A named tuple:
    merge makes one per record, a million answers a run."""

    row: tuple[object, ...]
    """Its `responses` columns, in the order the caller names them."""
    answers: list[object]
    """(question, value JSON, answered_at) triples, flattened."""
    events: list[object]
    """(seq, question, event, at, duration_ms, detail) tuples, flattened."""
    is_head: bool
    in_conflict: bool
    authority: int
    """What the file's signer may change about it (lineage.FULL, OWN or RELAYED)."""


@dataclass(frozen=True)
class ImportRow:
    """One export file merged here (the `imports` table)."""

    file_sha256: str
    device_id: str
    export_seq: int
    imported_at: str
    path: str
    added: int
    present: int
    updated: int
    conflicts: int
    public_key: str | None = None
    """The key that signed the file (a replayed export number is one under the same key)."""
    covers_from: int | None = None
    """The first export number the file's content covers (an `--all` file: 1); None: only
    its own."""


@dataclass(frozen=True)
class DeviceRow:
    """A device key known here (the `devices` table), with what was merged from it."""

    device_id: str
    public_key: str
    trust: str
    first_seen: str
    label: str | None
    files: int = 0
    responses: int = 0


@dataclass(frozen=True)
class TrustLogRow:
    """One change of a device key's trust: who, when, what (the `trust_log` table)."""

    at: str
    device_id: str
    public_key: str | None
    action: str
    by: str
    detail: str | None


@dataclass(frozen=True)
class ConflictRow:
    """One version of an interview in conflict, with its answers."""

    uuid: str
    questionnaire_id: str
    content_hash: str
    parent_hash: str | None
    revision: int
    device_id: str
    interviewer: str | None
    status: str
    updated_at: str
    is_head: bool
    answers: dict[str, object]


@dataclass(frozen=True)
class ResolutionRow:
    """A conflict resolved on this device: what was kept and set aside, by whom."""

    uuid: str
    kept_hash: str
    set_aside: list[str]
    resolved_at: str
    resolved_by: str | None
    device_id: str


@dataclass(frozen=True)
class PackedColumn:
    """A question whose answers scoring reads packed as one small integer code each."""

    question: str
    kind: int
    """0 Likert (its scale point; DK/NA -> `dk_code`), 1 select_one (1-based position in
    `choices`), 2 integer (value + 1)."""
    choices: str = ""
    """For select_one: the JSON choice values as `,"a","b",`."""
    low: int = 0
    high: int = 0
    """The codes kept (others read as 0, no answer): what `word_layout` makes room for."""

    @property
    def mask(self) -> int:
        """The largest number its bits hold, once packed (`word_layout`)."""
        return (1 << (self.high - self.low + 1).bit_length()) - 1


WORD_BITS = 62
"""Bits used of each packed 64-bit word (sign bit and its neighbour left clear)."""


def word_layout(columns: tuple[PackedColumn, ...]) -> tuple[tuple[int, int], ...]:
    """(word, shift) of each column when codes are packed into integers, in column order.

    A code c of a column is stored as c - low + 1 in (high - low + 1).bit_length() bits,
    saturated to 0 and `mask`; a stored 0 is no answer (a response without any answer packs to
    0), and a code read back outside [low, high] counts as none, like code 0 itself. 31
    five-point items and 12 other answers fit in three words."""
    found = []
    word = shift = 0
    for column in columns:
        width = column.mask.bit_length()
        if shift + width > WORD_BITS:
            word, shift = word + 1, 0
        found.append((word, shift))
        shift += width
    return tuple(found)


@dataclass(frozen=True)
class PackedQuery:
    """What scoring asks of the store: scored responses, their answers packed as small codes.

    SQLite packs each answer into two characters, chr(base + column) and chr(base + code);
    PostgreSQL packs the codes into integers (`word_layout`). Answers outside `limit` are
    clamped (Likert) or 0 (integers). `others` are fetched as JSON text.
    """

    questionnaire_id: str
    columns: tuple[PackedColumn, ...]
    dk_values: tuple[str, ...]
    """JSON texts of the scales' "don't know" values."""
    others: tuple[str, ...]
    base: int
    limit: int
    dk_code: int
    na_values: tuple[str, ...] = ()
    """JSON texts of the scales' "not applicable" values (coded `na_code`, apart from DK)."""
    na_code: int = 0
    office: str | None = None
    """Only this office's responses (None: every office)."""


@dataclass(frozen=True)
class ScoredColumns:
    """The scored responses (complete, head revisions) `PackedQuery` selects, column by column
    (one tuple per column, in response id order: numpy takes them as they are)."""

    response_ids: tuple[int, ...]
    personas: tuple[str | None, ...]
    rounds: tuple[str | None, ...]
    versions: tuple[str, ...]
    completed_at: tuple[str | None, ...]
    rejected: tuple[int, ...]
    """1 where the interview's review state is rejected (see the review log)."""
    packed: tuple[str | None, ...]
    others: tuple[tuple[object, ...], ...]
    """One tuple per `PackedQuery.others` question."""
    words: tuple[tuple[int, ...], ...] = ()
    """Instead of `packed` (PostgreSQL): per word of `word_layout`, one integer per response."""


@dataclass(frozen=True)
class Decision:
    """A `reviews` row: one review decision on an interview."""

    uuid: str
    state: str
    """approved, has_issues or rejected."""
    comment: str
    reviewer: str | None
    device_id: str
    decided_at: str
    content_hash: str | None
    """The revision that was reviewed."""
    supersedes: tuple[str, ...] | None = None
    """The entry hashes (review/log.py) of the decisions this one replaces: every decision
    its reviewer's log ended in. None for a decision recorded before review logs travelled
    between supervisors (it replaces the one recorded here before it)."""


@dataclass(frozen=True)
class HeldReview:
    """A review decision from a file whose signer may not review here: kept, not applied."""

    decision: Decision
    entry: str
    """Its entry hash (review/log.py)."""
    signer: str
    """The device that signed the file it came in."""
    reason: str
    file_sha256: str
    received_at: str


@dataclass(frozen=True)
class RoundCount:
    """Completed interviews (head revisions) of one round at one office."""

    round: str | None
    """Normalised (`round_key`); None for interviews recorded without a round."""
    office: str
    """"" for interviews recorded without an office."""
    responses: int
    first_completed: str
    last_completed: str


@dataclass(frozen=True)
class InterviewFacts:
    """Parallel lists, one entry per scored interview (the rows `ScoredColumns` holds, in
    the same order): who, where, when, the review state and the paradata time."""

    response_ids: list[int]
    uuids: list[str]
    interviewers: list[str | None]
    offices: list[str | None]
    completed_at: list[str]
    review_states: list[str | None]
    duration_ms: list[int | None]
    """Sum of the page times; None when the interview has no paradata here."""

"""The store interface: what the engine, sync, scoring, demo and the UI ask of storage.

Each consumer names the narrow protocol it needs (the engine's `DraftSink` is handed to an
interview the way JavaRosa's FormEntryController is handed persistence); `Store` is all of
them, as the SQLite adapter (`store/sqlite/`) implements it; `SupervisorStore` is the part
the supervisor's commands use, which the PostgreSQL adapter (`store/postgres/`) implements too.

Rules every adapter keeps (docs/architecture.md):
- `unit_of_work()` is one transaction: all of it commits or none. A unit opened inside another
  on the SAME thread joins it; units on different threads never share a transaction (each
  thread has its own connection), so a failed merge in a worker never takes an answer the UI
  saved with it, and an answer's commit never commits half a merged file.
- Methods marked "in a unit" must be called inside `unit_of_work()` (they check); the others
  are units of their own or read only.
- Failures raise `store.errors.StoreError` subclasses, never a driver's exceptions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from fieldsurvey.store.dataout import DataSource
from fieldsurvey.store.lineage import Revision
from fieldsurvey.store.records import (
    ConflictRow,
    Decision,
    DeviceRow,
    DraftContent,
    DraftSummary,
    Event,
    ExportLine,
    ExportSelection,
    HeldReview,
    HomeCounts,
    ImportRow,
    IncomingRevision,
    InstalledQuestionnaire,
    InterviewFacts,
    LineBounds,
    NewDraft,
    PackedQuery,
    ResolutionRow,
    ResponseRecord,
    RoundCount,
    ScoredColumns,
    StoredEvent,
    TrustLogRow,
)
from fieldsurvey.store.return_records import (
    ReceivedReturn,
    ReturnCandidate,
    ReturnedNote,
    StoredOfficeReport,
)
from fieldsurvey.store.status import Status

if TYPE_CHECKING:
    from fieldsurvey.questionnaire.expressions import Value


class UnitOfWork(Protocol):
    def unit_of_work(self) -> AbstractContextManager[None]:
        """One transaction on this thread; joins a unit already open on this thread."""
        ...


class Settings(UnitOfWork, Protocol):
    """Device identity and user settings (key -> text)."""

    def get_setting(self, key: str, default: str | None = None) -> str | None: ...

    def get_settings(self, keys: Sequence[str]) -> dict[str, str]:
        """The settings among `keys` that are set."""
        ...

    def set_setting(self, key: str, value: str) -> None: ...

    def set_setting_once(self, key: str, value: str) -> str:
        """Store `value` unless the key is set already; return the stored value (first wins)."""
        ...

    def device_id(self) -> str:
        """This database's device identity, made on first use."""
        ...


class DraftSink(Protocol):
    """What an interview in progress writes: each call is one commit (or joins the caller's)."""

    def save_draft(
        self,
        response_id: int,
        answers: Mapping[str, Value],
        events: Sequence[Event],
        columns: Mapping[str, object],
        at: str,
    ) -> None:
        """Answers (None deletes one), paradata, and draft columns (`records.DRAFT_COLUMNS`),
        with `updated_at = at`."""
        ...

    def close_draft(
        self,
        response_id: int,
        status: Status,
        events: Sequence[Event],
        keep: Sequence[str] | None,
        at: str,
    ) -> str:
        """Close a draft: with `keep`, drop every other answer; a refused one loses its persona;
        hash it, settle heads and conflict flags (store/lineage.py); return the content hash."""
        ...

    def discard_empty_draft(self, response_id: int) -> bool:
        """Delete revision 1 of a draft that has no answer, with its paradata: it was opened
        and left, so there is nothing to resume. True when deleted (in a unit)."""
        ...


class Questionnaires(UnitOfWork, Protocol):
    def add_questionnaire(self, row: InstalledQuestionnaire) -> None:
        """Install a version unless one with its hash is there (a unit of its own)."""
        ...

    def installed(self, digest: str) -> InstalledQuestionnaire | None: ...

    def installed_versions(self) -> list[InstalledQuestionnaire]:
        """Every installed version, newest first."""
        ...

    def questionnaire_sources(self, hashes: Sequence[str]) -> list[InstalledQuestionnaire]:
        """The installed versions among `hashes`, by hash."""
        ...

    def installed_sources(self) -> dict[str, str]:
        """hash -> source of every installed version (merge checks records against them)."""
        ...

    def hashes_of_version(self, questionnaire: str, version: str) -> list[str]:
        """The hashes installed under one questionnaire id and version (normally one)."""
        ...


class Publishing(Questionnaires, Settings, Protocol):
    """Publishing a questionnaire version as the current one (store/published.py)."""


class Responses(Protocol):
    def get_response(self, response_id: int) -> ResponseRecord | None: ...

    def revisions(self, uuid: str) -> list[ResponseRecord]:
        """Every stored revision of an interview, oldest first."""
        ...

    def load_answers(self, response_id: int) -> dict[str, Value]: ...

    def paradata(self, response_id: int) -> list[StoredEvent]: ...

    def home_counts(self, since: str) -> HomeCounts:
        """Counts for the Home screen; `today` counts completions at or after `since`."""
        ...

    def list_drafts(self) -> list[DraftSummary]:
        """Drafts, most recently touched first."""
        ...


class InterviewStore(DraftSink, Questionnaires, Responses, Settings, Protocol):
    """What the engine needs to start, resume and revise interviews."""

    def insert_draft(self, draft: NewDraft) -> ResponseRecord:
        """Revision 1 of a new interview, a draft and its head (in a unit)."""
        ...

    def copy_revision(self, parent: ResponseRecord, device_id: str, at: str) -> int:
        """Revision n+1 of a closed revision: a draft with its answers, not yet the head
        (in a unit). Returns its id."""
        ...


class DeviceTrust(Settings, Protocol):
    """Device keys, their trust and its log, and each revision's authority (sync/trust.py)."""

    def known_device(self, device: str) -> DeviceRow | None: ...

    def devices_by_prefix(self, prefix: str) -> list[DeviceRow]:
        """The device named exactly `prefix`, else every device whose id begins with it."""
        ...

    def all_devices(self) -> list[DeviceRow]:
        """Every known device with the files and closed revisions merged from it."""
        ...

    def add_device(self, device: str, public_key: str, trust: str, at: str) -> None:
        """(in a unit)"""
        ...

    def set_trust(self, device: str, trust: str) -> None:
        """(in a unit)"""
        ...

    def delete_device(self, device: str) -> None:
        """(in a unit)"""
        ...

    def log_trust(self, entry: TrustLogRow) -> None:
        """(in a unit)"""
        ...

    def trust_log(self) -> list[TrustLogRow]:
        """Every change of trust, oldest first."""
        ...

    def files_with_sequence(self, device: str, seq: int, public_key: str) -> list[str]:
        """sha256 of the files merged under one device's export number and key."""
        ...

    def raise_authority(self, rows: list[tuple[int, int]]) -> None:
        """(authority, response id) of revisions that arrived again with more (in a unit)."""
        ...

    def lineage_of(self, uuid: str) -> list[Revision]:
        """Every closed revision of an interview, as lineage.settle reads them."""
        ...


class ReviewLog(Protocol):
    """The review log (fieldsurvey.review): append-only decisions on interviews, the review
    state each interview's log settles to, and decisions held back from untrusted files."""

    def add_decision(self, decision: Decision) -> None:
        """Append one decision (inside the caller's unit of work)."""

    def decisions(self, uuid: str) -> list[Decision]:
        """Every decision on one interview, oldest first."""

    def decisions_of(self, uuids: Sequence[str]) -> dict[str, list[Decision]]:
        """Every decision on each of these interviews, oldest first (merge reads them all)."""

    def set_review_state(self, uuid: str, content_hash: str, state: str, in_conflict: bool) -> None:
        """Store the state the decisions on one revision settle to (review/log.py) (in a
        unit)."""

    def review_conflicts(self) -> list[tuple[str, str]]:
        """(uuid, content hash) of the head revisions whose reviewers disagree, by uuid."""

    def hold_review(self, held: HeldReview) -> bool:
        """Keep a decision that may not be applied; False if held from this signer before
        (in a unit)."""

    def held_reviews(self) -> list[HeldReview]:
        """Every held decision, oldest first (review/log.py leaves out those applied since)."""


class Imports(Questionnaires, ReviewLog, DeviceTrust, Protocol):
    """What merging export files needs (a forwarding file's review log included)."""

    def merged_files(self) -> set[str]:
        """The sha256 of every export file merged here."""
        ...

    def merged_count(self, file_sha256: str) -> int | None:
        """How many responses an already merged file held; None if it was never merged."""
        ...

    def lineages(self, uuids: Sequence[str]) -> dict[str, list[Revision]]:
        """The closed revisions of each interview, as lineage.settle reads them (each a
        `StoredLineage`: merge appends the file's own revisions to these lists)."""
        ...

    def set_flags(self, changed: Sequence[tuple[bool, bool, int]]) -> None:
        """Store settled (is_head, in_conflict, response id) triples (in a unit)."""
        ...

    def insert_revisions(
        self, columns: Sequence[str], revisions: Iterable[IncomingRevision]
    ) -> None:
        """Insert verified revisions with their answers and paradata (in a unit)."""
        ...

    def record_import(self, row: ImportRow) -> None:
        """Remember a merged file (in a unit)."""
        ...

    def import_coverage(self) -> list[tuple[str, int, int]]:
        """(device id, first, last): the export numbers each merged file covers (its own
        number, or from `covers_from` up to it for an `--all` file)."""
        ...

    def bulk_writes(self) -> AbstractContextManager[None]:
        """Around a long run of units (merging many files): the adapter may tune itself for
        it (SQLite checkpoints the WAL less often) and tidies up when it ends."""
        ...


class Exports(Questionnaires, Settings, Protocol):
    """What writing an export file needs."""

    def has_closed(self, selection: ExportSelection) -> bool: ...

    def export_questionnaires(self, selection: ExportSelection) -> list[tuple[str, str, str]]:
        """(id, version, hash) of every questionnaire version the selected revisions use."""
        ...

    def response_lines(
        self, selection: ExportSelection, bounds: LineBounds | None = None
    ) -> Iterator[ExportLine]:
        """One JSON object per selected revision (keys `records.EXPORT_RECORD_COLUMNS` and
        `answers`: `ANSWER_COLUMNS` triples), parents before children, with its number of
        answers and whether every column and answer is within `bounds` (`ExportLine.fits`)."""
        ...

    def paradata_lines(
        self, selection: ExportSelection, bounds: LineBounds | None = None
    ) -> Iterator[ExportLine]:
        """One JSON object per selected revision: uuid, content_hash, events (each
        `EVENT_COLUMNS`), with its number of events and whether it fits `bounds`."""
        ...

    def mark_exported(self, selection: ExportSelection, seq: int) -> None:
        """Stamp the selected revisions not stamped before with file number `seq` (in a unit)."""
        ...

    def forwarded_decisions(self, selection: ExportSelection) -> dict[str, list[Decision]]:
        """For a forwarding selection: the whole review log (oldest first) of every interview
        with a decision whose row id is above `selection.reviews_after`."""
        ...

    def last_decision_id(self) -> int:
        """The row id of the newest decision in the log (0: none)."""
        ...


class Conflicts(ReviewLog, DeviceTrust, Protocol):
    def conflict_versions(self) -> list[ConflictRow]:
        """Every version in conflict, by uuid, newest first within an interview."""
        ...

    def conflicting_hashes(self, uuid: str) -> list[str]: ...

    def keep_only(self, uuid: str, kept: str) -> list[str]:
        """Make `kept` the head and set the interview's other tips aside (in a unit); return
        the content hashes set aside."""
        ...

    def log_resolution(self, row: ResolutionRow) -> None:
        """(in a unit)"""
        ...

    def resolutions(self) -> list[ResolutionRow]:
        """Every conflict resolved on this device, oldest first."""
        ...


class ScoringSource(Protocol):
    def scored_columns(self, query: PackedQuery) -> ScoredColumns: ...

    def offices(self) -> list[str]:
        """Offices with indicator counts, sorted."""
        ...

    def indicator_values(self, office: str) -> dict[tuple[str, str], int]:
        """(period, indicator) -> count, for one office."""
        ...

    def set_indicator_values(
        self, office: str, period: str, values: Mapping[str, int], at: str
    ) -> None:
        """Replace some counts of one office and period (one unit)."""
        ...


class Reviews(ReviewLog, Responses, Settings, Protocol):
    """What `fieldsurvey.review` uses: the log, the interviews' revisions, who reviews."""


class ConflictQueue(Conflicts, Reviews, Protocol):
    """What resolving the conflict queue needs: versions, and reviewers who disagree."""


class SupervisionSource(Protocol):
    """What `rounds` and the quality flags read besides the scored answers."""

    def round_counts(self) -> list[RoundCount]:
        """Completed interviews per (round, office)."""

    def interview_facts(self, questionnaire_id: str) -> InterviewFacts:
        """Per scored interview: who, where, when, review state, paradata time."""

    def words_read(
        self, response_ids: Sequence[int], page_words: Mapping[str, int]
    ) -> dict[int, int]:
        """Response id -> words of the distinct pages it went through (its `leave` events)."""


class Supervision(SupervisionSource, ScoringSource, Responses, Protocol):
    """What `fieldsurvey rounds` and `fieldsurvey.quality` use."""


class ReturnCandidates(Protocol):
    def return_candidates(self, devices: Sequence[str] | None) -> list[ReturnCandidate]:
        """Interviews whose newest decision on their head revision is rejected or has
        issues, started on one of `devices` (None: any device), oldest decision first."""
        ...


class ReturnSource(ScoringSource, Publishing, DeviceTrust, ReturnCandidates, Protocol):
    """What `fieldsurvey return` reads on the supervisor (fieldsurvey.returns)."""


class ReturnNotes(Protocol):
    """What the device's screens read of received return files."""

    def returned_note(self, uuid: str) -> ReturnedNote | None:
        """The newest reviewer's comment received for an interview, if any."""
        ...

    def returned_uuids(self) -> set[str]:
        """Every interview a received return file sent back (Home marks their drafts)."""
        ...

    def office_report(self) -> StoredOfficeReport | None:
        """The newest office report received (by its as-of time), if any."""
        ...


class DraftContents(Protocol):
    def draft_contents(self) -> list[DraftContent]:
        """Every draft's answers and questionnaire version, in one read (Home's overview)."""
        ...


class ReturnInbox(Protocol):
    """The return files a device received: append-only, nothing is deleted."""

    def received_return(self, file_sha256: str) -> ReceivedReturn | None: ...

    def latest_return(self) -> ReceivedReturn | None:
        """The newest return file received here (by the time it was made)."""
        ...

    def record_return(self, row: ReceivedReturn) -> None:
        """(in a unit)"""
        ...

    def add_returned(self, notes: Sequence[ReturnedNote]) -> None:
        """(in a unit)"""
        ...

    def add_office_report(self, row: StoredOfficeReport) -> None:
        """(in a unit)"""
        ...


class ReturnTarget(InterviewStore, DeviceTrust, ReturnNotes, ReturnInbox, Protocol):
    """What `fieldsurvey receive` uses on a device."""


class ScratchStore(InterviewStore, Protocol):
    def close(self) -> None: ...


ScratchOpener = Callable[[Path], ScratchStore]
"""Opens a scratch store of the same kind at a path (picklable: demo's worker processes call
it). Scratch stores trade durability for speed: a crash may lose them whole."""


class DemoTarget(Settings, Protocol):
    def scratch_opener(self) -> ScratchOpener: ...

    def copy_responses_from(self, other: Path) -> None:
        """Append every response (answers, paradata, questionnaires) of the database file
        `other`, made by the same adapter, in one unit."""
        ...


class SupervisorStore(
    Reviews,
    Imports,
    Conflicts,
    ScoringSource,
    DataSource,
    SupervisionSource,
    ReturnCandidates,
    Protocol,
):
    """What the commands that do not capture interviews use (merge, conflicts, devices,
    rounds, quality, review, scores, data, report, indicators, questionnaire publish,
    return): the SQLite adapter and the PostgreSQL one (HQ, store/postgres/) both
    implement it."""

    def close(self) -> None:
        """Close every connection; the store cannot be used afterwards."""
        ...


class Store(
    SupervisorStore,
    InterviewStore,
    Exports,
    DemoTarget,
    Publishing,
    ReturnNotes,
    ReturnInbox,
    DraftContents,
    Protocol,
):
    """Everything: what a device's adapter (SQLite) implements and the app holds. Capturing
    and exporting interviews stay on the device."""

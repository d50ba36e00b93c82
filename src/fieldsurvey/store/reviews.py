"""The review log's storage, written once for both adapters: supervisors' decisions,
append-only (the adapter's schema refuses to change or delete a row); `review_states` holds
the state each interview's log settles to (review/log.py decides it), and `held_reviews` the
decisions from files whose signer may not review here. The statements are the adapter's
(store/adapter.py), and so is reading the decisions on many interviews at once."""

from __future__ import annotations

import json
from abc import abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from fieldsurvey.store.adapter import AdapterPart
from fieldsurvey.store.records import Decision, HeldReview

DECISION_COLUMNS = "uuid, state, comment, reviewer, device_id, decided_at, content_hash, supersedes"
"""A decision's columns, in the order `decision_values` gives and `decision_from_row` reads."""
HELD_COLUMNS = f"entry, signer, {DECISION_COLUMNS}, reason, file_sha256, received_at"


def latest_state_sql(uuid_column: str, hash_column: str) -> str:
    """A scalar subquery: the review state of the revision named by `uuid_column` and
    `hash_column` (NULL when pending), for queries that filter or count by review state.
    A decision judges the revision it names: a revised interview is pending again."""
    return (
        f"(SELECT v.state FROM review_states v "
        f"WHERE v.uuid = {uuid_column} AND v.content_hash = {hash_column})"
    )


def decision_values(decision: Decision) -> list[object]:
    """The decision as the values of `DECISION_COLUMNS` (supersedes: JSON, None before
    review logs were forwarded)."""
    d = decision
    links = None if d.supersedes is None else json.dumps(list(d.supersedes))
    return [d.uuid, d.state, d.comment, d.reviewer, d.device_id, d.decided_at, d.content_hash,
            links]  # fmt: skip


def decision_from_row(row: Sequence[Any]) -> Decision:
    uuid, state, comment, reviewer, device, at, content, supersedes = row
    links = None if supersedes is None else tuple(json.loads(supersedes))
    return Decision(uuid, state, comment, reviewer, device, at, content, links)


@dataclass(frozen=True)
class ReviewsSQL:
    """One statement per use; the parameters each is given, in order, follow its name."""

    add_decision: str
    """(the values of DECISION_COLUMNS)"""
    set_review_state: str
    """(uuid, content_hash, state, in_conflict): inserted, or replacing the revision's state"""
    review_conflicts: str
    """() -> uuid, content_hash of the head revisions whose state is in conflict, by uuid"""
    hold_review: str
    """(the values of HELD_COLUMNS; supersedes never NULL): nothing if held before"""
    held_reviews: str
    """() -> HELD_COLUMNS, oldest first"""


class ReviewsPart(AdapterPart):
    reviews_sql: ClassVar[ReviewsSQL]

    @abstractmethod
    def _decision_rows(self, uuids: list[str]) -> Iterable[Sequence[Any]]:
        """DECISION_COLUMNS of every decision on these (distinct) interviews, by decided_at
        and row id."""

    def add_decision(self, decision: Decision) -> None:
        self.require_unit().execute(self.reviews_sql.add_decision, decision_values(decision))

    def decisions(self, uuid: str) -> list[Decision]:
        return self.decisions_of([uuid]).get(uuid, [])

    def decisions_of(self, uuids: Sequence[str]) -> dict[str, list[Decision]]:
        found: dict[str, list[Decision]] = {}
        for row in self._decision_rows(list(dict.fromkeys(uuids))):
            found.setdefault(row[0], []).append(decision_from_row(row))
        return found

    def set_review_state(self, uuid: str, content_hash: str, state: str, in_conflict: bool) -> None:
        self.require_unit().execute(
            self.reviews_sql.set_review_state, [uuid, content_hash, state, in_conflict]
        )

    def review_conflicts(self) -> list[tuple[str, str]]:
        rows = self.conn.execute(self.reviews_sql.review_conflicts)
        return [(uuid, digest) for uuid, digest in rows]

    def hold_review(self, held: HeldReview) -> bool:
        *columns, links = decision_values(held.decision)
        cursor = self.require_unit().execute(
            self.reviews_sql.hold_review,
            [held.entry, held.signer, *columns, links or "[]", held.reason, held.file_sha256,
             held.received_at],
        )  # fmt: skip
        return cursor.rowcount == 1

    def held_reviews(self) -> list[HeldReview]:
        rows = self.conn.execute(self.reviews_sql.held_reviews).fetchall()
        return [HeldReview(decision_from_row(row[2:10]), row[0], row[1], *row[10:]) for row in rows]

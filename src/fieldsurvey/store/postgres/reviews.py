"""The review log: supervisors' decisions, append-only (a trigger refuses to change or delete a
row); `review_states` holds the state each interview's log settles to (review/log.py decides
it), and `held_reviews` the decisions from files whose signer may not review here."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from fieldsurvey.store.postgres.base import PostgresBase
from fieldsurvey.store.records import Decision, HeldReview

_COLUMNS = "uuid, state, comment, reviewer, device_id, decided_at, content_hash, supersedes"
_HELD = f"entry, signer, {_COLUMNS}, reason, file_sha256, received_at"


def latest_state_sql(uuid_column: str, hash_column: str) -> str:
    """A scalar subquery: the review state of the revision named by `uuid_column` and
    `hash_column` (NULL when pending). A decision judges the revision it names: a revised
    interview is pending again."""
    return (
        f"(SELECT v.state FROM review_states v "
        f"WHERE v.uuid = {uuid_column} AND v.content_hash = {hash_column})"
    )


def _values(decision: Decision) -> list[object]:
    """The decision as the columns of `_COLUMNS` (supersedes: JSON, None before forwarding)."""
    links = None if decision.supersedes is None else json.dumps(list(decision.supersedes))
    d = decision
    return [d.uuid, d.state, d.comment, d.reviewer, d.device_id, d.decided_at, d.content_hash,
            links]  # fmt: skip


def _decision(row: Sequence[Any]) -> Decision:
    uuid, state, comment, reviewer, device, at, content, supersedes = row
    links = None if supersedes is None else tuple(json.loads(supersedes))
    return Decision(uuid, state, comment, reviewer, device, at, content, links)


class ReviewsMixin(PostgresBase):
    def add_decision(self, decision: Decision) -> None:
        self.require_unit().execute(
            f"INSERT INTO reviews ({_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            _values(decision),
        )

    def decisions(self, uuid: str) -> list[Decision]:
        return self.decisions_of([uuid]).get(uuid, [])

    def decisions_of(self, uuids: Sequence[str]) -> dict[str, list[Decision]]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM reviews WHERE uuid = ANY(%s) ORDER BY decided_at, id",
            [list(dict.fromkeys(uuids))],
        )
        found: dict[str, list[Decision]] = {}
        for row in rows:
            found.setdefault(row[0], []).append(_decision(row))
        return found

    def set_review_state(self, uuid: str, content_hash: str, state: str, in_conflict: bool) -> None:
        self.require_unit().execute(
            "INSERT INTO review_states (uuid, content_hash, state, in_conflict) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (uuid, content_hash) DO UPDATE SET "
            "state = excluded.state, in_conflict = excluded.in_conflict",
            [uuid, content_hash, state, in_conflict],
        )

    def review_conflicts(self) -> list[tuple[str, str]]:
        rows = self.conn.execute(
            "SELECT s.uuid, s.content_hash FROM review_states s JOIN responses r "
            "ON r.uuid = s.uuid AND r.content_hash = s.content_hash AND r.is_head "
            'WHERE s.in_conflict ORDER BY s.uuid COLLATE "C"'
        )
        return [(uuid, digest) for uuid, digest in rows]

    def hold_review(self, held: HeldReview) -> bool:
        *columns, links = _values(held.decision)
        cursor = self.require_unit().execute(
            f"INSERT INTO held_reviews ({_HELD}) VALUES "
            "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
            [held.entry, held.signer, *columns, links or "[]", held.reason, held.file_sha256,
             held.received_at],
        )  # fmt: skip
        return cursor.rowcount == 1

    def held_reviews(self) -> list[HeldReview]:
        rows = self.conn.execute(f"SELECT {_HELD} FROM held_reviews ORDER BY id").fetchall()
        return [HeldReview(_decision(row[2:10]), row[0], row[1], *row[10:]) for row in rows]

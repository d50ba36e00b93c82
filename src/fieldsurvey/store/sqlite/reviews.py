"""The review log (MIGRATION_SUPERVISION, MIGRATION_FORWARD): supervisors' decisions,
append-only (triggers refuse to change or delete a row); `review_states` holds the state each
interview's log settles to (review/log.py decides it), and `held_reviews` the decisions from
files whose signer may not review here."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from fieldsurvey.store.records import Decision, ExportSelection, HeldReview
from fieldsurvey.store.sqlite.base import SQLiteBase

_COLUMNS = "uuid, state, comment, reviewer, device_id, decided_at, content_hash, supersedes"
_HELD = f"entry, signer, {_COLUMNS}, reason, file_sha256, received_at"
CHUNK = 500


def latest_state_sql(uuid_column: str, hash_column: str) -> str:
    """A scalar subquery: the review state of the revision named by `uuid_column` and
    `hash_column` (NULL when pending), for queries that filter or count by review state.
    A decision judges the revision it names: a revised interview is pending again."""
    return (
        f"(SELECT v.state FROM review_states v "
        f"WHERE v.uuid = {uuid_column} AND v.content_hash = {hash_column})"
    )


def _links(decision: Decision) -> str | None:
    return None if decision.supersedes is None else json.dumps(list(decision.supersedes))


def _decision(row: Sequence[Any]) -> Decision:
    uuid, state, comment, reviewer, device, at, content, supersedes = row
    links = None if supersedes is None else tuple(json.loads(supersedes))
    return Decision(uuid, state, comment, reviewer, device, at, content, links)


class ReviewsMixin(SQLiteBase):
    def add_decision(self, decision: Decision) -> None:
        conn = self.require_unit()
        values = [*vars(decision).values()][:-1]
        conn.execute(
            f"INSERT INTO reviews ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [*values, _links(decision)],
        )

    def decisions(self, uuid: str) -> list[Decision]:
        return self.decisions_of([uuid]).get(uuid, [])

    def decisions_of(self, uuids: Sequence[str]) -> dict[str, list[Decision]]:
        distinct = list(dict.fromkeys(uuids))
        found: dict[str, list[Decision]] = {}
        for start in range(0, len(distinct), CHUNK):
            chunk = distinct[start : start + CHUNK]
            rows = self.conn.execute(
                f"SELECT {_COLUMNS} FROM reviews WHERE uuid IN ({', '.join('?' * len(chunk))}) "
                "ORDER BY decided_at, id",
                chunk,
            )
            for row in rows:
                found.setdefault(row[0], []).append(_decision(row))
        return found

    def set_review_state(self, uuid: str, content_hash: str, state: str, in_conflict: bool) -> None:
        self.require_unit().execute(
            "INSERT INTO review_states (uuid, content_hash, state, in_conflict) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (uuid, content_hash) DO UPDATE SET "
            "state = excluded.state, in_conflict = excluded.in_conflict",
            [uuid, content_hash, state, int(in_conflict)],
        )

    def review_conflicts(self) -> list[tuple[str, str]]:
        rows = self.conn.execute(
            "SELECT s.uuid, s.content_hash FROM review_states s JOIN responses r "
            "ON r.uuid = s.uuid AND r.content_hash = s.content_hash AND r.is_head = 1 "
            "WHERE s.in_conflict ORDER BY s.uuid"
        )
        return [(uuid, digest) for uuid, digest in rows]

    def hold_review(self, held: HeldReview) -> bool:
        d = held.decision
        cursor = self.require_unit().execute(
            f"INSERT OR IGNORE INTO held_reviews ({_HELD}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [held.entry, held.signer, d.uuid, d.state, d.comment, d.reviewer, d.device_id,
             d.decided_at, d.content_hash, _links(d) or "[]", held.reason, held.file_sha256,
             held.received_at],
        )  # fmt: skip
        return cursor.rowcount == 1

    def held_reviews(self) -> list[HeldReview]:
        rows = self.conn.execute(f"SELECT {_HELD} FROM held_reviews ORDER BY id").fetchall()
        held = [HeldReview(_decision(row[2:10]), row[0], row[1], *row[10:]) for row in rows]
        return held

    def forwarded_decisions(self, selection: ExportSelection) -> dict[str, list[Decision]]:
        rows = self.conn.execute(
            "SELECT DISTINCT uuid FROM reviews WHERE id > ?", [selection.reviews_after]
        ).fetchall()
        return self.decisions_of([uuid for (uuid,) in rows])

    def last_decision_id(self) -> int:
        row = self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM reviews").fetchone()
        return int(row[0])

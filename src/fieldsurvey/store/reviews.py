"""The review log: supervisors' decisions on interviews, append-only (migration 3).

An interview's review state is its newest decision (by time, then row); with none it is
pending. Rows are never changed or deleted (triggers refuse it), so who decided what, when
and why stays readable. Writers run inside the caller's `write_transaction`.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from fieldsurvey.store.responses import require_transaction

DECISIONS = ("approved", "has_issues", "rejected")
PENDING = "pending"


@dataclass(frozen=True)
class Decision:
    """A `reviews` row."""

    uuid: str
    state: str
    comment: str
    reviewer: str | None
    device_id: str
    decided_at: str
    content_hash: str | None


_COLUMNS = "uuid, state, comment, reviewer, device_id, decided_at, content_hash"


def latest_state_sql(uuid_column: str) -> str:
    """A scalar subquery: the review state of the interview named by `uuid_column` (NULL when
    pending), for queries that filter or count by review state."""
    return (
        f"(SELECT v.state FROM reviews v WHERE v.uuid = {uuid_column} "
        "ORDER BY v.decided_at DESC, v.id DESC LIMIT 1)"
    )


def add_decision(db: sqlite_utils.Database, decision: Decision) -> None:
    """Append one decision to the log."""
    require_transaction(db)
    if decision.state not in DECISIONS:
        raise ValueError(f"not a review decision: {decision.state}")
    db.execute(
        f"INSERT INTO reviews ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            decision.uuid,
            decision.state,
            decision.comment,
            decision.reviewer,
            decision.device_id,
            decision.decided_at,
            decision.content_hash,
        ],
    )


def decisions(db: sqlite_utils.Database, uuid: str) -> list[Decision]:
    """Every decision on one interview, oldest first."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM reviews WHERE uuid = ? ORDER BY decided_at, id", [uuid]
    ).fetchall()
    return [Decision(*row) for row in rows]


def review_states(db: sqlite_utils.Database) -> dict[str, str]:
    """uuid -> current state of every interview with at least one decision."""
    rows = db.execute(
        "SELECT uuid, state FROM (SELECT uuid, state, row_number() OVER "
        "(PARTITION BY uuid ORDER BY decided_at DESC, id DESC) AS newest FROM reviews) "
        "WHERE newest = 1"
    ).fetchall()
    return dict(rows)

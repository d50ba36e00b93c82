"""Paradata: what happened during an interview, after ODK's audit log.

Events are `start`, `resume`, `enter`/`leave` (a page; `leave` carries the monotonic time spent
on it), `language`, `complete`, `refused`, `void`, `revise`. Supervisors read them to flag
speeding and straight-lining. Written inside the caller's transaction, next to the answer or
move they describe.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from fieldsurvey.store.responses import require_transaction


@dataclass(frozen=True)
class Event:
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


def add_events(db: sqlite_utils.Database, response_id: int, events: list[Event], at: str) -> None:
    """Append events with the next sequence numbers of this response."""
    require_transaction(db)
    for item in events:
        db.execute(
            "INSERT INTO paradata (response, seq, question, event, at, duration_ms, detail) "
            "SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ? FROM paradata WHERE response = ?",
            [
                response_id,
                item.question,
                item.event,
                at,
                item.duration_ms,
                item.detail,
                response_id,
            ],
        )


def events(db: sqlite_utils.Database, response_id: int) -> list[StoredEvent]:
    rows = db.execute(
        "SELECT response, seq, question, event, at, duration_ms, detail FROM paradata "
        "WHERE response = ? ORDER BY seq",
        [response_id],
    ).fetchall()
    return [StoredEvent(*row) for row in rows]

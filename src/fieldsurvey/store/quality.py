"""What the data-quality flags read besides the answers: one row per scored interview with
who, where and when, its review state and its paradata time, and the words of the pages an
interview went through.

The rows are those `scoring.data.load_survey` returns (complete head revisions of one
questionnaire, ordered by id), so the two line up row for row. Durations are the monotonic
milliseconds of the `leave` events.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sqlite_utils

from fieldsurvey.store.reviews import latest_state_sql


@dataclass(frozen=True)
class InterviewFacts:
    """Parallel lists, one entry per scored interview, in response id order."""

    response_ids: list[int]
    uuids: list[str]
    interviewers: list[str | None]
    offices: list[str | None]
    completed_at: list[str]
    review_states: list[str | None]
    duration_ms: list[int | None]
    """Sum of the page times; None when the interview has no paradata here."""


def interview_facts(db: sqlite_utils.Database, questionnaire_id: str) -> InterviewFacts:
    rows = db.conn.execute(
        f"""SELECT r.id, r.uuid, r.interviewer, r.office, r.completed_at,
            {latest_state_sql("r.uuid")},
            (SELECT SUM(p.duration_ms) FROM paradata p
             WHERE p.response = r.id AND p.event = 'leave')
        FROM responses r
        WHERE r.status = 'complete' AND r.is_head = 1 AND r.questionnaire_id = ?
        ORDER BY r.id""",
        [questionnaire_id],
    ).fetchall()
    columns = list(zip(*rows, strict=True)) or [()] * 7
    return InterviewFacts(*(list(column) for column in columns))


def words_read(
    db: sqlite_utils.Database, response_ids: Sequence[int], page_words: Mapping[str, int]
) -> dict[int, int]:
    """Response id -> words of the distinct pages it went through (by its `leave` events),
    through a temporary (page -> words) table made and dropped around the query."""
    if not response_ids:
        return {}
    table = f"temp.quality_words_{uuid.uuid4().hex}"
    db.conn.execute(f"CREATE TABLE {table} (page TEXT PRIMARY KEY, words INTEGER) WITHOUT ROWID")
    try:
        db.conn.executemany(f"INSERT INTO {table} VALUES (?, ?)", list(page_words.items()))
        marks = ", ".join("?" for _ in response_ids)
        rows = db.conn.execute(
            f"""SELECT p.response, TOTAL(w.words) FROM
                (SELECT DISTINCT response, question FROM paradata
                 WHERE response IN ({marks}) AND event = 'leave') p
            JOIN {table} w ON w.page = p.question GROUP BY p.response""",
            list(response_ids),
        ).fetchall()
    finally:
        db.conn.execute(f"DROP TABLE IF EXISTS {table}")
    found = {int(response): int(words) for response, words in rows}
    return {response: found.get(response, 0) for response in response_ids}

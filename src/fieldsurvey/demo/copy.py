"""Copying the responses of a scratch database into the real one, in one transaction.

Response ids are local row ids, so the copied rows are renumbered after the highest id in
the target; answers and paradata follow their response.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from fieldsurvey.store.db import write_transaction

RESPONSE_COLUMNS = (
    "uuid, revision, parent_hash, content_hash, questionnaire_id, questionnaire_version, "
    "questionnaire_hash, device_id, interviewer, office, round, language, persona, status, "
    "started_at, updated_at, completed_at, current_question, is_head, in_conflict, exported_seq"
)


def copy_responses(db: sqlite_utils.Database, scratch: Path) -> None:
    """Append every response of `scratch` (with answers and paradata) to `db`."""
    db.execute("ATTACH DATABASE ? AS scratch", [str(scratch)])
    try:
        with write_transaction(db):
            offset = db.execute("SELECT COALESCE(MAX(id), 0) FROM main.responses").fetchone()[0]
            db.execute(
                "INSERT OR IGNORE INTO main.questionnaires SELECT * FROM scratch.questionnaires"
            )
            db.execute(
                f"INSERT INTO main.responses (id, {RESPONSE_COLUMNS}) "
                f"SELECT id + ?, {RESPONSE_COLUMNS} FROM scratch.responses ORDER BY id",
                [offset],
            )
            db.execute(
                "INSERT INTO main.answers (response, question, value, answered_at) "
                "SELECT response + ?, question, value, answered_at FROM scratch.answers",
                [offset],
            )
            db.execute(
                "INSERT INTO main.paradata (response, seq, question, event, at, duration_ms, "
                "detail) SELECT response + ?, seq, question, event, at, duration_ms, detail "
                "FROM scratch.paradata",
                [offset],
            )
    finally:
        db.execute("DETACH DATABASE scratch")

"""Response revisions and their answers: the queries the engine (and sync) build on.

Functions that write must run inside `write_transaction(db)` (they check): the engine groups
an answer, the values recalculated from it, the draft's progress and paradata into ONE commit,
so a crash keeps all of it or none of it. Answer values are stored as JSON text.

Revisions: revision 1 is created as a draft and is the head of its uuid. `copy_revision` adds
revision n+1 as a draft that is NOT yet the head; `close_revision` (complete, voided, refused)
computes the content hash, and the interview's heads and conflict flags are settled by the
same rule merge follows (lineage.py): usually the closed revision becomes the head and its
parent no longer is, but if a merge brought another edit of the parent while this one was
open, both are tips and both are flagged in conflict, with one head.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields

import sqlite_utils

from fieldsurvey.questionnaire.expressions import Value
from fieldsurvey.store.content import content_hash
from fieldsurvey.store.lineage import Revision, settle

CLOSED_STATUSES = ("complete", "voided", "refused")
UPDATABLE = frozenset({"updated_at", "current_question", "persona", "language"})
"""Columns a draft changes as the interview goes on."""


@dataclass(frozen=True)
class ResponseRecord:
    """A `responses` row."""

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
    status: str
    started_at: str
    updated_at: str
    completed_at: str | None
    current_question: str | None
    is_head: int
    in_conflict: int
    exported_seq: int | None


_FIELDS = frozenset(field.name for field in fields(ResponseRecord))
_COLUMNS = ", ".join(field.name for field in fields(ResponseRecord))


def encode_value(value: Value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def decode_value(text: str) -> Value:
    return json.loads(text)


def require_transaction(db: sqlite_utils.Database) -> None:
    if not db.conn.in_transaction:
        raise RuntimeError("this store function writes: call it inside write_transaction(db)")


def insert_draft(db: sqlite_utils.Database, **columns: object) -> ResponseRecord:
    """Insert revision 1 of a new interview (status draft, head); return the stored row."""
    require_transaction(db)
    unknown = columns.keys() - _FIELDS
    if unknown:
        raise ValueError(f"not columns of responses: {sorted(unknown)}")
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    cursor = db.execute(
        f"INSERT INTO responses ({names}, status) VALUES ({marks}, 'draft')", list(columns.values())
    )
    return get_response(db, cursor.lastrowid)  # type: ignore[return-value]


def get_response(db: sqlite_utils.Database, response_id: int) -> ResponseRecord | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM responses WHERE id = ?", [response_id]).fetchone()
    return ResponseRecord(*row) if row else None


def revisions(db: sqlite_utils.Database, uuid: str) -> list[ResponseRecord]:
    """Every stored revision of an interview, oldest first."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM responses WHERE uuid = ? ORDER BY revision, id", [uuid]
    ).fetchall()
    return [ResponseRecord(*row) for row in rows]


def load_answers(db: sqlite_utils.Database, response_id: int) -> dict[str, Value]:
    rows = db.execute("SELECT question, value FROM answers WHERE response = ?", [response_id])
    return {question: decode_value(value) for question, value in rows}


def save_answers(
    db: sqlite_utils.Database, response_id: int, values: Mapping[str, Value], at: str
) -> None:
    """Upsert each answer; a None value deletes the answer."""
    require_transaction(db)
    for question, value in values.items():
        if value is None:
            db.execute(
                "DELETE FROM answers WHERE response = ? AND question = ?", [response_id, question]
            )
        else:
            db.execute(
                "INSERT INTO answers (response, question, value, answered_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (response, question) DO UPDATE SET value = excluded.value, "
                "answered_at = excluded.answered_at",
                [response_id, question, encode_value(value), at],
            )


def keep_answers(db: sqlite_utils.Database, response_id: int, keep: Iterable[str]) -> None:
    """Delete every answer of the response except those to the questions in `keep`."""
    require_transaction(db)
    kept = list(keep)
    marks = ", ".join("?" for _ in kept)
    db.execute(
        f"DELETE FROM answers WHERE response = ? AND question NOT IN ({marks})",
        [response_id, *kept],
    )


def update_draft(db: sqlite_utils.Database, response_id: int, **columns: object) -> None:
    """Set some of `UPDATABLE` on a draft (e.g. updated_at, current_question)."""
    require_transaction(db)
    unknown = columns.keys() - UPDATABLE
    if unknown:
        raise ValueError(f"not updatable here: {sorted(unknown)}")
    assignments = ", ".join(f"{name} = ?" for name in columns)
    db.execute(
        f"UPDATE responses SET {assignments} WHERE id = ? AND status = 'draft'",
        [*columns.values(), response_id],
    )


def close_revision(db: sqlite_utils.Database, response_id: int, status: str, at: str) -> str:
    """Close a draft as complete/voided/refused: hash it, make it the head; return the hash."""
    require_transaction(db)
    if status not in CLOSED_STATUSES:
        raise ValueError(f"not a closing status: {status}")
    cursor = db.execute(
        "UPDATE responses SET status = ?, completed_at = ?, updated_at = ?, is_head = 1 "
        "WHERE id = ? AND status = 'draft'",
        [status, at, at, response_id],
    )
    record = get_response(db, response_id)
    if cursor.rowcount != 1 or record is None:
        raise ValueError(f"response {response_id} is not an open draft")
    digest = content_hash(asdict(record), load_answers(db, response_id))
    db.execute("UPDATE responses SET content_hash = ? WHERE id = ?", [digest, response_id])
    settle_heads(db, record.uuid)
    return digest


def settle_heads(db: sqlite_utils.Database, uuid: str) -> None:
    """Set `is_head` and `in_conflict` of every closed revision of `uuid` by lineage.settle."""
    require_transaction(db)
    rows = db.execute(
        "SELECT id, content_hash, parent_hash, updated_at, is_head, in_conflict, device_id, "
        "authority FROM responses WHERE uuid = ? AND content_hash IS NOT NULL",
        [uuid],
    ).fetchall()
    flags = settle(
        [Revision(digest, parent, at, bool(head), bool(conflict), True, device, authority)
         for _, digest, parent, at, head, conflict, device, authority in rows]
    )  # fmt: skip
    changed = [
        (*flags[digest], row_id)
        for row_id, digest, _, _, head, conflict, *_ in rows
        if flags[digest] != (bool(head), bool(conflict))
    ]
    set_flags(db, changed)


def set_flags(db: sqlite_utils.Database, changed: list[tuple[bool, bool, int]]) -> None:
    """Store settled (is_head, in_conflict, row id) triples: the one write of those flags."""
    db.conn.executemany("UPDATE responses SET is_head = ?, in_conflict = ? WHERE id = ?", changed)


def copy_revision(
    db: sqlite_utils.Database, parent: ResponseRecord, device_id: str, at: str
) -> int:
    """Start revision n+1 of a closed revision: a draft with its answers, not yet the head."""
    require_transaction(db)
    cursor = db.execute(
        "INSERT INTO responses (uuid, revision, parent_hash, questionnaire_id, "
        "questionnaire_version, questionnaire_hash, device_id, interviewer, office, round, "
        "language, persona, status, started_at, updated_at, current_question, is_head) "
        "SELECT uuid, revision + 1, content_hash, questionnaire_id, questionnaire_version, "
        "questionnaire_hash, ?, interviewer, office, round, language, persona, 'draft', "
        "started_at, ?, NULL, 0 FROM responses WHERE id = ?",
        [device_id, at, parent.id],
    )
    revision_id = cursor.lastrowid
    db.execute(
        "INSERT INTO answers (response, question, value, answered_at) "
        "SELECT ?, question, value, answered_at FROM answers WHERE response = ?",
        [revision_id, parent.id],
    )
    return revision_id  # type: ignore[return-value]

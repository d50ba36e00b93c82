"""Queries behind the analyst exports and the report (`fieldsurvey data`, `fieldsurvey report`).

Exports stream: responses come back in chunks of whole rows (keyset pagination on the row id)
and paradata as a cursor, all inside one read transaction, so every chunk sees the same
snapshot even while a merge writes. Each response's answers arrive as one JSON object text
built by SQLite (`{"q1":3,"q2":"yes",...}`): one string per response decoded by `json.loads`
costs about half of fetching one Python tuple per answer (measured on 1.2M answers).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import sqlite_utils

RESPONSE_COLUMNS = (
    "id",
    "uuid",
    "revision",
    "device_id",
    "interviewer",
    "office",
    "round",
    "persona",
    "language",
    "status",
    "started_at",
    "completed_at",
    "questionnaire_id",
    "questionnaire_version",
    "questionnaire_hash",
)
"""The `responses` columns an export row starts with, in this order."""

PARADATA_COLUMNS = ("uuid", "revision", "seq", "question", "event", "at", "duration_ms", "detail")


@dataclass(frozen=True)
class Selection:
    """Which responses an export or report covers: head revisions of one questionnaire.

    Review states do not exist in the schema yet; when they land, `include_rejected` joins
    the review table here (a rejected response is left out unless asked for).
    """

    questionnaire_id: str
    round: str | None = None
    office: str | None = None
    drafts: bool = False
    include_rejected: bool = False

    def where(self) -> tuple[str, list[object]]:
        """The WHERE clause over `responses r` and its parameters."""
        statuses = "('complete', 'draft')" if self.drafts else "('complete')"
        clauses = ["r.is_head = 1", f"r.status IN {statuses}", "r.questionnaire_id = ?"]
        params: list[object] = [self.questionnaire_id]
        if self.round is not None:
            clauses.append("r.round = ?")
            params.append(self.round)
        if self.office is not None:
            clauses.append("r.office = ?")
            params.append(self.office)
        return " AND ".join(clauses), params


@contextlib.contextmanager
def read_snapshot(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A read transaction: every query inside sees the same committed state (WAL snapshot)."""
    conn = db.conn
    if conn.in_transaction:
        yield db
        return
    conn.execute("BEGIN")
    try:
        yield db
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def count_responses(db: sqlite_utils.Database, selection: Selection) -> int:
    where, params = selection.where()
    return int(db.execute(f"SELECT count(*) FROM responses r WHERE {where}", params).fetchone()[0])


def values_present(db: sqlite_utils.Database, selection: Selection, column: str) -> list[str]:
    """Distinct non-null values of `round` or `office` among the questionnaire's responses,
    ignoring the selection's own filter on that column (to say what could have been asked)."""
    if column not in ("round", "office"):
        raise ValueError(f"not a filter column: {column}")
    wider = Selection(selection.questionnaire_id, drafts=selection.drafts)
    where, params = wider.where()
    rows = db.execute(
        f"SELECT DISTINCT r.{column} FROM responses r WHERE {where} AND r.{column} IS NOT NULL "
        f"ORDER BY 1",
        params,
    ).fetchall()
    return [row[0] for row in rows]


def questionnaire_hashes(db: sqlite_utils.Database, selection: Selection) -> list[str]:
    """Hashes of the questionnaire versions the selected responses were made with."""
    where, params = selection.where()
    rows = db.execute(
        f"SELECT r.questionnaire_hash, max(r.started_at) FROM responses r WHERE {where} "
        "GROUP BY 1 ORDER BY 2 DESC",
        params,
    ).fetchall()
    return [row[0] for row in rows]


def json_types(
    db: sqlite_utils.Database, selection: Selection, questions: Sequence[str]
) -> dict[str, set[str]]:
    """The JSON types stored for each of `questions` ('integer', 'real', 'text', ...):
    calculated values have no declared type, so their column type comes from the data."""
    if not questions:
        return {}
    where, params = selection.where()
    marks = ", ".join("?" for _ in questions)
    rows = db.execute(
        f"SELECT DISTINCT a.question, json_type(a.value) FROM responses r "
        f"JOIN answers a ON a.response = r.id WHERE {where} AND a.question IN ({marks})",
        [*params, *questions],
    ).fetchall()
    found: dict[str, set[str]] = {q: set() for q in questions}
    for question, kind in rows:
        found[question].add(kind)
    return found


def response_chunks(
    db: sqlite_utils.Database, selection: Selection, size: int
) -> Iterator[list[tuple[object, ...]]]:
    """The selected responses in id order, `size` at a time: each row is `RESPONSE_COLUMNS`
    followed by the answers as one JSON object text (or None without answers)."""
    where, params = selection.where()
    columns = ", ".join(f"r.{c}" for c in RESPONSE_COLUMNS)
    sql = (
        f"SELECT {columns}, (SELECT '{{' || group_concat(json_quote(a.question) || ':' "
        f"|| a.value) || '}}' FROM answers a WHERE a.response = r.id) "
        f"FROM responses r WHERE {where} AND r.id > ? ORDER BY r.id LIMIT ?"
    )
    last = 0
    while True:
        rows = db.execute(sql, [*params, last, size]).fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def paradata_rows(
    db: sqlite_utils.Database,
    selection: Selection,
    size: int,
    cell: Callable[[str], str] | None = None,
    prefixes: Sequence[str] = (),
) -> Iterator[list[tuple[object, ...]]]:
    """Paradata events of the selected responses (`PARADATA_COLUMNS`), in response and
    sequence order, `size` rows at a time from one cursor.

    With `cell`, a text field starting with one of `prefixes` comes back as `cell(text)`: the
    test runs in SQLite, so the Python function is called only for the rare values that need
    it (a CSV of 2.5 million events is written without touching each row in Python).
    """
    where, params = selection.where()
    texts = ("p.question", "p.event", "p.detail")
    shown = {column: column for column in texts}
    if cell is not None and prefixes:
        db.conn.create_function("fieldsurvey_cell", 1, cell, deterministic=True)
        marks = ", ".join("?" for _ in prefixes)
        shown = {
            c: f"CASE WHEN substr({c}, 1, 1) IN ({marks}) THEN fieldsurvey_cell({c}) ELSE {c} END"
            for c in texts
        }
        params = [*prefixes, *prefixes, *prefixes, *params]
    cursor = db.execute(
        f"SELECT r.uuid, r.revision, p.seq, {shown['p.question']}, {shown['p.event']}, p.at, "
        f"p.duration_ms, {shown['p.detail']} FROM responses r JOIN paradata p "
        f"ON p.response = r.id WHERE {where} ORDER BY r.id, p.seq",
        params,
    )
    while rows := cursor.fetchmany(size):
        yield rows


def status_counts(db: sqlite_utils.Database, selection: Selection) -> dict[str, int]:
    """Interviews by status (head revisions, every status), and how many are in conflict,
    for the report's data-quality section; the selection's round and office apply."""
    clauses, params = ["r.is_head = 1", "r.questionnaire_id = ?"], [selection.questionnaire_id]
    for column, value in (("round", selection.round), ("office", selection.office)):
        if value is not None:
            clauses.append(f"r.{column} = ?")
            params.append(value)
    where = " AND ".join(clauses)
    rows = db.execute(
        f"SELECT r.status, count(*), sum(r.in_conflict) FROM responses r WHERE {where} "
        "GROUP BY r.status",
        params,
    ).fetchall()
    counts = {status: int(count) for status, count, _ in rows}
    counts["conflicts"] = sum(int(conflicts or 0) for _, _, conflicts in rows)
    return counts

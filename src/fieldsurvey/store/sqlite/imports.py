"""Merging export files: what merge reads and writes, inside its unit per file.

Revisions go in with many rows per INSERT (`_RowInserter`); lineages are read in chunks under
SQLite's parameter limit. `bulk_writes` checkpoints the WAL less often while merging.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from fieldsurvey.store.lineage import Revision, StoredLineage
from fieldsurvey.store.records import RESPONSE_FIELDS, ImportRow, IncomingRevision
from fieldsurvey.store.sqlite.base import SQLiteBase
from fieldsurvey.store.sqlite.errors import mapped

CHUNK = 500
"""uuids per lookup query, under SQLite's parameter limit."""
ROWS_PER_INSERT = 64
ROW_STEP = 8
"""A multi-row INSERT takes a multiple of 8 rows (up to 64), and one more takes the rest: 15
statement shapes per table, which stay in sqlite3's statement cache (compiling one costs as
much as running three)."""
CHECKPOINT_PAGES = 10_000
"""WAL pages between checkpoints while merging (SQLite's default is 1,000; 40 MB of WAL at
most). Each checkpoint flushes the WAL and the database to disk: a tenth as many took a
quarter off the commits over 200 files (1.2-1.5 s to 0.9-1.1 s). The last checkpoint is made
before merge returns, so the next write anywhere does not pay for it."""


class _RowInserter:
    """INSERTs of one response's rows from a flat list, many rows per statement.

    The response id is bound once (`?1`) and shared by every row. Binding the file's flat lists
    as they are, with no tuple per row and one SQLite step per statement rather than per row,
    stored a million answers and a million events in a third less time than executemany did,
    or than staging JSON and expanding it with json_each inside SQLite (which parses every
    row's array again for each column).
    """

    def __init__(self, table: str, columns: tuple[str, ...]) -> None:
        self._head = f"INSERT INTO {table} (response, {', '.join(columns)}) VALUES "
        self._width = len(columns)
        self._statements: dict[int, str] = {}

    def insert(self, cursor: sqlite3.Cursor, response: int, flat: list[object]) -> None:
        start, left = 0, len(flat) // self._width
        while left:
            rows = min(left, ROWS_PER_INSERT)
            rows -= rows % ROW_STEP if rows >= ROW_STEP else 0
            end = start + rows * self._width
            cursor.execute(self._statement(rows), [response, *flat[start:end]])
            start, left = end, left - rows

    def _statement(self, rows: int) -> str:
        statement = self._statements.get(rows)
        if statement is None:
            numbers = iter(range(2, 2 + rows * self._width))
            values = (
                "(?1, " + ", ".join(f"?{next(numbers)}" for _ in range(self._width)) + ")"
                for _ in range(rows)
            )
            statement = self._statements[rows] = self._head + ", ".join(values)
        return statement


_ANSWERS = _RowInserter("answers", ("question", "value", "answered_at"))
_EVENTS = _RowInserter("paradata", ("seq", "question", "event", "at", "duration_ms", "detail"))
_INSERTS: dict[tuple[str, ...], str] = {}


def _insert_response(columns: tuple[str, ...]) -> str:
    """The INSERT of a revision's row with these columns (checked: they become SQL)."""
    statement = _INSERTS.get(columns)
    if statement is None:
        unknown = set(columns) - set(RESPONSE_FIELDS)
        if unknown:
            raise ValueError(f"not columns of responses: {sorted(unknown)}")
        names = (*columns, "is_head", "in_conflict", "authority")
        statement = _INSERTS[columns] = (
            f"INSERT INTO responses ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        )
    return statement


class ImportsMixin(SQLiteBase):
    def merged_files(self) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT file_sha256 FROM imports")}

    def merged_count(self, file_sha256: str) -> int | None:
        row = self.conn.execute(
            "SELECT added + present + updated + conflicts FROM imports WHERE file_sha256 = ?",
            [file_sha256],
        ).fetchone()
        return None if row is None else int(row[0])

    def lineages(self, uuids: Sequence[str]) -> dict[str, list[Revision]]:
        distinct = list(dict.fromkeys(uuids))
        lineages: dict[str, list[Revision]] = {}
        for start in range(0, len(distinct), CHUNK):
            chunk = distinct[start : start + CHUNK]
            rows = self.conn.execute(
                "SELECT id, uuid, content_hash, parent_hash, updated_at, is_head, in_conflict, "
                "device_id, authority FROM responses "
                f"WHERE uuid IN ({', '.join('?' * len(chunk))}) AND content_hash IS NOT NULL",
                chunk,
            )
            for row_id, uuid, content, parent, at, head, conflict, device, authority in rows:
                flags = (bool(head), bool(conflict))
                stored = StoredLineage(
                    content, parent, at, *flags, device_id=device, authority=authority,
                    row_id=row_id, was=flags,
                )  # fmt: skip
                lineages.setdefault(uuid, []).append(stored)
        return lineages

    def insert_revisions(
        self, columns: Sequence[str], revisions: Iterable[IncomingRevision]
    ) -> None:
        statement = _insert_response(tuple(columns))
        cursor = self.require_unit().cursor()
        for revision in revisions:
            flags = (revision.is_head, revision.in_conflict, revision.authority)
            cursor.execute(statement, (*revision.row, *flags))
            response = cursor.lastrowid
            assert response is not None
            _ANSWERS.insert(cursor, response, revision.answers)
            _EVENTS.insert(cursor, response, revision.events)

    def record_import(self, row: ImportRow) -> None:
        self.require_unit().execute(
            "INSERT INTO imports (file_sha256, device_id, export_seq, imported_at, path, "
            "added, present, updated, conflicts, public_key, covers_from) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [row.file_sha256, row.device_id, row.export_seq, row.imported_at, row.path,
             row.added, row.present, row.updated, row.conflicts, row.public_key,
             row.covers_from],
        )  # fmt: skip

    def import_coverage(self) -> list[tuple[str, int, int]]:
        rows = self.conn.execute(
            "SELECT DISTINCT device_id, COALESCE(covers_from, export_seq), export_seq FROM imports"
        )
        return [(device, first, last) for device, first, last in rows]

    @contextlib.contextmanager
    def bulk_writes(self) -> Iterator[None]:
        """Checkpoint the WAL less often while merging, and once at the end; and leave the
        foreign keys of answers and paradata unchecked on this thread's connection meanwhile.

        Merge inserts each answer and event with the id SQLite has just given its revision,
        in the same transaction (`insert_revisions`), so the check, a lookup per row, can
        never fail there: it took 0.35 s of the 2.7 s spent inserting a million answers and a
        million events (bench/bench_merge.py). Other threads' connections keep checking."""
        conn = self.conn
        with mapped(str(self.path)):
            before = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
            if 0 < before < CHECKPOINT_PAGES:
                conn.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")
            checking = conn.execute("PRAGMA foreign_keys").fetchone()[0]
            conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction
        try:
            yield
        finally:  # files merged are committed: a failing checkpoint must not hide their report
            with contextlib.suppress(sqlite3.Error):
                conn.execute(f"PRAGMA foreign_keys = {'ON' if checking else 'OFF'}")
                conn.execute(f"PRAGMA wal_autocheckpoint = {before}")
                if before and not conn.in_transaction:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

"""Merging export files: what merge reads and writes, inside its unit per file.

A file's revisions, answers and paradata go in by COPY, three streams per file, not one INSERT
per row: the file's response ids are reserved from the sequence in one call first, so answers
and events can name their response before it is written. Everything stays in the file's unit
of work, so a file is in whole or not at all, as on SQLite.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence

import psycopg

from fieldsurvey.store.errors import StoreError
from fieldsurvey.store.lineage import Revision, StoredLineage
from fieldsurvey.store.postgres.base import PostgresBase, in_transaction
from fieldsurvey.store.postgres.connection import Connection
from fieldsurvey.store.records import RESPONSE_FIELDS, ImportRow, IncomingRevision

ANSWER_COLUMNS = ("question", "value", "answered_at")
EVENT_COLUMNS = ("seq", "question", "event", "at", "duration_ms", "detail")


def copy_rows(
    conn: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]
) -> None:
    """COPY `rows` into `table` (the only way bulk rows go in; bench/ compares it with merge)."""
    with conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _flat_rows(
    ids: Sequence[int], flats: Sequence[list[object]], width: int
) -> Iterator[tuple[object, ...]]:
    """(response id, *row) for each `width`-wide row of each revision's flat list."""
    for response, flat in zip(ids, flats, strict=True):
        for start in range(0, len(flat), width):
            yield (response, *flat[start : start + width])


class ImportsMixin(PostgresBase):
    def merged_files(self) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT file_sha256 FROM imports")}

    def merged_count(self, file_sha256: str) -> int | None:
        row = self.conn.execute(
            "SELECT added + present + updated + conflicts FROM imports WHERE file_sha256 = %s",
            [file_sha256],
        ).fetchone()
        return None if row is None else int(row[0])

    def lineages(self, uuids: Sequence[str]) -> dict[str, list[Revision]]:
        rows = self.conn.execute(
            "SELECT id, uuid, content_hash, parent_hash, updated_at, is_head, in_conflict, "
            "device_id, authority FROM responses "
            "WHERE uuid = ANY(%s) AND content_hash IS NOT NULL",
            [list(dict.fromkeys(uuids))],
        )
        lineages: dict[str, list[Revision]] = {}
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
        unknown = set(columns) - set(RESPONSE_FIELDS)
        if unknown:
            raise ValueError(f"not columns of responses: {sorted(unknown)}")
        conn = self.require_unit()
        batch = list(revisions)
        if not batch:
            return
        ids = [
            int(row[0])
            for row in conn.execute(
                "SELECT nextval(pg_get_serial_sequence('responses', 'id')) "
                "FROM generate_series(1, %s)",
                [len(batch)],
            )
        ]
        names = ("id", *columns, "is_head", "in_conflict", "authority")
        copy_rows(conn, "responses", names, (
            (response, *r.row, r.is_head, r.in_conflict, r.authority)
            for response, r in zip(ids, batch, strict=True)
        ))  # fmt: skip
        answers = [r.answers for r in batch]
        copy_rows(conn, "answers", ("response", *ANSWER_COLUMNS), _flat_rows(ids, answers, 3))
        events = [r.events for r in batch]
        copy_rows(conn, "paradata", ("response", *EVENT_COLUMNS), _flat_rows(ids, events, 6))

    def record_import(self, row: ImportRow) -> None:
        self.require_unit().execute(
            "INSERT INTO imports (file_sha256, device_id, export_seq, imported_at, path, "
            "added, present, updated, conflicts, public_key, covers_from) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
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
        """ANALYZE the tables a merge fills once it ends: the planner's row estimates from
        before a bulk load picked sorts spilling to disk for scoring (1.1 s, then 0.54 s
        after ANALYZE, 200,000 answers), and autovacuum may not have come by when a
        supervisor asks for scores right after merging. Files merged are committed: a
        failing ANALYZE must not hide their report."""
        try:
            yield
        finally:
            with contextlib.suppress(psycopg.Error, StoreError):
                conn = self.conn
                if not in_transaction(conn):
                    conn.execute("ANALYZE responses, answers, paradata")

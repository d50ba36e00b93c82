"""The baseline of bench_dataout.py: each library writing the export's two tables from memory.

`build` makes the tables (outside the timer) with the exporter's own pieces, so the baseline
writes exactly the same cells; `write` is what gets timed: the library's writing only.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fieldsurvey.dataout import export
from fieldsurvey.dataout.columns import PARADATA_VARIABLES
from fieldsurvey.dataout.files import companion
from fieldsurvey.dataout.table import (
    Column,
    DataStore,
    Derived,
    TableSource,
    paradata_chunks,
    wide_chunks,
)
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.dataout import Selection


@dataclass
class Tables:
    source: TableSource
    wide: list[Column]
    paradata: list[tuple[object, ...]]
    ready: tuple[Any, ...] = ()
    """SPSS/Stata: the DataFrame and labels pyreadstat is given; Parquet: the Arrow tables."""


def _whole(chunks: list[list[Column]], width: int) -> list[Column]:
    columns: list[Column] = [[] for _ in range(width)]
    for chunk in chunks:
        for i, values in enumerate(chunk):
            columns[i].extend(values)
    return columns


def build(db: DataStore, questionnaire: Questionnaire, *, paradata: bool = True) -> Tables:
    """Both tables (the paradata table empty without `paradata`), as the exporter builds them."""
    selection = Selection(questionnaire.id)
    variables = export._variables(db, questionnaire, selection)
    derived = Derived.of(db, questionnaire, None)
    wide = _whole(list(wide_chunks(db, selection, variables, derived)), len(variables))
    events = [row for rows in paradata_chunks(db, selection) for row in rows] if paradata else []
    source = TableSource(variables, lambda: iter([wide]), lambda: iter([events]), "en", "en",
                         "bench")  # fmt: skip
    return Tables(source, wide, events)


def _stat_arguments(tables: Tables, fmt: str) -> tuple[Any, ...]:
    """What write_stat hands pyreadstat, captured without writing."""
    from fieldsurvey.dataout import statout
    from fieldsurvey.dataout.limits import FORMAT_LIMITS

    captured: list[tuple[Any, ...]] = []
    real = statout._write
    statout._write = lambda *args: captured.append(args)  # type: ignore[assignment]
    try:
        statout.write_stat(Path("unused"), tables.source, FORMAT_LIMITS[fmt])
    finally:
        statout._write = real
    return captured[0]


def prepare(fmt: str, tables: Tables) -> Tables:
    """The library's own in-memory form of the tables, where it has one."""
    if fmt in ("sav", "dta"):
        return replace(tables, ready=_stat_arguments(tables, fmt))
    if fmt == "parquet":
        from fieldsurvey.dataout.parquetout import schema, to_table

        wide = to_table(tables.wide, schema(tables.source.variables, "en", "en"))
        columns = [list(c) for c in zip(*tables.paradata, strict=True)] or [
            [] for _ in PARADATA_VARIABLES
        ]
        events = to_table(columns, schema(PARADATA_VARIABLES, "en", "en"))
        return replace(tables, ready=(wide, events))
    return tables


def write(fmt: str, tables: Tables, out: Path) -> None:
    """The timed part: the library writing both tables (the paradata table only with rows)."""
    events = bool(tables.paradata)
    paradata_out = companion(out, "paradata", ".csv" if fmt != "parquet" else None)
    if fmt == "csv" or fmt in ("sav", "dta"):
        if fmt in ("sav", "dta"):
            from fieldsurvey.dataout import statout

            statout._write(out, *tables.ready[1:])
        else:
            _csv(out, [v.name for v in tables.source.variables], tables.wide)
        if events:
            _csv(paradata_out, [v.name for v in PARADATA_VARIABLES], tables.paradata, rows=True)
    elif fmt == "xlsx":
        from fieldsurvey.dataout.xlsxout import write_xlsx

        write_xlsx(out, tables.source)
    else:
        import pyarrow.parquet as pq

        pq.write_table(tables.ready[0], str(out), compression="zstd")
        if events:
            pq.write_table(tables.ready[1], str(paradata_out), compression="zstd")


def _csv(path: Path, header: list[str], table: list[Any], *, rows: bool = False) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(table if rows else zip(*table, strict=True))


def sqlite_read(db_path: str, questionnaire_id: str, *, paradata: bool = True) -> int:
    """Fetch every row an export reads with plain SELECTs through Python's sqlite3 (the
    responses, their answers one row each, the paradata events unless not `paradata`) and
    keep nothing: what reading the data from SQLite costs before anything is built. Returns
    the rows fetched."""
    import sqlite3

    heads = "r.is_head = 1 AND r.status = 'complete' AND r.questionnaire_id = ?"
    queries = (
        f"SELECT r.* FROM responses r WHERE {heads}",
        f"SELECT a.response, a.question, a.value FROM responses r JOIN answers a "
        f"ON a.response = r.id WHERE {heads}",
        f"SELECT r.uuid, r.revision, p.seq, p.question, p.event, p.at, p.duration_ms, "
        f"p.detail FROM responses r JOIN paradata p ON p.response = r.id WHERE {heads} "
        f"ORDER BY r.id, p.seq",
    )
    count = 0
    with sqlite3.connect(db_path) as conn:
        for sql in queries if paradata else queries[:2]:
            cursor = conn.execute(sql, [questionnaire_id])
            while rows := cursor.fetchmany(20_000):
                count += len(rows)
    return count

"""CSV: UTF-8 (a byte-order mark only when asked, for Excel), formula-neutralised text.

Streams chunk by chunk: memory holds one chunk whatever the row count.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fieldsurvey.dataout.table import Column
from fieldsurvey.dataout.variables import Variable
from fieldsurvey.safetext import FORMULA_PREFIXES, csv_cell

_FIRST = frozenset(FORMULA_PREFIXES)


@contextmanager
def _writer(path: Path, variables: Sequence[Variable], bom: bool) -> Iterator[Any]:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([v.name for v in variables])
        yield writer


def write_csv(
    path: Path, variables: Sequence[Variable], chunks: Iterable[list[Column]], *, bom: bool
) -> int:
    """Write a header and every chunk of columns; return the number of rows."""
    text = [i for i, v in enumerate(variables) if v.kind in ("text", "date", "datetime")]
    count = 0
    with _writer(path, variables, bom) as writer:
        for columns in chunks:
            for i in text:  # csv_cell only for the rare text that starts like a formula
                columns[i] = [csv_cell(v) if v and str(v)[0] in _FIRST else v for v in columns[i]]
            writer.writerows(zip(*columns, strict=True))
            count += len(columns[0]) if columns else 0
    return count


def write_csv_rows(
    path: Path,
    variables: Sequence[Variable],
    chunks: Iterable[Sequence[Sequence[object]]],
    *,
    bom: bool,
) -> int:
    """Write a header and chunks of rows whose text is already neutralised (paradata, by
    SQLite as it reads); return the number of rows."""
    count = 0
    with _writer(path, variables, bom) as writer:
        for rows in chunks:
            writer.writerows(rows)
            count += len(rows)
    return count

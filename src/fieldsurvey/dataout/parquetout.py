"""Parquet with pyarrow: one row group per chunk, so memory holds one chunk at a time.

Types are exact (int64, float64, string, date32, UTC timestamps); each field carries its
label in the chosen language and its value labels as field metadata.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from fieldsurvey.dataout.table import Column
from fieldsurvey.dataout.variables import Kind, Variable
from fieldsurvey.questionnaire.texts import text_in

TYPES: dict[Kind, pa.DataType] = {
    "int": pa.int64(),
    "float": pa.float64(),
    "text": pa.string(),
    "date": pa.date32(),
    "datetime": pa.timestamp("ms", tz="UTC"),
}


def schema(variables: Sequence[Variable], lang: str, default: str) -> pa.Schema:
    fields = []
    for variable in variables:
        metadata = {"label": text_in(variable.label, lang, default)}
        if variable.values:
            metadata["values"] = json.dumps(
                {v.value: text_in(v.label, lang, default) for v in variable.values},
                ensure_ascii=False,
            )
        fields.append(pa.field(variable.name, TYPES[variable.kind], metadata=metadata))
    return pa.schema(fields)


def write_parquet(
    path: Path,
    variables: Sequence[Variable],
    chunks: Iterable[Sequence[Column | pa.Array]],
    lang: str,
    default: str,
) -> int:
    """Write every chunk as a row group; return the number of rows."""
    target = schema(variables, lang, default)
    count = 0
    with pq.ParquetWriter(str(path), target, compression="zstd") as writer:
        for columns in chunks:
            writer.write_table(to_table(columns, target))
            count += len(columns[0]) if columns else 0
        if count == 0:
            writer.write_table(target.empty_table())
    return count


def to_table(columns: Sequence[Column | pa.Array], target: pa.Schema) -> pa.Table:
    """A chunk (Python lists or Arrow arrays) as an Arrow table of the target types (ISO
    dates and times parsed by Arrow)."""
    arrays = []
    for column, field in zip(columns, target, strict=True):
        parsed = pa.types.is_date(field.type) or pa.types.is_timestamp(field.type)
        if not isinstance(column, pa.Array):
            column = pa.array(column, pa.string() if parsed else field.type)
        arrays.append(column if column.type == field.type else column.cast(field.type))
    return pa.Table.from_arrays(arrays, schema=target)

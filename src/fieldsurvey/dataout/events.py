"""The paradata table as Arrow, built in bulk from `DataSource.event_lists`.

Fetching 3 million events as Python tuples (8 objects each) and handing them to pyarrow cost
more than everything else in a Parquet export. Instead the store gives one JSON object per
response with an array per column, pyarrow's JSON reader parses a chunk of them at once (C++,
no Python object per event), and the response's uuid and revision are repeated by `take`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj

from fieldsurvey.store.dataout import EVENT_LISTS

EVENT_TYPES: dict[str, pa.DataType] = {
    "seq": pa.int64(),
    "question": pa.string(),
    "event": pa.string(),
    "at": pa.string(),
    "duration_ms": pa.int64(),
    "detail": pa.string(),
}
"""Each `EVENT_LISTS` column as the JSON holds it (times as ISO text, cast by the caller)."""
_LISTS = pa.schema([(name, pa.list_(EVENT_TYPES[name])) for name in EVENT_LISTS])
_PARSE = pj.ParseOptions(explicit_schema=_LISTS, unexpected_field_behavior="error")


def event_columns(rows: Sequence[tuple[object, ...]]) -> list[pa.Array]:
    """One chunk of `event_lists` rows as the paradata columns (`PARADATA_COLUMNS`), in
    response and sequence order."""
    if not rows:
        return [pa.array([], t) for t in (pa.string(), pa.int64(), *EVENT_TYPES.values())]
    uuids, revisions, texts = zip(*rows, strict=True)
    lines = "\n".join(text if isinstance(text, str) else "{}" for text in texts)
    data = lines.encode()
    # One block for the whole chunk: half the time of the default 1 MiB blocks (measured).
    # One thread, as every other part of an export (and its baseline) runs.
    read = pj.ReadOptions(use_threads=False, block_size=len(data) + 1)
    lists = pj.read_json(pa.BufferReader(data), read_options=read, parse_options=_PARSE)
    lists = lists.combine_chunks()
    parents = pc.list_parent_indices(lists.column("seq").chunk(0))
    columns = [
        pa.array(uuids, pa.string()).take(parents),
        pa.array(revisions, pa.int64()).take(parents),
        *(pc.list_flatten(lists.column(name).chunk(0)) for name in EVENT_LISTS),
    ]
    order = _sequence_order(parents.to_numpy(), columns[2].to_numpy())
    return columns if order is None else [column.take(order) for column in columns]


def _sequence_order(parents: np.ndarray, seqs: np.ndarray) -> np.ndarray | None:
    """None when the events are already in (response, seq) order, else the order that makes
    them so (an aggregate's order is the database's choice, see store/sqlite/dataout.py)."""
    if parents.size < 2 or bool(np.all((parents[1:] > parents[:-1]) | (seqs[1:] > seqs[:-1]))):
        return None
    return np.lexsort((seqs, parents))

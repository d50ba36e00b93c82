"""The store's SQL checks never pass a line that merge would refuse: whatever a column holds
(NULL, a number in a text column, a text or a fraction in an integer one, multi-byte or NUL
characters, values at and past each edge), a line the store finds fitting validates against
the file format's models. A line it does not find fitting is validated by pydantic anyway."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from sync_helpers import add_revision

from fieldsurvey.store.records import Bound, ExportSelection
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.sync.bounds import PARADATA_BOUNDS, RESPONSE_BOUNDS
from fieldsurvey.sync.fileformat import ParadataRecord, ResponseRecord

COLUMNS = [
    *(("responses", name, bound) for name, bound in RESPONSE_BOUNDS.line.items()),
    *(("answers", name, bound) for name, bound in RESPONSE_BOUNDS.items.items()),
    *(("paradata", name, bound) for name, bound in PARADATA_BOUNDS.items.items()),
]
LONGEST = 2_000
"""Texts longer than this are drawn only at the edges of a bound (a bound of a million
characters is checked on the whole line)."""


def _texts(bound: Bound) -> st.SearchStrategy[object]:
    sizes = {0, 1, bound.low, max(bound.low - 1, 0), bound.high, bound.high + 1}
    sizes |= {bound.high // 3, bound.high // 3 + 1, bound.high // 2}
    sizes = {size for size in sizes if size <= max(bound.high + 1, LONGEST)}
    return st.builds(
        lambda size, char: char * size, st.sampled_from(sorted(sizes)), st.sampled_from("aé陈\0")
    ) | st.text(max_size=50)


def _integers(bound: Bound) -> st.SearchStrategy[object]:
    edges = [bound.low - 1, bound.low, bound.high, bound.high + 1, 2**63 - 1, -(2**63)]
    return st.sampled_from(edges) | st.integers(bound.low - 5, bound.high + 5)


def values(bound: Bound) -> st.SearchStrategy[object]:
    """Values for a column with this bound, inside and outside it, of every SQLite type."""
    other = st.none() | st.integers(-(2**63), 2**63 - 1) | st.floats() | st.text(max_size=70)
    if bound.kind == "text":
        fitting = _texts(bound)
    elif bound.kind == "integer":
        halves = st.builds(lambda n: n + 0.5, st.integers(bound.low - 2, bound.high + 1))
        fitting = _integers(bound) | halves | _integers(bound).map(str)
    elif bound.kind == "sha256":
        hexes = st.text("0123456789abcdefABCDEFg", min_size=63, max_size=65)
        fitting = st.sampled_from(["0" * 64, "a" * 64, "A" * 64, "0" * 63 + "\0"]) | hexes
    else:  # a CHECK constraint holds `status` to these and `draft`: few others get in
        return st.sampled_from([*bound.choices, "draft", "", bound.choices[0].upper(), None])
    return fitting | other


@pytest.fixture
def one_revision(device: SQLiteStore) -> SQLiteStore:
    add_revision(device, {"q1": 1}, events=1)
    return device


@pytest.mark.parametrize(
    ("table", "column", "bound"), COLUMNS, ids=[f"{t}.{c}" for t, c, _ in COLUMNS]
)
@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_line_the_store_finds_fitting_is_one_merge_accepts(
    one_revision: SQLiteStore, table: str, column: str, bound: Bound, data: st.DataObject
) -> None:
    db = one_revision
    try:
        db.execute(f"UPDATE {table} SET {column} = ?", [data.draw(values(bound))])
    except sqlite3.IntegrityError:  # NOT NULL, CHECK, or a clash of primary keys
        reject()
    selection = ExportSelection(db.device_id(), everything=True)
    lines = [
        *((line, ResponseRecord) for line in db.response_lines(selection, RESPONSE_BOUNDS)),
        *((line, ParadataRecord) for line in db.paradata_lines(selection, PARADATA_BOUNDS)),
    ]
    assert len(lines) in (0, 2)  # none when the row is no longer closed (draft, no hash)
    for line, model in lines:
        if line.fits:
            model.model_validate_json(line.json)

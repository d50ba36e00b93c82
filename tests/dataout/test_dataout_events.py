"""The Parquet paradata table built in bulk from the store's per-response JSON arrays
(dataout/events.py): every event in (response, seq) order whatever order the database's
aggregate gave, responses without events, text that needs JSON escaping."""

from __future__ import annotations

import json

from fieldsurvey.dataout.events import event_columns
from fieldsurvey.store.dataout import EVENT_LISTS, PARADATA_COLUMNS


def lists(*events: tuple[object, ...]) -> str:
    """One response's events (seq, question, event, at, duration_ms, detail) as the store
    gives them: an array per column."""
    columns = list(zip(*events, strict=True)) or [() for _ in EVENT_LISTS]
    return json.dumps(dict(zip(EVENT_LISTS, map(list, columns), strict=True)))


def table(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    columns = event_columns(rows)
    assert len(columns) == len(PARADATA_COLUMNS)
    return list(zip(*(column.to_pylist() for column in columns), strict=True))


def test_events_repeat_their_response_and_keep_every_cell() -> None:
    quote = 'said "no"\n\tthen =1+1 ស្រុក 区'
    rows = [
        ("u1", 1, lists((1, None, "start", "2026-01-01T00:00:00.000+00:00", None, None),
                        (2, "q1", "leave", "2026-01-01T00:00:05.000+00:00", 5000, quote))),
        ("u2", 3, None),  # no events at all
        ("u3", 2, lists()),
        ("u4", 1, lists((7, "q2", "enter", "2026-01-02T00:00:00.000+00:00", None, "x"))),
    ]  # fmt: skip
    assert table(rows) == [
        ("u1", 1, 1, None, "start", "2026-01-01T00:00:00.000+00:00", None, None),
        ("u1", 1, 2, "q1", "leave", "2026-01-01T00:00:05.000+00:00", 5000, quote),
        ("u4", 1, 7, "q2", "enter", "2026-01-02T00:00:00.000+00:00", None, "x"),
    ]


def test_events_out_of_sequence_are_put_in_order() -> None:
    at = "2026-01-01T00:00:00.000+00:00"
    rows = [
        ("u1", 1, lists((3, "c", "leave", at, 1, None), (1, "a", "enter", at, None, None),
                        (2, "b", "leave", at, 2, None))),
        ("u2", 1, lists((2, "e", "leave", at, 4, None), (1, "d", "enter", at, None, None))),
    ]  # fmt: skip
    assert [(u, seq, q) for u, _, seq, q, *_ in table(rows)] == [
        ("u1", 1, "a"), ("u1", 2, "b"), ("u1", 3, "c"), ("u2", 1, "d"), ("u2", 2, "e"),
    ]  # fmt: skip


def test_no_responses_no_events() -> None:
    assert table([]) == []

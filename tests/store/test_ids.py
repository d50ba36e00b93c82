"""Time-ordered interview uuids: valid version 7 uuids, unique, sorted by start time."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from fieldsurvey.store.ids import time_ordered_uuid

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_is_a_version_7_rfc_uuid_carrying_the_start_time() -> None:
    parsed = uuid.UUID(time_ordered_uuid(START))
    assert parsed.version == 7
    assert parsed.variant == uuid.RFC_4122
    assert parsed.int >> 80 == int(START.timestamp() * 1000)


@given(st.lists(st.integers(min_value=0, max_value=10**11), min_size=2, max_size=50))
def test_text_order_follows_start_time(offsets_ms: list[int]) -> None:
    made = [
        (offset, time_ordered_uuid(START + timedelta(milliseconds=offset))) for offset in offsets_ms
    ]
    for (earlier, first), (later, second) in zip(sorted(made), sorted(made)[1:], strict=False):
        if earlier < later:
            assert first < second


def test_interviews_started_in_the_same_millisecond_differ() -> None:
    assert len({time_ordered_uuid(START) for _ in range(10_000)}) == 10_000

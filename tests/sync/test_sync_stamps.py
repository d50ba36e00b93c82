"""Timestamps in a merged file: the fast check of a record's stamps (all in the store's one
format, checked at once in C) decides exactly as parsing each stamp on its own would.

A stamp in the store's shape is not yet a time: 2026-02-31, hour 24, minute 60 and an offset
other than +00:00 (whose text order is not time order) must not pass unparsed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldsurvey.sync.conformance import Clock

SIGNED = "2026-06-01T12:00:00.000+00:00"
CLOCK = Clock(SIGNED)
OK = "2026-05-31T23:59:59.999+00:00"


def canonical(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="milliseconds")


@pytest.mark.parametrize(
    ("stamp", "why"),
    [
        ("2026-02-31T10:00:00.000+00:00", "not an ISO 8601 timestamp with a time zone"),
        ("2026-02-28T24:00:00.000+00:00", "not an ISO 8601 timestamp with a time zone"),
        ("2026-02-28T23:60:00.000+00:00", "not an ISO 8601 timestamp with a time zone"),
        ("2026-02-28T23:00:60.000+00:00", "not an ISO 8601 timestamp with a time zone"),
        ("2026-13-01T00:00:00.000+00:00", "not an ISO 8601 timestamp with a time zone"),
        ("2026-06-01T14:00:00.000+00:00", "later than the file was signed"),
        ("2026-06-01T14:00:00.000+05:00", None),  # 09:00 UTC: parsed, not compared as text
        ("2026-06-01T10:00:00.000-05:00", "later than the file was signed"),
    ],
)
def test_a_stamp_in_the_stores_shape_is_still_parsed(stamp: str, why: str | None) -> None:
    late = CLOCK.first_late([OK, stamp, OK])
    assert (late[1].split(" (")[0] if late else None) == why
    assert late is None or late[0] == stamp


moments = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2026, 6, 2), timezones=st.just(UTC)
).map(canonical)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A canonical stamp, maybe with one character replaced or its offset changed."""
    stamp = draw(moments)
    kind = draw(st.sampled_from(["keep", "char", "offset"]))
    if kind == "char":
        k = draw(st.integers(0, len(stamp) - 1))
        stamp = stamp[:k] + draw(st.sampled_from("0123456789:+-T.\n Z\u0663")) + stamp[k + 1 :]
    elif kind == "offset":
        hours = draw(st.integers(-12, 14))
        shifted = datetime.fromisoformat(stamp).astimezone(UTC) + timedelta(hours=hours)
        offset = f"{'+' if hours >= 0 else '-'}{abs(hours):02d}:00"
        stamp = shifted.replace(tzinfo=None).isoformat(timespec="milliseconds") + offset
    return stamp


@settings(max_examples=150)
@given(st.lists(mutated(), min_size=1, max_size=8))
def test_the_fast_check_decides_as_parsing_each_stamp(stamps: list[str]) -> None:
    assert CLOCK.first_late(stamps) == CLOCK._first_late_slowly(stamps)

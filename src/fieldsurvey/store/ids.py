"""Interview uuids that sort by the time the interview started (UUID version 7, RFC 9562).

A supervisor's database holds every device's interviews, indexed by uuid. Random (version 4)
uuids put each new interview on a random page of that index, so every merge commit rewrote a
page per interview; time-ordered ones land next to the interviews of the same days, a few
pages per file (bench/bench_merge.py). They stay unique across devices: 74 of the 128 bits
are random. The start time they carry is in the record anyway.
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime


def time_ordered_uuid(started_at: datetime) -> str:
    """A version 7 uuid for an interview started at `started_at` (timezone-aware)."""
    milliseconds = int(started_at.timestamp() * 1000) & ((1 << 48) - 1)
    random_bits = int.from_bytes(os.urandom(10), "big")
    rand_a = random_bits >> 68  # 12 bits
    rand_b = random_bits & ((1 << 62) - 1)
    value = (milliseconds << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b
    return str(uuid.UUID(int=value))

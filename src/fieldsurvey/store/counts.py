"""What the Home screen shows: interviews done today and in total, not yet exported, drafts."""

from __future__ import annotations

import datetime

from fieldsurvey.store.interface import Responses
from fieldsurvey.store.records import HomeCounts


def home_counts(store: Responses, now: datetime.datetime | None = None) -> HomeCounts:
    """Counts for the Home screen; `now` (aware) defaults to the current time. "Today" starts
    at local midnight."""
    local_now = (now or datetime.datetime.now(datetime.UTC)).astimezone()
    midnight = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
    return store.home_counts(midnight.astimezone(datetime.UTC).isoformat(timespec="milliseconds"))

"""Resolving a review conflict: keeping one reviewer's decision.

Two reviewers who disagree on a revision (review/log.py) are resolved by a new decision that
replaces both. Keeping decision A records A's state again, with A's comment, made here and
now; it travels on like any decision, so the disagreement is resolved wherever it goes.
"""

from __future__ import annotations

from fieldsurvey.review.decide import ReviewError, find_interview, record_decision
from fieldsurvey.review.log import entry_hash, settle
from fieldsurvey.store.interface import Reviews
from fieldsurvey.store.records import Decision

MIN_PREFIX = 6
"""Shortest entry-hash prefix accepted when naming the decision to keep."""


def keep_decision(store: Reviews, uuid: str, entry: str) -> Decision:
    """Resolve `uuid`'s review conflict by keeping the disagreeing decision whose entry hash
    starts with `entry`; ReviewError when there is no conflict or no single match."""
    if len(entry) < MIN_PREFIX:
        raise ReviewError(f"{uuid}: give at least {MIN_PREFIX} characters of the decision's hash")
    with store.unit_of_work():
        target = find_interview(store, uuid)
        settled = settle(target.log, target.content_hash)
        if settled is None or not settled.in_conflict:
            raise ReviewError(f"{uuid}: its reviewers do not disagree; nothing to resolve")
        found = [d for d in settled.tips if entry_hash(d).startswith(entry.lower())]
        if len(found) != 1:
            count = "no" if not found else "several"
            raise ReviewError(f"{uuid}: {count} disagreeing decisions match {entry}")
        kept = found[0]
        comment = kept.comment or f"kept the decision of {kept.reviewer or kept.device_id}"
        return record_decision(store, uuid, kept.state, comment)

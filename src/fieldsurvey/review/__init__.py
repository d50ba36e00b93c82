"""Review of interviews by a supervisor: approve, flag issues, reject, each with a comment,
in an append-only log (the store's `Reviews`). No UI imports here."""

from fieldsurvey.review.decide import (
    ACTIONS,
    COMMENT_MAX,
    ReviewError,
    ReviewTarget,
    find_interview,
    record_decision,
)

__all__ = [
    "ACTIONS",
    "COMMENT_MAX",
    "ReviewError",
    "ReviewTarget",
    "find_interview",
    "record_decision",
]

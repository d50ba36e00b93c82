"""The words of supervision that leave the app too: review states and quality-flag kinds,
marked for the gettext catalogues. The Quality screen shows them, and so do the analyst
exports (value labels, codebook) and the report, which are core and cannot import the UI."""

from collections.abc import Callable

from fieldsurvey.i18n import N_

REVIEW_STATES = {
    "pending": N_("pending"),
    "approved": N_("approved"),
    "has_issues": N_("has issues"),
    "rejected": N_("rejected"),
}
"""Each review state (`fieldsurvey.review`), as Quality and the review log show it."""

QUALITY_KINDS = {
    "speeding": N_("speeding"),
    "straightlining": N_("straight-lining"),
    "contradiction": N_("contradiction"),
    "duplicate": N_("possible duplicate"),
    "nonresponse": N_("non-response"),
}
"""Each quality flag kind (`fieldsurvey.quality.KINDS`), as the Quality table names it."""

UNNAMED_REVIEWER = N_("unnamed reviewer on device {device}")
"""Who decided when the reviewer had set no name (Settings, Interviewer): the device is known."""


def reviewer_words(reviewer: str | None, device_id: str, translate: Callable[..., str]) -> str:
    """The reviewer's name, or the device that recorded the decision (`translate` is `tr`
    bound to the reader's language)."""
    return reviewer or translate(UNNAMED_REVIEWER, device=device_id[:8])

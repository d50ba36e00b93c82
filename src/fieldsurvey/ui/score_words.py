"""Words for a score report's codes (quadrants, breakdown dimensions, status reasons), shared
by the Scores screen and the `scores` table; no Textual here, so the CLI stays light."""

from __future__ import annotations

from fieldsurvey.i18n import N_, tr
from fieldsurvey.scoring.catalogue import Reason

QUADRANTS = {
    "concentrate": N_("Fix this first"),
    "keep_up": N_("Keep doing this"),
    "low_priority": N_("Can wait"),
    "overkill": N_("Good, less important"),
}
"""Martilla & James's quadrants in words a supervisor acts on (the ids stay in JSON/CSV)."""
DIMENSIONS = {
    "persona": N_("Client type"),
    "gender": N_("Gender"),
    "age_group": N_("Age group"),
    "programme": N_("Programme"),
    "service_mode": N_("Service mode"),
    "geography": N_("Where they live"),
    "life_event": N_("Life event"),
    "disability": N_("Disability"),
    "ict_adoption": N_("Use of digital services"),
    "income_band": N_("Income"),
    "working_hours": N_("Working hours"),
    "literacy": N_("Reading difficulty"),
}


def reason_text(reason: Reason | None, lang: str) -> str:
    return "" if reason is None else tr(reason.text, lang)


def quadrant_text(quadrant: str | None, lang: str) -> str:
    return "" if quadrant is None else tr(QUADRANTS[quadrant], lang)


def dimension_text(dimension: str, lang: str) -> str:
    if dimension in DIMENSIONS:
        return tr(DIMENSIONS[dimension], lang)
    return dimension.replace("_", " ").capitalize()

"""The words of scores shown to people, in any language: quadrants, segment dimensions, why a
row is hidden, message channels. Marked for the gettext catalogues and shared by the Scores
screen and the printable report (which is core and cannot import the UI).
"""

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
HIDDEN = {
    Reason.TOO_FEW: N_("fewer than 10 — hidden"),
    Reason.COMPLEMENT: N_("hidden to protect a small group"),
}
CHANNELS = {
    "brochure": N_("brochure"),
    "desk_sign": N_("desk sign"),
    "inspector_kit": N_("inspector's kit"),
    "map": N_("map"),
    "poster": N_("poster"),
    "radio": N_("radio"),
    "social_media": N_("social media"),
    "web": N_("website"),
}


def reason_text(reason: Reason | None, lang: str) -> str:
    return "" if reason is None else tr(reason.text, lang)


def quadrant_text(quadrant: str | None, lang: str) -> str:
    return "" if quadrant is None else tr(QUADRANTS[quadrant], lang)


def dimension_text(dimension: str, lang: str) -> str:
    if dimension in DIMENSIONS:
        return tr(DIMENSIONS[dimension], lang)
    return dimension.replace("_", " ").capitalize()


def hidden_text(reason: Reason | None, lang: str) -> str:
    """What a hidden row says instead of a number (the privacy rule named plainly)."""
    if reason in (Reason.TOO_FEW, Reason.COMPLEMENT):
        return tr(HIDDEN[reason], lang)
    return reason_text(reason, lang) or tr("fewer than 10 — hidden", lang)


def channel_text(channel: str, lang: str) -> str:
    return tr(CHANNELS[channel], lang) if channel in CHANNELS else channel.replace("_", " ")

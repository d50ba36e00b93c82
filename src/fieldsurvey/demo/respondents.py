"""Simulated respondents for `fieldsurvey demo`: plausible, uneven, reproducible.

Each respondent draws a persona and segment traits first, then a latent satisfaction per
area shaped by those traits, the way the seeds describe clients' difficulties: offices far
from rural and remote clients (seed 000, I), shift workers and disabled clients served worse
(II), employers finding processes slow and knowing few benefits (seed 002). Answers are
read off these latents, so the scores a supervisor sees in the demo tell a coherent story.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from fieldsurvey.questionnaire.model import Questionnaire

PERSONA_WEIGHTS = {"worker": 0.55, "employer": 0.2, "beneficiary": 0.25}

SEGMENT_WEIGHTS: dict[str, dict[str, float]] = {
    "geography": {"metropolitan": 0.35, "urban": 0.3, "rural": 0.25, "remote": 0.1},
    "disability": {"no": 0.86, "yes": 0.1},
    "working_hours": {"standard": 0.6, "shift": 0.28, "night_or_unusual": 0.12},
    "literacy": {"no": 0.65, "some": 0.25, "a_lot": 0.1},
    "ict_adoption": {"early_adopter": 0.2, "follower": 0.55, "no_access": 0.25},
    "life_event": {"none": 0.5},
    "gender": {"female": 0.5, "male": 0.47, "other": 0.01, "prefer_not": 0.02},
    "interview_mode": {"interviewer": 0.7, "self": 0.3},
}

PERSONA_SEGMENTS: dict[str, dict[str, dict[str, float]]] = {
    "beneficiary": {
        "age_group": {"age_55_64": 0.35, "age_65_plus": 0.45, "age_45_54": 0.1},
        "programme": {"pension": 0.6, "health": 0.15, "employment_injury": 0.15},
        "working_hours": {"standard": 0.9},
    },
    "worker": {
        "age_group": {"age_18_24": 0.2, "age_25_34": 0.35, "age_35_44": 0.25, "age_45_54": 0.15},
        "programme": {"health": 0.45, "employment_injury": 0.2, "family": 0.15},
    },
    "employer": {
        "age_group": {"age_35_44": 0.4, "age_45_54": 0.35, "age_25_34": 0.15},
        "service_mode": {"employer_hr": 0.5, "staff_assisted": 0.3},
    },
}

AREA_BASE = {
    "accessibility": 3.3,
    "equal_treatment": 3.5,
    "professional_approach": 3.2,
    "learning": 2.9,
}

# (segment, value, area, shift of the latent mood on the 1-5 scale)
TRAIT_EFFECTS: list[tuple[str, str, str, float]] = [
    ("geography", "rural", "accessibility", -0.5),
    ("geography", "remote", "accessibility", -0.9),
    ("geography", "remote", "equal_treatment", -0.3),
    ("disability", "yes", "equal_treatment", -0.5),
    ("working_hours", "shift", "equal_treatment", -0.4),
    ("working_hours", "night_or_unusual", "accessibility", -0.5),
    ("literacy", "a_lot", "professional_approach", -0.5),
    ("ict_adoption", "no_access", "accessibility", -0.3),
    ("persona", "employer", "professional_approach", -0.35),
    ("persona", "beneficiary", "learning", 0.25),
]

# Awareness of each benefit (seed 002: 95% medical down to 14% invalidity); employers lower.
AWARENESS = {
    "medical": 0.95,
    "sickness": 0.34,
    "maternity": 0.45,
    "employment_injury": 0.55,
    "invalidity": 0.14,
    "survivors": 0.19,
    "old_age": 0.5,
    "unemployment": 0.45,
    "school_fees": 0.12,
}
"""The decoy (school fees: no scheme pays them) gets the "yes" of respondents who agree to
whatever is read out."""
EMPLOYER_AWARENESS_FACTOR = 0.7

# How much each area drives overall satisfaction: the demo's "true" importance.
OVERALL_WEIGHTS = {
    "accessibility": 0.3,
    "equal_treatment": 0.15,
    "professional_approach": 0.35,
    "learning": 0.2,
}

DK_RATE = 0.04
REFERENCE_DAY = date(2026, 6, 30)


@dataclass
class Respondent:
    """One simulated client: traits drawn up front, answers derived from them."""

    rng: random.Random
    persona: str | None
    """None when the questionnaire has no personas (a plain survey)."""
    traits: dict[str, str] = field(default_factory=dict)
    mood: dict[str, float] = field(default_factory=dict)

    def likert(self, area: str, reverse: bool, size: int = 5) -> int | None:
        """A point on the scale, or None for don't know / not applicable."""
        if self.rng.random() < DK_RATE:
            return None
        value = round(self.mood.get(area, 3.0) + self.rng.gauss(0, 0.7))
        value = min(max(value, 1), size)
        return size + 1 - value if reverse else value

    def overall(self) -> int:
        """Overall satisfaction 0-10, driven by the areas with OVERALL_WEIGHTS."""
        latent = sum(OVERALL_WEIGHTS.get(a, 0) * m for a, m in self.mood.items())
        score = (latent - 1) / 4 * 10 + self.rng.gauss(0, 1.0)
        return int(min(max(round(score), 0), 10))

    def knows(self, benefit: str) -> str:
        probability = AWARENESS.get(benefit, 0.4)
        if self.persona == "employer":
            probability *= EMPLOYER_AWARENESS_FACTOR
        roll = self.rng.random()
        if roll < DK_RATE:
            return "dk"
        return "yes" if roll < probability else "no"

    def recalls(self, benefit: str, factor: float) -> bool:
        """Whether the benefit comes to mind unprompted (a fraction of prompted awareness)."""
        return self.rng.random() < AWARENESS.get(benefit, 0.4) * factor

    def weakest_area(self) -> str | None:
        """The area this client would name as mattering most: usually the one that hurts
        (None for a questionnaire without areas)."""
        areas = sorted(self.mood, key=lambda a: self.mood[a] + self.rng.gauss(0, 0.4))
        return areas[0] if areas else None

    def recent_day(self) -> str:
        return (REFERENCE_DAY - timedelta(days=self.rng.randint(0, 365))).isoformat()


def pick(rng: random.Random, values: list[str], weights: dict[str, float]) -> str:
    """Weighted choice; values the table does not name share what is left equally."""
    named = sum(weights.get(v, 0) for v in values)
    unnamed = [v for v in values if v not in weights]
    rest = max(1 - named, 0.05) / len(unnamed) if unnamed else 0
    return rng.choices(values, [weights.get(v, rest) for v in values])[0]


def make_respondent(questionnaire: Questionnaire, rng: random.Random) -> Respondent:
    personas = [p.id for p in questionnaire.personas]
    persona = pick(rng, personas, PERSONA_WEIGHTS) if personas else None
    respondent = Respondent(rng=rng, persona=persona)
    overrides = PERSONA_SEGMENTS.get(persona or "", {})
    for question in questionnaire.segments:
        choice_list = questionnaire.choices_of(question)
        if choice_list is None:
            continue
        values = [c.value for c in choice_list.choices]
        weights = overrides.get(question.id) or SEGMENT_WEIGHTS.get(question.id, {})
        respondent.traits[question.id] = pick(rng, values, weights)
    if persona is not None:
        respondent.traits["persona"] = persona
    shared = rng.gauss(0, 0.5)
    for area in questionnaire.areas:
        mood = AREA_BASE.get(area.id, 3.2) + shared + rng.gauss(0, 0.4)
        for segment, value, target, shift in TRAIT_EFFECTS:
            if target == area.id and respondent.traits.get(segment) == value:
                mood += shift
        respondent.mood[area.id] = mood
    return respondent

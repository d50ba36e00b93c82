"""What a simulated respondent answers to each question of the questionnaire.

Known questions of the bundled questionnaire get answers read off the respondent's traits
(information sources as seed 002 found them: employers 82%, friends 36%); anything else gets
a plausible generic answer by type, so the demo also runs on other questionnaires.
"""

from __future__ import annotations

from fieldsurvey.demo.respondents import Respondent, pick
from fieldsurvey.questionnaire.model import (
    DateQuestion,
    DecimalQuestion,
    IntegerQuestion,
    LikertItem,
    QuestionLike,
    Questionnaire,
    Rank,
    SelectMultiple,
    SelectOne,
    TextQuestion,
)

Answer = int | float | str | list[str] | None

INFO_SOURCES = {
    "employer": 0.82,
    "friends_family": 0.36,
    "social_media": 0.2,
    "office_staff": 0.15,
    "radio": 0.12,
    "website": 0.08,
    "inspector": 0.05,
}
TRAVEL_HOURS = {"metropolitan": 0.4, "urban": 0.7, "rural": 1.6, "remote": 3.5}
ANSWER_WEIGHTS: dict[str, dict[str, float]] = {
    "contact_12m": {"yes": 0.9, "no": 0.1},
    "last_contact_channel": {"office_visit": 0.6, "hotline": 0.12, "website_app": 0.1},
    "complained": {"yes": 0.12, "no": 0.85},
    "got_what_needed": {"yes": 0.6, "partly": 0.2, "no": 0.1},
}
"""Plausible shares for questions that are not segments (front-desk clients, few complaints)."""
SCHEME_BY_LANGUAGE = {"zh": "cn_social_insurance"}
"""Chinese interviews run at Chinese offices; the others at Cambodian ones (the first scheme)."""
RECALL_FACTOR = 0.45
"""Unprompted recall is well below prompted awareness (seed 002: workers "struggled to list")."""
RECALL_NONE = "none_named"
DISABILITY_DOMAIN = "wg_walking"
"""The Washington Group domain in which a simulated disabled respondent has a lot of difficulty."""
SUGGESTIONS = {
    "accessibility": "Open a service point closer to our village, and answer the hotline.",
    "equal_treatment": "Please keep the office open on Saturdays for shift workers.",
    "professional_approach": "Give us a clear list of documents before we come.",
    "learning": "Tell us what happened to our complaint.",
}


class AnswerPicker:
    """Answers for one respondent; `area_of` maps Likert item ids to their area."""

    def __init__(
        self, questionnaire: Questionnaire, respondent: Respondent, language: str = ""
    ) -> None:
        self.q = questionnaire
        self.r = respondent
        self.language = language
        self.area_of = {item.id: a.id for a in questionnaire.areas for item in a.items}
        self.benefit_of = {b.question: b.id for b in questionnaire.benefits}
        scoring = questionnaire.scoring
        self.overall_id = scoring.overall if scoring else None
        self.important_id = scoring.most_important_area if scoring else None
        self.consent_id = questionnaire.consent.question if questionnaire.consent else None
        design = questionnaire.awareness
        self.recall_id = design.recall_question if design else None
        self.scheme_id = design.scheme_question if design else None
        self.schemes = [s.id for s in questionnaire.schemes]
        self.recalled: set[str] = set()
        """Benefits named unprompted: recognised again when the prompted list reads them."""

    def answer(self, question: QuestionLike) -> Answer:
        """The respondent's answer, or None to leave an optional question unanswered."""
        rng = self.r.rng
        if question.id == self.overall_id:
            return self._overall(question)
        if isinstance(question, LikertItem):
            return self._likert(question)
        if question.id in self.r.traits:
            return self.r.traits[question.id]
        if question.id == self.consent_id and self.q.consent:
            return self.q.consent.accept
        if question.id in self.benefit_of:
            benefit = self.benefit_of[question.id]
            return "yes" if benefit in self.recalled else self.r.knows(benefit)
        if question.id == self.important_id:
            return self.r.weakest_area()
        if question.id == self.recall_id:
            return self._recalled()
        if question.id == self.scheme_id and self.schemes:
            return SCHEME_BY_LANGUAGE.get(self.language, self.schemes[0])
        values = self._choice_values(question)
        if question.id.startswith("wg_") and isinstance(question, SelectOne):
            return self._functioning(question.id, values)
        if isinstance(question, SelectOne):
            return pick(rng, values, ANSWER_WEIGHTS.get(question.id, {}))
        if isinstance(question, SelectMultiple):
            return self._several(question.id, values)
        if isinstance(question, Rank):
            return rng.sample(values, len(values))
        if isinstance(question, IntegerQuestion):
            return self._minutes() if "minutes" in question.id else rng.randint(1, 10)
        if isinstance(question, DecimalQuestion):
            base = TRAVEL_HOURS.get(self.r.traits.get("geography", ""), 1.0)
            return round(base * rng.uniform(0.5, 1.6), 1)
        if isinstance(question, DateQuestion):
            return self.r.recent_day()
        if isinstance(question, TextQuestion):
            return SUGGESTIONS.get(self.r.weakest_area() or "") if rng.random() < 0.4 else None
        return None

    def _overall(self, question: QuestionLike) -> int:
        """Overall satisfaction driven by the areas: 0-10, or a point of a Likert scale."""
        overall = self.r.overall()
        if isinstance(question, LikertItem):
            size = self.q.scale_by_id[question.scale].size
            return 1 + round(overall / 10 * (size - 1))
        return overall

    def _likert(self, item: LikertItem) -> int | str:
        scale = self.q.scale_by_id[item.scale]
        value = self.r.likert(self.area_of.get(item.id, ""), item.reverse, scale.size)
        return scale.dk.value if value is None else value

    def _choice_values(self, question: QuestionLike) -> list[str]:
        choice_list = self.q.choices_of(question)
        return [c.value for c in choice_list.choices] if choice_list else []

    def _several(self, question_id: str, values: list[str]) -> list[str]:
        rng = self.r.rng
        if "source" in question_id:
            chosen = [v for v in values if rng.random() < INFO_SOURCES.get(v, 0.05)]
        else:
            chosen = rng.sample(values, min(len(values), rng.randint(1, 3)))
        return chosen or [values[0]]

    def _recalled(self) -> list[str]:
        """Benefits named unprompted: fewer than are recognised when read out."""
        named = [
            b
            for b in self.q.benefits
            if b.recall and not b.decoy and self.r.recalls(b.id, RECALL_FACTOR)
        ]
        self.recalled = {b.id for b in named}
        return [b.recall for b in named if b.recall] or [RECALL_NONE]

    def _functioning(self, question_id: str, values: list[str]) -> str:
        """Washington Group answers consistent with the respondent's disability trait."""
        if self.r.traits.get("disability") == "yes" and question_id == DISABILITY_DOMAIN:
            return "a_lot"
        return pick(self.r.rng, values, {"none": 0.85, "some": 0.13})

    def _minutes(self) -> int:
        """Time spent on a formality: long-tailed (seed 002: sometimes two hours)."""
        return int(min(self.r.rng.lognormvariate(3.8, 0.6), 600))

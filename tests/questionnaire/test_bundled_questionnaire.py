"""The bundled client-satisfaction questionnaire carries the seeds' content."""

from __future__ import annotations

from collections import Counter

import pytest

from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import Questionnaire, load_questionnaire
from fieldsurvey.questionnaire.model import CONSENT_PARTS, LikertItem, SelectOne

AREAS = ["accessibility", "equal_treatment", "professional_approach", "learning"]
SEGMENTS = {
    "programme",
    "service_mode",
    "age_group",
    "geography",
    "life_event",
    "disability",
    "gender",
    "ict_adoption",
    "income_band",
    "working_hours",
    "literacy",
}
BENEFITS = {
    "medical",
    "sickness",
    "maternity",
    "employment_injury",
    "invalidity",
    "survivors",
    "old_age",
    "unemployment",
}


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return load_questionnaire(bundled_questionnaire_path())


def test_identity_and_languages(questionnaire: Questionnaire) -> None:
    assert questionnaire.id == "client-satisfaction"
    assert questionnaire.languages == ["en", "zh", "km"]


def test_consent_script_then_consent_come_first(questionnaire: Questionnaire) -> None:
    consent = questionnaire.consent
    assert consent is not None
    order = list(questionnaire.questions)
    notes = list(dict.fromkeys(consent.script.parts().values()))
    assert order[: len(notes) + 1] == [*notes, consent.question]
    assert set(consent.script.parts()) == set(CONSENT_PARTS)


def test_personas(questionnaire: Questionnaire) -> None:
    assert [p.id for p in questionnaire.personas] == ["worker", "employer", "beneficiary"]
    assert isinstance(questionnaire.persona_question, SelectOne)


def test_four_areas_with_at_least_five_items(questionnaire: Questionnaire) -> None:
    assert [a.id for a in questionnaire.areas] == AREAS
    for area in questionnaire.areas:
        assert len(area.items) >= 5, area.id
    items = [i for a in questionnaire.areas for i in a.items]
    assert any(i.reverse for i in items)
    assert all(isinstance(i, LikertItem) and i.difficulty for i in items)


def test_segments_of_seed_001(questionnaire: Questionnaire) -> None:
    assert {q.segment for q in questionnaire.segments} >= SEGMENTS


def test_benefit_awareness_of_seed_002(questionnaire: Questionnaire) -> None:
    assert {b.id for b in questionnaire.benefits if not b.decoy} == BENEFITS
    assert [b.id for b in questionnaire.benefits if b.decoy] == ["school_fees"]


def test_awareness_recall_comes_before_the_prompted_list(questionnaire: Questionnaire) -> None:
    design = questionnaire.awareness
    assert design is not None and design.recall_question is not None
    order = list(questionnaire.questions)
    first_prompted = min(order.index(b.question) for b in questionnaire.benefits)
    assert order.index(design.recall_question) < first_prompted
    kh = next(s for s in questionnaire.schemes if s.id == "kh_nssf")
    assert "old_age" not in kh.benefits  # seed 002: the pension branch is not yet launched


def test_overall_satisfaction_before_the_batteries(questionnaire: Questionnaire) -> None:
    order = list(questionnaire.questions)
    assert questionnaire.scoring is not None
    first_item = min(order.index(i.id) for a in questionnaire.areas for i in a.items)
    assert order.index(questionnaire.scoring.overall) < first_item
    assert order.index("contact_12m") < order.index(questionnaire.scoring.overall)


def test_message_bank_covers_every_area(questionnaire: Questionnaire) -> None:
    per_area = Counter(m.trigger.area for m in questionnaire.messages if m.trigger.area)
    assert all(per_area[area] >= 3 for area in AREAS), per_area
    assert any(m.trigger.benefit for m in questionnaire.messages)
    assert all(set(m.text) == {"en", "zh", "km"} for m in questionnaire.messages)


def test_annex_indicators(questionnaire: Questionnaire) -> None:
    ids = {i.id for i in questionnaire.indicators}
    assert {"offices", "front_desk_staff", "claims_rejected", "complaints_received"} <= ids
    assert {i.area for i in questionnaire.indicators} == set(AREAS)
    assert len(questionnaire.ratios) >= 4


def test_question_types_in_use(questionnaire: Questionnaire) -> None:
    """Dates, decimals and ranks were dropped in 2.0 to keep the median under 15 minutes;
    their widgets are tested on the test questionnaires."""
    types = {q.type for q in questionnaire.questions.values()}
    expected = {"select_one", "select_multiple", "integer", "text", "note", "calculate", "likert"}
    assert types == expected

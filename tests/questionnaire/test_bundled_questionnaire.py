"""The bundled client-satisfaction questionnaire carries the seeds' content."""

from __future__ import annotations

from collections import Counter

import pytest

from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import Questionnaire, load_questionnaire
from fieldsurvey.questionnaire.model import LikertItem, SelectOne

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
}


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return load_questionnaire(bundled_questionnaire_path())


def test_identity_and_languages(questionnaire: Questionnaire) -> None:
    assert questionnaire.id == "client-satisfaction"
    assert questionnaire.languages == ["en", "zh", "km"]


def test_consent_comes_first(questionnaire: Questionnaire) -> None:
    first = next(iter(questionnaire.questions))
    assert questionnaire.consent is not None and first == questionnaire.consent.question


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
    assert {b.id for b in questionnaire.benefits} == BENEFITS


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


def test_every_question_type_is_used(questionnaire: Questionnaire) -> None:
    types = {q.type for q in questionnaire.questions.values()}
    expected = {"select_one", "select_multiple", "rank", "integer", "decimal", "text"}
    assert types >= expected | {"date", "note", "calculate", "likert"}

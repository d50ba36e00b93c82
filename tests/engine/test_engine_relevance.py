"""Relevance (questions, groups, areas, persona branches) and calculations, kept incrementally."""

from __future__ import annotations

import pytest

from fieldsurvey.engine import EngineError, start_interview
from fieldsurvey.engine.plan import build_plan
from fieldsurvey.engine.state import FormState

PERSONA = {
    "type": "select_one",
    "id": "persona",
    "label": {"en": "You are"},
    "choices": "personas",
    "persona": True,
}
PERSONA_CHOICES = [
    {
        "id": "personas",
        "choices": [
            {"value": "worker", "label": {"en": "Worker"}},
            {"value": "employer", "label": {"en": "Employer"}},
        ],
    }
]
BRANCHES = [
    PERSONA,
    {
        "type": "group",
        "id": "workers",
        "relevant": "${persona} = 'worker'",
        "items": [
            {"type": "integer", "id": "age", "label": {"en": "Age"}},
            {
                "type": "group",
                "id": "older",
                "relevant": "${age} >= 60",
                "items": [{"type": "text", "id": "pension", "label": {"en": "Pension?"}}],
            },
        ],
    },
    {
        "type": "integer",
        "id": "staff",
        "label": {"en": "Staff"},
        "relevant": "${persona} = 'employer'",
    },
    {"type": "calculate", "id": "size", "calculation": "if(${staff} > 50, 'large', 'small')"},
    {"type": "note", "id": "large_note", "label": {"en": "Large"}, "relevant": "${size} = 'large'"},
]


def test_persona_branches_and_nested_group_relevance(db, make_questionnaire) -> None:
    interview = start_interview(db, make_questionnaire(BRANCHES, choice_lists=PERSONA_CHOICES))
    assert not interview.is_relevant("age") and not interview.is_relevant("staff")
    interview.answer("persona", "worker")
    assert interview.is_relevant("age") and not interview.is_relevant("pension")
    interview.answer("age", 64)
    assert interview.is_relevant("pension")
    interview.answer("persona", "employer")
    assert not interview.is_relevant("age") and not interview.is_relevant("pension")
    assert interview.is_relevant("staff")
    stored = db.execute("SELECT persona FROM responses").fetchone()[0]
    assert stored == "employer"


def test_irrelevant_answers_are_empty_kept_in_the_draft_and_restored(
    db, make_questionnaire
) -> None:
    interview = start_interview(db, make_questionnaire(BRANCHES, choice_lists=PERSONA_CHOICES))
    interview.answer("persona", "worker")
    interview.answer("age", 64)
    interview.answer("pension", "yes, small")
    interview.answer("persona", "employer")
    assert interview.value("age") is None and interview.value("pension") is None
    assert db.load_answers(interview.response_id)["pension"] == "yes, small"
    interview.answer("persona", "worker")
    assert interview.value("pension") == "yes, small"


def test_irrelevant_answers_are_dropped_on_completion(db, make_questionnaire) -> None:
    interview = start_interview(db, make_questionnaire(BRANCHES, choice_lists=PERSONA_CHOICES))
    interview.answer("persona", "worker")
    interview.answer("age", 64)
    interview.answer("persona", "employer")
    interview.answer("staff", 80)
    assert interview.complete() == []
    assert db.load_answers(interview.response_id) == {
        "persona": "employer",
        "staff": 80,
        "size": "large",
    }


def test_calculations_cascade_and_are_stored(db, make_questionnaire) -> None:
    survey = [
        {"type": "integer", "id": "a", "label": {"en": "A"}},
        {"type": "calculate", "id": "b", "calculation": "${a} * 2"},
        {"type": "calculate", "id": "c", "calculation": "${b} + 1"},
        {"type": "integer", "id": "d", "label": {"en": "D"}, "relevant": "${c} > 10"},
    ]
    interview = start_interview(db, make_questionnaire(survey))
    assert not interview.is_relevant("d")
    interview.answer("a", 6)
    assert (interview.value("b"), interview.value("c")) == (12, 13)
    assert interview.is_relevant("d")
    assert db.load_answers(interview.response_id) == {"a": 6, "b": 12, "c": 13}
    interview.clear("a")  # '' * 2 is NaN in XPath: no value, and none stored
    assert db.load_answers(interview.response_id) == {}
    assert not interview.is_relevant("d")


def test_area_relevance_applies_to_its_items(db, make_questionnaire) -> None:
    survey = [PERSONA, {"type": "area", "area": "access"}]
    areas = [
        {
            "id": "access",
            "label": {"en": "Access"},
            "relevant": "${persona} = 'worker'",
            "items": [{"id": "open_hours", "label": {"en": "Hours suit me"}}],
        }
    ]
    interview = start_interview(
        db, make_questionnaire(survey, choice_lists=PERSONA_CHOICES, areas=areas)
    )
    assert not interview.is_relevant("open_hours")
    interview.answer("persona", "worker")
    assert interview.answer("open_hours", "4") is None
    assert interview.value("open_hours") == 4


def test_an_answer_reevaluates_only_what_depends_on_it(make_questionnaire, monkeypatch) -> None:
    survey = [{"type": "integer", "id": "a", "label": {"en": "A"}}] + [
        {"type": "integer", "id": f"q{i}", "label": {"en": "Q"}, "relevant": f"${{q{i - 1}}} > 0"}
        if i
        else {"type": "integer", "id": "q0", "label": {"en": "Q"}}
        for i in range(50)
    ]
    survey.append({"type": "integer", "id": "z", "label": {"en": "Z"}, "relevant": "${a} > 1"})
    state = FormState(build_plan(make_questionnaire(survey)), {})
    evaluated: list[str] = []
    original = FormState._evaluate

    def spy(self: FormState, node: str) -> bool:
        evaluated.append(node)
        return original(self, node)

    monkeypatch.setattr(FormState, "_evaluate", spy)
    state.set_answer("a", 5)
    assert evaluated == ["a", "z"]
    evaluated.clear()
    state.set_answer("q0", 1)
    assert evaluated == ["q0", "q1"]  # q1 has no answer: its visible value did not change


def test_a_relevance_cycle_is_refused(make_questionnaire) -> None:
    survey = [
        {"type": "integer", "id": "a", "label": {"en": "A"}, "relevant": "${b} > 1"},
        {"type": "integer", "id": "b", "label": {"en": "B"}, "relevant": "${a} > 1"},
    ]
    with pytest.raises(EngineError, match="cycle among: a, b"):
        build_plan(make_questionnaire(survey))

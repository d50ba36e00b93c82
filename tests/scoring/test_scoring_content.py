"""Scoring of the 2.0 content: "not applicable" apart from "don't know", the awareness design
(unprompted recall, the decoy's yes-saying check), message placeholders filled from the office
section or from the interval of the local data, and "don't know" in asked importance."""

from __future__ import annotations

import math
from typing import Any

import pytest
from scoring_helpers import BASE, Survey, choices, likert, make_questionnaire, t

from fieldsurvey.cli.score_table import to_table
from fieldsurvey.demo import make_demo_responses
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import load_questionnaire
from fieldsurvey.scoring import score
from fieldsurvey.scoring.awareness import nearest_one_in
from fieldsurvey.scoring.report import AwarenessResult
from fieldsurvey.store.sqlite import SQLiteStore

NA_SCALE = {**BASE["scales"][0], "na": {"value": "na", "label": t("Does not apply")}}

AWARENESS: dict[str, Any] = {
    "choice_lists": [*BASE["choice_lists"], choices("recall", "pension", "fees", "none_named")],
    "survey": [
        *BASE["survey"],
        {"type": "select_multiple", "id": "named", "label": t("Named"), "choices": "recall"},
        {"type": "select_one", "id": "knows_fees", "label": t("Fees?"), "choices": "yes_no_dk"},
    ],
    "benefits": [
        {**BASE["benefits"][0], "recall": "pension"},
        {"id": "fees", "label": t("School fees"), "question": "knows_fees", "decoy": True},
    ],
    "awareness": {"recall_question": "named"},
}


def message(message_id: str, trigger: dict[str, Any], text: str) -> dict[str, Any]:
    return {
        "id": message_id,
        "trigger": trigger,
        "channel": "poster",
        "theme": "t",
        "source": "s",
        "text": t(text),
    }


def test_dont_know_and_not_applicable_are_left_out_and_reported_apart(
    db: SQLiteStore, survey: Survey
) -> None:
    questionnaire = make_questionnaire(scales=[NA_SCALE])
    survey.add_many(30, likert((4, "na", 2), (4, 4)))
    survey.add_many(10, likert((4, "dk", 2), (4, 4)))
    report = score(db, questionnaire)
    access = report.areas[0]
    assert access.score == pytest.approx(75.0)  # a1 = 4 and a3 reversed = 4: 75 each
    a2 = next(item for item in access.items if item.id == "a2")
    assert (a2.dk_rate, a2.na_rate) == (25.0, 75.0)
    assert access.dk_rate == pytest.approx(10 / 120 * 100, abs=0.05)
    assert access.na_rate == pytest.approx(30 / 120 * 100, abs=0.05)


def test_recall_rate_and_the_decoy_yes_saying_check(db: SQLiteStore, survey: Survey) -> None:
    questionnaire = make_questionnaire(**AWARENESS)
    base = likert((3, 3, 3), (3, 3))
    survey.add_many(100, base | {"knows_pension": "yes", "named": ["pension"], "knows_fees": "no"})
    survey.add_many(
        200, base | {"knows_pension": "yes", "named": ["none_named"], "knows_fees": "yes"}
    )
    survey.add_many(
        100, base | {"knows_pension": "no", "named": ["none_named"], "knows_fees": "no"}
    )
    pension, fees = score(db, questionnaire).awareness
    assert (pension.rate, pension.recall_rate, pension.decoy) == (75.0, 25.0, False)
    assert (fees.rate, fees.decoy, fees.messages) == (50.0, True, [])


def test_a_message_with_an_unfilled_placeholder_is_not_shown(
    db: SQLiteStore, survey: Survey
) -> None:
    low = {"area": "access", "score_max": 60}
    bank = [message("call-us", low, "Call {hotline}."), message("plain", low, "We listen.")]
    survey.add_many(40, likert((1, 2, 5), (4, 4)) | {"important": "access"})
    unfilled = score(db, make_questionnaire(messages=bank))
    assert [m.id for m in unfilled.areas[0].messages] == ["plain"]
    assert unfilled.areas[0].office_facts_missing == ["hotline"]
    assert "waiting for the office's facts (hotline)" in to_table(unfilled, [], "en")
    office = [{"name": "hotline", "value": 1286}]
    filled = score(db, make_questionnaire(messages=bank, office=office))
    assert [m.text for m in filled.areas[0].messages] == ["Call 1286.", "We listen."]
    assert filled.areas[0].office_facts_missing == []


def pension_awareness(
    db: SQLiteStore, survey: Survey, *, knows: int, not_knowing: int
) -> AwarenessResult:
    """Pension awareness scored with one message, "About one in {one_in} knows."."""
    trigger = {"benefit": "pension", "score_max": 50}
    bank = [message("few-know", trigger, "About one in {one_in} knows.")]
    base = likert((3, 3, 3), (3, 3))
    survey.add_many(knows, base | {"knows_pension": "yes"})
    survey.add_many(not_knowing, base | {"knows_pension": "no"})
    (pension,) = score(db, make_questionnaire(messages=bank)).awareness
    return pension


def test_one_in_matches_the_rate_shown_beside_the_message(db: SQLiteStore, survey: Survey) -> None:
    """11 % aware is "about 1 in 9", not the "1 in 6" the interval's upper end gave."""
    pension = pension_awareness(db, survey, knows=44, not_knowing=356)
    assert pension.status == "ok" and pension.ci is not None
    assert pension.rate == 11.0
    assert math.floor(100 / pension.ci[1]) == 6  # what the message used to say: "1 in 6"
    assert [m.text for m in pension.messages] == ["About one in 9 knows."]


@pytest.mark.parametrize(
    ("share", "one_in"),
    [(0.11, 9), (0.08, 13), (0.05, 20), (0.14, 7), (0.25, 4), (0.33, 3), (0.5, 2), (0.9, 1)],
)
def test_one_in_is_the_nearest_whole_number(share: float, one_in: int) -> None:
    assert nearest_one_in(share) == one_in


def test_no_one_in_claim_when_a_minority_is_not_sure(db: SQLiteStore, survey: Survey) -> None:
    """40 % of 40 people: the interval reaches past 50 %, so "about 1 in 3" is not said."""
    pension = pension_awareness(db, survey, knows=16, not_knowing=24)
    assert pension.rate == 40.0 and pension.ci is not None and pension.ci[1] > 50
    assert pension.messages == []


def test_dont_know_is_left_out_of_asked_importance(db: SQLiteStore, survey: Survey) -> None:
    lists = [c for c in BASE["choice_lists"] if c["id"] != "areas"]
    questionnaire = make_questionnaire(
        choice_lists=[*lists, choices("areas", "access", "treat", "dk")]
    )
    survey.add_many(30, likert((2, 2, 4), (5, 5)) | {"important": "access"})
    survey.add_many(10, likert((3, 3, 3), (4, 4)) | {"important": "treat"})
    survey.add_many(40, likert((3, 3, 3), (4, 4)) | {"important": "dk"})
    report = score(db, questionnaire, importance="asked")
    assert [a.importance for a in report.areas] == [0.75, 0.25]


def test_scores_break_down_by_interview_mode(db: SQLiteStore) -> None:
    questionnaire = load_questionnaire(bundled_questionnaire_path())
    make_demo_responses(db, questionnaire, 120, seed=5, workers=1)
    report = score(db, questionnaire, by="mode")
    assert set(report.groups["mode"]) == {"interviewer", "self"}
    sizes = [group.responses or 0 for group in report.groups["mode"].values()]
    assert sum(sizes) == 120 and min(sizes) >= 10

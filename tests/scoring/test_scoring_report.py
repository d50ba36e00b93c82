"""`score()` end to end on data written straight into the tables: shape, quadrants, messages,
importance, trend, awareness and weights."""

from __future__ import annotations

import json

import numpy as np
import pytest
from scoring_helpers import Survey, likert, make_questionnaire

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.scoring import Reason, ScoringError, WarningCode, score
from fieldsurvey.scoring.areas import ALPHA_WARNING
from fieldsurvey.scoring.report import AreaResult
from fieldsurvey.scoring.stats import wilson_interval
from fieldsurvey.store.sqlite import SQLiteStore


def add_varied(survey: Survey, count: int, shift: int = 0, **fields: object) -> None:
    """Access low (scores 0/25/50) and driving overall satisfaction; equal treatment high."""
    for i in range(count):
        a = 1 + (i + shift) % 3
        b = 4 + i % 2
        answers = likert((a, a, 6 - a), (b, b)) | {"overall": 2 * a, "important": "access"}
        survey.add(answers, **fields)  # type: ignore[arg-type]


def area(areas: list[AreaResult], area_id: str) -> AreaResult:
    return next(a for a in areas if a.id == area_id)


def test_json_has_the_contract_shape(
    db: SQLiteStore, survey: Survey, questionnaire: Questionnaire
) -> None:
    add_varied(survey, 40, persona="worker")
    add_varied(survey, 40, persona="employer")
    document = json.loads(score(db, questionnaire, by="persona").model_dump_json())
    assert document["questionnaire"] == "cs"
    assert document["responses"] == 80
    first = document["areas"][0]
    for key in ("id", "label", "n", "score", "ci", "pct_satisfied", "alpha", "status", "quadrant"):
        assert key in first
    assert set(first["messages"][0]) >= {"id", "text"}
    worker = document["groups"]["persona"]["worker"]
    assert worker["responses"] == 40
    assert [a["id"] for a in worker["areas"]] == ["access", "treat"]


def test_low_important_area_is_concentrate_and_gets_its_messages(
    db: SQLiteStore, survey: Survey, questionnaire: Questionnaire
) -> None:
    add_varied(survey, 40, persona="worker")
    add_varied(survey, 40, persona="employer")
    report = score(db, questionnaire, by="persona")
    access, treat = area(report.areas, "access"), area(report.areas, "treat")
    assert access.score == 24.4  # 14 ones, 13 twos, 13 threes: (13 × 25 + 13 × 50) / 40
    assert access.status == "ok"
    assert (access.quadrant, treat.quadrant) == ("concentrate", "overkill")
    assert report.importance_method == "correlation"
    assert access.importance == pytest.approx(1.0)
    ids = [m.id for m in access.messages]
    assert ids == ["access-low", "access-employers", "access-concentrate"]
    assert [m.id for m in treat.messages] == ["treat-high"]
    worker = area(report.groups["persona"]["worker"].areas, "access")
    employer = area(report.groups["persona"]["employer"].areas, "access")
    assert "access-employers" not in [m.id for m in worker.messages]
    assert "access-employers" in [m.id for m in employer.messages]


def test_messages_in_the_language_asked_else_the_default(db: SQLiteStore, survey: Survey) -> None:
    questionnaire = make_questionnaire()
    bank = [m.model_dump() for m in questionnaire.messages]
    bank[2]["text"] = {"en": "See the map."}  # no Chinese text for this one
    questionnaire = make_questionnaire(messages=bank)
    add_varied(survey, 40)
    access = area(score(db, questionnaire, lang="zh").areas, "access")
    texts = {m.id: m.text for m in access.messages}
    assert texts["access-low"] == "我们就在您身边。"
    assert texts["access-concentrate"] == "See the map."
    assert access.label == "可及性"


def test_unknown_language_falls_back_with_a_warning(
    db: SQLiteStore, survey: Survey, questionnaire: Questionnaire
) -> None:
    add_varied(survey, 40)
    report = score(db, questionnaire, lang="km")
    assert report.language == "en"
    assert "unknown_language" in [w.code for w in report.warnings]


def test_indicative_area_shows_a_score_but_no_messages(
    db: SQLiteStore, survey: Survey, questionnaire: Questionnaire
) -> None:
    add_varied(survey, 20)
    access = area(score(db, questionnaire).areas, "access")
    assert (access.status, access.reason) == ("indicative", Reason.INDICATIVE_N)
    assert access.score is not None and access.n == 20
    assert access.messages == []


def test_asked_importance_is_the_share_naming_the_area(
    db: SQLiteStore, survey: Survey, questionnaire: Questionnaire
) -> None:
    survey.add_many(30, likert((2, 2, 4), (5, 5)) | {"important": "access"})
    survey.add_many(10, likert((3, 3, 3), (4, 4)) | {"important": "treat"})
    report = score(db, questionnaire)
    assert report.importance_method == "asked"
    assert [a.importance for a in report.areas] == [0.75, 0.25]
    assert report.cuts is not None and report.cuts.importance == 0.5


def test_trend_arrow_only_when_the_interval_excludes_zero(
    db: SQLiteStore, survey: Survey, questionnaire: Questionnaire
) -> None:
    early, late = "2025-09-01T10:00:00.000+00:00", "2026-03-01T10:00:00.000+00:00"
    add_varied(survey, 40, round="autumn", completed_at=early)
    for i in range(40):  # access two points higher; equal treatment as before
        a = 3 + i % 3
        survey.add(likert((a, a, 6 - a), (4 + i % 2, 4 + i % 2)), round="spring", completed_at=late)
    report = score(db, questionnaire)
    assert (report.round, report.rounds) == ("spring", ["autumn", "spring"])
    assert report.responses == 40
    assert report.trend is not None and report.trend.previous_round == "autumn"
    access, treat = report.trend.areas
    assert access.change == pytest.approx(50.0) and access.direction == "up"
    assert treat.change == pytest.approx(0.0) and treat.direction is None
    assert "round" in [w.code for w in report.warnings]
    assert score(db, questionnaire, round="autumn").trend is None
    with pytest.raises(ScoringError, match="winter"):
        score(db, questionnaire, round="winter")


def test_awareness_rate_with_wilson_interval_and_its_message(
    db: SQLiteStore, survey: Survey, questionnaire: Questionnaire
) -> None:
    for answer, count in (("yes", 12), ("no", 25), ("dk", 3)):
        survey.add_many(count, likert((3, 3, 3), (3, 3)) | {"knows_pension": answer})
    (pension,) = score(db, questionnaire).awareness
    low, high = wilson_interval(12, 40) or (0, 0)
    assert (pension.n, pension.rate, pension.dk_rate) == (40, 30.0, 7.5)
    assert pension.ci == pytest.approx((low * 100, high * 100), abs=0.05)
    assert pension.status == "indicative"  # n = 40 but the interval is ±14 points
    assert pension.messages == []


def test_weights_give_a_weighted_mean(
    db: SQLiteStore, survey: Survey, questionnaire: Questionnaire
) -> None:
    survey.add_many(10, likert((5, 5, 1), (5, 5)) | {"w": 3.0})
    survey.add_many(10, likert((1, 1, 5), (1, 1)) | {"w": 1.0})
    survey.add(likert((1, 1, 5), (1, 1)))  # no weight: left out, with a warning
    report = score(db, questionnaire, weights="w")
    access = area(report.areas, "access")
    assert access.score == pytest.approx(75.0)
    assert access.n == 20
    assert "no_weight" in [w.code for w in report.warnings]
    assert np.isclose(area(score(db, questionnaire).areas, "access").score or 0, 47.6, atol=0.05)


def test_unknown_breakdown_or_weight_question_is_refused(
    db: SQLiteStore, questionnaire: Questionnaire
) -> None:
    with pytest.raises(ScoringError, match="persona, geography, ict"):
        score(db, questionnaire, by="planet")
    with pytest.raises(ScoringError, match="weight"):
        score(db, questionnaire, weights="nope")


def test_low_alpha_is_warned(db: SQLiteStore, survey: Survey, questionnaire: Questionnaire) -> None:
    patterns = [(1, 5, 3), (5, 1, 3), (3, 3, 1), (3, 3, 5)]  # items that disagree
    for i in range(40):
        survey.add(likert(patterns[i % 4], (4, 4)))
    report = score(db, questionnaire)
    assert area(report.areas, "access").alpha is not None
    warning = next(w for w in report.warnings if w.code == WarningCode.LOW_ALPHA)
    assert warning.params["area"] == "Accessibility" and warning.params["area_id"] == "access"
    assert warning.params["alpha"] == area(report.areas, "access").alpha
    assert warning.params["threshold"] == ALPHA_WARNING


def test_alpha_leaves_out_items_asked_of_only_some_personas(
    db: SQLiteStore, survey: Survey
) -> None:
    areas = make_questionnaire().model_dump()["areas"]
    areas[0]["items"].append(
        {"id": "a4", "label": {"en": "Online filing"}, "relevant": "${persona} = 'employer'"}
    )
    questionnaire = make_questionnaire(areas=areas)
    for i in range(40):
        a = 1 + i % 5
        answers = likert((a, a, 6 - a), (3, 3))
        survey.add(
            answers | {"a4": a} if i < 10 else answers, persona="employer" if i < 10 else "worker"
        )
    access = area(score(db, questionnaire).areas, "access")
    assert access.alpha == 1.0  # a1..a3 agree perfectly, over all 40 respondents
    assert access.n == 40

"""The awkward cases, each with the message the report gives: no data, two questionnaire
versions, an area answered only DK/NA, small segments (which must not leak)."""

from __future__ import annotations

import json
from typing import Any

from scoring_helpers import Survey, likert

from fieldsurvey.cli.score_table import to_table
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.scoring import Reason, WarningCode, score
from fieldsurvey.scoring.breakdowns import protect
from fieldsurvey.scoring.render import to_csv
from fieldsurvey.store.sqlite import SQLiteStore


def test_no_responses_yet_says_so_instead_of_zero_scores(
    db: SQLiteStore, questionnaire: Questionnaire
) -> None:
    report = score(db, questionnaire, by="persona")
    assert report.status == "no_data"
    assert report.responses == 0
    assert [(w.code, w.params) for w in report.warnings] == [
        (WarningCode.NO_DATA, {"questionnaire": "cs"})
    ]
    assert all(a.score is None and a.status == "suppressed" for a in report.areas)
    assert {a.reason for a in report.areas} == {Reason.NO_DATA}
    assert to_table(report, ["No data yet."], "en").endswith("\n! No data yet.\n")


def test_only_complete_head_responses_to_this_questionnaire_count(
    db: SQLiteStore, survey: Survey, questionnaire: Questionnaire
) -> None:
    answers = likert((5, 5, 1), (5, 5))
    survey.add(answers, status="draft")
    survey.add(answers, status="voided")
    survey.add(answers, is_head=0)
    survey.add(answers, questionnaire_id="other")
    assert score(db, questionnaire).status == "no_data"


def test_two_versions_score_the_shared_items_and_name_what_was_left_out(
    db: SQLiteStore, survey: Survey, questionnaire: Questionnaire
) -> None:
    old = {"a1": 5, "a2": 5, "t1": 3, "t2": 3}  # version 1 had no a3
    survey.add_many(20, old, version="1")
    survey.add_many(20, likert((1, 1, 5), (3, 3)), version="2")
    report = score(db, questionnaire)
    assert report.versions == ["1", "2"]
    versions = next(w for w in report.warnings if w.code == WarningCode.VERSIONS)
    assert versions.params == {"versions": ["1", "2"], "items": ["a3"]}
    access = next(a for a in report.areas if a.id == "access")
    assert access.score == 50.0  # a1 and a2 only: half the respondents 100, half 0
    assert [i.id for i in access.items] == ["a1", "a2"]


def test_an_area_answered_only_dk_has_no_score_and_says_why(
    db: SQLiteStore, survey: Survey, questionnaire: Questionnaire
) -> None:
    survey.add_many(15, likert(("dk", "dk", "dk"), (4, 4)))
    access, treat = score(db, questionnaire).areas
    assert (access.status, access.score, access.ci, access.n) == ("suppressed", None, None, None)
    assert access.reason == Reason.ONLY_DK
    assert access.dk_rate == 100.0
    assert treat.score == 75.0
    assert "every answer was don't know" in to_table(score(db, questionnaire), [], "en")


def add_places(survey: Survey, counts: dict[str, int]) -> None:
    """Remote respondents answer 1 everywhere (score 0), the others 4 (score 75)."""
    for place, count in counts.items():
        value = 1 if place == "remote" else 4
        survey.add_many(count, likert((value, value, 6 - value), (value, value)) | {"place": place})


def numbers_in(document: Any) -> list[tuple[str, Any]]:
    """Every (key, value) pair of a JSON document, at any depth."""
    if isinstance(document, dict):
        return [p for k, v in document.items() for p in [(k, v), *numbers_in(v)]]
    if isinstance(document, list):
        return [p for v in document for p in numbers_in(v)]
    return []


def test_a_segment_under_10_leaks_neither_its_score_nor_its_size(
    db: SQLiteStore, survey: Survey, questionnaire: Questionnaire
) -> None:
    add_places(survey, {"urban": 40, "rural": 31, "remote": 7})
    report = score(db, questionnaire, by="geography")
    groups = report.groups["geography"]
    assert (groups["remote"].status, groups["remote"].reason) == ("suppressed", Reason.TOO_FEW)
    # Rural is hidden too, or 78 - 40 - 31 would give the remote count (and score) away.
    assert groups["rural"].reason == Reason.COMPLEMENT
    assert groups["urban"].responses == 40
    document = json.loads(report.model_dump_json())
    for name in ("remote", "rural"):
        group = document["groups"]["geography"][name]
        assert group["responses"] is None
        assert group["reason"] in ("too_few", "complement") and group["reason_text"]
        assert all(
            a["score"] is None and a["n"] is None and a["ci"] is None for a in group["areas"]
        )
    sizes = [v for k, v in numbers_in(document["groups"]) if k in ("n", "responses")]
    assert 7 not in sizes and 31 not in sizes
    assert {g.group for g in report.equity_gaps} == {"urban"}
    table = to_table(report, [], "en")
    assert "Where they live = Remote (<10 responses)" in table
    assert "(7 " not in table and "(31 " not in table
    rows = [line.split(",") for line in to_csv(report).splitlines()]
    remote = [r for r in rows if r[1] == "remote"]
    assert remote and all(r[3] == "" and r[6] == "" and r[7] == "" for r in remote)


def test_complementary_suppression() -> None:
    assert protect([40, 31, 7]) == [None, Reason.COMPLEMENT, Reason.TOO_FEW]
    assert protect([40, 5, 7]) == [None, Reason.TOO_FEW, Reason.TOO_FEW]
    assert protect([40, 31, 0]) == [None, None, Reason.TOO_FEW]  # an empty group hides nothing
    assert protect([40, 31]) == [None, None]


def test_equity_gap_is_flagged_when_its_interval_excludes_zero(
    db: SQLiteStore, survey: Survey, questionnaire: Questionnaire
) -> None:
    for i in range(90):
        place = ("urban", "rural", "remote")[i % 3]
        a = 1 + i % 2 if place == "remote" else 3 + i % 3
        survey.add(likert((a, a, 6 - a), (3 + i % 2, 3 + i % 2)) | {"place": place})
    report = score(db, questionnaire, by="geography")
    gap = next(g for g in report.equity_gaps if (g.group, g.area) == ("remote", "access"))
    assert gap.significant and gap.gap < 0 and gap.ci is not None and gap.ci[1] < 0
    assert report.equity_gaps[0] == gap  # the most disadvantaged first
    treat = [g for g in report.equity_gaps if g.area == "treat"]
    assert treat and not any(g.significant for g in treat)


def test_select_multiple_segment_puts_respondents_in_each_group_they_chose(
    db: SQLiteStore, survey: Survey, questionnaire: Questionnaire
) -> None:
    survey.add_many(12, likert((4, 4, 2), (4, 4)) | {"channel": ["online", "phone"]})
    survey.add_many(12, likert((2, 2, 4), (2, 2)) | {"channel": ["office"]})
    groups = score(db, questionnaire, by="ict").groups["ict"]
    assert [(v, g.responses) for v, g in groups.items()] == [
        ("online", 12),
        ("phone", 12),
        ("office", 12),
    ]
    assert groups["online"].areas[0].score == 75.0


def test_a_small_cell_in_a_large_group_is_hidden_with_its_complement(
    db: SQLiteStore, survey: Survey, questionnaire: Questionnaire
) -> None:
    add_places(survey, {"urban": 40, "rural": 30})
    survey.add_many(4, likert((2, 2, 4), (2, 2)) | {"place": "remote"})
    survey.add_many(8, likert(("dk", "dk", "dk"), (2, 2)) | {"place": "remote"})
    groups = score(db, questionnaire, by="geography").groups["geography"]
    remote_access, remote_treat = groups["remote"].areas
    assert (remote_access.score, remote_access.reason) == (None, Reason.MOSTLY_DK)
    assert remote_treat.n == 12
    rural_access, rural_treat = groups["rural"].areas
    assert (rural_access.score, rural_access.reason) == (None, Reason.COMPLEMENT)
    assert rural_treat.score == 75.0
    assert groups["urban"].areas[0].score == 75.0


def test_trend_needs_10_respondents_in_each_round(
    db: SQLiteStore, survey: Survey, questionnaire: Questionnaire
) -> None:
    survey.add_many(5, likert((1, 1, 5), (1, 1)), round="r1", completed_at="2025-01-01")
    survey.add_many(30, likert((5, 5, 1), (5, 5)), round="r2", completed_at="2026-01-01")
    trend = score(db, questionnaire).trend
    assert trend is not None and trend.previous_round == "r1"
    assert all(a.change is None and a.direction is None for a in trend.areas)

"""Review decisions: the CLI, the append-only log, refusals that change nothing, and Scores
leaving rejected interviews out."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from supervision_helpers import run, snapshot

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.review import COMMENT_MAX, find_interview
from fieldsurvey.review.notes import split_comment
from fieldsurvey.scoring import score
from fieldsurvey.store.sqlite import SQLiteStore


def uuids(db: SQLiteStore, count: int) -> list[str]:
    rows = db.execute("SELECT uuid FROM responses ORDER BY id LIMIT ?", [count]).fetchall()
    return [uuid for (uuid,) in rows]


def test_decisions_are_appended_with_reviewer_comment_and_time(
    db: SQLiteStore, db_path: Path
) -> None:
    [uuid] = uuids(db, 1)
    issue = run("review", uuid, "--db", str(db_path), "--issue", "--comment", "Q12 unclear")
    assert issue.exit_code == 0, issue.stderr
    assert issue.stdout == f"{uuid}: has issues\n"
    assert run("review", uuid, "--db", str(db_path), "--approve").exit_code == 0
    target = find_interview(db, uuid)
    assert target.state == "approved"
    assert [(d.state, d.comment, d.reviewer) for d in target.log] == [
        ("has_issues", "Q12 unclear", "Sokha"),
        ("approved", "", "Sokha"),
    ]
    log = run("review", uuid, "--db", str(db_path)).stdout.splitlines()
    assert log[0] == f"{uuid}: approved"
    assert log[1].endswith("has issues by Sokha: Q12 unclear")


def test_the_log_cannot_be_changed_or_deleted(db: SQLiteStore, db_path: Path) -> None:
    [uuid] = uuids(db, 1)
    run("review", uuid, "--db", str(db_path), "--reject", "--comment", "no consent recorded")
    for statement in ("UPDATE reviews SET state = 'approved'", "DELETE FROM reviews"):
        with pytest.raises(sqlite3.IntegrityError, match="the review log is append-only"):
            db.execute(statement)
    assert find_interview(db, uuid).state == "rejected"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-uuid", "--approve"], "error: no completed interview 'no-such-uuid' in this"),
        (["{uuid}", "--reject"], "error: comment: a rejected decision needs a comment"),
        (["{uuid}", "--issue", "--comment", "   "], "a has issues decision needs a comment"),
        (
            ["{uuid}", "--issue", "--comment", "x" * (COMMENT_MAX + 1)],
            f"error: comment: {COMMENT_MAX + 1} characters, at most {COMMENT_MAX} are kept",
        ),
        (["bad\x1b[2Juuid", "--approve"], "'bad\\x1b[2Juuid'"),
    ],
)
def test_a_refused_decision_says_why_and_records_nothing(
    db: SQLiteStore, db_path: Path, args: list[str], message: str
) -> None:
    [uuid] = uuids(db, 1)
    before = snapshot(db)
    result = run("review", *[a.format(uuid=uuid) for a in args], "--db", str(db_path))
    assert result.exit_code == 2 and result.stdout == ""
    assert message in result.stderr
    assert snapshot(db) == before


def test_scores_leave_rejected_interviews_out_and_say_how_many(
    db: SQLiteStore, db_path: Path, questionnaire: Questionnaire
) -> None:
    for uuid in uuids(db, 5):
        run("review", uuid, "--db", str(db_path), "--reject", "--comment", "made up")
    run("review", uuids(db, 6)[-1], "--db", str(db_path), "--approve")
    report = score(db, questionnaire)
    assert (report.responses, report.rejected, report.include_rejected) == (115, 5, False)
    assert "rejected" in [w.code for w in report.warnings]
    table = run("scores", "--db", str(db_path)).stdout
    heading = " ".join(table.split("\n\n")[0].split())  # wrapped to 80 columns
    assert heading.endswith(": 115 responses, round 2026-Q3, 5 rejected left out")
    everything = run("scores", "--db", str(db_path), "--include-rejected", "--format", "json")
    document = json.loads(everything.stdout)
    assert (document["responses"], document["rejected"]) == (120, 5)
    assert [w["code"] for w in document["warnings"]].count("rejected_included") == 1


def test_a_later_approval_brings_an_interview_back(
    db: SQLiteStore, db_path: Path, questionnaire: Questionnaire
) -> None:
    [uuid] = uuids(db, 1)
    run("review", uuid, "--db", str(db_path), "--reject", "--comment", "wrong office")
    run("review", uuid, "--db", str(db_path), "--approve", "--comment", "checked: right")
    assert score(db, questionnaire).responses == 120


def test_a_decision_recorded_before_the_reviewer_set_a_name_names_the_device(
    db: SQLiteStore, db_path: Path
) -> None:
    """Not "rejected by ?": the device that recorded it, in the reader's language."""
    [uuid] = uuids(db, 1)
    db.execute("DELETE FROM settings WHERE key = 'interviewer'")
    db.conn.commit()
    run("review", uuid, "--db", str(db_path), "--reject", "--comment", "no consent")
    device = db.device_id()[:8]
    log = run("review", uuid, "--db", str(db_path)).stdout.splitlines()
    assert log[1].endswith(f"rejected by unnamed reviewer on device {device}: no consent")
    chinese = run("review", uuid, "--db", str(db_path), "--lang", "zh").stdout.splitlines()
    assert chinese[0] == f"{uuid}: 已驳回"
    assert f"设备 {device} 上未署名的审核人" in chinese[1] and "?" not in chinese[1]


def test_a_comment_splits_into_its_words_and_its_notes_on_questions() -> None:
    """Lines `QID: words` about a known question are notes; everything else (a mistyped id,
    a plain line) stays the comment's words about the whole interview."""
    comment = (
        "Redo the intro\nacc_office_near: asked the spouse\nacc_nope: typo\nacc_office_near: x"
    )
    words, notes = split_comment(comment, {"acc_office_near"})
    assert words == "Redo the intro\nacc_nope: typo"
    assert notes == {"acc_office_near": "asked the spouse\nx"}
    assert split_comment("acc_office_near: only a note", {"acc_office_near"})[0] == ""

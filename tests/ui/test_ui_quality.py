"""The Quality screen and the round in Settings: flagged interviews listed, one opened
read-only with its paradata timeline, review decisions recorded from the keys."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static
from ui_helpers import MakeApp, screen_text, settle

from fieldsurvey.demo import make_demo_responses
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import load_questionnaire
from fieldsurvey.review import find_interview
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.ui.screens.quality import QualityScreen
from fieldsurvey.ui.screens.quality_detail import InterviewDetail
from fieldsurvey.ui.screens.settings import SettingsScreen

SIZE = (80, 24)


@pytest.fixture(scope="session")
def quality_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 demo interviews in 2026-Q3; interview 3 answers one area with one value
    throughout, interview 5 went through its pages in a blink."""
    path = tmp_path_factory.mktemp("quality") / "demo.db"
    database = open_store(path)
    questionnaire = load_questionnaire(bundled_questionnaire_path())
    database.set_setting("interviewer", "Dara")
    make_demo_responses(database, questionnaire, 60, seed=4, round="2026-Q3", workers=1)
    items = [i.id for i in questionnaire.area_by_id["learning"].items]
    database.conn.executemany(
        "UPDATE answers SET value = '2' WHERE response = 3 AND question = ?", [(i,) for i in items]
    )
    database.conn.execute("UPDATE paradata SET duration_ms = 90 WHERE response = 5")
    database.conn.commit()
    database.close()
    return path


@pytest.fixture
def db(db_path: Path, quality_template: Path) -> Iterator[SQLiteStore]:
    shutil.copy(quality_template, db_path)
    database = open_store(db_path)
    yield database
    database.close()


def uuid_of(db: SQLiteStore, response: int) -> str:
    return str(db.execute("SELECT uuid FROM responses WHERE id = ?", [response]).fetchone()[0])


async def open_quality(pilot: Pilot) -> QualityScreen:
    await settle(pilot)
    await pilot.press("v")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QualityScreen) and screen.report is not None
    return screen


async def test_flagged_interviews_are_listed_and_one_opens_with_its_timeline(
    make: MakeApp, db: SQLiteStore
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_quality(pilot)
        assert screen.report is not None
        flagged = {i.uuid: i for i in screen.report.interviews}
        assert {uuid_of(db, 3), uuid_of(db, 5)} <= set(flagged)
        assert "Quality · 2026-Q3" in screen_text(app)
        table = screen.query_one("#quality-interviews", DataTable)
        assert table.row_count == len(flagged)
        row = list(flagged).index(uuid_of(db, 5))
        table.move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, InterviewDetail) and detail.item.uuid == uuid_of(db, 5)
        text = str(detail.query_one("#quality-detail-head", Static).render())
        assert "speeding: took " in text and " s; reading its " in text
        timeline = str(detail.query_one("#quality-detail-timeline", Static).render())
        assert " leave " in timeline and "consent" in timeline


async def test_a_rejection_from_the_list_needs_a_comment_and_is_logged(
    make: MakeApp, db: SQLiteStore
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_quality(pilot)
        assert screen.report is not None
        first = screen.report.interviews[0].uuid
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("enter")  # empty: refused, the box stays
        await pilot.pause()
        assert app.screen.query_one("#review-comment", Input).border_subtitle
        assert find_interview(db, first).log == []
        await pilot.press(*"made up", "enter")
        await settle(pilot)
        decision = find_interview(db, first).log[-1]
        assert (decision.state, decision.comment, decision.reviewer) == (
            "rejected",
            "made up",
            "Li Na",
        )
        assert screen.report.interviews[0].review_state == "rejected"


async def test_without_paradata_the_screen_says_speeding_was_not_checked(
    make: MakeApp, db: SQLiteStore
) -> None:
    db.execute("DELETE FROM paradata")
    db.conn.commit()
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_quality(pilot)
        notes = str(screen.query_one("#quality-notes", Static).render())
        assert "speeding: none of the 60 interviews has paradata" in notes
        assert screen.report is not None
        assert uuid_of(db, 3) in {i.uuid for i in screen.report.interviews}


async def test_settings_refuse_a_round_in_a_wrong_form(make: MakeApp, db: SQLiteStore) -> None:
    app = make("zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        field = app.screen.query_one("#settings-round", Input)
        field.value = "Q3 2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert field.border_subtitle == "请使用如下格式：2026-Q3, 2026-11。"
        assert isinstance(app.screen, SettingsScreen)
        assert db.get_setting("round") != "Q3 2026"
        field.value = "2026-Q4"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert db.get_setting("round") == "2026-Q4"


async def test_the_keys_follow_the_tab_shown(make: MakeApp, db: SQLiteStore) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_quality(pilot)
        await pilot.press("2")
        await pilot.pause()
        assert screen.focused is screen.query_one("#quality-interviewers")
        await pilot.press("1", "enter")
        await settle(pilot)
        assert isinstance(app.screen, InterviewDetail)


def test_a_screen_missing_a_review_hook_cannot_be_built() -> None:
    """The review keys' hooks are abstract: forgetting one fails at once, not on a key press."""
    from fieldsurvey.ui.screens.base import AppScreen
    from fieldsurvey.ui.screens.review_actions import ReviewActions

    class Forgetful(ReviewActions, AppScreen[None]):
        def selected_uuid(self) -> str | None:
            return None

    with pytest.raises(TypeError, match="after_decision"):
        Forgetful()
    assert not InterviewDetail.__abstractmethods__
    assert not QualityScreen.__abstractmethods__


def decided(db: SQLiteStore, response: int, made: list[tuple[str, str | None, str]]) -> str:
    """Record decisions (state, reviewer, device) on `response` as merged from review logs,
    with the review state they settle on; the interview's uuid."""
    from fieldsurvey.review.log import settle as settle_log
    from fieldsurvey.store.records import Decision

    uuid = uuid_of(db, response)
    digest = db.execute("SELECT content_hash FROM responses WHERE id = ?", [response]).fetchone()[0]
    decisions = [
        Decision(uuid, state, "why", who, device, f"2026-09-0{n}T00:00:00.000+00:00", digest, ())
        for n, (state, who, device) in enumerate(made, 1)
    ]
    with db.unit_of_work():
        for decision in decisions:
            db.add_decision(decision)
        settled = settle_log(decisions, digest)
        assert settled is not None
        db.set_review_state(uuid, digest, settled.state, settled.in_conflict)
    return uuid


async def detail_log(pilot: Pilot, uuid: str) -> str:
    """The review log on the detail screen of interview `uuid`, opened from Quality."""
    screen = await open_quality(pilot)
    assert screen.report is not None
    row = [i.uuid for i in screen.report.interviews].index(uuid)
    screen.query_one("#quality-interviews", DataTable).move_cursor(row=row)
    await pilot.press("enter")
    await settle(pilot)
    return str(pilot.app.screen.query_one("#quality-detail-log", Static).render())


async def test_an_interview_whose_reviewers_disagree_says_so(
    make: MakeApp, db: SQLiteStore
) -> None:
    """Two supervisors' decisions merged without either seeing the other's (review/log.py)."""
    uuid = decided(db, 5, [("approved", "Ana", "Ana-device"), ("rejected", "Bo", "Bo-device")])
    async with make().run_test(size=SIZE) as pilot:
        log = await detail_log(pilot, uuid)
    assert "rejected · reviewers disagree: keep one on the Conflicts screen" in log


async def test_a_decision_without_a_reviewer_name_names_its_device(
    make: MakeApp, db: SQLiteStore
) -> None:
    """Recorded before the reviewer set a name in Settings: not "?", the device."""
    uuid = decided(db, 5, [("rejected", None, "0123456789ab")])
    async with make("zh").run_test(size=SIZE) as pilot:
        log = await detail_log(pilot, uuid)
    assert "设备 01234567 上未署名的审核人: why" in log and "?" not in log

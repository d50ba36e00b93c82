"""Pilot tests of interviews: whole interviews per persona, going back, languages, resuming."""

from __future__ import annotations

import pytest
from ui_helpers import PERSONA_KEYS, MakeApp, run_to_review, screen_text, settle

from fieldsurvey.store.counts import home_counts
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.ui.screens.home import HomeScreen
from fieldsurvey.ui.screens.interview import InterviewScreen
from fieldsurvey.ui.screens.review import ReviewScreen


async def start_and_reach_persona(pilot) -> InterviewScreen:  # type: ignore[no-untyped-def]
    """n (start), 1 (consent yes), Enter (intro note): the persona question has focus."""
    await pilot.press("n", "1", "enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    assert screen.interview.page is not None
    assert screen.interview.page.key == "persona"
    return screen


@pytest.mark.parametrize("persona", ["worker", "employer", "beneficiary"])
async def test_a_whole_interview_for_each_persona(
    make: MakeApp, db: SQLiteStore, persona: str
) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await start_and_reach_persona(pilot)
        response_id = screen.interview.response_id
        await run_to_review(pilot, persona)
        await pilot.press("f", "y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "total 1" in screen_text(app)

    record = db.get_response(response_id)
    assert record is not None
    assert (record.status, record.persona) == ("complete", persona)
    assert (record.interviewer, record.office, record.round) == (
        "Li Na",
        "Changchun Chaoyang",
        "2026-Q3",
    )
    answers = db.load_answers(response_id)
    # The branches are the engine's: employers get the employer block, the others do not.
    assert ("employer_enterprise_size" in answers) == (persona == "employer")
    assert ("info_source" in answers) == (persona != "employer")
    assert ("acc_employer_online" in answers) == (persona == "employer")
    assert answers["acc_member_remote" if persona != "employer" else "acc_employer_online"] == 4
    assert home_counts(db).total == 1


async def test_back_and_change_an_answer(make: MakeApp, db: SQLiteStore) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await start_and_reach_persona(pilot)
        await pilot.press(PERSONA_KEYS["worker"])
        await pilot.pause()
        assert screen.interview.page.key == "scheme"  # interviewer-coded, after the persona
        # ← leaves it like any page: back to the persona, answer shown.
        await pilot.press("left")
        await pilot.pause()
        assert screen.interview.page.key == "persona"
        assert "(*) Insured worker" in screen_text(app)
        await pilot.press(PERSONA_KEYS["employer"])
        await pilot.pause()
        assert screen.interview.page.key == "scheme"
        response_id = screen.interview.response_id
        assert "Employer" in screen_text(app)  # the header names the persona

    assert db.load_answers(response_id)["persona"] == "employer"
    assert db.get_response(response_id).persona == "employer"


async def test_review_jumps_to_a_question_to_change_it(make: MakeApp, db: SQLiteStore) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await start_and_reach_persona(pilot)
        await pilot.press("3")  # beneficiary
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        text = screen_text(app)
        assert "Pensioner or benefit" in text
        await pilot.press("down", "enter")  # consent is first, the persona second
        await pilot.pause()
        assert app.screen is screen
        assert screen.interview.page.key == "persona"
        await pilot.press("1")
        await pilot.pause()
        assert screen.interview.value("persona") == "worker"
        assert screen.interview.page.key == "scheme"


async def test_switching_language_mid_interview(make: MakeApp, db: SQLiteStore) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await start_and_reach_persona(pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        text = screen_text(app)
        assert "以下哪一项最符合您的情况" in text
        assert "下一题" in text  # the footer follows the interview language
        assert screen.interview.language == "zh"
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert "តើមួយណាខាងក្រោម" in screen_text(app)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert "Which of these best describes you?" in screen_text(app)
        await pilot.press("ctrl+l", "1")
        await pilot.pause()
        response_id = screen.interview.response_id

    record = db.get_response(response_id)
    assert record.language == "zh"
    assert db.load_answers(response_id)["persona"] == "worker"


async def test_resume_a_draft_after_the_app_was_closed(make: MakeApp, db: SQLiteStore) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_and_reach_persona(pilot)
        await pilot.press("2", "1", "1")  # employer, scheme, mode: on the 12-month screener
        await pilot.pause()
        await pilot.press("ctrl+c")  # quits at once: the answers are already committed
        await pilot.pause()
    assert app.return_code == 0

    [draft] = db.list_drafts()
    assert draft.persona == "employer"
    assert db.load_answers(draft.id)["consent"] == "yes"
    assert db.load_answers(draft.id)["scheme"] == "kh_nssf"

    again = make()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(again)
        assert "Employer" in text and "answered" in text  # Home offers the draft
        await pilot.press("r")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.interview.page.key == "contact_12m"
        assert screen.interview.value("persona") == "employer"


async def test_leaving_keeps_the_draft_and_home_lists_it(make: MakeApp, db: SQLiteStore) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_and_reach_persona(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Drafts to resume" in screen_text(app)
        assert len(db.list_drafts()) == 1
        await pilot.press("enter")  # the drafts list has focus: Enter resumes
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)

"""Pilot tests of interviews: whole interviews per persona, going back, languages, resuming."""

from __future__ import annotations

import pytest
from test_ui_snapshots import WIDGETS
from textual.widgets import OptionList
from ui_helpers import (
    PERSONA_KEYS,
    MakeApp,
    run_to_review,
    screen_text,
    settle,
)

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.counts import home_counts
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.ui.screens.home import HomeScreen
from fieldsurvey.ui.screens.interview import InterviewScreen
from fieldsurvey.ui.screens.review import ReviewScreen
from fieldsurvey.ui.widgets.choice_list import ChoiceList


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
        # The changed answer is saved and Review comes back (as ODK's hierarchy does).
        assert isinstance(app.screen, ReviewScreen)
        assert "Insured worker" in screen_text(app)
        await pilot.press("escape")  # back to the interview, where the review left it
        await pilot.pause()
        assert app.screen is screen


async def test_review_rows_with_the_same_opening_can_be_told_apart(
    make: MakeApp, db: SQLiteStore
) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_and_reach_persona(pilot)
        await run_to_review(pilot, "worker")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        listing = review.query_one("#review-list", OptionList)
        labels = [
            str(listing.get_option_at_index(i).prompt)[3:44] for i in range(listing.option_count)
        ]
        assert len(set(labels)) == len(labels), [x for x in labels if labels.count(x) > 1]


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
        assert "Employer" in text and "1  " in text  # Home offers the draft, numbered
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


async def test_a_partial_ranking_is_not_counted_as_answered(make: MakeApp, db: SQLiteStore) -> None:
    # The bundled questionnaire has no rank question since 2.0: the small widgets form has one.
    app = make(questionnaire=Questionnaire.model_validate(WIDGETS))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"2024-02-03", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        ranking = app.focused
        assert isinstance(ranking, ChoiceList) and ranking.mode == "rank"
        assert "Rank every option" in screen_text(app)  # the hint says all must be ranked
        await pilot.press(*[str(i) for i in range(1, len(ranking.items))])
        await pilot.pause()
        whole = screen.interview.progress().answered
        assert screen.interview.value(ranking.question) is not None
        await pilot.press("1")  # takes the first rank back: the order is partial again
        await pilot.pause()
        assert screen.interview.value(ranking.question) is None
        assert screen.interview.progress().answered == whole - 1
        assert f"{whole - 1}/" in screen_text(app)


async def test_the_progress_bar_uses_a_wide_screen(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        line = screen_text(app).splitlines()[1]
        assert line.count("━") + line.count("─") == 44  # 24 at 80 columns
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        line = screen_text(app).splitlines()[1]
        assert line.count("━") + line.count("─") == 24


async def test_review_shows_whole_questions_on_a_wide_screen(make: MakeApp) -> None:
    question = "All things considered, how satisfied are you with social security?"
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "1", "enter", "2", "ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert question in screen_text(app)  # cut to 41 cells at 80 columns
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert question not in screen_text(app)
        assert question[:30] in screen_text(app)

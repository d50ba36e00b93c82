"""The Conflicts screen lists reviewers who disagree (decisions side by side, keep one) and
review decisions held from untrusted files (with the reason), comments shown as text."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from ui_helpers import MakeApp, screen_text

from fieldsurvey.demo import make_demo_responses
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.review import find_interview
from fieldsurvey.review.log import entry_hash, settle
from fieldsurvey.store.records import Decision, HeldReview
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.sync import list_conflicts
from fieldsurvey.ui.app import FieldSurveyApp
from fieldsurvey.ui.screens.conflicts import ConflictsScreen

ANA = "a1a1a1a1-0000-4000-8000-000000000001"
BO = "b2b2b2b2-0000-4000-8000-000000000002"
STRANGER = "c3c3c3c3-0000-4000-8000-000000000003"
MARKUP = "[bold]Q12[/bold] [/nope]"


@pytest.fixture
def disagreeing(db: SQLiteStore, bundled: Questionnaire) -> str:
    """An interview two supervisors reviewed differently (as merged from their files), and a
    decision held from a third, untrusted device."""
    make_demo_responses(db, bundled, 2, seed=3, workers=1)
    uuid, digest = db.execute(
        "SELECT uuid, content_hash FROM responses WHERE is_head ORDER BY id LIMIT 1"
    ).fetchone()
    made = [
        Decision(uuid, "approved", "fine", "Ana", ANA, "2026-05-01T08:00:00.000+00:00", digest, ()),
        Decision(uuid, "rejected", MARKUP, "Bo", BO, "2026-05-01T09:00:00.000+00:00", digest, ()),
    ]
    held = Decision(uuid, "has_issues", "hmm", "Eve", STRANGER, made[0].decided_at, digest, ())
    with db.unit_of_work():
        for decision in made:
            db.add_decision(decision)
        settled = settle(made, digest)
        assert settled is not None
        db.set_review_state(uuid, digest, settled.state, settled.in_conflict)
        reason = "signed by device c3c3c3c3..., whose key is not trusted here to review"
        db.hold_review(HeldReview(held, entry_hash(held), STRANGER, reason, "0" * 64, "now"))
    return str(uuid)


async def open_conflicts(app: FieldSurveyApp, pilot: Pilot[None]) -> str:
    """Open the Conflicts screen, wait for its list, return the screen's text."""
    app.open_screen(ConflictsScreen)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_reviewers_disagreeing_are_listed_and_one_decision_kept(
    make: MakeApp, db: SQLiteStore, disagreeing: str, size: tuple[int, int]
) -> None:
    app = make()
    async with app.run_test(size=size) as pilot:
        text = await open_conflicts(app, pilot)
        assert "Interviews in conflict: 2" in text
        assert f"{disagreeing[:8]}  reviewers disagree: rejected / approved" in text
        assert f"{disagreeing[:8]}  held review decision: has issues by Eve" in text
        assert "Decision A" in text and "Decision B" in text
        assert "[bold]Q12[/bold]" in text and "[/nope]" in text  # brackets are text
        assert "Counted meanwhile:" in text
        await pilot.press("b")
        await pilot.pause()
        assert "Keep decision B (approved by Ana)" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "reviewers disagree" not in text and "Interviews in conflict: 1" in text
        await pilot.press("down")  # the held decision, with its reason; nothing to keep
        await pilot.pause()
        text = screen_text(app)
        assert "Why held" in text and "devices trust c3c3c3c3" in text
    target = find_interview(db, disagreeing)
    assert (target.state, target.in_conflict, target.log[-1].comment) == ("approved", False, "fine")
    assert len(list_conflicts(db).held_reviews) == 1


async def test_conflicts_in_chinese(make: MakeApp, disagreeing: str) -> None:
    app = make("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        text = await open_conflicts(app, pilot)
        assert "审核人意见不一：已驳回 / 已通过" in text
        assert "决定 A" in text and "审核人" in text


def test_a_decision_without_a_reviewer_name_names_its_device() -> None:
    """Not "held review decision: rejected by ?": the device that recorded it."""
    from fieldsurvey.i18n import tr
    from fieldsurvey.sync.review_conflicts import HeldDecision
    from fieldsurvey.ui.widgets.review_conflict import review_line

    held = HeldDecision(
        entry="e" * 64, state="rejected", comment="", reviewer=None, device_id=STRANGER,
        decided_at="2026-05-01T08:00:00.000+00:00", content_hash=None, uuid=ANA,
        signer=STRANGER, held="untrusted", received_at="2026-05-02T08:00:00.000+00:00",
    )  # fmt: skip
    line = review_line(held, lambda message, **values: tr(message, "en", **values))
    assert line.endswith("rejected by unnamed reviewer on device c3c3c3c3")

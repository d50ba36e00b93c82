"""Home's drafts: counted as the interview counts them, resumed with one digit, none left empty."""

from __future__ import annotations

import re
import unicodedata

from textual.widgets._toast import Toast
from ui_helpers import PERSONA_KEYS, MakeApp, answer_focused, screen_text, settle

from fieldsurvey.i18n import tr
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.ui.screens.home import HomeScreen
from fieldsurvey.ui.screens.interview import InterviewScreen
from fieldsurvey.ui.wrap import HOME_NOTICE_CELLS, wrap_clusters


async def start_draft(pilot, persona: str, pages: int) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    """n, consent, intro, persona, then `pages` more pages; leave. The id and header counter."""
    await pilot.press("n", "1", "enter", PERSONA_KEYS[persona])
    await pilot.pause()
    for _ in range(pages):
        await answer_focused(pilot, persona)
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    progress = screen.interview.progress()
    await pilot.press("escape")
    await settle(pilot)
    await settle(pilot)  # the drafts, then each counted as its interview counts it
    return screen.interview.response_id, f"{progress.answered}/{progress.relevant}"


async def test_a_draft_is_counted_as_its_interview_counts_it(
    make: MakeApp, db: SQLiteStore
) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        _, header = await start_draft(pilot, "worker", 3)
        text = screen_text(app)
        assert isinstance(app.screen, HomeScreen)
        assert re.search(rf"1  \d\d-\d\d \d\d:\d\d  Insured worker  {header}\b", text), text


async def test_a_digit_resumes_that_draft(make: MakeApp, db: SQLiteStore) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first, _ = await start_draft(pilot, "worker", 1)
        second, _ = await start_draft(pilot, "employer", 1)
        listed = [d.id for d in db.list_drafts()]
        assert sorted(listed) == sorted([first, second])
        await pilot.press("2")  # the second line of the list, wherever the focus is
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.interview.response_id == listed[1]


async def test_opening_and_leaving_without_an_answer_leaves_no_draft(
    make: MakeApp, db: SQLiteStore
) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "No drafts." in screen_text(app)
    assert db.list_drafts() == []
    assert db.execute("SELECT COUNT(*) FROM responses").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM paradata").fetchone()[0] == 0


async def test_notifications_never_draw_over_the_drafts_box(make: MakeApp, db: SQLiteStore) -> None:
    """The notice of a kept draft (two at once, even): the drafts side is drawn as before."""
    app = make()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await start_draft(pilot, "worker", 1)
        await pilot.pause(0.5)  # the interview's own notice has gone by the time we look
        app.clear_notifications()
        await pilot.pause()
        menu = app.screen.query_one("#home-menu").region
        before = screen_text(app).splitlines()
        app.notify("Interview kept as a draft; resume it from Home.")
        app.notify("Saved.", severity="warning")
        await settle(pilot)
        after = screen_text(app).splitlines()
        assert after != before, "\n".join(after)  # the notices are on screen...
        right = slice(menu.right, None)
        assert [line[right] for line in after] == [line[right] for line in before]  # ...not there
        assert any("Saved." in line[: menu.right] for line in after)  # under the menu


COENG = "\u17d2"
"""The Khmer sign that joins the next consonant below: a line never ends on it."""


async def test_the_khmer_draft_notice_folds_between_clusters(
    make: MakeApp, db: SQLiteStore
) -> None:
    """Home's notice is 25 cells wide and the Khmer sentence has no space: it folds between
    grapheme clusters (never before a vowel sign, never after a coeng)."""
    app = make("km")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await start_draft(pilot, "worker", 1)
        [toast] = app.screen.query(Toast)
        drawn = [strip.text for strip in toast.render_lines(toast.region.reset_offset)]
        lines = [text for line in drawn if (text := line.replace("▌", "").strip())]
    kept = tr("Interview kept as a draft; resume it from Home.", "km")
    assert "".join(lines) == kept.replace(" ", "")
    assert lines == wrap_clusters(kept, HOME_NOTICE_CELLS)
    assert len(lines) > 1
    for line in lines:
        assert unicodedata.category(line[0]) not in ("Mn", "Mc"), lines
        assert not line.endswith(COENG), lines


def test_clusters_fold_in_every_script() -> None:
    assert wrap_clusters("Interview kept as a draft; resume it from Home.", 22) == [
        "Interview kept as a",
        "draft; resume it from",
        "Home.",
    ]
    chinese = wrap_clusters("访问已保存为草稿，可在首页继续。", 10)
    assert chinese == ["访问已保存", "为草稿，可", "在首页继续", "。"]
    assert wrap_clusters("ការសម្ភាសន៍", 4) == ["ការស", "ម្ភាស", "ន៍"]  # ម្ភា: one cluster

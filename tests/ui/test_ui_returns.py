"""Files back to the field in the app (docs/return-files.md): a draft sent back shows the
reviewer's words, Home marks it, Sync receives a file, Scores shows the office's scores."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input
from ui_helpers import MakeApp, screen_text, settle

from fieldsurvey.demo import make_demo_responses
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.returns.receive import receive_return
from fieldsurvey.review import record_decision
from fieldsurvey.services.returns import return_file
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.sync import export_file, merge_files
from fieldsurvey.sync.supervisor import self_identity, trust_supervisor, trusted_supervisor
from fieldsurvey.ui.screens.home import HomeScreen
from fieldsurvey.ui.screens.interview import InterviewScreen
from fieldsurvey.ui.screens.scores import ScoresScreen
from fieldsurvey.ui.screens.sync import SyncScreen

SIZE = (80, 24)
COMMENT = "[b]No consent[/b] recorded\nacc_office_near: asked the spouse"


def returned_file(db: SQLiteStore, bundled: Questionnaire, tmp_path: Path) -> Path:
    """The device `db` with demo interviews, merged at a supervisor who rejects the first
    and writes a return file for it; `db` trusts the supervisor."""
    make_demo_responses(db, bundled, 12, seed=5, workers=1)
    export_file(db, tmp_path / "e.fsx")
    supervisor = open_store(tmp_path / "supervisor.db")
    try:
        merge_files(supervisor, [tmp_path / "e.fsx"])
        uuid = supervisor.execute("SELECT uuid FROM responses ORDER BY id").fetchone()[0]
        record_decision(supervisor, uuid, "rejected", COMMENT)
        return_file(supervisor, tmp_path / "r.fsr", bundled)
        trust_supervisor(db, self_identity(supervisor).public_key)
    finally:
        supervisor.close()
    return tmp_path / "r.fsr"


@pytest.fixture
def received(db: SQLiteStore, bundled: Questionnaire, tmp_path: Path) -> SQLiteStore:
    receive_return(db, returned_file(db, bundled, tmp_path))
    return db


async def test_a_draft_sent_back_shows_the_reviewers_words(
    make: MakeApp, received: SQLiteStore
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and len(app.screen.returned) == 1
        assert "· sent" in screen_text(app)  # the draft's line (wrapped at 80 columns)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        text = screen_text(app)
        assert "(rejected): [b]No consent[/b]" in text  # shown as typed, never as markup
        assert "Reviewer: asked the spouse" in text  # beside the question it names
        assert app.screen.interview.page is not None


async def test_receive_in_sync_and_the_office_tab_in_scores(
    make: MakeApp, db: SQLiteStore, bundled: Questionnaire, tmp_path: Path
) -> None:
    path = returned_file(db, bundled, tmp_path)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)
        await pilot.press("ctrl+g")
        app.screen.query_one("#sync-return-file", Input).value = str(path)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert "1 interview(s) sent back, 1 reopened as drafts" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ScoresScreen)
        assert "This device: 12 responses" in screen_text(app)
        await pilot.press("5")
        await settle(pilot)
        assert "Office (from supervisor, as of" in screen_text(app)


async def test_a_refused_file_is_a_message_and_changes_nothing(
    make: MakeApp, db: SQLiteStore, tmp_path: Path
) -> None:
    (tmp_path / "junk.fsr").write_bytes(b"junk")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = list(db.conn.iterdump())  # after the app stored its preferences
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("ctrl+g")
        app.screen.query_one("#sync-return-file", Input).value = str(tmp_path / "junk.fsr")
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert "Not received" in screen_text(app) and "no supervisor key" in screen_text(app)
    assert list(db.conn.iterdump()) == before


async def test_the_supervisor_key_is_set_in_settings_and_logged(
    make: MakeApp, db: SQLiteStore, tmp_path: Path
) -> None:
    supervisor = open_store(tmp_path / "supervisor.db")
    key = self_identity(supervisor).public_key
    supervisor.close()
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        field = app.screen.query_one("#settings-supervisor", Input)
        field.value = "not a key"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert field.border_subtitle == "Not a supervisor's public key."
        assert trusted_supervisor(db) is None
        field.value = key
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert trusted_supervisor(db) == key
    assert [row.action for row in db.trust_log()] == ["supervisor"]

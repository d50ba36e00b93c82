"""Files back to the field in the app (docs/return-files.md): a draft sent back shows the
reviewer's words, Home marks it, Sync receives a file, Scores shows the office's scores."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyrage
import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static
from ui_helpers import MakeApp, screen_text, settle, start_new

from fieldsurvey.demo import make_demo_responses
from fieldsurvey.i18n import tr
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.returns.receive import receive_return
from fieldsurvey.review import record_decision
from fieldsurvey.services.export import recipients_from
from fieldsurvey.services.returns import return_file
from fieldsurvey.store.published import publish
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.sync import export_file, merge_files, new_supervisor_keys
from fieldsurvey.sync.errors import Reason
from fieldsurvey.sync.supervisor import self_identity, trust_supervisor, trusted_supervisor
from fieldsurvey.ui.screens.home import HomeScreen
from fieldsurvey.ui.screens.interview import InterviewScreen
from fieldsurvey.ui.screens.scores import ScoresScreen
from fieldsurvey.ui.screens.sync import SyncScreen

SIZE = (80, 24)
COMMENT = "[b]No consent[/b] recorded\nacc_office_near: asked the spouse"


def returned_file(
    db: SQLiteStore,
    bundled: Questionnaire,
    tmp_path: Path,
    newer: Questionnaire | None = None,
    recipients: Sequence[pyrage.x25519.Recipient] = (),
    comment: str = COMMENT,
) -> Path:
    """The device `db` with demo interviews, merged at a supervisor who rejects the first
    (and publishes `newer`) and writes a return file for it (encrypted for `recipients`);
    `db` trusts the supervisor."""
    make_demo_responses(db, bundled, 12, seed=5, workers=1)
    export_file(db, tmp_path / "e.fsx")
    supervisor = open_store(tmp_path / "supervisor.db")
    try:
        merge_files(supervisor, [tmp_path / "e.fsx"])
        uuid = supervisor.execute("SELECT uuid FROM responses ORDER BY id").fetchone()[0]
        record_decision(supervisor, uuid, "rejected", comment)
        if newer is not None:
            publish(supervisor, newer, None)
        return_file(supervisor, tmp_path / "r.fsr", bundled, recipients=recipients)
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


@pytest.mark.parametrize(
    ("language", "comment"),
    [("en", COMMENT), ("zh", COMMENT), ("km", "acc_office_near: asked the spouse")],
)
async def test_the_top_leaves_the_notes_on_questions_beside_them(
    make: MakeApp, db: SQLiteStore, bundled: Questionnaire, tmp_path: Path,
    language: str, comment: str,
) -> None:  # fmt: skip
    """The top of the reopened draft: the comment's words about the whole interview (or
    none), and how many questions have a note; each note only beside its question."""
    receive_return(db, returned_file(db, bundled, tmp_path, comment=comment))
    [uuid] = db.returned_uuids()
    note = db.returned_note(uuid)
    assert note is not None and note.notes == {"acc_office_near": "asked the spouse"}
    app = make(language)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        for _ in bundled.languages:  # the draft resumes in English: ctrl+l to the language
            if app.screen.interview.language != language:
                await pilot.press("ctrl+l")
                await settle(pilot)
        assert app.screen.interview.language == language  # the top speaks the interview's
        top = str(app.screen.query_one("#interview-returned", Static).content)
        beside = [str(label.content) for label in app.screen.query(".question-review.-shown")]
    values = {
        "reviewer": tr("the supervisor", language),
        "date": note.decided_at[:10],
        "state": tr("rejected", language),
    }
    first = (
        tr("Sent back by {reviewer} on {date} ({state}): {comment}", language,
           comment="[b]No consent[/b] recorded", **values)
        if comment == COMMENT else
        tr("Sent back by {reviewer} on {date} ({state}).", language, **values)
    )  # fmt: skip
    assert top.splitlines() == [first, tr("Notes beside {count} question(s).", language, count=1)]
    assert beside == [tr("Reviewer: {note}", language, note="asked the spouse")]


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


async def test_a_version_received_is_used_by_the_next_interview_without_a_restart(
    make: MakeApp, db: SQLiteStore, bundled: Questionnaire, tmp_path: Path
) -> None:
    newer = Questionnaire.model_validate(
        {**bundled.model_dump(), "version": f"{bundled.version}.9"}
    )
    path = returned_file(db, bundled, tmp_path, newer)
    app = make(follows_current=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await receive_in_sync(pilot, path)
        assert f"{newer.version} is now current: new interviews start on it" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        text = screen_text(app)
        assert f"1 draft(s) on questionnaire version {bundled.version}: they finish" in text
        assert f"client-satisfaction {newer.version}" in text  # Home's identity block
        [line] = [row for row in text.splitlines() if "sent back" in row]
        assert "…" not in line and f"v{bundled.version}" in line  # counted on its version
        await start_new(pilot)
    versions = [
        row[0]
        for row in db.execute(
            "SELECT questionnaire_version FROM responses WHERE status = 'draft' ORDER BY id"
        )
    ]
    assert versions == [bundled.version, newer.version]


async def test_a_refusal_is_worded_in_the_apps_language(
    make: MakeApp, db: SQLiteStore, tmp_path: Path
) -> None:
    (tmp_path / "junk.fsr").write_bytes(b"junk")
    app = make("zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await receive_in_sync(pilot, tmp_path / "junk.fsr")
        text = screen_text(app)
    assert tr("Not received: {error}", "zh", error="")[:4] in text
    assert "未设置督导密钥" in text and "no supervisor key" not in text


async def test_an_encrypted_file_is_received_with_this_devices_key(
    make: MakeApp, db: SQLiteStore, bundled: Questionnaire, tmp_path: Path
) -> None:
    """No key, a file that is not a key, another device's key: each a message, nothing
    changed; this device's key (Enter from the file to the key, Enter again) receives it and
    is remembered."""
    new_supervisor_keys(tmp_path / "tablet")  # the device's age key pair
    new_supervisor_keys(tmp_path / "other")
    (tmp_path / "junk.key").write_text("AGE-SECRET-KEY-NOT-REALLY\n")
    keys = recipients_from([str(tmp_path / "tablet.pub")])
    path = returned_file(db, bundled, tmp_path, recipients=keys)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = list(db.conn.iterdump())
        await receive_in_sync(pilot, path)
        assert shows(app, "choose this device's secret key (.key) above")
        for key, words in [
            ("junk.key", f"{tmp_path / 'junk.key'}: not an age secret key"),
            ("other.key", tr(Reason.WRONG_IDENTITY.value)),
        ]:
            await type_key_and_receive(pilot, str(tmp_path / key))
            assert shows(app, "Not received:") and shows(app, words), key
            assert list(db.conn.iterdump()) == before
        field = app.screen.query_one("#sync-return-identity", Input)
        field.value = str(tmp_path / "tablet.key")
        app.screen.query_one("#sync-return-file", Input).focus()
        await pilot.press("enter")
        assert app.screen.focused is field  # Enter moves down to the key first
        await pilot.press("enter")
        await settle(pilot)
        assert shows(app, "1 interview(s) sent back, 1 reopened as drafts")
    assert len(db.returned_uuids()) == 1
    assert db.get_setting("sync.return_identity") == str(tmp_path / "tablet.key")


async def test_a_wrong_key_is_said_in_the_apps_language(
    make: MakeApp, db: SQLiteStore, bundled: Questionnaire, tmp_path: Path
) -> None:
    new_supervisor_keys(tmp_path / "tablet")
    new_supervisor_keys(tmp_path / "other")
    path = returned_file(
        db, bundled, tmp_path, recipients=recipients_from([str(tmp_path / "tablet.pub")])
    )
    app = make("zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await receive_in_sync(pilot, path)
        words = tr("the file is encrypted: choose this device's secret key (.key) above", "zh")
        assert shows(app, words)
        await type_key_and_receive(pilot, str(tmp_path / "other.key"))
        assert shows(app, tr(Reason.WRONG_IDENTITY.value, "zh"))
    assert db.returned_uuids() == set()


async def type_key_and_receive(pilot: Pilot, key: str) -> None:
    pilot.app.screen.query_one("#sync-return-identity", Input).value = key
    await pilot.press("ctrl+g")
    await settle(pilot)


def shows(app: object, words: str) -> bool:
    """`words` are on the screen, wherever its lines were wrapped (spaces and borders left
    out on both sides)."""
    text = "".join(screen_text(app).split())  # type: ignore[arg-type]
    return "".join(words.split()) in "".join(ch for ch in text if ch not in "│╭╮╰╯─")


async def receive_in_sync(pilot: Pilot, path: Path) -> None:
    """From Home: Sync, the Receive tab, the file's path, Enter; settled."""
    await settle(pilot)
    await pilot.press("y")
    await settle(pilot)
    await pilot.press("ctrl+g")
    pilot.app.screen.query_one("#sync-return-file", Input).value = str(path)
    await pilot.press("ctrl+g")
    await settle(pilot)


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


@pytest.mark.parametrize("language", ["en", "zh"])
def test_snapshot_receive_tab(  # type: ignore[no-untyped-def]
    snap_compare, make: MakeApp, language: str
) -> None:
    """The Receive tab at 80x24: the return file, this device's key, each with its picker."""

    async def steps(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(make(language), terminal_size=SIZE, run_before=steps)

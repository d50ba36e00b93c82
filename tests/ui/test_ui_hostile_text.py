"""Text from data is shown as text on every screen: Textual markup in it is never
interpreted and control characters never reach the terminal.

Two field devices whose ids, interviewers, offices and round are hostile (markup that would
crash the renderer, escape sequences) interview, diverge on one interview and are merged;
then Home, Scores, Sync and Conflicts are opened and must show the strings literally.
"""

from __future__ import annotations

from pathlib import Path

from test_ui_sync import open_sync, settle, type_into, wait_for_tree
from ui_helpers import MakeApp, screen_text

from fieldsurvey.demo import make_demo_responses
from fieldsurvey.engine import revise_response
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import LikertItem
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.sync import export_to_folder, merge_files
from fieldsurvey.ui.screens.conflicts import ConflictsScreen
from fieldsurvey.ui.screens.quality import QualityScreen
from fieldsurvey.ui.screens.scores import ScoresScreen

ROUND = "[/nope]"
DEVICES = ("[/x]", "\x1b]0;pwn\x07[/y]")
INTERVIEWER = "[red]Sok[/] \x1b[2J"
OFFICE = "[link=http://evil]office[/link]\x9b31m"


def hostile_device(path: Path, device: str, questionnaire: Questionnaire, seed: int) -> SQLiteStore:
    db = open_store(path)
    for key, value in (
        ("device_id", device),
        ("interviewer", INTERVIEWER),
        ("office", OFFICE),
        ("round", ROUND),
    ):
        db.set_setting(key, value)
    make_demo_responses(db, questionnaire, 12, seed=seed, workers=1)
    return db


def diverging_files(tmp_path: Path, questionnaire: Questionnaire) -> list[Path]:
    a = hostile_device(tmp_path / "a.db", DEVICES[0], questionnaire, 1)
    b = hostile_device(tmp_path / "b.db", DEVICES[1], questionnaire, 2)
    out = tmp_path / "stick"
    out.mkdir()
    files = [export_to_folder(a, out).path, export_to_folder(b, out).path]
    merge_files(b, [files[0]])
    (row_id, uuid) = a.execute(
        "SELECT id, uuid FROM responses WHERE status = 'complete' ORDER BY id LIMIT 1"
    ).fetchone()
    question = next(
        q
        for q, v in a.load_answers(row_id).items()
        if isinstance(questionnaire.questions.get(q), LikertItem) and v in (2, 3, 4)
    )
    for db, value in ((a, 1), (b, 5)):
        interview = revise_response(db, uuid, [questionnaire])
        assert interview.answer(question, value) is None
        assert interview.complete() == []
    files += [export_to_folder(a, out).path, export_to_folder(b, out).path]
    a.close()
    b.close()
    return [path for path in files if path is not None]


def assert_shown_safely(text: str) -> None:
    """No control character of the data reached the screen (they are shown escaped)."""
    for control in ("\x07", "\x9b", "\x1b"):
        assert control not in text, repr(text)


async def test_hostile_strings_are_shown_as_text_on_every_screen(
    make: MakeApp, db: SQLiteStore, bundled: Questionnaire, tmp_path: Path
) -> None:
    files = diverging_files(tmp_path, bundled)
    (tmp_path / "stick" / "[bold]z\x1b]0;evil\x07.fsx").write_bytes(b"PK junk")
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_sync(pilot)
        await type_into(pilot, "sync-files", str(tmp_path / "stick"))
        await pilot.press("ctrl+r")
        await settle(pilot)
        text = screen_text(app)
        assert "[bold]z\\x1b]0;evil\\x07.fsx" in text, text
        assert_shown_safely(text)
        assert len(files) == 4 and db.execute("SELECT count(*) FROM imports").fetchone()[0] == 4
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ScoresScreen)
        text = screen_text(app)
        assert ROUND in text
        assert_shown_safely(text)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p", *"Conflicts")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConflictsScreen)
        text = screen_text(app)
        assert "[/x]" in text and "\\x1b]0;pwn" in text and "[red]Sok[/] \\x1b[2J" in text
        assert_shown_safely(text)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("v")  # Quality: the round in its title and picker, names in tables
        await settle(pilot)
        assert isinstance(app.screen, QualityScreen)
        await pilot.press("2")
        await settle(pilot)
        text = screen_text(app)
        assert f"Quality · {ROUND}" in text and "[red]Sok[/] \\x1b[2J" in text
        assert_shown_safely(text)


async def test_hostile_file_names_are_shown_as_text_in_the_merge_picker(
    make: MakeApp, db: SQLiteStore, tmp_path: Path
) -> None:
    """Names on a stick are data: markup in them is not read (an action link would run),
    ESC must not reach the terminal (tried in tmux: an OSC title and a red colour leaked
    through before)."""
    stick = tmp_path / "stick"
    stick.mkdir()
    names = ["[@click=app.quit]q.fsx", "evil\x1b]0;pwned\x07.fsx", "m\x1b[31m.fsx", "[red]r.fsx"]
    for name in names:
        (stick / name).write_bytes(b"not a zip")
    db.set_setting("sync.merge_folder", str(stick))
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_sync(pilot)
        await pilot.press("ctrl+r")  # no files chosen yet: the picker opens on the folder
        await wait_for_tree(pilot)
        text = screen_text(app)
    assert_shown_safely(text)
    for shown in (
        "[@click=app.quit]q.fsx",
        "evil\\x1b]0;pwned\\x07.fsx",
        "m\\x1b[31m.fsx",
        "[red]r.fsx",
    ):
        assert shown in text, text

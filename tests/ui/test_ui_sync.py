"""Sync and Conflicts: export to a folder, merge files from two other devices, a rejected file,
a conflict resolved; snapshots of each at 80x24 in English and Chinese.

Other devices are other temporary databases filled by `make_demo_responses` and exported with
the sync core; the app's own database plays the supervisor. Snapshots are deterministic: fixed
device ids, a frozen store clock, seeded interview uuids, and paths typed relative to the
test's own folder (the test runs inside it).
"""

from __future__ import annotations

import pickle
import random
import re
import sys
import threading
import uuid
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, ProgressBar
from ui_helpers import MakeApp, screen_text

import fieldsurvey.engine.lifecycle as lifecycle
import fieldsurvey.services.merge as services_merge
from fieldsurvey.demo import make_demo_responses
from fieldsurvey.engine import revise_response
from fieldsurvey.i18n import tr
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import LikertItem
from fieldsurvey.store.counts import home_counts
from fieldsurvey.store.records import utc_now
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.sync import (
    FileResult,
    MergeReport,
    Reason,
    RejectedFile,
    export_to_folder,
    list_conflicts,
    merge_files,
    new_supervisor_keys,
    parse_recipients,
)
from fieldsurvey.ui.preferences import Preferences
from fieldsurvey.ui.screens.conflicts import ConflictsScreen
from fieldsurvey.ui.screens.home import HomeScreen
from fieldsurvey.ui.screens.sync import SyncScreen
from fieldsurvey.ui.screens.sync_file_picker import SyncFilePicker, mounted_drives
from fieldsurvey.ui.widgets.sync_file_tree import SyncFileTree
from fieldsurvey.ui.widgets.sync_summary import SyncSummary

SIZE = (80, 24)
FROZEN_STAMP = "2026-05-04T08:15:00.000+00:00"
DEVICE_A = "1111aaaa-0000-4000-8000-00000000000a"
DEVICE_B = "2222bbbb-0000-4000-8000-00000000000b"

Steps = Callable[[Pilot], Awaitable[None]]


@pytest.fixture(autouse=True)
def _stable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Frozen store time, seeded uuids, the test's folder as working and home directory."""
    import fieldsurvey.engine  # noqa: F401  (load the modules that write timestamps)

    for name, module in list(sys.modules.items()):
        if name.startswith("fieldsurvey.") and getattr(module, "utc_now", None) is utc_now:
            monkeypatch.setattr(module, "utc_now", lambda: FROZEN_STAMP)
    rng = random.Random(2026)

    def seeded(_started: object) -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    monkeypatch.setattr(lifecycle, "time_ordered_uuid", seeded)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))


# ----- other devices and their files ---------------------------------------------------------


def field_device(
    path: Path, device: str, interviewer: str, questionnaire: Questionnaire, seed: int
) -> SQLiteStore:
    """Another outreach device with five complete demo interviews."""
    db = open_store(path)
    db.set_setting("device_id", device)
    db.set_setting("interviewer", interviewer)
    db.set_setting("office", "Kampong Cham")
    make_demo_responses(db, questionnaire, 5, seed=seed, workers=1)
    return db


@pytest.fixture
def devices(tmp_path: Path, bundled: Questionnaire) -> Iterator[tuple[SQLiteStore, ...]]:
    a = field_device(tmp_path / "a.db", DEVICE_A, "Sok Dara", bundled, seed=1)
    b = field_device(tmp_path / "b.db", DEVICE_B, "Chen Wei", bundled, seed=2)
    (tmp_path / "stick").mkdir()
    yield a, b
    a.close()
    b.close()


def export(db: SQLiteStore, **options: object) -> Path:
    result = export_to_folder(db, Path("stick"), **options)  # type: ignore[arg-type]
    assert result.path is not None
    return result.path


def a_likert_answer(db: SQLiteStore, questionnaire: Questionnaire, uuid_: str) -> str:
    """An agreement item the interview answered in the middle of the scale (so 1 and 5
    differ, shown as "1 Strongly disagree" and "5 Strongly agree")."""
    (row_id,) = db.execute(
        "SELECT id FROM responses WHERE uuid = ? AND is_head = 1", [uuid_]
    ).fetchone()
    return next(
        qid
        for qid, value in db.load_answers(row_id).items()
        if isinstance(item := questionnaire.questions.get(qid), LikertItem)
        and item.scale == "agree5"
        and value in (2, 3, 4)
    )


def diverge(a: SQLiteStore, b: SQLiteStore, questionnaire: Questionnaire) -> list[Path]:
    """One of A's interviews, edited on A and (after a merge) on B: four files in all."""
    first_a, first_b = export(a), export(b)
    merge_files(b, [first_a])
    (uuid_,) = a.execute(
        "SELECT uuid FROM responses WHERE status = 'complete' ORDER BY id LIMIT 1"
    ).fetchone()
    question = a_likert_answer(a, questionnaire, uuid_)
    for db, value in ((a, 1), (b, 5)):
        interview = revise_response(db, uuid_, [questionnaire])
        assert interview.answer(question, value) is None
        assert interview.complete() == []
    return [first_a, first_b, export(a), export(b)]


# ----- driving the app -----------------------------------------------------------------------


async def settle(pilot: Pilot) -> None:
    """Workers done, cursor steady. The file tree's loader never ends: it is not waited for."""
    await pilot.pause()
    busy = [w for w in pilot.app.workers if w.group != "_loader"]
    if busy:
        await pilot.app.workers.wait_for_complete(busy)
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


async def open_sync(pilot: Pilot) -> SyncScreen:
    await settle(pilot)
    await pilot.press("y")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SyncScreen)
    return screen


async def type_into(pilot: Pilot, field_id: str, text: str) -> None:
    pilot.app.screen.query_one(f"#{field_id}", Input).value = text
    await pilot.pause()


def flat(app: object) -> str:
    """The screen's text with wrapped lines joined again (borders and margins dropped)."""
    return " ".join(line.strip(" │╭╮╰╯─") for line in screen_text(app).splitlines())  # type: ignore[arg-type]


def without_settings(db: SQLiteStore) -> list[str]:
    """Every row of every table but the settings (the screen remembers the folders there)."""
    return [line for line in db.conn.iterdump() if not line.startswith('INSERT INTO "settings"')]


# ----- export --------------------------------------------------------------------------------


async def test_export_writes_the_file_and_says_where(
    make: MakeApp, db: SQLiteStore, bundled: Questionnaire, tmp_path: Path
) -> None:
    make_demo_responses(db, bundled, 5, seed=3, workers=1)
    (tmp_path / "stick").mkdir()
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        assert "5 response(s) not yet exported." in screen_text(app)
        assert "NOT encrypted" in screen_text(app)  # said before exporting, not only after
        assert app.focused is app.screen.query_one("#sync-folder", Input)  # type at once
        await pilot.press(*"stick", "ctrl+e")
        await settle(pilot)
        text = screen_text(app)
        written = Path("stick/fieldsurvey-0d1e2f3a-00001.fsx")
        assert f"Written: {written}" in text
        assert (
            "5 response(s)" in text
            and "NOT encrypted: keep the stick safe; delete the file once merged." in text
        )
        assert "0 response(s) not yet exported." in text
        assert written.is_file()
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert "Nothing new to export" in screen_text(app)
    assert db.get_setting("sync.export_folder") == str(tmp_path / "stick")
    assert sorted(p.name for p in (tmp_path / "stick").iterdir()) == [written.name]


async def test_export_encrypted_for_a_supervisor_key(
    make: MakeApp, db: SQLiteStore, bundled: Questionnaire, tmp_path: Path
) -> None:
    make_demo_responses(db, bundled, 2, seed=4, workers=1)
    keys = new_supervisor_keys(tmp_path / "supervisor")
    (tmp_path / "stick").mkdir()
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        await type_into(pilot, "sync-folder", "stick")
        await type_into(pilot, "sync-recipients", str(keys.pub_path))
        assert "Encrypted: only the supervisor's secret key opens the file." in screen_text(app)
        app.screen.query_one("#sync-folder", Input).focus()
        await pilot.press("enter")  # Enter goes down the form first, as in Settings
        assert app.focused is app.screen.query_one("#sync-recipients", Input)
        await pilot.press("enter")  # and on the last field exports
        await settle(pilot)
        assert "Encrypted for 1 supervisor key(s)." in screen_text(app)
    (written,) = (tmp_path / "stick").iterdir()
    assert written.read_bytes().startswith(b"age-encryption.org/v1")
    assert db.get_setting("sync.recipients") == str(keys.pub_path)


def test_usb_sticks_are_offered_as_places(tmp_path: Path) -> None:
    (tmp_path / "media" / "li" / "KINGSTON").mkdir(parents=True)
    (tmp_path / "media" / "li" / ".hidden").mkdir()
    assert mounted_drives((tmp_path / "media", tmp_path / "nowhere")) == [
        tmp_path / "media" / "li" / "KINGSTON"
    ]


async def test_the_export_folder_can_be_picked(make: MakeApp, tmp_path: Path) -> None:
    (tmp_path / "stick").mkdir()
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, SyncFilePicker)
        tree = await wait_for_tree(pilot)
        assert Path(tree.path) == tmp_path.resolve()  # nothing remembered: the home folder
        await pilot.press("down", "enter")  # Enter chooses the folder under the cursor
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)
        assert app.screen.query_one("#sync-folder", Input).value == str(tmp_path / "stick")


async def test_a_missing_folder_or_a_bad_key_is_a_message_and_nothing_is_marked(
    make: MakeApp, db: SQLiteStore, bundled: Questionnaire
) -> None:
    make_demo_responses(db, bundled, 2, seed=5, workers=1)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        await type_into(pilot, "sync-folder", "no-stick")
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert "no-stick: no such folder (is the USB stick plugged in?)" in flat(app)
        await type_into(pilot, "sync-folder", ".")
        await type_into(pilot, "sync-recipients", "age1notakey")
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert "age1notakey: not an age public key" in flat(app)
    assert home_counts(db).not_exported == 2


# ----- merge ---------------------------------------------------------------------------------


async def wait_for_tree(pilot: Pilot) -> SyncFileTree:
    tree = pilot.app.screen.query_one(SyncFileTree)
    for _ in range(100):
        if tree.root.children:
            return tree
        await pilot.pause(0.02)
    raise AssertionError("the file tree did not load")


async def test_merge_files_picked_in_the_tree_shows_each_file(
    make: MakeApp,
    db: SQLiteStore,
    devices: tuple[SQLiteStore, ...],
    tmp_path: Path,
) -> None:
    a, b = devices
    files = [export(a), export(b)]
    db.set_setting("sync.merge_folder", str(tmp_path))  # where the last files came from
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        await pilot.press("ctrl+r")  # no files yet: the picker opens, on the remembered folder
        await pilot.pause()
        assert isinstance(app.screen, SyncFilePicker)
        app.screen.query_one("#picker-path", Input).focus()
        await type_into(pilot, "picker-path", "stick")  # a typed folder is shown in the tree
        await pilot.press("enter")
        tree = await wait_for_tree(pilot)
        assert Path(tree.path).name == "stick"
        assert "space Open" in screen_text(app)  # on the folder
        await pilot.press("down")
        assert "space Mark" in screen_text(app)  # on a file
        await pilot.press("space", "down", "space")
        assert tree.marked == [f.resolve() for f in files]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)
        await pilot.press("ctrl+r")
        await settle(pilot)
        text = flat(app)
        bar = app.screen.query_one("#sync-progress", ProgressBar)
        assert (bar.progress, bar.total) == (2, 2)  # fed from the worker thread
    for file in files:
        assert f"✓ {file.name} 5 added, 0 already present, 0 updated, 0 conflicts" in text
    assert home_counts(db).total == 10
    assert db.get_setting("sync.merge_folder") == str(files[0].resolve().parent)


async def test_a_rejected_file_shows_its_reason_and_changes_nothing(
    make: MakeApp, db: SQLiteStore, tmp_path: Path
) -> None:
    (tmp_path / "empty.fsx").write_bytes(b"")
    before = without_settings(db)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        await type_into(pilot, "sync-files", "empty.fsx")
        await pilot.press("ctrl+r")
        await settle(pilot)
        text = flat(app)
    assert "✗ empty.fsx rejected: the file is empty" in text
    assert "A rejected file changed nothing." in text
    assert without_settings(db) == before


@pytest.mark.parametrize("language", ["zh", "km"])
async def test_a_rejection_is_worded_in_the_app_language(
    make: MakeApp, db: SQLiteStore, bundled: Questionnaire, language: str
) -> None:
    """A reason with details (this device's own file) in the interface language, its
    details as they are; nothing changed."""
    make_demo_responses(db, bundled, 2, seed=4, workers=1)
    Path("stick").mkdir()
    own = export(db)
    before = without_settings(db)
    app = make(language)
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        await type_into(pilot, "sync-files", str(own))
        await pilot.press("ctrl+r")
        await settle(pilot)
        shown = str(app.screen.query_one("#sync-merge-summary", SyncSummary).content)
    device = db.get_setting("device_id")
    why = tr(Reason.OWN_DEVICE.value, language, device=device)
    assert why != Reason.OWN_DEVICE.value.format(device=device)
    assert tr("rejected: {reason}", language, reason=why) in shown
    assert "a device does not merge" not in shown
    assert without_settings(db) == before


def test_a_rejection_keeps_its_details_through_the_helper_process() -> None:
    """merge's helper process pickles rejections: the details come back as text or numbers,
    so the screen can still fill the template."""
    sent = RejectedFile(Reason.DAMAGED_ZIP, detail=OSError("bad CRC"))
    back = pickle.loads(pickle.dumps(sent))
    assert (back.reason, back.details, str(back)) == (
        Reason.DAMAGED_ZIP,
        {"detail": "bad CRC"},
        str(sent),
    )
    assert FileResult.rejected("x.fsx", back).details == {"detail": "bad CRC"}


async def test_an_encrypted_file_needs_the_secret_key(
    make: MakeApp, db: SQLiteStore, devices: tuple[SQLiteStore, ...],
    tmp_path: Path,
) -> None:  # fmt: skip
    keys = new_supervisor_keys(tmp_path / "supervisor")
    sealed = export(devices[0], recipients=parse_recipients([str(keys.pub_path)]))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        await type_into(pilot, "sync-files", str(sealed))
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "choose the supervisor's secret key (.key) above" in flat(app)
        await type_into(pilot, "sync-identity", str(keys.key_path))
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert f"✓ {sealed.name} 5 added" in flat(app)


async def test_one_job_at_a_time_and_no_leaving_during_it(
    make: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def slow_merge(_db: object, paths: list[Path], **options: Any) -> MergeReport:
        release.wait(5)
        options["on_progress"](len(paths), len(paths))
        return MergeReport(files=[], gaps=[])

    monkeypatch.setattr(services_merge, "merge_files", slow_merge)
    (tmp_path / "x.fsx").write_bytes(b"")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_sync(pilot)
        await type_into(pilot, "sync-files", "x.fsx")
        await pilot.press("ctrl+r")
        await pilot.pause(0.1)
        await pilot.press("ctrl+e", "escape")  # both refused while the merge runs
        assert app.screen is screen
        assert any("Still working" in n.message for n in app._notifications)
        release.set()
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


# ----- conflicts -----------------------------------------------------------------------------


async def test_a_conflict_is_listed_compared_and_resolved(
    make: MakeApp,
    db: SQLiteStore,
    devices: tuple[SQLiteStore, ...],
    bundled: Questionnaire,
) -> None:
    files = diverge(*devices, bundled)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        await type_into(pilot, "sync-files", "stick")  # a folder: every .fsx file in it
        await pilot.press("ctrl+r")
        await settle(pilot)
        text = screen_text(app)
        assert "1 interview(s) in conflict" in text and "Conflicts (1)" in text
        await pilot.press("ctrl+k")
        await settle(pilot)
        assert isinstance(app.screen, ConflictsScreen)
        text = screen_text(app)
        assert "Interviews in conflict: 1" in text
        assert "2 versions · 1 answer(s) differ · devices 1111aaaa, 2222bbbb" in text
        # versions saved in the same second are ordered by content hash: either may be A
        versions = list_conflicts(db).conflicts[0].versions
        key = "a" if versions[0].device_id == DEVICE_B else "b"
        a_cell, b_cell = ["5 Strongly agree", "1 Strongly disagree"][:: 1 if key == "a" else -1]
        assert "Answers that differ" in text
        assert re.search(f"{a_cell} +{b_cell}", text)
        await pilot.press(key)
        await pilot.pause()
        assert f"Keep version {key.upper()} of interview" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert "No conflicts: every interview has one version." in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "Conflicts (0)" in screen_text(app)
    assert len(files) == 4 and list_conflicts(db).conflicts == []
    kept = db.execute("SELECT device_id FROM responses WHERE is_head = 1 AND revision = 2")
    assert [row[0] for row in kept] == [DEVICE_B]


async def test_the_command_palette_opens_conflicts(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"Conflicts")
        await pilot.pause(0.3)  # the palette searches in the background
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConflictsScreen)
        assert "No conflicts" in screen_text(app)


# ----- snapshots -----------------------------------------------------------------------------


def on_sync(*keys: str, **fields: str) -> Steps:
    """Open Sync from Home, fill fields (by id, `_` for `-`), press keys, wait for the work."""

    async def run(pilot: Pilot) -> None:
        await open_sync(pilot)
        for field_id, text in fields.items():
            await type_into(pilot, field_id.replace("_", "-"), text)
        await pilot.press(*keys)
        await settle(pilot)

    return run


def merge_scene(devices: tuple[SQLiteStore, ...], bundled: Questionnaire) -> str:
    """A's second file (its first never came: a gap), B's first, and an empty file."""
    a, b = devices
    export(a)
    make_demo_responses(a, bundled, 3, seed=7, workers=1)
    files = [export(a), export(b), Path("stick/empty.fsx")]
    files[-1].write_bytes(b"")
    return "; ".join(str(f) for f in files)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_snapshot_export(  # type: ignore[no-untyped-def]
    snap_compare, make: MakeApp, db: SQLiteStore, bundled: Questionnaire,
    tmp_path: Path, language: str,
) -> None:  # fmt: skip
    make_demo_responses(db, bundled, 5, seed=3, workers=1)
    (tmp_path / "stick").mkdir()
    steps = on_sync("ctrl+e", sync_folder="stick")
    assert snap_compare(make(language), terminal_size=SIZE, run_before=steps)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_snapshot_merge(  # type: ignore[no-untyped-def]
    snap_compare, make: MakeApp, devices: tuple[SQLiteStore, ...],
    bundled: Questionnaire, language: str,
) -> None:  # fmt: skip
    steps = on_sync("ctrl+r", sync_files=merge_scene(devices, bundled))
    assert snap_compare(make(language), terminal_size=SIZE, run_before=steps)


def test_snapshot_merge_in_sixteen_colours(  # type: ignore[no-untyped-def]
    snap_compare, make: MakeApp, devices: tuple[SQLiteStore, ...],
    bundled: Questionnaire,
) -> None:  # fmt: skip
    steps = on_sync("ctrl+r", sync_files=merge_scene(devices, bundled))
    prefs = Preferences("Li Na", "Changchun Chaoyang", "2026-Q3", "en", "ansi-dark")
    assert snap_compare(make(prefs=prefs), terminal_size=SIZE, run_before=steps)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_snapshot_conflicts(  # type: ignore[no-untyped-def]
    snap_compare, make: MakeApp, db: SQLiteStore,
    devices: tuple[SQLiteStore, ...], bundled: Questionnaire, language: str,
) -> None:  # fmt: skip
    merge_files(db, diverge(*devices, bundled))
    assert snap_compare(make(language), terminal_size=SIZE, run_before=on_sync("ctrl+k"))


async def test_a_path_typed_in_the_picker_is_used_and_shown_by_both_ends(
    make: MakeApp, devices: tuple[SQLiteStore, ...], tmp_path: Path
) -> None:
    """Typed, then the Choose button (not Enter): the typed file is what gets merged. A long
    path in the field shows its start and its file name."""
    deep = tmp_path / "Kingston USB stick for the office" / "third quarter exports" / "device"
    deep.mkdir(parents=True)
    file = export(devices[0])
    typed = deep / "device-a.fsx"
    file.rename(typed)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        await pilot.press("ctrl+r")  # no files yet: the picker opens
        await pilot.pause()
        assert isinstance(app.screen, SyncFilePicker)
        await wait_for_tree(pilot)
        await type_into(pilot, "picker-path", str(typed))
        await pilot.click("#picker-choose")
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)
        field = app.screen.query_one("#sync-files", Input)
        assert field.value == str(typed)
        app.screen.query_one("#sync-identity", Input).focus()
        await settle(pilot)
        shown = field_text(app, "Files")
        assert shown.startswith(str(tmp_path)[:12]) and shown.endswith("/device-a.fsx")
        assert "…" in shown
        field.focus()
        await settle(pilot)
        assert "…" not in field_text(app, "Files")  # editing: the text itself, scrolled


def field_text(app: object, label: str) -> str:
    """What the field on the row labelled `label` shows, between its borders."""
    line = next(line for line in screen_text(app).splitlines() if label in line)  # type: ignore[arg-type]
    return line.split("▊", 1)[1].split("▎", 1)[0].strip()


async def test_a_folder_typed_in_the_picker_and_chosen_is_merged_whole(
    make: MakeApp, db: SQLiteStore, devices: tuple[SQLiteStore, ...], tmp_path: Path
) -> None:
    files = [export(devices[0]), export(devices[1])]
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await wait_for_tree(pilot)
        await type_into(pilot, "picker-path", str(tmp_path / "stick"))
        await pilot.click("#picker-choose")
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)
        assert "Folder chosen:" in flat(app) and "press ctrl+r" in flat(app)
        await pilot.press("ctrl+r")
        await settle(pilot)
        text = flat(app)
    for file in files:
        assert f"✓ {file.name} 5 added" in text
    assert home_counts(db).total == 10


async def test_the_return_file_and_the_key_are_picked_in_the_tree(
    make: MakeApp, tmp_path: Path
) -> None:
    """Receive tab: Choose… opens a picker of .fsr files, ctrl+o on the key field one of key
    files; the file chosen fills the field."""
    (tmp_path / "r.fsr").write_bytes(b"")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_sync(pilot)
        screen.show_tab("sync-receive")
        await settle(pilot)
        await pilot.click("#sync-return-file-browse")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, SyncFilePicker) and picker.suffixes == (".fsr",)
        await wait_for_tree(pilot)
        await type_into(pilot, "picker-path", str(tmp_path / "r.fsr"))
        await pilot.click("#picker-choose")
        await settle(pilot)
        assert screen.query_one("#sync-return-file", Input).value == str(tmp_path / "r.fsr")
        screen.query_one("#sync-return-identity", Input).focus()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, SyncFilePicker)
        assert app.screen.suffixes == (".key", ".txt")

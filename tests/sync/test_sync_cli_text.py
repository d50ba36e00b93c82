"""What the CLI prints from data cannot drive the terminal: control characters escaped in
merge reports, error lines and the conflicts listing, even from a file that failed."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from sync_helpers import add_revision, new_db

from fieldsurvey.cli import main
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.sync import export_to_folder, merge_files

HOSTILE_DEVICE = "\x1b]0;pwn\x07[/x]\x9b2J"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def no_controls(text: str) -> None:
    for control in ("\x1b", "\x07", "\x9b"):
        assert control not in text, repr(text)


def test_a_hostile_file_name_is_escaped_in_the_rejection_line(
    supervisor: SQLiteStore, tmp_path: Path
) -> None:
    bad = tmp_path / "a\x1b[2Jb\x07.fsx"
    bad.write_bytes(b"not a zip")
    db = supervisor.execute("PRAGMA database_list").fetchone()[2]
    code, out, err = run("merge", str(bad), "--db", db)
    assert code == 1 and out == ""
    assert "a\\x1b[2Jb\\x07.fsx: rejected: not a fieldsurvey export file" in err
    no_controls(err)


def test_conflicts_from_hostile_devices_are_listed_escaped(tmp_path: Path) -> None:
    a, b = new_db(tmp_path / "a.db"), new_db(tmp_path / "b.db")
    a.set_setting("device_id", HOSTILE_DEVICE)
    b.set_setting("device_id", "b\x1b[31m")
    out = tmp_path / "stick"
    out.mkdir()
    uuid, parent = add_revision(a, {"q1": 1})
    files = [export_to_folder(a, out).path]
    assert merge_files(b, files).all_merged
    for db, value in ((a, 2), (b, 3)):
        add_revision(db, {"q1": value}, uuid=uuid, parent=parent, revision=2)
        files.append(export_to_folder(db, out).path)
    supervisor = tmp_path / "supervisor.db"
    new_db(supervisor).close()
    code, text, err = run("merge", *map(str, files), "--db", str(supervisor))
    assert code == 0, err
    no_controls(text)
    code, text, _ = run("conflicts", "--db", str(supervisor))
    assert code == 0
    assert "\\x1b]0;pwn" in text and "b\\x1b[31m" in text
    no_controls(text)

"""Export writes a file that is complete or absent, and marks rows only once it is in place."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sync_helpers import add_revision, members

from fieldsurvey.store.errors import DiskIOError
from fieldsurvey.store.records import ExportSelection
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.sync import ExportError, export_file
from fieldsurvey.sync.bounds import RESPONSE_BOUNDS
from fieldsurvey.sync.fileformat import MEMBERS, RESPONSES, ResponseRecord


def marks(db: SQLiteStore) -> list[tuple[int | None]]:
    return db.execute("SELECT exported_seq FROM responses ORDER BY id").fetchall()


def test_file_is_a_deterministic_zip_of_the_format_members(
    device: SQLiteStore, tmp_path: Path
) -> None:
    add_revision(device, {"q1": 1})
    export_file(device, tmp_path / "a.fsx")
    with zipfile.ZipFile(tmp_path / "a.fsx") as archive:
        assert tuple(archive.namelist()) == MEMBERS
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert marks(device) == [(1,)] and device.get_setting("export_seq") == "1"
    assert list(tmp_path.glob(".*.tmp")) == []


def test_marking_failure_removes_the_file(
    device: SQLiteStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_revision(device, {"q1": 1})

    def fail(*_: object) -> None:
        raise DiskIOError("the disk reported a read/write error")

    monkeypatch.setattr(device, "set_setting", fail)
    with pytest.raises(DiskIOError):
        export_file(device, tmp_path / "a.fsx")
    assert list(tmp_path.glob("*.fsx")) == [] and list(tmp_path.glob(".*.tmp")) == []
    assert marks(device) == [(None,)] and device.get_setting("export_seq") is None


def test_write_failure_marks_nothing(device: SQLiteStore, tmp_path: Path) -> None:
    add_revision(device, {"q1": 1})
    with pytest.raises(OSError):
        export_file(device, tmp_path / "missing-folder" / "a.fsx")
    assert marks(device) == [(None,)]


def test_drafts_and_other_devices_revisions_stay_home(device: SQLiteStore, tmp_path: Path) -> None:
    add_revision(device, {"q1": 1}, device="elsewhere")  # as if merged from another device
    add_revision(device, {"q1": 2}, status="draft")
    add_revision(device, {"q1": 3})
    assert export_file(device, tmp_path / "a.fsx").responses == 1
    assert export_file(device, tmp_path / "b.fsx", everything=True).responses == 2


def test_a_row_the_format_cannot_carry_fails_the_export_cleanly(
    device: SQLiteStore, tmp_path: Path
) -> None:
    add_revision(device, {"q1": 1})
    device.execute("UPDATE responses SET interviewer = ?", ["x" * 20_000])
    with pytest.raises(ExportError, match="interviewer"):
        export_file(device, tmp_path / "a.fsx")
    assert list(tmp_path.glob("*.fsx")) == [] and marks(device) == [(None,)]


@pytest.mark.parametrize(
    ("sql", "field"),
    [
        ("UPDATE answers SET answered_at = '" + "9" * 41 + "'", "answers"),
        ("UPDATE answers SET question = ''", "answers"),
        ("UPDATE paradata SET detail = '" + "d" * 10_001 + "'", "events"),
        ("UPDATE paradata SET seq = 'abc' || seq", "events"),
        ("UPDATE paradata SET duration_ms = 9007199254740993", "events"),
        ("UPDATE paradata SET duration_ms = 1.5", "events"),
        ("UPDATE answers SET value = '\"' || hex(zeroblob(500001)) || '\"'", "answers"),
        ("UPDATE responses SET revision = 1000001", "revision"),
        ("UPDATE responses SET revision = 2.5", "revision"),
        ("UPDATE responses SET content_hash = upper(content_hash)", "content_hash"),
        ("UPDATE responses SET parent_hash = substr(content_hash, 2) || char(0)", "parent_hash"),
    ],
)
def test_every_nested_row_is_held_to_the_format(
    device: SQLiteStore, tmp_path: Path, sql: str, field: str
) -> None:
    """The store's SQL check finds the row, pydantic names it: no file, nothing marked."""
    add_revision(device, {"q1": 1})
    device.execute(sql)
    with pytest.raises(ExportError, match=field):
        export_file(device, tmp_path / "a.fsx")
    assert list(tmp_path.glob("*.fsx")) == [] and marks(device) == [(None,)]


def test_a_line_over_the_byte_bounds_but_within_characters_is_exported(
    device: SQLiteStore, tmp_path: Path
) -> None:
    """The store measures texts in bytes (never laxer); pydantic decides a line that does not
    fit them, so 1,000 Chinese characters (3,000 bytes) are still a valid interviewer."""
    add_revision(device, {"q1": 1})
    device.execute("UPDATE responses SET interviewer = ?", ["陈" * 1_000])
    selection = ExportSelection(device.device_id(), everything=True)
    assert [line.fits for line in device.response_lines(selection, RESPONSE_BOUNDS)] == [False]
    assert export_file(device, tmp_path / "a.fsx").responses == 1
    line = members(tmp_path / "a.fsx")[RESPONSES].splitlines()[0]
    assert ResponseRecord.model_validate_json(line).interviewer == "陈" * 1_000


def test_lines_count_their_answers_and_events(device: SQLiteStore, tmp_path: Path) -> None:
    add_revision(device, {"q1": 1, "q2": "x"}, events=3)
    result = export_file(device, tmp_path / "a.fsx")
    assert (result.responses, result.answers, result.paradata) == (1, 2, 3)


def test_a_long_line_is_checked_by_pydantic_and_exported(
    device: SQLiteStore, tmp_path: Path
) -> None:
    """An answer's value (at most 1,000,000 characters) is bounded through its line's size
    (store/sqlite/exports.py, LINE_SIZED): a longer line, whose values may each still fit, is
    validated by pydantic instead, and exported when they do."""
    add_revision(device, {"q2": "x" * 600_000, "q3": "y" * 600_000})
    selection = ExportSelection(device.device_id(), everything=True)
    assert [line.fits for line in device.response_lines(selection, RESPONSE_BOUNDS)] == [False]
    assert export_file(device, tmp_path / "a.fsx").answers == 2

"""Diverging versions of one interview: kept, listed, resolved, and not resurrected (on a
supervisor's SQLite file and on PostgreSQL alike, `hq`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sync_helpers import add_revision, install, new_db

from fieldsurvey.cli.sync import conflicts_command
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.store.status import Status
from fieldsurvey.sync import export_file, list_conflicts, merge_files, resolution_log
from hq import HQ

AT = "2026-02-0{}T00:00:00.000+00:00"
Diverged = tuple[str, dict[str, str], list[Path]]
"""The interview's uuid, its revisions' hashes by name, and the three export files."""


@pytest.fixture
def diverged(device: SQLiteStore, tmp_path: Path) -> Diverged:
    """One interview edited on two devices from the same revision; the files of both."""
    other = new_db(tmp_path / "other.db")
    uuid, first = add_revision(device, {"q1": 1, "q2": "same"}, at=AT.format(1))
    assert first is not None
    export_file(device, tmp_path / "1.fsx")
    merge_files(other, [tmp_path / "1.fsx"])
    _, mine = add_revision(
        device, {"q1": 2, "q2": "same"}, uuid=uuid, parent=first, revision=2, at=AT.format(2)
    )
    _, theirs = add_revision(
        other, {"q1": 3, "q2": "same"}, uuid=uuid, parent=first, revision=2, at=AT.format(3)
    )
    export_file(device, tmp_path / "2.fsx")
    export_file(other, tmp_path / "3.fsx")
    hashes = {"first": first, "mine": mine, "theirs": theirs}
    other.close()
    return uuid, hashes, [tmp_path / f"{n}.fsx" for n in (1, 2, 3)]


def flags(db: SQLiteStore) -> dict[str, tuple[int, int]]:
    rows = db.execute("SELECT content_hash, is_head, in_conflict FROM responses")
    return {h: (head, conflict) for h, head, conflict in rows}


@pytest.fixture
def boss(hq: HQ) -> HQ:
    """The boss.store's database on each backend, the test questionnaire installed."""
    install(hq.store)  # type: ignore[arg-type]
    return hq


def test_diverging_versions_are_both_kept_and_listed(
    boss: HQ, diverged: Diverged, tmp_path: Path
) -> None:
    uuid, h, files = diverged
    report = merge_files(boss.store, files)
    assert [(f.added, f.updated, f.conflicts) for f in report.files] == [
        (1, 0, 0),
        (0, 1, 0),
        (0, 0, 1),
    ]
    # The other device's edit is newer, but it revises an interview this device started and
    # its key is not trusted for that (docs/trust-model.md): it is held, never the head.
    assert boss.flags() == {h["first"]: (0, 0), h["mine"]: (1, 1), h["theirs"]: (0, 1)}

    result = CliRunner().invoke(conflicts_command, ["--json", "--db", boss.location])
    listed = json.loads(result.stdout)["conflicts"]
    assert [c["uuid"] for c in listed] == [uuid]
    assert listed[0]["differing"] == ["q1"]
    assert {v["content_hash"]: v["answers"]["q1"] for v in listed[0]["versions"]} == {
        h["mine"]: 2,
        h["theirs"]: 3,
    }


def test_keep_resolves_and_a_remerge_does_not_resurrect(
    boss: HQ, diverged: Diverged, tmp_path: Path
) -> None:
    uuid, h, files = diverged
    merge_files(boss.store, files)
    db_file = boss.location

    result = CliRunner().invoke(
        conflicts_command, ["--keep", uuid, h["mine"][:10], "--db", db_file]
    )

    assert result.exit_code == 0 and h["mine"] in result.stdout
    assert boss.flags() == {h["first"]: (0, 0), h["mine"]: (1, 0), h["theirs"]: (0, 0)}
    assert list_conflicts(boss.store).conflicts == []
    merge_files(boss.store, list(reversed(files)))
    assert boss.flags()[h["mine"]] == (1, 0)
    assert CliRunner().invoke(conflicts_command, ["--db", db_file]).stdout == "no conflicts\n"


def test_an_edit_of_a_set_aside_version_is_a_new_conflict(
    boss: HQ, diverged: Diverged, tmp_path: Path
) -> None:
    uuid, h, files = diverged
    merge_files(boss.store, files)
    CliRunner().invoke(conflicts_command, ["--keep", uuid, h["mine"], "--db", boss.location])
    other = open_store(tmp_path / "other.db")
    _, later = add_revision(
        other, {"q1": 5}, uuid=uuid, parent=h["theirs"], revision=3, at=AT.format(4)
    )
    export_file(other, tmp_path / "4.fsx")

    assert merge_files(boss.store, [tmp_path / "4.fsx"]).files[0].conflicts == 1
    # held (another device's interview, an untrusted key): queued, the kept version stays head
    assert boss.flags()[later] == (0, 1) and boss.flags()[h["mine"]] == (1, 1)


def test_keep_needs_a_matching_conflicting_version(
    boss: HQ, diverged: Diverged, tmp_path: Path
) -> None:
    uuid, h, files = diverged
    merge_files(boss.store, files)
    db_file = boss.location
    for prefix in (h["first"], "0000000000", "ab"):
        result = CliRunner().invoke(conflicts_command, ["--keep", uuid, prefix, "--db", db_file])
        assert result.exit_code == 2 and result.stderr.startswith(uuid)


def test_an_edit_arriving_before_its_interview_is_held_until_it_comes(
    boss: HQ, diverged: Diverged
) -> None:
    """Who started the interview is unknown until its first revision arrives (trust model)."""
    _, h, files = diverged
    report = merge_files(boss.store, [files[1]])
    assert [(f.added, f.conflicts) for f in report.files] == [(0, 1)]
    assert boss.flags() == {h["mine"]: (0, 1)}
    report = merge_files(boss.store, [files[0]])
    assert [(f.added, f.conflicts) for f in report.files] == [(1, 0)]
    assert boss.flags() == {h["first"]: (0, 0), h["mine"]: (1, 0)}


def test_a_missing_file_shows_as_a_gap_and_heals(
    device: SQLiteStore, boss: HQ, tmp_path: Path
) -> None:
    uuid, first = add_revision(device, {"q1": 1}, at=AT.format(1))
    export_file(device, tmp_path / "1.fsx")
    _, second = add_revision(
        device, {"q1": 2}, uuid=uuid, parent=first, revision=2, at=AT.format(2)
    )
    export_file(device, tmp_path / "2.fsx")
    _, third = add_revision(
        device, {"q1": 3}, uuid=uuid, parent=second, revision=3, at=AT.format(3)
    )
    export_file(device, tmp_path / "3.fsx")

    report = merge_files(boss.store, [tmp_path / "1.fsx", tmp_path / "3.fsx"])
    assert [(g.device, g.missing) for g in report.gaps] == [(report.gaps[0].device, [2])]
    assert boss.flags() == {first: (0, 1), third: (1, 1)}  # rev 2 unseen: looks diverging

    report = merge_files(boss.store, [tmp_path / "2.fsx"])
    assert report.gaps == [] and report.files[0].added == 1
    assert boss.flags() == {first: (0, 0), second: (0, 0), third: (1, 0)}


def test_each_resolution_is_logged_with_who_and_what_was_set_aside(
    boss: HQ, diverged: Diverged, tmp_path: Path
) -> None:
    uuid, h, files = diverged
    merge_files(boss.store, files)
    boss.store.set_setting("interviewer", "Sokha")
    db_file = boss.location
    empty = CliRunner().invoke(conflicts_command, ["--resolved", "--db", db_file])
    assert empty.stdout == "no conflicts resolved on this device\n"

    CliRunner().invoke(conflicts_command, ["--keep", uuid, h["mine"], "--db", db_file])

    [entry] = resolution_log(boss.store).resolutions
    assert (entry.uuid, entry.kept_hash, entry.set_aside) == (uuid, h["mine"], [h["theirs"]])
    assert entry.resolved_by == "Sokha" and entry.device_id == boss.store.device_id()
    listed = CliRunner().invoke(conflicts_command, ["--resolved", "--json", "--db", db_file])
    assert json.loads(listed.stdout)["resolutions"][0]["kept_hash"] == h["mine"]
    text = CliRunner().invoke(conflicts_command, ["--resolved", "--db", db_file]).stdout
    assert f"{uuid}: kept {h['mine'][:12]}, set aside {h['theirs'][:12]} (by Sokha)" in text


def test_a_refused_resolution_logs_nothing(boss: HQ, diverged: Diverged, tmp_path: Path) -> None:
    uuid, h, files = diverged
    merge_files(boss.store, files)
    db_file = boss.location
    result = CliRunner().invoke(conflicts_command, ["--keep", uuid, h["first"], "--db", db_file])
    assert result.exit_code == 2
    assert resolution_log(boss.store).resolutions == []
    both = CliRunner().invoke(
        conflicts_command, ["--keep", uuid, h["mine"], "--resolved", "--db", db_file]
    )
    assert both.exit_code == 2 and "either --keep or --resolved" in both.stderr
    assert list_conflicts(boss.store).conflicts != []


def test_closing_an_edit_after_a_merge_brought_another_edit_leaves_one_head(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    """The supervisor edits an interview; before they finish, a merge brings the device's own
    edit of the same revision. Closing theirs leaves two tips: both in conflict, one head."""
    uuid, first = add_revision(device, {"q1": 1}, at=AT.format(1))
    export_file(device, tmp_path / "1.fsx")
    merge_files(supervisor, [tmp_path / "1.fsx"])
    parent = next(r for r in supervisor.revisions(uuid) if r.content_hash == first)
    with supervisor.unit_of_work():
        draft = supervisor.copy_revision(parent, supervisor.device_id(), AT.format(2))
    _, theirs = add_revision(
        device, {"q1": 2}, uuid=uuid, parent=first, revision=2, at=AT.format(3)
    )
    export_file(device, tmp_path / "2.fsx")
    merge_files(supervisor, [tmp_path / "2.fsx"])

    mine = supervisor.close_draft(draft, Status.COMPLETE, [], None, AT.format(4))

    assert flags(supervisor) == {first: (0, 0), theirs: (0, 1), mine: (1, 1)}
    assert [c.uuid for c in list_conflicts(supervisor).conflicts] == [uuid]

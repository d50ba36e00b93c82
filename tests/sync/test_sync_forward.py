"""`export --forward` and merging review logs by the trust rules (issue #11, last part):
supervisors forward their merged interviews with their review decisions; HQ applies the
decisions of trusted supervisors, holds the others, and lists disagreeing reviewers as a
conflict instead of letting the last file win."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from forward_helpers import World, decide, make_world, review_lines, trust
from sync_helpers import add_revision, full_dump, members

from fieldsurvey.cli.sync import conflicts_command, export_command, merge_command
from fieldsurvey.review import find_interview
from fieldsurvey.store.counts import home_counts
from fieldsurvey.store.sqlite import open_store
from fieldsurvey.store.sqlite.schema import MIGRATION_FORWARD, MIGRATIONS
from fieldsurvey.sync import list_conflicts, merge_files
from fieldsurvey.sync.fileformat import FORMAT_VERSION, PLAIN_FORMAT_VERSION


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    made = make_world(tmp_path)
    yield made
    made.close()


def db_file(db: object) -> str:
    return str(db.execute("PRAGMA database_list").fetchone()[2])  # type: ignore[attr-defined]


def test_forward_carries_merged_responses_and_the_review_log(world: World) -> None:
    decide(world.one, world.uuids[0], "approved", "")
    assert home_counts(world.one).not_exported == 0  # merged interviews are not its own
    plain = CliRunner().invoke(
        export_command, ["--out", str(world.root / "p.fsx"), "--db", db_file(world.one)]
    )
    assert plain.exit_code == 0
    assert "nothing new to export (use --all, or --forward for merged responses)" in plain.stderr
    out = world.root / "f.fsx"
    result = CliRunner().invoke(
        export_command, ["--out", str(out), "--forward", "--db", db_file(world.one)]
    )
    assert result.exit_code == 0, result.output
    assert "export 1, 2 responses" in result.stdout and "1 review decisions" in result.stdout
    manifest = members(out)["manifest.json"].decode()
    assert f'"format_version": {FORMAT_VERSION}' in manifest and '"reviews": 1' in manifest
    [line] = review_lines(out)
    assert (line["uuid"], line["state"], line["reviewer"]) == (world.uuids[0], "approved", "Ana")
    assert line["content_hash"] == world.hashes[0] and line["supersedes"] == []
    assert home_counts(world.one).not_exported == 0
    second = CliRunner().invoke(
        export_command,
        ["--out", str(world.root / "g.fsx"), "--forward", "--db", db_file(world.one)],
    )
    assert "nothing new to export" in second.stderr and not (world.root / "g.fsx").exists()


def test_a_plain_export_stays_format_1_without_reviews(world: World) -> None:
    decide(world.device, world.uuids[0], "approved", "")  # a device's own review log stays home
    out = world.root / "plain.fsx"
    CliRunner().invoke(export_command, ["--out", str(out), "--all", "--db", db_file(world.device)])
    assert "reviews.jsonl" not in members(out)
    manifest = members(out)["manifest.json"].decode()
    assert f'"format_version": {PLAIN_FORMAT_VERSION}' in manifest and "reviews" not in manifest


def test_a_new_decision_forwards_its_interview_again(world: World) -> None:
    world.forward(world.one, "first.fsx")
    decide(world.one, world.uuids[1], "rejected", "no consent")
    second = world.forward(world.one, "second.fsx")
    [line] = review_lines(second)
    assert line["uuid"] == world.uuids[1]
    responses = members(second)["responses.jsonl"].decode()
    assert world.uuids[1] in responses and world.uuids[0] not in responses
    trust(world.hq, world.one)
    assert merge_files(world.hq, [second]).all_merged  # self-contained: its interview is in it
    assert find_interview(world.hq, world.uuids[1]).state == "rejected"


def test_trusted_supervisor_decisions_apply_and_merging_twice_changes_nothing(
    world: World,
) -> None:
    trust(world.hq, world.one)
    decide(world.one, world.uuids[0], "has_issues", "Q1 unclear")
    decide(world.one, world.uuids[0], "approved", "checked with the office")
    path = world.forward(world.one, "f.fsx")
    [result] = merge_files(world.hq, [path]).files
    assert result.reviews is not None
    assert (result.reviews.applied, result.reviews.held, result.added) == (2, 0, 2)
    assert "review decisions: 2 applied, 0 already present" in result.summary()
    target = find_interview(world.hq, world.uuids[0])
    assert target.state == "approved" and not target.in_conflict
    before = full_dump(world.hq)
    assert merge_files(world.hq, [path]).files[0].already_merged
    everything = world.forward(world.one, "all.fsx", "--all")  # other bytes, same decisions
    [again] = merge_files(world.hq, [everything]).files
    assert again.reviews is not None and (again.reviews.applied, again.reviews.present) == (0, 2)
    assert [
        line for line in full_dump(world.hq) if "reviews" in line or "review_states" in line
    ] == [line for line in before if "reviews" in line or "review_states" in line]


def test_reviewers_disagreeing_is_a_conflict_not_last_writer_wins(world: World) -> None:
    for supervisor in (world.one, world.two):
        trust(world.hq, supervisor)
    decide(world.one, world.uuids[0], "approved", "fine")
    decide(world.two, world.uuids[0], "rejected", "no consent recorded")
    paths = [world.forward(world.one, "one.fsx"), world.forward(world.two, "two.fsx")]
    report = merge_files(world.hq, paths)
    assert [f.reviews.conflicts for f in report.files if f.reviews] == [0, 1]
    target = find_interview(world.hq, world.uuids[0])
    assert target.in_conflict
    [conflict] = list_conflicts(world.hq).review_conflicts
    assert conflict.uuid == world.uuids[0]
    assert sorted(d.state for d in conflict.decisions) == ["approved", "rejected"]
    listing = CliRunner().invoke(conflicts_command, ["--db", db_file(world.hq)])
    assert f"{world.uuids[0]}: reviewers disagree" in listing.stdout
    assert "rejected by Bo" in listing.stdout and "approved by Ana" in listing.stdout
    rejected = next(d for d in conflict.decisions if d.state == "rejected")
    kept = CliRunner().invoke(
        conflicts_command,
        ["--keep", world.uuids[0], rejected.entry[:10], "--db", db_file(world.hq)],
    )
    assert kept.exit_code == 0, kept.output
    assert "kept the decision rejected" in kept.stdout
    target = find_interview(world.hq, world.uuids[0])
    assert (target.state, target.in_conflict) == ("rejected", False)
    assert target.log[-1].comment == "no consent recorded"
    assert list_conflicts(world.hq).review_conflicts == []


def test_the_resolution_travels_and_resolves_downstream(world: World) -> None:
    """Supervisor one merges two's decision, sees the disagreement, decides again; HQ, which
    merges all three decisions, has no conflict left."""
    trust(world.one, world.two)
    for supervisor in (world.one, world.two):
        trust(world.hq, supervisor)
    decide(world.one, world.uuids[0], "approved", "fine")
    decide(world.two, world.uuids[0], "rejected", "no consent recorded")
    from_two = world.forward(world.two, "two.fsx")
    merge_files(world.one, [from_two])
    assert find_interview(world.one, world.uuids[0]).in_conflict
    decide(world.one, world.uuids[0], "rejected", "agreed with Bo")
    from_one = world.forward(world.one, "one.fsx")
    merge_files(world.hq, [from_one, from_two])
    target = find_interview(world.hq, world.uuids[0])
    assert (target.state, target.in_conflict) == ("rejected", False)


def test_untrusted_review_log_is_held_then_applied_when_trusted(world: World) -> None:
    decide(world.one, world.uuids[0], "rejected", "no consent recorded")
    path = world.forward(world.one, "f.fsx")
    result = CliRunner().invoke(
        merge_command, [str(path), "--db", db_file(world.hq)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "review decisions: 0 applied, 0 already present, 1 held" in result.stdout
    assert find_interview(world.hq, world.uuids[0]).state == "pending"
    assert world.hq.execute("SELECT COUNT(*) FROM reviews").fetchone() == (0,)
    [held] = list_conflicts(world.hq).held_reviews
    assert held.uuid == world.uuids[0] and held.state == "rejected"
    assert held.held.startswith(f"signed by device {world.one.device_id()}, whose key is not")
    listing = CliRunner().invoke(conflicts_command, ["--db", db_file(world.hq)]).stdout
    assert "review decisions held, not applied:" in listing and "held: signed by device" in listing
    trust(world.hq, world.one)
    target = find_interview(world.hq, world.uuids[0])
    assert (target.state, target.log[0].comment) == ("rejected", "no consent recorded")
    assert list_conflicts(world.hq).held_reviews == []


def test_migrated_decisions_travel_with_their_order(world: World) -> None:
    """Decisions recorded before logs travelled (no supersedes) chain in the order made."""
    with world.one.unit_of_work():
        for state, at in (("has_issues", "2026-01-02"), ("approved", "2026-01-03")):
            world.one.execute(
                "INSERT INTO reviews (uuid, state, comment, reviewer, device_id, decided_at, "
                "content_hash) VALUES (?, ?, 'old', 'Ana', ?, ?, ?)",
                [world.uuids[0], state, world.one.device_id(), at + "T00:00:00.000+00:00",
                 world.hashes[0]],
            )  # fmt: skip
    lines = review_lines(world.forward(world.one, "f.fsx"))
    assert [line["state"] for line in lines] == ["has_issues", "approved"]
    assert lines[0]["supersedes"] == [] and len(lines[1]["supersedes"]) == 1
    trust(world.hq, world.one)
    merge_files(world.hq, [world.root / "f.fsx"])
    target = find_interview(world.hq, world.uuids[0])
    assert (target.state, target.in_conflict) == ("approved", False)


def test_a_supervisors_own_interviews_count_as_not_exported_until_forwarded(
    world: World,
) -> None:
    """Home's "not yet exported" counts only the supervisor's own interviews, before and after
    a forward (which carries them too)."""
    add_revision(world.one, {"q1": 7})
    assert home_counts(world.one).not_exported == 1  # the 2 merged ones are not its own
    path = world.forward(world.one, "f.fsx")
    assert len(members(path)["responses.jsonl"].splitlines()) == 3  # its own and the merged
    assert home_counts(world.one).not_exported == 0


def test_migration_keeps_the_review_state_of_an_older_database(tmp_path: Path) -> None:
    """A database from before forwarding: the newest decision on each revision is its state."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    before = MIGRATIONS.index(MIGRATION_FORWARD)
    for script in MIGRATIONS[:before]:
        conn.executescript(script)
    conn.execute(f"PRAGMA user_version = {before}")
    decisions = [
        ("u1", "h1", "rejected", "2026-01-01"),
        ("u1", "h1", "approved", "2026-01-02"),
        ("u1", "h2", "has_issues", "2026-01-03"),
        ("u2", "h3", "has_issues", "2026-01-01"),
    ]
    for uuid, digest, state, at in decisions:
        conn.execute(
            "INSERT INTO reviews (uuid, state, comment, device_id, decided_at, content_hash) "
            "VALUES (?, ?, 'c', 'dev', ?, ?)",
            [uuid, state, at, digest],
        )
    conn.close()
    db = open_store(path)
    try:
        states = db.execute("SELECT * FROM review_states ORDER BY uuid, content_hash").fetchall()
        assert states == [
            ("u1", "h1", "approved", 0),
            ("u1", "h2", "has_issues", 0),
            ("u2", "h3", "has_issues", 0),
        ]
        assert [d.supersedes for d in db.decisions("u1")] == [None, None, None]
    finally:
        db.close()


def test_a_decision_judges_its_revision_so_a_revised_interview_is_pending_again(
    world: World,
) -> None:
    trust(world.hq, world.one)
    decide(world.one, world.uuids[0], "rejected", "Q1 wrong")
    merge_files(world.hq, [world.forward(world.one, "f.fsx")])
    assert find_interview(world.hq, world.uuids[0]).state == "rejected"
    add_revision(world.device, {"q1": 9}, uuid=world.uuids[0], parent=world.hashes[0], revision=2)
    merge_files(world.hq, [world.forward(world.device, "fixed.fsx")])
    target = find_interview(world.hq, world.uuids[0])
    assert (target.state, [d.state for d in target.log]) == ("pending", ["rejected"])

"""Every bad review log a forwarding file can carry is refused whole, with the file, the line
and what is wrong, and the database is left exactly as it was (merge_rejects checks both)."""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from forward_helpers import World, decide, make_world, replace_reviews, review_lines, trust
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import full_dump, members, merge_rejects, resign, rezip

from fieldsurvey.cli.supervise import review_command
from fieldsurvey.cli.sync import conflicts_command
from fieldsurvey.review import COMMENT_MAX, find_interview
from fieldsurvey.sync import Reason, merge_files
from fieldsurvey.sync.fileformat import ReviewRecord

REVIEW_KEYS = sorted(ReviewRecord.model_fields)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    made = make_world(tmp_path)
    trust(made.hq, made.one)
    decide(made.one, made.uuids[0], "rejected", "no consent recorded")
    made.forward(made.one, "f.fsx")
    yield made
    made.close()


def forged(world: World, *lines: Any) -> Path:
    path = world.root / "f.fsx"
    replace_reviews(world.one, path, list(lines))
    return path


def good(world: World, **changes: Any) -> dict[str, Any]:
    """The file's one decision, changed."""
    [line] = review_lines(world.root / "f.fsx")
    return {**line, **changes}


def test_the_untampered_file_merges(world: World) -> None:
    assert merge_files(world.hq, [world.root / "f.fsx"]).all_merged


def test_malformed_line_names_file_and_line(world: World) -> None:
    path = forged(world, good(world), b'{"uuid": "x", "state":')
    err = merge_rejects(world.hq, path, Reason.BAD_RECORD)
    assert f"{path}: rejected: reviews.jsonl:2: " in err


def test_review_of_an_unknown_interview(world: World) -> None:
    stranger = str(uuidlib.uuid4())
    path = forged(world, good(world), good(world, uuid=stranger, comment="other"))
    err = merge_rejects(world.hq, path, Reason.UNKNOWN_REVIEWED)
    assert f"reviews.jsonl:2: a review decision on interview {stranger} revision" in err


def test_review_of_an_unknown_revision(world: World) -> None:
    path = forged(world, good(world, content_hash="0" * 64))
    err = merge_rejects(world.hq, path, Reason.UNKNOWN_REVIEWED)
    assert f"reviews.jsonl:1: a review decision on interview {world.uuids[0]}" in err


def test_unknown_decision_value(world: World) -> None:
    path = forged(world, good(world, state="maybe"))
    err = merge_rejects(world.hq, path, Reason.BAD_RECORD)
    assert "reviews.jsonl:1: state: Input should be 'approved', 'has_issues' or 'rejected'" in err


def test_oversized_comment(world: World) -> None:
    path = forged(world, good(world, comment="x" * (COMMENT_MAX + 1)))
    err = merge_rejects(world.hq, path, Reason.BAD_RECORD)
    assert f"reviews.jsonl:1: comment: String should have at most {COMMENT_MAX} characters" in err


@pytest.mark.parametrize(
    ("comment", "shown"),
    [("ok\x1b]52;c;aGk=\x07", "\\x1b"), ("a\u202eb", "\\u202e"), ("bell\x07", "\\x07")],
)
def test_control_characters_in_a_comment(world: World, comment: str, shown: str) -> None:
    path = forged(world, good(world, comment=comment))
    err = merge_rejects(world.hq, path, Reason.INVALID_REVIEW)
    assert f"reviews.jsonl: a review decision is refused: line 1 ({world.uuids[0]})" in err
    assert "comment = " in err and f"holds a control character ({shown}); remove it" in err
    assert "\x1b" not in err and "\u202e" not in err and "\x07" not in err


def test_control_characters_in_a_reviewer_name(world: World) -> None:
    path = forged(world, good(world, reviewer="Ana\x1b[2J"))
    err = merge_rejects(world.hq, path, Reason.INVALID_REVIEW)
    assert "reviewer = 'Ana\\x1b[2J': holds a control character" in err


def test_review_timestamp_in_the_future(world: World) -> None:
    path = forged(world, good(world, decided_at="2999-01-01T00:00:00.000+00:00"))
    err = merge_rejects(world.hq, path, Reason.INVALID_REVIEW)
    assert "decided_at = '2999-01-01T00:00:00.000+00:00': later than the file was signed" in err


def test_review_timestamp_that_does_not_parse(world: World) -> None:
    path = forged(world, good(world, decided_at="yesterday"))
    err = merge_rejects(world.hq, path, Reason.INVALID_REVIEW)
    assert "decided_at = 'yesterday': not an ISO 8601 timestamp with a time zone" in err


def test_duplicate_entries_in_one_file(world: World) -> None:
    path = forged(world, good(world), good(world))
    err = merge_rejects(world.hq, path, Reason.DUPLICATE_REVIEW)
    assert (
        f"reviews.jsonl:2: the review decision on {world.uuids[0]} of line 1 appears twice" in err
    )


def test_review_log_not_listed_in_the_manifest(world: World) -> None:
    path = world.root / "f.fsx"

    def unlist(manifest: dict[str, Any]) -> None:
        del manifest["members"]["reviews.jsonl"]

    resign(world.one, path, unlist)
    merge_rejects(world.hq, path, Reason.MEMBER_NOT_LISTED)


def test_review_log_listed_but_missing(world: World) -> None:
    path = world.root / "f.fsx"
    contents = members(path)
    del contents["reviews.jsonl"]
    rezip(path, contents)
    resign(world.one, path)
    merge_rejects(world.hq, path, Reason.MISSING_MEMBER)


def test_review_count_unlike_the_manifest(world: World) -> None:
    path = world.root / "f.fsx"

    def miscount(manifest: dict[str, Any]) -> None:
        manifest["counts"]["reviews"] = 3

    resign(world.one, path, miscount)
    merge_rejects(world.hq, path, Reason.COUNT_MISMATCH)


def test_review_log_from_an_untrusted_key_changes_no_review_state(world: World) -> None:
    """Supervisor two is not trusted at HQ: its decisions are held, and the interview's
    state stays what trusted supervisor one decided."""
    merge_files(world.hq, [world.root / "f.fsx"])
    decide(world.two, world.uuids[0], "approved", "looks fine to me")
    path = world.forward(world.two, "two.fsx")
    states = world.hq.execute("SELECT * FROM review_states").fetchall()
    log = world.hq.execute("SELECT * FROM reviews").fetchall()
    [result] = merge_files(world.hq, [path]).files
    assert result.reviews is not None and (result.reviews.held, result.reviews.applied) == (1, 0)
    assert "1 held (signer not trusted to review: fieldsurvey conflicts lists them)" in (
        result.summary()
    )
    assert world.hq.execute("SELECT * FROM review_states").fetchall() == states
    assert world.hq.execute("SELECT * FROM reviews").fetchall() == log
    assert find_interview(world.hq, world.uuids[0]).state == "rejected"


def test_markup_in_a_comment_is_kept_and_shown_as_text(world: World) -> None:
    """Brackets are ordinary text in a comment ("[Q12]"): accepted, stored as written, and
    printed as written (the screens show it as text too: tests/ui)."""
    comment = "[bold]Q12[/bold] [/nope] [link=x]y[/link]"
    path = forged(world, good(world, comment=comment))
    assert merge_files(world.hq, [path]).all_merged
    assert find_interview(world.hq, world.uuids[0]).log[0].comment == comment
    db = str(world.hq.path)
    shown = CliRunner().invoke(review_command, [world.uuids[0], "--db", db]).stdout
    assert f"rejected by Ana: {comment}" in shown


def test_local_review_refuses_control_characters(world: World) -> None:
    db = str(world.one.path)
    before = full_dump(world.one)
    result = CliRunner().invoke(
        review_command, [world.uuids[1], "--reject", "--comment", "bad\x1b[2J", "--db", db]
    )
    assert result.exit_code == 2
    assert "error: comment: holds a control character (\\x1b); remove it" in result.stderr
    assert full_dump(world.one) == before


def test_conflicts_json_lists_held_decisions(world: World) -> None:
    decide(world.two, world.uuids[0], "approved", "")
    merge_files(world.hq, [world.forward(world.two, "two.fsx")])
    db = str(world.hq.path)
    document = json.loads(CliRunner().invoke(conflicts_command, ["--json", "--db", db]).stdout)
    [held] = document["held_reviews"]
    assert held["uuid"] == world.uuids[0] and held["signer"] == world.two.device_id()
    assert document["review_conflicts"] == []
    # the interviews two relayed are held as well: only relayed, by an untrusted key
    assert [c["versions"][0]["held"][:13] for c in document["conflicts"]] == ["only relayed "] * 2


field_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=30),
    st.lists(st.text(max_size=70), max_size=3), st.dictionaries(st.text(max_size=5), st.integers()),
)  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=st.dictionaries(st.sampled_from(REVIEW_KEYS), field_values, max_size=3))
def test_any_review_line_is_merged_or_refused_by_name(
    world: World, changes: dict[str, Any]
) -> None:
    """Whatever a line holds, the file merges or is refused for a named reason, never by
    an error nobody foresaw; a refused file changes nothing."""
    replace_reviews(world.one, world.root / "f.fsx", [good(world, **changes)])
    before = full_dump(world.hq)
    [result] = merge_files(world.hq, [world.root / "f.fsx"]).files
    assert result.reason is not Reason.UNEXPECTED, result.error
    if result.status == "rejected":
        assert result.error is not None and "reviews.jsonl" in result.error
        assert full_dump(world.hq) == before
    world.hq.execute("DELETE FROM imports")  # let the next example merge its file

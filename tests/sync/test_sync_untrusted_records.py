"""Records are checked against their questionnaire version before anything is written.

Each test makes a file as a buggy or dishonest device would (validly signed), merges it
through the CLI, and checks exit code 1, the catalogue message, the record, field and value
named, and that the supervisor's database did not change.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sync_helpers import add_revision, install, members, merge_rejects, new_db, resign

from fieldsurvey.cli import main
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.sync import Reason, export_file


def export_with(device: SQLiteStore, tmp_path: Path, answers: dict[str, Any],
                **fields: Any) -> Path:  # fmt: skip
    add_revision(device, {"q1": 1})
    add_revision(device, answers, **fields)
    path = tmp_path / "x.fsx"
    export_file(device, path)
    return path


def rejects_record(supervisor: SQLiteStore, path: Path, *expected: str) -> None:
    stderr = merge_rejects(supervisor, path, Reason.INVALID_RECORDS)
    assert "responses.jsonl: records do not fit their questionnaire: line 2 (" in stderr
    for text in expected:
        assert text in stderr, stderr


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"nope": 1}, "answers.nope = 1: no such question in this version"),
        ({"l1": "2"}, "answers.l1 = '2': not a point of scale agree5 (1-2 or 'dk')"),
        ({"l1": 7}, "answers.l1 = 7: not a point"),
        ({"l1": 1.5}, "answers.l1 = 1.5: not a point"),
        ({"l1": 1e308}, "answers.l1 = 1e+308: not a point"),
        ({"l1": True}, "answers.l1 = True: not a point"),
        ({"q1": 2**63}, "answers.q1 = 9223372036854775808: not a whole number within +-2^53"),
        ({"q1": "1"}, "answers.q1 = '1': not a whole number"),
        ({"d1": 1e300}, "answers.d1 = 1e+300: not a finite number within +-2^53"),
        ({"c1": "green"}, "answers.c1 = 'green': not a choice of list colours"),
        ({"m1": ["red", "red"]}, "answers.m1 = ['red', 'red']: not a list of distinct choices"),
        ({"m1": [["red"]]}, "not a list of distinct choices"),
        ({"t1": "2026-02-30"}, "answers.t1 = '2026-02-30': not a date (YYYY-MM-DD)"),
        ({"q2": "x" * 2001}, "not a text of at most 2000 characters"),
        ({"q2": {"a": 1}}, "answers.q2 = {'a': 1}: not a text"),
    ],
)
def test_an_answer_that_does_not_fit_its_question(
    device: SQLiteStore,
    supervisor: SQLiteStore,
    tmp_path: Path,
    answers: dict[str, Any],
    expected: str,
) -> None:
    rejects_record(supervisor, export_with(device, tmp_path, answers), expected)


def test_a_persona_not_in_the_questionnaire(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    path = export_with(device, tmp_path, {"q1": 1})
    _rewrite_record(device, path, lambda r: r.update(persona="[/x]\x1b]52;c;eA==\x07"))
    stderr = merge_rejects(supervisor, path, Reason.INVALID_RECORDS)
    assert "persona = '[/x]\\x1b]52;c;eA==\\x07': not a persona of this questionnaire (worker)" in (
        stderr
    )
    assert "\x1b" not in stderr and "\x07" not in stderr


def test_nan_and_infinity_answers(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    for bad in ("NaN", "Infinity", "-Infinity"):
        path = export_with(device, tmp_path, {"q1": 1})
        _rewrite_record(
            device, path, lambda r, bad=bad: r["answers"].append(["d1", bad, r["started_at"]])
        )
        rejects_record(supervisor, path, "answers.d1 = ", "not a finite number")
        path.unlink()


def test_one_sixty_megabyte_class_answer_is_refused_by_its_size(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    """The format caps an answer's text at a million characters; the question at 2,000."""
    path = export_with(device, tmp_path, {"q1": 1})
    huge = json.dumps("x" * 1_000_001)
    _rewrite_record(device, path, lambda r: r["answers"].append(["q2", huge, r["started_at"]]))
    merge_rejects(supervisor, path, Reason.BAD_RECORD)


def test_a_timestamp_in_the_year_9999(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    path = export_with(device, tmp_path, {"q1": 1}, at="9999-12-31T23:59:59.000+00:00")
    rejects_record(
        supervisor, path, "timestamp = '9999-12-31T23:59:59.000+00:00': later than the file"
    )


@pytest.mark.parametrize(
    "at", ["yesterday", "2026-02-31T10:00:00.000+00:00", "2026-01-01T24:00:00.000+00:00"]
)
def test_a_timestamp_that_does_not_parse(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path, at: str
) -> None:
    """In the store's own shape or not, a stamp that is not a real time is refused (one
    that would crash the SPSS/Stata export and the tables, which parse every stamp)."""
    path = export_with(device, tmp_path, {"q1": 1}, at=at)
    rejects_record(supervisor, path, f"timestamp = '{at}': not an ISO 8601 timestamp")


def test_a_file_signed_in_the_future(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    path = export_with(device, tmp_path, {"q1": 1})
    resign(device, path, lambda m: m.update(created_at="9999-01-01T00:00:00.000+00:00"))
    stderr = merge_rejects(supervisor, path, Reason.FUTURE_SIGNING)
    assert "later than this computer's clock allows" in stderr


@pytest.mark.parametrize("field", ["export_seq", "revision"])
def test_sequence_numbers_are_bounded(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path, field: str
) -> None:
    path = export_with(device, tmp_path, {"q1": 1})
    if field == "export_seq":
        resign(device, path, lambda m: m.update(export_seq=2**62))
        stderr = merge_rejects(supervisor, path, Reason.BAD_MANIFEST)
    else:
        _rewrite_record(device, path, lambda r: r.update(revision=2**63))
        stderr = merge_rejects(supervisor, path, Reason.BAD_RECORD)
    assert "less than or equal to 1000000" in stderr


def test_a_manifest_without_members(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    path = export_with(device, tmp_path, {"q1": 1})
    resign(device, path, lambda m: m.pop("members"))
    assert "members: Field required" in merge_rejects(supervisor, path, Reason.BAD_MANIFEST)


def test_a_member_declared_but_missing(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    from sync_helpers import rezip

    path = export_with(device, tmp_path, {"q1": 1})
    contents = members(path)
    del contents["paradata.jsonl"]
    rezip(path, contents)
    merge_rejects(supervisor, path, Reason.MISSING_MEMBER)


def test_same_version_other_content_is_refused_with_both_hashes(
    supervisor: SQLiteStore, tmp_path: Path
) -> None:
    spoofer = new_db(tmp_path / "spoofer.db", version="2")
    theirs = install(spoofer, version="1", title="Sync test quietly changed")
    add_revision(spoofer, {"q1": 1}, questionnaire=theirs)
    export_file(spoofer, tmp_path / "x.fsx")
    ours = install(supervisor, version="1")["questionnaire_hash"]
    stderr = merge_rejects(supervisor, tmp_path / "x.fsx", Reason.VERSION_SPOOF)
    assert ours in stderr and theirs["questionnaire_hash"] in stderr


def _rewrite_record(device: SQLiteStore, path: Path, edit: Any) -> None:
    """Edit the last response record as JSON and re-sign the file (the hash is left stale:
    the checks against the questionnaire come first and must name the field)."""
    lines = members(path)["responses.jsonl"].splitlines()
    record = json.loads(lines[-1])
    edit(record)
    lines[-1] = json.dumps(record).encode()
    resign(device, path, replace={"responses.jsonl": b"\n".join(lines) + b"\n"})


def test_a_deep_yaml_questionnaire_given_to_validate(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("id: " + "[" * 150_000 + "]" * 150_000)
    result = CliRunner().invoke(main, ["validate", str(deep)], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{deep}:1: nesting deeper than 64 levels")


def test_a_deep_yaml_questionnaire_inside_a_file(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    path = export_with(device, tmp_path, {"q1": 1})
    (line,) = members(path)["questionnaires.jsonl"].splitlines()
    source = json.loads(line)
    source["source"] = "id: " + "[" * 150_000 + "]" * 150_000
    resign(device, path, replace={"questionnaires.jsonl": json.dumps(source).encode() + b"\n"})
    stderr = merge_rejects(supervisor, path, Reason.BAD_QUESTIONNAIRE)
    assert "unusable: nesting deeper than 64 levels" in stderr

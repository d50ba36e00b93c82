"""Every bad return file issue #12 lists: refused with exit 2 and its reason, the device
database unchanged. Forged files are signed again with the trusted supervisor's own key, so
only the check under test can refuse them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from return_helpers import (
    build_pair,
    copy_pair,
    dump,
    message_of,
    ok,
    receive_refused,
    resign_return,
    run,
    uuids,
)
from sync_helpers import members, rezip

from fieldsurvey.i18n import catalogue
from fieldsurvey.returns.errors import Refusal
from fieldsurvey.returns.format import OFFICE_REPORT, QUESTIONNAIRES, RETURNED
from fieldsurvey.returns.privacy import leaks
from fieldsurvey.scoring.report import ScoreReport
from fieldsurvey.store.sqlite import open_store
from fieldsurvey.sync import Reason, new_supervisor_keys

OTHER_KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
FIELD = re.compile(r"\{[^}]*\}")
"""A `{name}` (or `{name!r}`) placeholder of a template."""


@pytest.fixture(scope="session")
def returned_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pair where the supervisor rejected one interview and wrote `r.fsr` for it."""
    folder = tmp_path_factory.mktemp("return-bad")
    _, supervisor = build_pair(folder)
    ok(supervisor, "review", uuids(supervisor)[0], "--reject", "--comment", "q: redo it")
    ok(supervisor, "return", "--out", str(folder / "r.fsr"))
    return folder


@pytest.fixture
def case(returned_template: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    device, supervisor = copy_pair(returned_template, tmp_path)
    shutil.copy(returned_template / "r.fsr", tmp_path / "r.fsr")
    return device, supervisor, tmp_path / "r.fsr"


def returned_lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in members(path)[RETURNED].splitlines()]


def jsonl(records: list[dict[str, object]]) -> bytes:
    return b"".join(json.dumps(record).encode() + b"\n" for record in records)


def test_no_supervisor_key_set(case: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _, _, path = case
    receive_refused(tmp_path / "fresh.db", path, Refusal.NO_SUPERVISOR)


def test_signed_by_an_untrusted_key(case: tuple[Path, Path, Path], tmp_path: Path) -> None:
    device, _, _ = case
    stranger = tmp_path / "stranger.db"
    ok(stranger, "return", "--out", str(tmp_path / "x.fsr"))
    receive_refused(device, tmp_path / "x.fsr", Refusal.UNTRUSTED, lang="zh")


def test_made_for_another_device(case: tuple[Path, Path, Path], tmp_path: Path) -> None:
    device, supervisor, _ = case
    ok(supervisor, "devices", "enrol", "tablet-other", OTHER_KEY)
    ok(supervisor, "return", "--out", str(tmp_path / "o.fsr"), "--device", "tablet-other")
    err = receive_refused(device, tmp_path / "o.fsr", Refusal.OTHER_DEVICE, lang="zh")
    assert "tablet-other" in err


def test_an_older_file_is_refused_with_both_dates(
    case: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    device, supervisor, older = case
    ok(supervisor, "return", "--out", str(tmp_path / "newer.fsr"))
    ok(device, "receive", str(tmp_path / "newer.fsr"))
    err = receive_refused(device, older, Refusal.OLDER, lang="zh")
    made = [json.loads(members(p)["manifest.json"])["created_at"][:19]
            for p in (older, tmp_path / "newer.fsr")]  # fmt: skip
    assert all(stamp in err for stamp in made)


@pytest.mark.parametrize(
    ("field", "value", "reason", "lang"),
    [
        ("uuid", "01900000-0000-7000-8000-000000000000", Refusal.NEVER_HAD, "zh"),
        ("content_hash", "f" * 64, Refusal.UNKNOWN_REVISION, "km"),
        ("questionnaire_hash", "e" * 64, Refusal.OTHER_QUESTIONNAIRE, "en"),
        ("notes", {"no_such_question": "x"}, Refusal.UNKNOWN_QUESTION, "en"),
    ],
)
def test_a_returned_interview_the_device_does_not_have_as_judged(
    case: tuple[Path, Path, Path], field: str, value: object, reason: Refusal, lang: str
) -> None:
    device, supervisor, path = case
    records = returned_lines(path)
    records[0][field] = value
    resign_return(supervisor, path, {RETURNED: jsonl(records)})
    receive_refused(device, path, reason, lang=lang)


def test_a_questionnaire_version_that_fails_validation(case: tuple[Path, Path, Path]) -> None:
    device, supervisor, path = case
    source = {"hash": "d" * 64, "id": "x", "version": "1", "source": "id: x\nversion: '1'\n"}
    resign_return(
        supervisor,
        path,
        {QUESTIONNAIRES: jsonl([source])},
        current={"id": "x", "version": "1", "hash": "d" * 64},
        counts={"returned": 1, "questionnaires": 1},
    )
    receive_refused(device, path, Reason.BAD_QUESTIONNAIRE, lang="zh")


def test_an_office_report_with_a_cell_under_min_n(case: tuple[Path, Path, Path]) -> None:
    device, supervisor, path = case
    report = json.loads(members(path)[OFFICE_REPORT])
    area = report["reports"]["en"]["areas"][0]
    area.update(status="ok", n=3, score=12.5)
    resign_return(supervisor, path, {OFFICE_REPORT: json.dumps(report).encode()})
    receive_refused(device, path, Refusal.LEAK, lang="zh")


def test_min_n_is_checked_at_creation_by_the_same_rule() -> None:
    area = {"id": "a", "label": "A", "status": "suppressed", "n": None, "score": 40.0}
    report = ScoreReport.model_validate(
        {"questionnaire": "q", "title": "t", "language": "en", "status": "ok", "responses": 50,
         "versions": ["1"], "round": None, "rounds": [None], "rejected": 0,
         "include_rejected": False, "importance_method": None, "cuts": None, "areas": [area],
         "groups": {}, "equity_gaps": [], "trend": None, "awareness": [], "warnings": []}
    )  # fmt: skip
    assert leaks(report) == ["areas.a"]
    assert leaks(report.model_copy(update={"areas": []})) == []


def test_the_real_office_report_leaks_nothing(case: tuple[Path, Path, Path]) -> None:
    _, _, path = case
    report = json.loads(members(path)[OFFICE_REPORT])
    for scores in report["reports"].values():
        assert leaks(ScoreReport.model_validate(scores)) == []


def test_tampered_members_and_manifest(case: tuple[Path, Path, Path], tmp_path: Path) -> None:
    device, _, path = case
    contents = members(path)
    contents[RETURNED] = contents[RETURNED].replace(b"redo it", b"keep it")
    rezip(tmp_path / "members.fsr", contents)
    receive_refused(device, tmp_path / "members.fsr", Reason.DIGEST_MISMATCH, lang="km")
    contents = members(path)
    contents["manifest.json"] = contents["manifest.json"].replace(
        b'"devices": null', b'"devices": []'
    )
    rezip(tmp_path / "manifest.fsr", contents)
    receive_refused(device, tmp_path / "manifest.fsr", Reason.BAD_SIGNATURE)


def test_damaged_truncated_oversized_and_foreign_files(
    case: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    device, _, path = case
    data = path.read_bytes()
    (tmp_path / "cut.fsr").write_bytes(data[: len(data) // 2])
    receive_refused(device, tmp_path / "cut.fsr", Reason.DAMAGED_ZIP, lang="zh")
    (tmp_path / "text.fsr").write_bytes(b"hello")
    receive_refused(device, tmp_path / "text.fsr", Reason.NOT_ZIP)
    receive_refused(device, path, Reason.TOO_LARGE, "--max-size", "100")
    ok(device, "export", "--all", "--out", str(tmp_path / "export.fsx"))
    receive_refused(device, tmp_path / "export.fsx", Reason.UNEXPECTED_MEMBER)


def test_hostile_content(case: tuple[Path, Path, Path], tmp_path: Path) -> None:
    device, supervisor, path = case
    contents = members(path)
    contents["../evil"] = b"x"
    rezip(tmp_path / "path.fsr", contents)
    receive_refused(device, tmp_path / "path.fsr", Reason.UNSAFE_NAME)
    twice = returned_lines(path) * 2
    resign_return(
        supervisor, path, {RETURNED: jsonl(twice)}, counts={"returned": 2, "questionnaires": 0}
    )
    receive_refused(device, path, Refusal.DUPLICATE)
    resign_return(
        supervisor,
        path,
        {RETURNED: jsonl(returned_lines(path)[:1])},
        created_at="9999-01-01T00:00:00.000+00:00",
        counts={"returned": 1, "questionnaires": 0},
    )
    receive_refused(device, path, Reason.FUTURE_SIGNING)
    nested = b"[" * 100_000 + b"]" * 100_000
    resign_return(
        supervisor, path, {OFFICE_REPORT: nested}, created_at="2026-01-01T00:00:00.000+00:00"
    )
    receive_refused(device, path, Refusal.BAD_RECORD)


def test_return_refuses_an_unknown_device_and_an_existing_file(
    case: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, supervisor, path = case
    before = dump(supervisor)
    code, _, err = run(supervisor, "return", "--out", str(tmp_path / "n.fsr"), "--device", "nope")
    assert code == 2 and "no known device 'nope'" in err
    code, _, err = run(supervisor, "return", "--out", str(path))
    assert code == 2 and "already exists" in err
    assert dump(supervisor) == before and not (tmp_path / "n.fsr").exists()


def test_an_encrypted_file_needs_the_devices_key(
    case: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    device, supervisor, _ = case
    keys = tmp_path / "tablet"
    new_supervisor_keys(keys)  # `fieldsurvey keys new`: an age key pair, here the device's
    sealed = tmp_path / "sealed.fsr"
    out = ok(supervisor, "return", "--out", str(sealed), "--to", str(keys) + ".pub")
    assert "encrypted for 1 key(s)" in out
    receive_refused(device, sealed, Refusal.ENCRYPTED)
    new_supervisor_keys(tmp_path / "other")
    receive_refused(
        device, sealed, Reason.WRONG_IDENTITY, "--identity", str(tmp_path / "other.key")
    )
    assert "1 reopened" in ok(device, "receive", str(sealed), "--identity", str(keys) + ".key")


@pytest.mark.parametrize("lang", ["zh", "km"])
def test_every_refusal_has_words_in_each_language_with_the_same_parameters(lang: str) -> None:
    words = catalogue(lang)
    for reason in [*Refusal, *Reason]:
        template = words.gettext(reason.value)
        assert template != reason.value, reason
        assert sorted(FIELD.findall(template)) == sorted(FIELD.findall(reason.value)), reason


def test_a_file_for_many_other_devices_names_three_and_counts_the_rest(
    case: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    device, supervisor, _ = case
    args = []
    for n in range(5):
        ok(supervisor, "devices", "enrol", f"tablet-{n}", OTHER_KEY[:-2] + "AEIMQ"[n] + "=")
        args += ["--device", f"tablet-{n}"]
    ok(supervisor, "return", "--out", str(tmp_path / "o.fsr"), *args)
    err = receive_refused(device, tmp_path / "o.fsr", Refusal.OTHER_DEVICES, lang="zh")
    assert "tablet-2" in err and "tablet-3" not in err


def test_the_devices_language_is_the_default_and_an_unknown_one_is_refused(
    case: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    device, _, path = case
    store = open_store(device)
    store.set_setting("language", "zh")
    store.close()
    before = dump(device)
    code, _, err = run(device, "receive", str(path), "--lang", "xx")
    assert code == 2 and "--lang: 'xx' is not a language of fieldsurvey" in err
    stranger = tmp_path / "stranger.db"
    ok(stranger, "return", "--out", str(tmp_path / "x.fsr"))
    code, _, err = run(device, "receive", str(tmp_path / "x.fsr"))  # no --lang: the device's
    assert code == 2 and re.search(message_of(Refusal.UNTRUSTED, "zh"), err), err
    assert dump(device) == before

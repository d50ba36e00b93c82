"""Files back to the field (issue #12): reject -> return -> receive -> revise -> export ->
merge as "updated", review state pending again; the same file twice changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from return_helpers import build_pair, copy_pair, dump, ok, run, uuids

from fieldsurvey.engine import resume_interview
from fieldsurvey.paths import bundled_questionnaire_path, cache_dir
from fieldsurvey.questionnaire.cache import load_questionnaire_cached
from fieldsurvey.store.published import current_questionnaire
from fieldsurvey.store.sqlite import SQLiteStore, open_store

COMMENT = "no consent recorded\nacc_office_near: asked for the spouse\nnot_a_question: ignored"


@pytest.fixture(scope="session")
def pair_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("return-pair")
    build_pair(folder)
    return folder


@pytest.fixture
def pair(pair_template: Path, tmp_path: Path) -> tuple[Path, Path]:
    return copy_pair(pair_template, tmp_path)


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[list[SQLiteStore]]:
    stores: list[SQLiteStore] = []
    yield stores
    for store in stores:
        store.close()


def test_the_whole_loop(pair: tuple[Path, Path], tmp_path: Path, opened: list[SQLiteStore]) -> None:
    device, supervisor = pair
    rejected, flagged, fine = uuids(supervisor)[:3]
    ok(supervisor, "review", rejected, "--reject", "--comment", COMMENT)
    ok(supervisor, "review", flagged, "--issue", "--comment", "check the office")
    ok(supervisor, "review", fine, "--approve")
    out = ok(supervisor, "return", "--out", str(tmp_path / "r1.fsr"))
    assert "2 interviews to revise" in out
    out = ok(device, "receive", str(tmp_path / "r1.fsr"))
    assert "2 interviews returned, 2 reopened as drafts" in out

    store = open_store(device)
    opened.append(store)
    revisions = store.revisions(rejected)
    assert [(r.revision, r.status.value, r.is_head) for r in revisions] == [
        (1, "complete", 1),
        (2, "draft", 0),
    ]
    assert revisions[1].parent_hash == revisions[0].content_hash
    note = store.returned_note(rejected)
    assert note is not None and note.state == "rejected" and note.comment == COMMENT
    assert note.notes == {"acc_office_near": "asked for the spouse"}
    assert store.office_report() is not None

    interview = resume_interview(store, revisions[1].id)
    assert interview.complete() == []
    ok(device, "export", "--out", str(tmp_path / "e2.fsx"))
    code, out, err = run(supervisor, "merge", str(tmp_path / "e2.fsx"), "--json")
    assert code == 0, err
    assert json.loads(out)["files"][0]["updated"] == 1
    assert ok(supervisor, "review", rejected).startswith(f"{rejected}: pending")
    assert ok(supervisor, "review", fine).startswith(f"{fine}: approved")
    out = ok(supervisor, "return", "--out", str(tmp_path / "r2.fsr"))
    assert "1 interviews to revise" in out  # only the one marked "has issues" is left


def test_receiving_the_same_file_twice_changes_nothing(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    device, supervisor = pair
    ok(supervisor, "review", uuids(supervisor)[0], "--reject", "--comment", "why")
    ok(supervisor, "return", "--out", str(tmp_path / "r.fsr"))
    ok(device, "receive", str(tmp_path / "r.fsr"))
    before = dump(device)
    assert "received before" in ok(device, "receive", str(tmp_path / "r.fsr"))
    assert dump(device) == before


def test_a_published_version_becomes_current_and_drafts_stay_on_theirs(
    pair: tuple[Path, Path], tmp_path: Path, opened: list[SQLiteStore]
) -> None:
    device, supervisor = pair
    ok(supervisor, "review", uuids(supervisor)[0], "--reject", "--comment", "redo")
    bundled = load_questionnaire_cached(bundled_questionnaire_path(), cache_dir()).version
    text = bundled_questionnaire_path().read_text(encoding="utf-8")
    newer = tmp_path / "newer.yaml"
    newer.write_text(text.replace(f'version: "{bundled}"', 'version: "9.0"', 1), "utf-8")
    ok(supervisor, "questionnaire", "publish", str(newer))
    ok(supervisor, "return", "--out", str(tmp_path / "r.fsr"))
    out = ok(device, "receive", str(tmp_path / "r.fsr"))
    assert "questionnaire client-satisfaction 9.0 is now current" in out
    store = open_store(device)
    opened.append(store)
    current = current_questionnaire(store)
    assert current is not None and current.version == "9.0"
    drafts = store.list_drafts()
    assert [d.questionnaire_version for d in drafts] == [bundled]  # reopened on its own version

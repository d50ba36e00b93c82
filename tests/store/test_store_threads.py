"""The UI thread saves answers while a Sync worker merges files into the same store.

Each thread has its own connection, so their transactions queue on SQLite's write lock and
stay whole. With one shared connection (before #15) an answer joined the merge's open
transaction and vanished when the merged file failed, and an answer's COMMIT committed half of
a file being merged. The merged file's failure is injected at a write inside its unit of work
(the store's own method, then a disk-full error), the way a full disk would stop it.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from fieldsurvey.engine import Interview, start_interview
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.errors import DiskFull
from fieldsurvey.store.records import ImportRow, IncomingRevision
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.sync import MergeReport, export_file, merge_files

WAIT = 1.0
"""How long the failing merge waits for the answer before it fails (the answer cannot finish
first when it waits for the merge's write lock, as it should)."""


@pytest.fixture
def export(tmp_path: Path, one_question: Questionnaire) -> Path:
    """A file from another device holding one complete interview."""
    device = open_store(tmp_path / "device.db")
    interview = start_interview(device, one_question)
    assert interview.answer("n", 1) is None and interview.complete() == []
    path = tmp_path / "device.fsx"
    export_file(device, path)
    device.close()
    return path


def merge_in_worker(
    store: SQLiteStore, export: Path, reports: list[MergeReport]
) -> threading.Thread:
    def run() -> None:
        reports.append(merge_files(store, [export]))

    worker = threading.Thread(target=run)
    worker.start()
    return worker


def failed_to_store(reports: list[MergeReport]) -> bool:
    """The one file was rejected because the store failed (its unit rolled back)."""
    (report,) = reports
    (result,) = report.files
    return result.status == "rejected" and "the disk is full" in (result.error or "")


def merged_rows(path: Path) -> tuple[int, int]:
    """(files recorded as merged, revisions from other devices), read on a new connection."""
    fresh = open_store(path)
    imports = fresh.execute("SELECT COUNT(*) FROM imports").fetchone()[0]
    device = fresh.device_id()
    others = fresh.execute("SELECT COUNT(*) FROM responses WHERE device_id != ?", [device])
    counts = (imports, others.fetchone()[0])
    fresh.close()
    return counts


def test_an_answer_saved_while_a_merge_fails_in_a_worker_is_kept(
    tmp_path: Path, one_question: Questionnaire, export: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path / "supervisor.db")
    interview = start_interview(store, one_question)
    in_merge, answered = threading.Event(), threading.Event()

    def record_then_fail(row: ImportRow) -> None:
        SQLiteStore.record_import(store, row)  # the file's last write, inside its unit
        in_merge.set()
        answered.wait(WAIT)
        raise DiskFull("the disk is full")

    monkeypatch.setattr(store, "record_import", record_then_fail)
    reports: list[MergeReport] = []
    worker = merge_in_worker(store, export, reports)
    assert in_merge.wait(10)
    assert interview.answer("n", 7) is None  # "saved": committed before returning
    answered.set()
    worker.join()

    assert failed_to_store(reports)  # the merged file failed and rolled back...
    assert merged_rows(store.path) == (0, 0)
    assert open_store(store.path).load_answers(interview.response_id) == {"n": 7}  # ...not this


def test_closing_an_interview_mid_merge_never_commits_part_of_the_file(
    tmp_path: Path, one_question: Questionnaire, export: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path / "supervisor.db")
    part_written, closed = threading.Event(), threading.Event()
    reports: list[MergeReport] = []
    workers: list[threading.Thread] = []

    def insert_then_fail(columns: tuple[str, ...], revisions: list[IncomingRevision]) -> None:
        SQLiteStore.insert_revisions(store, columns, revisions)  # part of the file
        part_written.set()
        closed.wait(WAIT)
        raise DiskFull("the disk is full")

    def clock() -> float:
        """The interview's page timer; as the interview closes, a merge starts."""
        if closing and not workers:
            workers.append(merge_in_worker(store, export, reports))
            part_written.wait(WAIT)
        return time.monotonic()

    monkeypatch.setattr(store, "insert_revisions", insert_then_fail)
    closing = False
    interview: Interview = start_interview(store, one_question, clock=clock)
    assert interview.answer("n", 7) is None
    closing = True
    assert interview.complete() == []
    closed.set()
    workers[0].join()

    assert failed_to_store(reports)
    assert merged_rows(store.path) == (0, 0)  # the failed file left nothing, not half of it
    fresh = open_store(store.path)
    assert fresh.get_response(interview.response_id).status == "complete"  # type: ignore[union-attr]
    assert fresh.load_answers(interview.response_id) == {"n": 7}


def test_each_thread_has_its_own_connection_closed_after_the_thread(tmp_path: Path) -> None:
    store = open_store(tmp_path / "survey.db")
    seen: list[int] = []

    def read() -> None:
        seen.append(id(store.conn))
        store.get_setting("office")

    for _ in range(3):
        worker = threading.Thread(target=read)
        worker.start()
        worker.join()
    assert id(store.conn) not in seen  # the workers never used this thread's connection
    open_now = store._connections._open  # the adapter's own bookkeeping
    assert len(open_now) <= 2  # this thread's, and at most the last worker's until the next
    store.close()
    assert store._connections._open == []

"""kill -9 at random moments: every acknowledged answer survives and the draft resumes in place.

A warmed-up helper process forks one scripted interview per trial; the child prints
`ACK <question>` after each answer() returns, and this test SIGKILLs it at a random moment.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import ModuleType

import pytest

from fieldsurvey.engine import resume_interview
from fieldsurvey.engine.navigation import next_page
from fieldsurvey.engine.state import FormState
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.sqlite import open_store

TRIALS = 60
CHILD = Path(__file__).with_name("interview_child.py")

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")


def _load_child() -> ModuleType:
    spec = importlib.util.spec_from_file_location("interview_child", CHILD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


child = _load_child()


class Trial:
    """One forked interview: what it acknowledged before it died."""

    def __init__(self, helper: subprocess.Popen[str], database: Path, seed: int) -> None:
        self.helper = helper
        self.acked: list[str] = []
        self.completed = False
        self.pid = 0
        helper.stdin.write(f"RUN {database} {seed}\n")  # type: ignore[union-attr]
        helper.stdin.flush()  # type: ignore[union-attr]

    def read(self) -> bool:
        """Read one line; False once the child is gone."""
        line = self.helper.stdout.readline().split()  # type: ignore[union-attr]
        assert line, "the helper process died"
        kind = line[0]
        if kind == "PID":
            self.pid = int(line[1])
        elif kind == "ACK":
            self.acked.append(line[1])
        elif kind == "COMPLETE":
            self.completed = True
        return kind != "DONE"

    def kill_after(self, acks: int, delay: float) -> None:
        alive = True
        while alive and (not self.pid or len(self.acked) < acks):
            alive = self.read()
        time.sleep(delay)
        if alive:
            with contextlib.suppress(ProcessLookupError):  # it may have just finished
                os.kill(self.pid, signal.SIGKILL)
        while alive:
            alive = self.read()


def test_acknowledged_answers_survive_kill_9(tmp_path: Path) -> None:
    questionnaire = Questionnaire.model_validate(child.QUESTIONNAIRE)
    rng = random.Random(9)
    helper = subprocess.Popen(
        [sys.executable, str(CHILD)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    watchdog = threading.Timer(60, helper.kill)  # a hung helper fails the test, not the run
    watchdog.start()
    killed = 0
    try:
        for trial in range(TRIALS):
            database = tmp_path / f"trial-{trial}.db"
            answers = [step for step in child.script(trial) if step is not None]
            run = Trial(helper, database, trial)
            run.kill_after(rng.randrange(len(answers)), rng.uniform(0, 0.0015))
            _check(questionnaire, database, answers, run)
            killed += not run.completed
    finally:
        helper.stdin.close()  # type: ignore[union-attr]
        helper.wait(timeout=10)
        watchdog.cancel()
    assert killed >= TRIALS // 2, f"only {killed} of {TRIALS} interviews were killed mid-way"


def _check(
    questionnaire: Questionnaire, database: Path, script: list[tuple[str, object]], run: Trial
) -> None:
    db = open_store(database)
    rows = db.execute("SELECT id, status FROM responses").fetchall()
    if not rows:
        assert not run.acked, "answers were acknowledged but no interview was stored"
        return
    ((response_id, status),) = rows
    stored = db.load_answers(response_id)
    expected = dict(script)
    for question in run.acked:
        assert stored.get(question) == expected[question], f"lost acknowledged {question}"
    given = [question for question, _ in script if question in stored]
    assert given[: len(run.acked)] == run.acked
    assert len(given) <= len(run.acked) + 1  # at most the answer being acknowledged at the kill
    if status == "complete":
        assert run.completed or len(given) == len(script)
        return
    assert status == "draft"
    resumed = resume_interview(db, response_id, [questionnaire])
    where = resumed.page.index if resumed.page else len(resumed.plan.pages)
    if given:  # on the page of the last answer, or the next one if next() was committed
        last = resumed.plan.page_of[given[-1]]
        assert where in (last, next_page(FormState(resumed.plan, stored), last))
    else:
        assert where in (0, 1)
    assert {q: resumed.value(q) for q in given} == {q: expected[q] for q in given}
    db.close()

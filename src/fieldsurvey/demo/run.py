"""Driving the engine with simulated respondents, fast enough for a million answers.

Every interview goes through the same `Interview` API as a real one (relevance, constraints,
completion, content hash), so demo data is exactly what the field would produce.

For speed, interviews are made in chunks: each chunk in a worker process, into a scratch
database that carries this device's identity, with fsync off (a crash loses only scratch
files). The chunks are then copied into the real database in chunk order, one transaction
each. Chunk k always draws from the random stream (seed, k), so the same seed gives the
same answers whatever the number of workers.
"""

from __future__ import annotations

import os
import random
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from fieldsurvey.demo.answers import AnswerPicker
from fieldsurvey.demo.respondents import make_respondent
from fieldsurvey.demo.timing import ReadingModel
from fieldsurvey.engine import start_interview
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import QuestionLike
from fieldsurvey.store.interface import DemoTarget, InterviewStore, ScratchOpener
from fieldsurvey.store.status import Status

CHUNK = 250
MAX_PAGES = 10_000
"""A guard against a questionnaire whose pages never end."""
COPIED_SETTINGS = ("device_id", "interviewer", "office", "round", "language")
PACE_SPREAD = 0.2
"""Clients differ in pace: the sd of the log of a whole interview's speed factor."""
PAGE_SPREAD = 0.3
"""Pages differ too (a question to repeat, a client who thinks aloud)."""

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoResult:
    responses: int
    answers: int


@dataclass(frozen=True)
class Chunk:
    index: int
    size: int
    seed: int
    settings: dict[str, str]
    scratch: Path
    open_scratch: ScratchOpener


def make_demo_responses(
    store: DemoTarget,
    questionnaire: Questionnaire,
    count: int,
    *,
    seed: int = 0,
    device: str | None = None,
    round: str | None = None,
    workers: int | None = None,
    on_progress: Progress | None = None,
) -> DemoResult:
    """Add `count` complete interviews to `store`; the same seed gives the same answers.

    `round` (already checked, see questionnaire/rounds.py) is recorded on these interviews
    instead of the round in Settings, which stays as it is."""
    store.device_id()  # the scratch databases must carry this device's identity
    if device:
        store.set_setting("device_name", device)
    settings = store.get_settings(COPIED_SETTINGS) | ({"round": round} if round else {})
    opener = store.scratch_opener()
    workers = workers or min(os.cpu_count() or 1, 4)
    answers = done = 0
    with tempfile.TemporaryDirectory(prefix="fieldsurvey-demo-") as scratch_dir:
        chunks = [
            Chunk(
                index,
                min(CHUNK, count - start),
                seed,
                settings,
                Path(scratch_dir) / f"{index}.db",
                opener,
            )
            for index, start in enumerate(range(0, count, CHUNK))
        ]
        results: Iterable[int]
        if workers == 1 or len(chunks) == 1:
            results = map(_make_chunk, [questionnaire] * len(chunks), chunks)
            answers, done = _copy_all(store, chunks, results, count, on_progress)
        else:
            with ProcessPoolExecutor(workers) as pool:
                results = pool.map(_make_chunk, [questionnaire] * len(chunks), chunks)
                answers, done = _copy_all(store, chunks, results, count, on_progress)
    return DemoResult(responses=done, answers=answers)


def _copy_all(
    store: DemoTarget,
    chunks: list[Chunk],
    results: Iterable[int],
    count: int,
    on_progress: Progress | None,
) -> tuple[int, int]:
    answers = done = 0
    for chunk, made in zip(chunks, results, strict=True):
        answers += made
        store.copy_responses_from(chunk.scratch)
        chunk.scratch.unlink()
        done += chunk.size
        if on_progress:
            on_progress(done, count)
    return answers, done


def _make_chunk(questionnaire: Questionnaire, chunk: Chunk) -> int:
    """Make one chunk's interviews in its scratch database; returns the number of answers."""
    scratch = chunk.open_scratch(chunk.scratch)
    with scratch.unit_of_work():
        for key, value in chunk.settings.items():
            scratch.set_setting(key, value)
    rng = random.Random(f"{chunk.seed}:{chunk.index}")
    answers = 0
    with scratch.unit_of_work():
        for _ in range(chunk.size):
            answers += _one_interview(scratch, questionnaire, rng)
    scratch.close()
    return answers


class SimulatedClock:
    """Monotonic seconds that advance as a real interview would: each page takes what the
    reading-speed model says (timing.py), times the client's pace and a page's own noise."""

    def __init__(self, rng: random.Random, model: ReadingModel) -> None:
        self.rng = rng
        self.model = model
        self.pace = rng.lognormvariate(0, PACE_SPREAD)
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def spend_on(self, items: list[QuestionLike]) -> None:
        """The time the page with these visible items takes, before moving on."""
        noise = self.rng.lognormvariate(0, PAGE_SPREAD)
        self.now += self.model.page_seconds(items) * self.pace * noise


def _one_interview(store: InterviewStore, questionnaire: Questionnaire, rng: random.Random) -> int:
    """One interview from consent to completion; returns how many answers it stored."""
    respondent = make_respondent(questionnaire, random.Random(rng.getrandbits(64)))
    language = rng.choice(questionnaire.languages)
    picker = AnswerPicker(questionnaire, respondent, language)
    model = ReadingModel(questionnaire, language)
    clock = SimulatedClock(random.Random(rng.getrandbits(64)), model)
    interview = start_interview(store, questionnaire, language=language, clock=clock)
    for _ in range(MAX_PAGES):
        if interview.page is None or interview.status is not Status.DRAFT:
            break
        items = interview.page_items()
        for question in items:
            value = picker.answer(question)
            if value is None:
                continue
            problem = interview.answer(question.id, value)
            if problem is not None:
                raise RuntimeError(f"demo answer {value!r} to {question.id}: {problem.message}")
        clock.spend_on(items)
        interview.next()
    problems = interview.complete() if interview.status is Status.DRAFT else []
    if problems:
        detail = "; ".join(f"{p.question}: {p.message}" for p in problems)
        raise RuntimeError(f"a demo interview could not be completed: {detail}")
    return len(interview.answers())

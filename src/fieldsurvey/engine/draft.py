"""Writing one draft through the store's `DraftSink`: each change one commit, with page timing.

A failed commit raises `EngineError` (disk full, read-only, busy...) and leaves the database as
it was; the caller undoes its in-memory change (`FormState.tentatively`) so both stay in step.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Mapping

from fieldsurvey.engine.errors import EngineError
from fieldsurvey.questionnaire.expressions import Value
from fieldsurvey.store.errors import StoreError
from fieldsurvey.store.interface import DraftSink, UnitOfWork
from fieldsurvey.store.records import Event, utc_now
from fieldsurvey.store.status import Status


def engine_error(exc: StoreError, consequence: str) -> EngineError:
    """A storage failure as an EngineError with its code, naming its consequence."""
    return EngineError(exc.code, f"{exc.message}; {consequence}")


@contextlib.contextmanager
def failing_as(consequence: str) -> Iterator[None]:
    """A storage failure inside becomes an EngineError naming its consequence."""
    try:
        yield
    except StoreError as exc:
        raise engine_error(exc, consequence) from exc


@contextlib.contextmanager
def saving(store: UnitOfWork, consequence: str) -> Iterator[None]:
    """One unit of work; a failed write becomes an EngineError naming its consequence."""
    with failing_as(consequence), store.unit_of_work():
        yield


class DraftWriter:
    def __init__(
        self,
        sink: DraftSink,
        response_id: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.sink = sink
        self.response_id = response_id
        self.clock = clock
        self.page_key: str | None = None
        """First item of the page on screen (None at the end): `current_question`."""
        self._entered_at: float | None = None

    def save(
        self,
        answers: Mapping[str, Value],
        events: list[Event],
        consequence: str,
        columns: Mapping[str, object] | None = None,
    ) -> None:
        """Answers (None deletes), events and draft columns in one commit, with updated_at."""
        changes = {"current_question": self.page_key, **(columns or {})}
        try:  # not `with failing_as(...)`: every answer passes here (demo: a million times)
            self.sink.save_draft(self.response_id, answers, events, changes, utc_now())
        except StoreError as exc:
            raise engine_error(exc, consequence) from exc

    def move(self, page_key: str | None, events: list[Event], answers: Mapping[str, Value]) -> None:
        """Record leaving the page on screen and entering `page_key` (None: the end)."""
        entered = Event("enter", page_key, detail=None if page_key else "end")
        moves = [*events, *self.leave(), entered]
        columns = {"current_question": page_key}
        self.save(answers, moves, "the interview did not move", columns)
        self.page_key = page_key
        self._entered_at = self.clock()

    def leave(self) -> list[Event]:
        """The `leave` event of the page on screen, with the monotonic time spent on it."""
        if self._entered_at is None:
            return []
        spent = round((self.clock() - self._entered_at) * 1000)
        return [Event("leave", self.page_key, duration_ms=spent)]

    def suspend(self) -> None:
        self.save({}, self.leave(), "the pause was not recorded")
        self._entered_at = None

    def close(self, status: Status, events: list[Event], keep: list[str] | None) -> str:
        """Close as `status`; with `keep`, every other answer goes in the same commit.

        Returns the content hash. A refused interview keeps no persona.
        """
        with failing_as(f"the interview was not closed as {status}"):
            events = [*self.leave(), *events]
            digest = self.sink.close_draft(self.response_id, status, events, keep, utc_now())
        self.page_key, self._entered_at = None, None
        return digest

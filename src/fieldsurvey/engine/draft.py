"""Writing one draft: each change is one commit, paradata included, with page timing.

A failed commit raises `EngineError` (disk full, read-only, busy...) and leaves the database as
it was; the caller undoes its in-memory change (`FormState.tentatively`) so both stay in step.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping

import sqlite_utils

from fieldsurvey.engine.errors import EngineError
from fieldsurvey.questionnaire.expressions import Value
from fieldsurvey.store.db import describe_write_error, utc_now, write_transaction
from fieldsurvey.store.paradata import Event, add_events
from fieldsurvey.store.responses import close_revision, keep_answers, save_answers, update_draft


@contextlib.contextmanager
def saving(db: sqlite_utils.Database, consequence: str) -> Iterator[None]:
    """One write transaction; a failed write becomes an EngineError naming its consequence."""
    try:
        with write_transaction(db):
            yield
    except sqlite3.Error as exc:
        code, message = describe_write_error(exc)
        raise EngineError(code, f"{message}; {consequence}") from exc


class DraftWriter:
    def __init__(
        self,
        db: sqlite_utils.Database,
        response_id: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db = db
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
        at = utc_now()
        with saving(self.db, consequence):
            if answers:
                save_answers(self.db, self.response_id, answers, at)
            if events:
                add_events(self.db, self.response_id, events, at)
            changes = {"current_question": self.page_key, **(columns or {})}
            update_draft(self.db, self.response_id, updated_at=at, **changes)

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

    def close(self, status: str, events: list[Event], keep: list[str] | None) -> str:
        """Close as `status`; with `keep`, every other answer goes in the same commit.

        Returns the content hash. A refused interview keeps no persona.
        """
        at = utc_now()
        with saving(self.db, f"the interview was not closed as {status}"):
            if keep is not None:
                keep_answers(self.db, self.response_id, keep)
            if status == "refused":
                update_draft(self.db, self.response_id, persona=None)
            add_events(self.db, self.response_id, [*self.leave(), *events], at)
            digest = close_revision(self.db, self.response_id, status, at)
        self.page_key, self._entered_at = None, None
        return digest

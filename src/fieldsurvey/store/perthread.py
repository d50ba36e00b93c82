"""One connection per thread, for every adapter (docs/architecture.md, the threading rule).

A thread's connection is opened on its first use and kept for the thread; one whose thread
has ended (a finished Textual worker) is closed when the next thread opens one, so short-lived
workers do not pile up connections; `close` closes them all. An adapter says how to open one
and when one can no longer be used (PostgreSQL: the server closed it), which is then replaced.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from fieldsurvey.store import errors


class Closable(Protocol):
    def close(self) -> None: ...


C = TypeVar("C", bound=Closable)


class PerThread(Generic[C]):
    def __init__(
        self, where: str, open_one: Callable[[], C], usable: Callable[[C], bool] | None = None
    ) -> None:
        self.where = where
        self._open_one = open_one
        self._usable = usable
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[tuple[weakref.ref[threading.Thread], C]] = []
        self._closed = False

    def adopt(self, conn: C) -> None:
        """Use `conn` (the adapter's first, checked connection) as this thread's."""
        with self._lock:
            self._open.append((weakref.ref(threading.current_thread()), conn))
        self._local.conn = conn

    def get(self) -> C:
        conn: C | None = getattr(self._local, "conn", None)
        if conn is None or self._closed or (self._usable is not None and not self._usable(conn)):
            conn = self._new()  # refuses once closed
        return conn

    def _new(self) -> C:
        with self._lock:
            if self._closed:
                raise errors.StoreError("the database is closed", path=self.where)
            self._close_finished()
            conn = self._open_one()
        self.adopt(conn)
        return conn

    def _close_finished(self) -> None:
        alive = []
        for thread, conn in self._open:
            owner = thread()
            usable = self._usable is None or self._usable(conn)
            if owner is None or not owner.is_alive() or not usable:
                conn.close()
            else:
                alive.append((thread, conn))
        self._open = alive

    def close(self) -> None:
        """Close every connection (at exit, once workers are done)."""
        with self._lock:
            self._closed = True
            for _, conn in self._open:
                conn.close()
            self._open = []

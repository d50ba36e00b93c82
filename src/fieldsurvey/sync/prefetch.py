"""Reading an export's lines from SQLite in a thread while the caller checks the ones before.

SQLite builds each record's JSON in C, with the GIL released, and writer.py validates every
line against the file format with the GIL held; on two cores the two overlap. (The zip writer
compresses in a third thread, zlib releasing the GIL too.) Only reads run in the thread, on
the export's own connection, and `Prefetch` never lets the caller go on until the thread has
stopped: the connection is never used by two threads at once.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterable, Iterator
from itertools import islice

BATCH = 500
"""Lines handed over at a time (one queue operation per batch, not per line)."""
DEPTH = 8
"""Batches read ahead at most: bounds the memory held (a few MB)."""
_DONE = object()


class Prefetch:
    """`with Prefetch(lines) as ahead:` iterate `ahead`; the thread is joined on exit."""

    def __init__(self, lines: Iterable[bytes]) -> None:
        self._lines = lines
        self._box: queue.Queue[object] = queue.Queue(maxsize=DEPTH)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._fill, name="fieldsurvey-export-read")

    def __enter__(self) -> Iterator[bytes]:
        return self._drain()

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        while self._thread.is_alive():  # unblock a thread waiting for room in the queue
            with contextlib.suppress(queue.Empty):
                self._box.get(timeout=0.05)

    def _drain(self) -> Iterator[bytes]:
        """Starts reading on the first line asked for, so two Prefetch of one connection,
        consumed one after the other, never read at the same time."""
        self._thread.start()
        while (item := self._box.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item
            yield from item  # type: ignore[misc]  # a batch: list[bytes]

    def _fill(self) -> None:
        try:
            lines = iter(self._lines)
            while batch := list(islice(lines, BATCH)):
                if not self._put(batch):
                    return
            self._put(_DONE)
        except BaseException as exc:  # handed to the caller, raised there
            self._put(exc)

    def _put(self, item: object) -> bool:
        while not self._stop.is_set():
            try:
                self._box.put(item, timeout=0.05)
            except queue.Full:
                continue
            return True
        return False

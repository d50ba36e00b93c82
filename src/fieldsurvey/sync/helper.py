"""Reading export files in a helper process while merge stores the file before.

Verifying a file is Python work (decompression, the schema of every line, a content hash per
record) and storing it is SQLite work, so with two cores the two overlap. The helper is a plain
`python -c` child that reads requests as pickles on its stdin and writes results as
length-prefixed pickles on its stdout. (Not multiprocessing: its spawn would import the app's
main module, the CLI or the whole UI, again in the child; and fork is unsafe under the UI's
threads.)

It starts when merge meets the first file that needs reading in full (re-merging files merged
before never starts it), and merge goes on reading files itself until the helper says it is
ready, so its start-up is hidden too. It reads at most LOOKAHEAD files ahead of the one being
stored, which bounds memory. If it cannot start, or dies, merge reads the rest itself (so an
error in reading surfaces there too): results never depend on the helper, which writes nothing.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from fieldsurvey.sync.prepare import Prepared, Reading, prepare

LOOKAHEAD = 2
"""Files the helper reads ahead of the one being stored."""
MIN_BYTES = 4 * 1024 * 1024
"""Bytes of files left to read for the helper to be worth starting: about half a second of
reading, against the fraction of a second it takes to start."""

GC_THRESHOLD = 50_000
"""Allocations between the child's young-generation collections (Python's default is 700): a
file's records are a few hundred thousand acyclic objects, freed by reference counting, and
collecting every 700 of them took a sixth of the child's time."""

_CHILD = "import sys; sys.path[:] = {path!r}; from {module} import serve; serve()"
_READY = "ready"
_HEAD = 8
"""Bytes of the length before each result."""
_GONE = object()
_STOP = object()


def prepared_files(paths: Sequence[Path], reading: Reading) -> Iterator[tuple[Path, Prepared]]:
    """Each path with its `Prepared`, in order: read here, or by the helper once it is up."""
    helper: _Helper | None = None
    try:
        for k, path in enumerate(paths):
            prepared = helper.take(paths, k) if helper is not None else None
            if prepared is None:
                prepared = prepare(path, reading)
                if helper is None and _worth_a_helper(prepared, paths[k + 1 :]):
                    helper = _Helper(reading)
            yield path, prepared
    finally:
        if helper is not None:
            helper.stop()


def _worth_a_helper(prepared: Prepared, left: Sequence[Path]) -> bool:
    """A file needed reading in full, and enough are left (a frozen app cannot run `-c`)."""
    if prepared.export is None or len(left) < 2 or getattr(sys, "frozen", False):
        return False
    return sum(_size(path) for path in left) >= MIN_BYTES


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


class _Helper:
    """The child process, with a thread writing requests to it and one reading its results."""

    def __init__(self, reading: Reading) -> None:
        self._failed = False
        self._first: int | None = None  # the first path handed over, once the child is ready
        self._sent = 0
        self._inbox: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._outbox: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._process: subprocess.Popen[bytes] | None = None
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-c", _CHILD.format(path=[*map(str, sys.path)], module=__name__)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # the UI owns the terminal; errors resurface here
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except OSError:
            self._failed = True
            return
        threading.Thread(target=self._read, name="fieldsurvey-merge-read", daemon=True).start()
        threading.Thread(target=self._write, name="fieldsurvey-merge-write", daemon=True).start()
        self._outbox.put(reading)

    def take(self, paths: Sequence[Path], k: int) -> Prepared | None:
        """paths[k] as the helper read it; None if it is not up yet, or failed."""
        if self._failed or (self._first is None and not self._ready()):
            return None
        if self._first is None:
            self._first = self._sent = k
        while self._sent < min(k + 1 + LOOKAHEAD, len(paths)):
            self._outbox.put(paths[self._sent])
            self._sent += 1
        prepared = self._unpickled(self._inbox.get())
        if isinstance(prepared, Prepared):
            return prepared
        self._fail()
        return None

    def stop(self) -> None:
        """Kill the child, which holds nothing worth waiting for (it may still be starting)."""
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._outbox.put(_STOP)

    def _ready(self) -> bool:
        """Whether the child has said it is ready; never blocks."""
        try:
            message = self._inbox.get_nowait()
        except queue.Empty:
            return False
        if self._unpickled(message) == _READY:
            return True
        self._fail()
        return False

    def _unpickled(self, message: object) -> object:
        """Unpickled here, not on the reading thread: there it would hold the GIL while the
        thread storing rows waits for it after every SQLite statement."""
        try:
            return pickle.loads(message) if isinstance(message, bytes) else None
        except Exception:  # garbled: treated as the child being gone
            return None

    def _fail(self) -> None:
        self._failed = True
        self.stop()

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        with self._process.stdout as stream:
            while len(head := stream.read(_HEAD)) == _HEAD:
                size = int.from_bytes(head, "little")
                if len(message := stream.read(size)) != size:
                    break
                self._inbox.put(message)
        self._inbox.put(_GONE)

    def _write(self) -> None:
        assert self._process is not None and self._process.stdin is not None
        with contextlib.suppress(OSError):  # the child is gone: the reading thread says so
            while (message := self._outbox.get()) is not _STOP:
                pickle.dump(message, self._process.stdin, pickle.HIGHEST_PROTOCOL)
                self._process.stdin.flush()
        with contextlib.suppress(OSError):
            self._process.stdin.close()


def serve() -> None:
    """The child: a `Reading`, then paths until EOF; one `Prepared` back for each."""
    requests, results = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not land in the results
    reading = pickle.load(requests)
    gc.freeze()  # the modules imported so far are never garbage
    gc.set_threshold(GC_THRESHOLD)
    _send(results, _READY)
    while True:
        try:
            path = pickle.load(requests)
        except EOFError:
            return
        _send(results, prepare(path, reading))


def _send(results: BinaryIO, message: object) -> None:
    data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    results.write(len(data).to_bytes(_HEAD, "little") + data)
    results.flush()

"""Prefetch: every line in order, a reader's error raised in the caller, and no thread left
behind when the caller stops early (the connection is then the caller's alone again)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from fieldsurvey.sync.prefetch import BATCH, DEPTH, Prefetch


def names() -> set[str]:
    return {thread.name for thread in threading.enumerate()}


def test_every_line_in_order() -> None:
    lines = [str(n).encode() for n in range(BATCH * DEPTH * 3 + 7)]
    with Prefetch(iter(lines)) as ahead:
        assert list(ahead) == lines
    assert "fieldsurvey-export-read" not in names()


def test_a_reading_error_is_raised_in_the_caller() -> None:
    def failing() -> Iterator[bytes]:
        yield b"one"
        raise OSError("disk I/O error")

    with pytest.raises(OSError, match="disk I/O error"), Prefetch(failing()) as ahead:
        list(ahead)


def test_stopping_early_stops_the_reader() -> None:
    endless = (b"x" for _ in iter(int, 1))
    with pytest.raises(ValueError), Prefetch(endless) as ahead:
        next(ahead)
        raise ValueError("the caller gave up")
    assert "fieldsurvey-export-read" not in names()

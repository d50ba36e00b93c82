"""The one place where a long job's expected failures become words for the user."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path

from fieldsurvey.store.errors import StoreError
from fieldsurvey.sync import ExportError, KeyFileError

Progress = Callable[[int, int], None]
"""Called as `on_progress(done, total)`: before the first item (done = 0) and after each."""


class Cause(StrEnum):
    """What failed: the CLI prefixes storage failures with `error:`, as for its other commands."""

    INPUT = "input"
    """A key, a recipient or a path the user gave."""
    FILE = "file"
    STORAGE = "storage"


class JobFailed(Exception):
    """A job that stopped before changing anything, with the reason in one line."""

    def __init__(self, message: str, cause: Cause = Cause.INPUT) -> None:
        super().__init__(message)
        self.message = message
        self.cause = cause


@contextlib.contextmanager
def explained(path: Path | None = None, *, doing: str | None = None) -> Iterator[None]:
    """Key, export, file and storage errors as JobFailed (one line, no traceback).

    `path` names the file an OSError without a file name was about; `doing` ("cannot write
    the file") says what was being done with it.
    """
    try:
        yield
    except (KeyFileError, ExportError) as exc:
        raise JobFailed(str(exc)) from exc
    except StoreError as exc:
        raise JobFailed(exc.message, Cause.STORAGE) from exc
    except OSError as exc:
        where = exc.filename or path
        reason = exc.strerror or str(exc)
        message = f"{where}: {doing} ({reason})" if doing else f"{where}: {reason}"
        raise JobFailed(message, Cause.FILE) from exc

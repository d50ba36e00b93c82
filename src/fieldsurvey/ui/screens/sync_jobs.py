"""The Sync screen's two jobs, as plain functions its thread workers call.

Each does the whole job (keys, files, the core call, remembering the paths, the counts the
screen shows after) and turns every expected failure into `SyncFailed` with one line a user
can act on. No Textual here: the screen posts the outcome back to the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fieldsurvey.store.counts import home_counts
from fieldsurvey.store.errors import StoreError
from fieldsurvey.store.interface import Store
from fieldsurvey.sync import (
    ExportError,
    ExportResult,
    KeyFileError,
    MergeReport,
    ProgressCallback,
    export_to_folder,
    list_conflicts,
    load_identities,
    merge_files,
    parse_recipients,
)
from fieldsurvey.sync.fileformat import FILE_SUFFIX
from fieldsurvey.ui.screens.sync_state import expand_folders, join_paths, remember

Translate = Callable[..., str]
"""`t(key, **values)` of the screen, for the few messages the jobs write themselves."""


class SyncFailed(Exception):
    """A job that stopped before changing anything, with the reason in the user's words."""


@dataclass(frozen=True)
class ExportOutcome:
    result: ExportResult
    recipients: int
    """How many supervisor keys the file was encrypted for (0: not encrypted)."""
    not_exported: int


@dataclass(frozen=True)
class MergeOutcome:
    report: MergeReport
    waiting: int
    """Interviews in the conflict queue after the merge."""


@contextmanager
def failures_explained(path: Path | None = None) -> Iterator[None]:
    """Key, export, file and database errors as SyncFailed (one line, no traceback)."""
    try:
        yield
    except (KeyFileError, ExportError) as exc:
        raise SyncFailed(str(exc)) from exc
    except StoreError as exc:
        raise SyncFailed(exc.message) from exc
    except OSError as exc:
        where = exc.filename or path
        raise SyncFailed(f"{where}: {exc.strerror or exc}") from exc


def split_keys(text: str) -> list[str]:
    """Supervisor keys separated by `;`: age1… strings as they are, paths with `~` expanded."""
    parts = [part.strip() for part in text.split(";") if part.strip()]
    return [p if p.startswith("age1") else str(Path(p).expanduser()) for p in parts]


def export_job(
    store: Store,
    folder: Path,
    *,
    everything: bool,
    recipients: str,
    now: datetime,
    t: Translate,
) -> ExportOutcome:
    """Export into `folder`, encrypted for `recipients` (`;`-separated) when given."""
    with failures_explained(folder):
        keys = parse_recipients(split_keys(recipients)) if recipients else []
        if not folder.is_dir():
            raise SyncFailed(t("sync.no_folder", path=folder))
        result = export_to_folder(store, folder, everything=everything, recipients=keys)
        remember(store, export_folder=str(folder.resolve()), recipients=recipients)
        not_exported = home_counts(store, now).not_exported
    return ExportOutcome(result, len(keys), not_exported)


def merge_job(
    store: Store,
    typed: list[Path],
    *,
    identity: str,
    on_progress: ProgressCallback,
    t: Translate,
) -> MergeOutcome:
    """Merge the files (a folder stands for its .fsx files), reporting after each file."""
    with failures_explained():
        identities = load_identities([Path(identity).expanduser()]) if identity else []
        paths = expand_folders(typed, FILE_SUFFIX)
        if not paths:
            raise SyncFailed(t("sync.no_fsx", path=join_paths(typed)))
        on_progress(0, len(paths))
        report = merge_files(store, paths, identities=identities, on_progress=on_progress)
        waiting = len(list_conflicts(store).conflicts)
        folder = typed[0] if typed[0].is_dir() else typed[0].parent
        remember(store, merge_folder=str(folder.resolve()), identity=identity)
    return MergeOutcome(report, waiting)

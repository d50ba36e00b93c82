"""The Sync screen's two jobs, as plain functions its thread workers call.

Each does what only the screen needs around the shared job in `fieldsurvey.services` (the
typed `;`-separated keys and paths, the checks it words itself, remembering the paths) and
lets `JobFailed` through with one line a user can act on. No Textual here: the screen posts
the outcome back to the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fieldsurvey.services.export import ExportOutcome, export_responses, recipients_from
from fieldsurvey.services.failures import JobFailed, Progress, explained
from fieldsurvey.services.merge import MergeOutcome, identities_from, merge_exports
from fieldsurvey.store.interface import Store
from fieldsurvey.sync.fileformat import FILE_SUFFIX
from fieldsurvey.ui.screens.sync_state import expand_folders, join_paths, remember

Translate = Callable[..., str]
"""`t(key, **values)` of the screen, for the few messages the jobs write themselves."""


def split_keys(text: str) -> list[str]:
    """Supervisor keys separated by `;`: age1… strings as they are, paths with `~` expanded."""
    parts = [part.strip() for part in text.split(";") if part.strip()]
    return [p if p.startswith("age1") else str(Path(p).expanduser()) for p in parts]


def export_job(
    store: Store, folder: Path, *, everything: bool, recipients: str, t: Translate
) -> ExportOutcome:
    """Export into `folder`, encrypted for `recipients` (`;`-separated) when given."""
    keys = recipients_from(split_keys(recipients))
    if not folder.is_dir():
        raise JobFailed(t("sync.no_folder", path=folder))
    outcome = export_responses(store, folder=folder, everything=everything, recipients=keys)
    with explained():
        remember(store, export_folder=str(folder.resolve()), recipients=recipients)
    return outcome


def merge_job(
    store: Store, typed: list[Path], *, identity: str, on_progress: Progress, t: Translate
) -> MergeOutcome:
    """Merge the files (a folder stands for its .fsx files), reporting after each file."""
    identities = identities_from([Path(identity).expanduser()] if identity else [])
    paths = expand_folders(typed, FILE_SUFFIX)
    if not paths:
        raise JobFailed(t("sync.no_fsx", path=join_paths(typed)))
    outcome = merge_exports(store, paths, identities=identities, on_progress=on_progress)
    folder = typed[0] if typed[0].is_dir() else typed[0].parent
    with explained():
        remember(store, merge_folder=str(folder.resolve()), identity=identity)
    return outcome

"""What the Sync screen reads before it can help: remembered paths and a few counts.

The folders and keys are remembered in the database's settings table, next to the other
preferences, because the database is what stays with the device: the field worker's USB
stick folder and supervisor key, the supervisor's folder of collected files and secret key.
All of it is read and written from thread workers (see sync.py), never on the UI loop.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path

from fieldsurvey.store.counts import home_counts
from fieldsurvey.store.interface import Store
from fieldsurvey.sync import list_conflicts

SETTING_PREFIX = "sync."


@dataclass(frozen=True)
class SyncMemory:
    """Paths and keys typed or picked last time (empty when never used)."""

    export_folder: str = ""
    recipients: str = ""
    merge_folder: str = ""
    identity: str = ""
    return_identity: str = ""
    """This device's own secret key, for return files encrypted for it (Receive tab)."""


@dataclass(frozen=True)
class SyncStatus:
    memory: SyncMemory
    not_exported: int
    """Closed responses no export file has carried yet (as on Home)."""
    conflicts: int
    """Interviews waiting in the conflict queue."""


def load_memory(store: Store) -> SyncMemory:
    values = {f.name: store.get_setting(SETTING_PREFIX + f.name) or "" for f in fields(SyncMemory)}
    return SyncMemory(**values)


def remember(store: Store, **values: str) -> None:
    """Store some of SyncMemory's fields (unknown names are a programming error)."""
    known = {f.name for f in fields(SyncMemory)}
    for name, value in values.items():
        if name not in known:
            raise KeyError(name)
        store.set_setting(SETTING_PREFIX + name, value)


def read_status(store: Store, now: datetime) -> SyncStatus:
    return SyncStatus(
        memory=load_memory(store),
        not_exported=home_counts(store, now).not_exported,
        conflicts=list_conflicts(store).waiting,
    )


def split_paths(text: str) -> list[Path]:
    """Typed paths separated by `;` (paths on USB sticks often hold spaces); `~` expanded.

    A file whose own name holds `;` (a picked file keeps its name as it is) stays one path:
    from each piece, the longest run of pieces that names an existing file or folder wins."""
    pieces, out, start = text.split(";"), [], 0
    while start < len(pieces):
        end = next(
            (
                end
                for end in range(len(pieces), start + 1, -1)
                if _existing(";".join(pieces[start:end]))
            ),
            start + 1,
        )
        part = ";".join(pieces[start:end]).strip()
        if part:
            out.append(Path(part).expanduser())
        start = end
    return out


def _existing(text: str) -> bool:
    return bool(text.strip()) and Path(text.strip()).expanduser().exists()


def join_paths(paths: list[Path]) -> str:
    return "; ".join(str(path) for path in paths)


def expand_folders(paths: list[Path], suffix: str) -> list[Path]:
    """A folder among the paths stands for every `suffix` file in it, in name order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.name.lower().endswith(suffix))
        else:
            out.append(path)
    return out

"""Merge: export files into the store, each whole or rejected with the reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyrage

from fieldsurvey.services.failures import Progress, explained
from fieldsurvey.store.interface import SupervisorStore
from fieldsurvey.sync import (
    DEFAULT_LIMITS,
    Limits,
    MergeReport,
    list_conflicts,
    load_identities,
    merge_files,
)


@dataclass(frozen=True)
class MergeOutcome:
    report: MergeReport
    waiting: int
    """Interviews in the conflict queue after the merge."""


def identities_from(paths: Sequence[Path]) -> list[pyrage.x25519.Identity]:
    """Supervisor secret keys from `.key` files; JobFailed for one that cannot be used.
    Load them before opening the store, so a wrong key file changes nothing."""
    with explained():
        return load_identities(list(paths))


def merge_exports(
    store: SupervisorStore,
    paths: Sequence[Path],
    *,
    identities: Sequence[pyrage.x25519.Identity] = (),
    limits: Limits = DEFAULT_LIMITS,
    on_progress: Progress | None = None,
    enrolled_only: bool = False,
) -> MergeOutcome:
    """Merge `paths` (decrypting with `identities`), one unit of work per file; with
    `enrolled_only`, files of devices not enrolled or trusted are rejected.

    A rejected file is in the report, not an exception; JobFailed is raised for a store that
    cannot be written (the files merged before it stay merged).
    """
    with explained():
        if on_progress is not None:
            on_progress(0, len(paths))
        report = merge_files(
            store,
            list(paths),
            identities=identities,
            limits=limits,
            on_progress=on_progress,
            enrolled_only=enrolled_only,
        )
        waiting = list_conflicts(store).waiting
    return MergeOutcome(report, waiting)

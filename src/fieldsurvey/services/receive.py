"""Receive: a supervisor's return file applied on a device, whole or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyrage

from fieldsurvey.returns.errors import ReturnRefused
from fieldsurvey.returns.receive import Received, receive_return
from fieldsurvey.services.failures import Cause, JobFailed, explained
from fieldsurvey.store.interface import Store
from fieldsurvey.sync.archive import DEFAULT_LIMITS, Limits
from fieldsurvey.sync.errors import RejectedFile


def receive_file(
    store: Store,
    path: Path,
    *,
    identities: Sequence[pyrage.x25519.Identity] = (),
    limits: Limits = DEFAULT_LIMITS,
) -> Received:
    """Apply the return file at `path`; JobFailed (cause FILE) with the reason when it is
    refused, and nothing on the device changed."""
    with explained(path):
        try:
            return receive_return(store, path, identities=identities, limits=limits)
        except (ReturnRefused, RejectedFile) as exc:
            raise JobFailed(f"{path}: rejected: {exc}", Cause.FILE) from exc

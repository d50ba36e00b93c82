"""Return: a signed (optionally encrypted) file from the supervisor back to the devices."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pyrage

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.returns.build import build_return
from fieldsurvey.returns.errors import ReturnRefused
from fieldsurvey.returns.format import ReturnManifest
from fieldsurvey.returns.writer import write_return
from fieldsurvey.services.failures import JobFailed, explained
from fieldsurvey.store.interface import ReturnSource
from fieldsurvey.sync.atomicfile import write_atomically
from fieldsurvey.sync.export import write_sealed
from fieldsurvey.sync.keys import device_signing_key
from fieldsurvey.sync.trust import TrustError, find_device

WRITE = "cannot write the file"


@dataclass(frozen=True)
class ReturnOutcome:
    path: Path
    manifest: ReturnManifest
    recipients: int
    """How many keys the file was encrypted for (0: not encrypted)."""


def return_file(
    store: ReturnSource,
    out: Path,
    questionnaire: Questionnaire,
    *,
    devices: Sequence[str] = (),
    recipients: Sequence[pyrage.x25519.Recipient] = (),
) -> ReturnOutcome:
    """Write the return file `out` (which must not exist) for `devices` (ids or unique
    prefixes; none: every device), scored with `questionnaire`. JobFailed: nothing written."""
    if out.exists():
        raise JobFailed(f"{out}: already exists; choose another name")
    with explained(out, doing=WRITE):
        try:
            ids = [find_device(store, name).device_id for name in devices] or None
            content = build_return(store, questionnaire, ids)
        except (TrustError, ReturnRefused) as exc:
            raise JobFailed(f"{out}: {exc}") from exc
        key = device_signing_key(store)
        zip_into = partial(write_return, key=key, supervisor=store.device_id(), content=content)
        manifest = write_atomically(out, partial(write_sealed, recipients=recipients,
                                                 zip_into=zip_into))  # fmt: skip
    return ReturnOutcome(out, manifest, len(recipients))

"""Export: closed responses to a signed (optionally encrypted) file for the supervisor."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyrage

from fieldsurvey.services.failures import explained
from fieldsurvey.store.counts import home_counts
from fieldsurvey.store.interface import Store
from fieldsurvey.sync import ExportResult, export_file, export_to_folder, parse_recipients

Recipients = Sequence[pyrage.x25519.Recipient]

WRITE = "cannot write the file"


@dataclass(frozen=True)
class ExportOutcome:
    result: ExportResult
    recipients: int
    """How many supervisor keys the file was encrypted for (0: not encrypted)."""
    not_exported: int
    """Closed responses still waiting for an export file afterwards."""


def recipients_from(texts: Sequence[str]) -> list[pyrage.x25519.Recipient]:
    """Supervisor keys given as `age1...` strings or `.pub` files; JobFailed for a bad one.
    Parse them before opening the store, so a mistyped key changes nothing."""
    with explained():
        return parse_recipients(list(texts)) if texts else []


def export_responses(
    store: Store,
    *,
    out: Path | None = None,
    folder: Path | None = None,
    everything: bool = False,
    recipients: Recipients = (),
    forward: bool = False,
) -> ExportOutcome:
    """Export to the new file `out`, or into `folder` under a name that never collides.

    With `recipients` (see `recipients_from`) the file is encrypted for them; without, it is
    signed but not encrypted. `forward` (a supervisor sending on to HQ) adds the revisions
    merged from other devices and the review log. Raises JobFailed; nothing is marked
    exported then.
    """
    if (out is None) == (folder is None):
        raise ValueError("give either out or folder")
    with explained(out or folder, doing=WRITE):
        if out is not None:
            result = export_file(
                store, out, everything=everything, recipients=recipients, forward=forward
            )
        else:
            assert folder is not None
            result = export_to_folder(
                store, folder, everything=everything, recipients=recipients, forward=forward
            )
        not_exported = home_counts(store).not_exported
    return ExportOutcome(result, len(recipients), not_exported)

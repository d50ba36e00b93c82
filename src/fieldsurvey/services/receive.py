"""Receive: a supervisor's return file applied on a device, whole or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyrage

from fieldsurvey.i18n import SOURCE_LANGUAGE, tr
from fieldsurvey.returns.errors import ReturnRefused, refusal_words
from fieldsurvey.returns.receive import Received, receive_return
from fieldsurvey.services.failures import Cause, JobFailed, explained
from fieldsurvey.store.interface import Store
from fieldsurvey.sync.archive import DEFAULT_LIMITS, Limits
from fieldsurvey.sync.errors import RejectedFile


class ReceiveRefused(JobFailed):
    """The file was refused (nothing on the device changed); the reason stays a code with its
    parameters, so the Receive tab and `receive --lang` say it in their language."""

    def __init__(self, path: Path, refusal: ReturnRefused | RejectedFile) -> None:
        self.path = path
        self.refusal = refusal
        super().__init__(self.words(SOURCE_LANGUAGE), Cause.FILE)

    def reason(self, language: str) -> str:
        """Why, in `language`, without the file's name."""
        return refusal_words(self.refusal.reason, self.refusal.details, language)

    def words(self, language: str) -> str:
        """`PATH: rejected: why`, in `language`."""
        return tr("{path}: rejected: {reason}", language, path=self.path,
                  reason=self.reason(language))  # fmt: skip


def receive_file(
    store: Store,
    path: Path,
    *,
    identities: Sequence[pyrage.x25519.Identity] = (),
    limits: Limits = DEFAULT_LIMITS,
) -> Received:
    """Apply the return file at `path`; ReceiveRefused (a JobFailed, cause FILE) with the
    reason when it is refused, and nothing on the device changed."""
    with explained(path):
        try:
            return receive_return(store, path, identities=identities, limits=limits)
        except (ReturnRefused, RejectedFile) as exc:
            raise ReceiveRefused(path, exc) from exc

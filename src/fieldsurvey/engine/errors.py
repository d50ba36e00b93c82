"""What the engine reports: `Problem` for an answer it will not take, `EngineError` otherwise.

A problem is part of a normal interview (a typo, a missing answer) and is returned, in the
interview language, for the screen to show beside the question. An `EngineError` means the
interview cannot go on as asked (storage full, version not installed, interview closed) and is
raised; the interview object stays usable and nothing half-done is left in the database.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """Why an answer (or a page, or the whole form) is not accepted."""

    question: str
    code: str
    """Stable key: required, constraint, not_relevant, integer, select_one, ... (see messages)."""
    message: str
    """Ready to show, in the interview language."""


class EngineError(Exception):
    """The engine could not do what was asked; `message` says why and what to do."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

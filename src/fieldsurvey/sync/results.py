"""What a merge reports, shaped exactly like CONTRACT.md's `merge --json` document.

Fields marked `exclude=True` are for the UI and the tests (the catalogue reason, whether a
file was merged before) and never appear in the JSON.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from fieldsurvey.sync.errors import Reason, RejectedFile


class FileResult(BaseModel):
    path: str
    status: Literal["merged", "rejected"]
    added: int = 0
    present: int = 0
    updated: int = 0
    conflicts: int = 0
    error: str | None = None
    reason: Reason | None = Field(default=None, exclude=True)
    already_merged: bool = Field(default=False, exclude=True)
    """The very same file was merged before; nothing was read past its checksum."""

    @classmethod
    def rejected(cls, path: str, exc: RejectedFile) -> FileResult:
        return cls(path=path, status="rejected", error=str(exc), reason=exc.reason)

    def summary(self) -> str:
        """One line for the CLI and the Sync screen."""
        if self.status == "rejected":
            return f"{self.path}: rejected: {self.error}"
        if self.already_merged:
            return f"{self.path}: already merged ({self.present} responses present)"
        return (
            f"{self.path}: merged: {self.added} added, {self.present} already present, "
            f"{self.updated} updated, {self.conflicts} conflicts"
        )


class Gap(BaseModel):
    """Export files of a device never merged here, by sequence number."""

    device: str
    missing: list[int]

    def summary(self) -> str:
        numbers = ", ".join(str(n) for n in self.missing)
        return f"device {self.device}: export files {numbers} not merged yet"


class MergeReport(BaseModel):
    files: list[FileResult]
    gaps: list[Gap]

    @property
    def all_merged(self) -> bool:
        return all(result.status == "merged" for result in self.files)

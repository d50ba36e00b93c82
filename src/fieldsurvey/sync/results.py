"""What a merge reports, shaped exactly like CONTRACT.md's `merge --json` document.

Fields marked `exclude=True` are for the UI and the tests (the catalogue reason, whether a
file was merged before) and never appear in the JSON.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from fieldsurvey.safetext import terminal_text
from fieldsurvey.sync.errors import Detail, Reason, RejectedFile, plain_details
from fieldsurvey.sync.review_merge import ReviewCounts


class FileResult(BaseModel):
    path: str
    status: Literal["merged", "rejected"]
    added: int = 0
    present: int = 0
    updated: int = 0
    conflicts: int = 0
    error: str | None = None
    reviews: ReviewCounts | None = Field(default=None, exclude_if=lambda counts: counts is None)
    """A forwarding file's review decisions; left out of the JSON when it carried none."""
    reason: Reason | None = Field(default=None, exclude=True)
    details: dict[str, Detail] = Field(default_factory=dict, exclude=True)
    """The reason's parameters, so a screen fills its template in the user's language."""
    already_merged: bool = Field(default=False, exclude=True)
    """The very same file was merged before; nothing was read past its checksum."""

    @classmethod
    def rejected(cls, path: str, exc: RejectedFile) -> FileResult:
        return cls(
            path=path,
            status="rejected",
            error=str(exc),
            reason=exc.reason,
            details=plain_details(exc.details),
        )

    def summary(self) -> str:
        """One line for the CLI and the Sync screen, control characters escaped."""
        if self.status == "rejected":
            text = f"{self.path}: rejected: {self.error}"
        elif self.already_merged:
            text = f"{self.path}: already merged ({self.present} responses present)"
        else:
            text = (
                f"{self.path}: merged: {self.added} added, {self.present} already present, "
                f"{self.updated} updated, {self.conflicts} conflicts"
            )
            if self.reviews is not None:
                text += "; " + _review_summary(self.reviews)
        return terminal_text(text)


def _review_summary(counts: ReviewCounts) -> str:
    text = (
        f"review decisions: {counts.applied} applied, {counts.present} already present, "
        f"{counts.held} held"
    )
    if counts.held:
        text += " (signer not trusted to review: fieldsurvey conflicts lists them)"
    if counts.conflicts:
        text += f", {counts.conflicts} interviews with reviewers disagreeing"
    return text


class Gap(BaseModel):
    """Export files of a device never merged here, by sequence number.

    `ranges` ([first, last] pairs) is what people read; `missing` spells the numbers out for
    scripts (CONTRACT.md), bounded because sequence numbers are (fileformat.Sequence).
    """

    device: str
    missing: list[int]
    ranges: list[tuple[int, int]]

    @classmethod
    def of(cls, device: str, ranges: list[tuple[int, int]]) -> Gap:
        missing = [n for first, last in ranges for n in range(first, last + 1)]
        return cls(device=device, missing=missing, ranges=ranges)

    def numbers(self) -> str:
        """`3-7, 9`: one item per run of missing numbers, never one per number."""
        return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in self.ranges)

    def summary(self) -> str:
        return terminal_text(f"device {self.device}: export files {self.numbers()} not merged yet")


class MergeReport(BaseModel):
    files: list[FileResult]
    gaps: list[Gap]

    @property
    def all_merged(self) -> bool:
        return all(result.status == "merged" for result in self.files)

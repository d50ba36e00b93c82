"""The return file format (supervisor -> devices), version 1, as pydantic models.

A return file is a zip shaped like an export file (fileformat.py) and written by the same
code (zipwriter.py, atomicfile.py, age for `--to`), holding, in this order:

- `returned.jsonl`: one `ReturnedInterview` per interview a reviewer rejected or marked
  "has issues", with the decision's comment and its notes on single questions;
- `questionnaires.jsonl`: the current questionnaire version (`QuestionnaireSource`), if the
  supervisor published one;
- `office_report.json`: the office's score report of the current round (`OfficeReport`),
  already suppressed where min-n hides a cell;
- `manifest.json`: the `ReturnManifest` (supervisor key, devices, time, counts, digests);
- `manifest.sig`: the supervisor's Ed25519 signature over the exact manifest bytes.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from fieldsurvey.review.decide import COMMENT_MAX
from fieldsurvey.scoring.report import ScoreReport
from fieldsurvey.sync.fileformat import (
    MANIFEST,
    SIGNATURE,
    Count,
    MemberDigest,
    Name,
    QuestionnaireRef,
    Sha256,
    Short,
    Stamp,
    Strict,
)

RETURN_FORMAT: Final = "fieldsurvey-return"
RETURN_FORMAT_VERSION = 1
RETURN_SUFFIX = ".fsr"

RETURNED: Final = "returned.jsonl"
QUESTIONNAIRES: Final = "questionnaires.jsonl"
OFFICE_REPORT: Final = "office_report.json"
RETURN_MEMBERS = (RETURNED, QUESTIONNAIRES, OFFICE_REPORT, MANIFEST, SIGNATURE)
"""Every member, in the order they are written."""

ReturnMember = Literal["returned.jsonl", "questionnaires.jsonl", "office_report.json"]
Comment = Annotated[str, Field(max_length=COMMENT_MAX)]
MAX_DEVICES = 10_000
MAX_NOTES = 1_000


class ReturnCounts(Strict):
    returned: Count
    questionnaires: Count


class ReturnManifest(Strict):
    format: Literal["fieldsurvey-return"] = RETURN_FORMAT
    format_version: int = Field(ge=1, le=1_000)
    app_version: Name
    supervisor_device_id: Name
    supervisor_public_key: Annotated[str, Field(min_length=44, max_length=44)]
    created_at: Stamp
    """When the file was made: a device refuses one older than a file it received before."""
    devices: list[Name] | None = Field(max_length=MAX_DEVICES)
    """The devices it is for; None: every device (each takes its own interviews)."""
    current: QuestionnaireRef | None
    """The version the supervisor marked current, shipped in questionnaires.jsonl."""
    counts: ReturnCounts
    members: dict[ReturnMember, MemberDigest]


class ReturnedInterview(Strict):
    """An interview sent back to the device it was made on, to be revised."""

    uuid: Name
    device_id: Name
    """The device that started the interview (its first revision's device)."""
    content_hash: Sha256
    """The revision the reviewer judged: the device's revision reopens from it."""
    questionnaire_hash: Sha256
    state: Literal["rejected", "has_issues"]
    comment: Comment
    reviewer: Short | None
    decided_at: Stamp
    notes: dict[Name, Comment] = Field(max_length=MAX_NOTES)
    """Question id -> the comment's words about that question (`q12: ...` lines)."""


class OfficeReport(BaseModel):
    """The office's scores for one round, one report per questionnaire language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    as_of: Stamp
    questionnaire: QuestionnaireRef
    round: Short | None
    responses: Count
    reports: dict[Name, ScoreReport] = Field(max_length=50)

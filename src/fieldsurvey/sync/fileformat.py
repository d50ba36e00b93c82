"""The export file format (format version 1), as pydantic models.

An export file is a zip holding, in this order (streamed, so the manifest comes last):

- `responses.jsonl`: one `ResponseRecord` per closed revision, its answers inline;
- `paradata.jsonl`: one `ParadataRecord` per revision, its events as compact arrays;
- `questionnaires.jsonl`: one `QuestionnaireSource` per questionnaire version the responses use,
  YAML source included, so a supervisor can merge responses made with a version they have not
  installed yet; a file is refused only if a referenced version is neither in it nor installed;
- `reviews.jsonl` (only in a forwarding file, format version 2): one `ReviewRecord` per
  decision of the supervisor's review log (`export --forward`, docs/supervision.md);
- `manifest.json`: the `Manifest` below (device, key, sequence number, questionnaire refs,
  counts, and the sha256 and size of every other member);
- `manifest.sig`: the device's raw 64-byte Ed25519 signature over the exact manifest bytes.

The signature covers the manifest and the manifest covers every member by digest, so one
signature check authenticates the whole file. With `--to`, the zip is then encrypted whole
with age, and the file starts with the age header instead of `PK`.
"""

from __future__ import annotations

from typing import Annotated, Any, Final, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator, with_config
from typing_extensions import TypedDict

from fieldsurvey.review.decide import COMMENT_MAX, DecisionState

FORMAT_NAME: Final = "fieldsurvey-export"
FORMAT_VERSION = 2
"""The newest format this reads and writes. Version 2 adds `reviews.jsonl`; a file without
it is still written as version 1, so a supervisor not upgraded yet merges devices' files."""
PLAIN_FORMAT_VERSION = 1
FILE_SUFFIX = ".fsx"

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
QUESTIONNAIRES: Final = "questionnaires.jsonl"
RESPONSES: Final = "responses.jsonl"
PARADATA: Final = "paradata.jsonl"
REVIEWS: Final = "reviews.jsonl"
MEMBERS = (RESPONSES, PARADATA, QUESTIONNAIRES, MANIFEST, SIGNATURE)
"""Every member a file must hold, in the order they are written."""
OPTIONAL_MEMBERS = (REVIEWS,)
"""Members a file may hold."""
WRITE_ORDER = (RESPONSES, PARADATA, QUESTIONNAIRES, REVIEWS, MANIFEST, SIGNATURE)

DataMember = Literal["questionnaires.jsonl", "responses.jsonl", "paradata.jsonl", "reviews.jsonl"]

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Stamp = Annotated[str, Field(min_length=1, max_length=40)]
"""A UTC ISO 8601 timestamp as the store writes it."""
Short = Annotated[str, Field(max_length=1_000)]
"""Interviewer, office, round, persona: shown on screens and in reports, so kept short."""
AnswerText = Annotated[str, Field(max_length=1_000_000)]
"""An answer's JSON text: a text question's 100,000-character cap, escaped, fits."""
Detail = Annotated[str, Field(max_length=10_000)]
Source = Annotated[str, Field(max_length=5 * 1024 * 1024)]
"""A questionnaire's YAML, as large as `fieldsurvey validate` reads."""
Sequence = Annotated[int, Field(ge=1, le=1_000_000)]
"""Export and revision numbers: a million is decades of daily files; 2^62 is an attack on
the gap report (which would list every missing number) and on SQLite's 64-bit integers."""
Count = Annotated[int, Field(ge=0, le=2**40)]
Millis = Annotated[int, Field(ge=-(2**53), le=2**53)]


class Strict(BaseModel):
    """Unknown keys are errors: a file we do not fully understand is not merged."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class MemberDigest(Strict):
    sha256: Sha256
    size: Count


class QuestionnaireRef(Strict):
    id: Name
    version: Name
    hash: Sha256


class Counts(Strict):
    questionnaires: Count
    responses: Count
    answers: Count
    paradata: Count
    reviews: Count | None = None
    """Only in a file with `reviews.jsonl` (left out otherwise, so version 1 readers read it)."""


class Manifest(Strict):
    format: Literal["fieldsurvey-export"] = FORMAT_NAME
    format_version: int = Field(ge=1, le=1_000)
    app_version: Name
    device_id: Name
    device_public_key: Annotated[str, Field(min_length=44, max_length=44)]
    """Ed25519, base64 of the 32 raw bytes."""
    export_seq: Sequence
    covers_from: Sequence | None = None
    """The first export number whose content this file holds too: 1 in an `--all` file (every
    closed revision), so a merge does not report the device's earlier files as missing.
    Absent from a file holding only what is new since the device's previous file."""
    created_at: Stamp
    questionnaires: list[QuestionnaireRef] = Field(max_length=1_000)
    counts: Counts
    members: dict[DataMember, MemberDigest]

    @model_validator(mode="after")
    def _covers_what_came_before(self) -> Manifest:
        if self.covers_from is not None and self.covers_from > self.export_seq:
            raise ValueError("covers_from is after export_seq")
        return self


class QuestionnaireSource(Strict):
    hash: Sha256
    id: Name
    version: Name
    source: Source


Answer = tuple[Name, AnswerText, Stamp]
"""(question, value as the stored JSON text, answered_at): the text travels verbatim."""


class ResponseRecord(Strict):
    """One closed revision of an interview, as stored in `responses` plus its answers."""

    uuid: Name
    revision: Sequence
    parent_hash: Sha256 | None
    content_hash: Sha256
    questionnaire_id: Name
    questionnaire_version: Name
    questionnaire_hash: Sha256
    device_id: Name
    interviewer: Short | None
    office: Short | None
    round: Short | None
    language: Name
    persona: Short | None
    status: Literal["complete", "voided", "refused"]
    started_at: Stamp
    updated_at: Stamp
    completed_at: Stamp | None
    answers: list[Answer]


Event = tuple[Count, Name | None, Name, Stamp, Millis | None, Detail | None]
"""(seq, question, event, at, duration_ms, detail): one `paradata` row."""


class ParadataRecord(Strict):
    uuid: Name
    content_hash: Sha256
    events: list[Event]


class ReviewRecord(Strict):
    """One decision of a review log: `reviews` columns; `supersedes` names, by entry hash
    (review/log.py), the decisions it replaces."""

    uuid: Name
    content_hash: Sha256
    state: DecisionState
    comment: Annotated[str, Field(max_length=COMMENT_MAX)]
    reviewer: Short | None
    device_id: Name
    decided_at: Stamp
    supersedes: list[Sha256] = Field(max_length=100)


RESPONSE_COLUMNS = tuple(name for name in ResponseRecord.model_fields if name != "answers")
"""A record's `responses` columns, in file order."""
ANSWER_WIDTH = len(get_args(Answer))
EVENT_WIDTH = len(get_args(Event))


def fields_validator(model: type[Strict]) -> TypeAdapter[dict[str, Any]]:
    """`model`'s fields as a validator of plain dicts: the same checks and error messages,
    without building a model instance per line (merge reads a million answers through it)."""
    fields = model.model_fields
    if any(not info.is_required() for info in fields.values()):
        raise TypeError(f"{model.__name__}: a field with a default would not be filled in")
    annotations = {name: info.rebuild_annotation() for name, info in fields.items()}
    typed = TypedDict(model.__name__, annotations)  # type: ignore[misc]
    return TypeAdapter(with_config(ConfigDict(extra="forbid"))(typed))  # type: ignore[arg-type]

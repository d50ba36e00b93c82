"""The canonical content of a closed response revision and its hash.

A revision that is complete, voided or refused is identified by `content_hash`, and the next
revision names it as `parent_hash`. Sync recomputes the hash of every record it merges to
detect tampering and divergence, so this is the ONE definition of what the hash covers and how
it is serialised: change it and every stored hash stops verifying.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fieldsurvey.questionnaire.expressions import Value


CONTENT_FIELDS: tuple[str, ...] = (
    "uuid",
    "revision",
    "parent_hash",
    "questionnaire_hash",
    "status",
    "persona",
    "language",
    "device_id",
    "interviewer",
    "office",
    "round",
    "started_at",
    "completed_at",
)
"""The `responses` columns a revision's hash covers, besides its answers."""


def canonical_content(response: Mapping[str, object], answers: Mapping[str, Value]) -> bytes:
    """UTF-8 JSON with sorted keys and no spaces: same content, same bytes, on any device.

    `response` is a `responses` row (extra columns are ignored, missing ones count as null);
    `answers` maps question id -> decoded answer value (an `answers` row's JSON, parsed).
    """
    document: dict[str, object] = {name: response.get(name) for name in CONTENT_FIELDS}
    document["answers"] = {question: answers[question] for question in sorted(answers)}
    text = json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def content_hash(response: Mapping[str, object], answers: Mapping[str, Value]) -> str:
    """sha256 hex of `canonical_content`."""
    return hashlib.sha256(canonical_content(response, answers)).hexdigest()

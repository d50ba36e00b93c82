"""Merge validates records with `fields_validator`, not the models: it must agree with them,
on what it accepts and on the message naming the field for what it refuses."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from fieldsurvey.sync.errors import first_error
from fieldsurvey.sync.fileformat import ParadataRecord, ResponseRecord, fields_validator

RESPONSE: dict[str, Any] = {
    "uuid": "u-1", "revision": 2, "parent_hash": "a" * 64, "content_hash": "b" * 64,
    "questionnaire_id": "q", "questionnaire_version": "1", "questionnaire_hash": "c" * 64,
    "device_id": "d", "interviewer": None, "office": "north", "round": None, "language": "en",
    "persona": None, "status": "complete", "started_at": "s", "updated_at": "s",
    "completed_at": None, "answers": [["q1", "1", "s"], ["q2", '"x"', "s"]],
}  # fmt: skip
PARADATA: dict[str, Any] = {
    "uuid": "u-1", "content_hash": "b" * 64,
    "events": [[1, "q1", "enter", "s", None, None], [2, None, "leave", "s", 40, "x"]],
}  # fmt: skip


def edited(document: dict[str, Any], **changes: Any) -> bytes:
    return json.dumps({**document, **changes}).encode()


def without(document: dict[str, Any], name: str) -> bytes:
    return json.dumps({k: v for k, v in document.items() if k != name}).encode()


CASES: list[tuple[type[BaseModel], bytes]] = [
    (ResponseRecord, edited(RESPONSE)),
    (ResponseRecord, edited(RESPONSE, revision="3")),  # lax: a numeric string is a number
    (ResponseRecord, edited(RESPONSE, revision=0)),
    (ResponseRecord, edited(RESPONSE, revision=1.5)),
    (ResponseRecord, edited(RESPONSE, status="draft")),
    (ResponseRecord, edited(RESPONSE, uuid="")),
    (ResponseRecord, edited(RESPONSE, uuid="x" * 201)),
    (ResponseRecord, edited(RESPONSE, content_hash="B" * 64)),
    (ResponseRecord, edited(RESPONSE, language=None)),
    (ResponseRecord, edited(RESPONSE, office="x" * 10_001)),
    (ResponseRecord, edited(RESPONSE, answers=[["q1", 1, "s"]])),
    (ResponseRecord, edited(RESPONSE, answers=[["q1", "1"]])),
    (ResponseRecord, edited(RESPONSE, answers=[["q1", "1", "s", "extra"]])),
    (ResponseRecord, edited(RESPONSE, answers={"q1": "1"})),
    (ResponseRecord, edited(RESPONSE, surprise=1)),
    (ResponseRecord, without(RESPONSE, "parent_hash")),
    (ResponseRecord, b"[]"),
    (ResponseRecord, b'{"uuid": "u-1",'),
    (ResponseRecord, b"not json"),
    (ParadataRecord, edited(PARADATA)),
    (ParadataRecord, edited(PARADATA, events=[["1", None, "enter", "s", None, None]])),
    (ParadataRecord, edited(PARADATA, events=[[1.5, None, "enter", "s", None, None]])),
    (ParadataRecord, edited(PARADATA, events=[[1, None, "", "s", None, None]])),
    (ParadataRecord, edited(PARADATA, events=[[1, None, "enter", "s", "40", None]])),
    (ParadataRecord, edited(PARADATA, events=[[1, None, "enter", "s", None]])),
    (ParadataRecord, without(PARADATA, "events")),
]


@pytest.mark.parametrize(("model", "line"), CASES)
def test_fields_validator_agrees_with_the_model(model: type[BaseModel], line: bytes) -> None:
    def outcome(validate: Any) -> Any:
        try:
            return dict(validate(line))
        except ValidationError as exc:
            return first_error(exc)

    expected = outcome(lambda text: model.model_validate_json(text).model_dump())
    assert outcome(fields_validator(model).validate_json) == expected


def test_a_model_with_defaults_is_refused() -> None:
    class WithDefault(ResponseRecord):
        note: str = ""

    with pytest.raises(TypeError, match="default"):
        fields_validator(WithDefault)

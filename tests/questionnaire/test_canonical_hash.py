"""A questionnaire's hash covers its canonical form: new model fields with defaults, field
order and formatting leave it unchanged (responses and export files name versions by it)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, create_model

from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import Questionnaire, load_questionnaire, questionnaire_hash
from fieldsurvey.questionnaire.loader import canonical_json

BUNDLED_HASH = "e14ed3b50575f56fb37f79e5722d80e72dcc610c66ac946bea9a19b65a0a1b81"
"""The bundled questionnaire's hash. If this test fails after a change to the model, the
change altered existing hashes (a default changed, or a field lost its default); if it fails
after a change to the bundled YAML, that change needs a new version number, and this hash."""


def test_the_bundled_questionnaire_keeps_its_known_hash() -> None:
    assert questionnaire_hash(load_questionnaire(bundled_questionnaire_path())) == BUNDLED_HASH


def test_a_new_field_with_a_default_does_not_change_the_hash() -> None:
    bundled = load_questionnaire(bundled_questionnaire_path())
    grown = create_model(
        "GrownQuestionnaire",
        __base__=Questionnaire,
        new_setting=(str | None, None),
        new_list=(list[str], []),
    )
    again = grown.model_validate(json.loads(canonical_json(bundled)))  # the form reads back
    assert questionnaire_hash(again) == BUNDLED_HASH


def _defaults_left_out(model: BaseModel, canonical: Any) -> None:
    """No key of the canonical form holds its field's default, at any depth."""
    for name, info in type(model).model_fields.items():
        value, key = getattr(model, name), info.alias or name
        default = not info.is_required() and value == info.get_default(call_default_factory=True)
        if default and name != "type":  # the discriminator stays, so the form reads back
            assert key not in canonical, name
        elif key in canonical:
            _walk(value, canonical[key])


def _walk(value: Any, canonical: Any) -> None:
    if isinstance(value, BaseModel):
        _defaults_left_out(value, canonical)
    elif isinstance(value, list | tuple):
        for item, part in zip(value, canonical, strict=True):
            _walk(item, part)
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(item, canonical[key])


def test_no_default_value_reaches_the_canonical_form() -> None:
    """So a nested field added with a default (as `required_message` was) changes nothing."""
    bundled = load_questionnaire(bundled_questionnaire_path())
    _walk(bundled, json.loads(canonical_json(bundled)))


def test_field_order_and_formatting_do_not_change_the_hash(tmp_path: Path) -> None:
    document = yaml.safe_load(bundled_questionnaire_path().read_text(encoding="utf-8"))
    reordered = tmp_path / "q.yaml"
    text = yaml.safe_dump(document, sort_keys=True, allow_unicode=True, width=60)
    reordered.write_text("# keys sorted, lines folded\n" + text, encoding="utf-8")
    assert questionnaire_hash(load_questionnaire(reordered)) == BUNDLED_HASH

"""A questionnaire written back as YAML that `load_questionnaire` reads to the same model.

Used by `fieldsurvey xlsform import`. Fields at their default are left out, as an author would
write them, except each item's `type` (the key that tells survey items apart).
"""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import BaseModel

from fieldsurvey.questionnaire.model import Questionnaire


def questionnaire_yaml(questionnaire: Questionnaire) -> str:
    header = f"# {questionnaire.id} {questionnaire.version}: written by fieldsurvey\n"
    body: str = yaml.safe_dump(
        _plain(questionnaire), allow_unicode=True, sort_keys=False, width=100
    )
    return header + body


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        names = sorted(fields, key=lambda name: name != "type")  # `type` first, as authors do
        return {
            name: _plain(getattr(value, name))
            for name in names
            if name == "type" or getattr(value, name) != fields[name].default
        }
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value

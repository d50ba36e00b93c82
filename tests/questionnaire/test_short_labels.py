"""`short:` labels: optional, and invisible to the hash of a questionnaire that has none."""

from __future__ import annotations

from typing import Any

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.loader import questionnaire_hash

SMALL: dict[str, Any] = {
    "id": "small",
    "version": "1",
    "title": {"en": "Small"},
    "languages": ["en"],
    "default_language": "en",
    "personas": [{"id": "beneficiary", "label": {"en": "Pensioner or benefit recipient"}}],
    "choice_lists": [
        {
            "id": "yes_no",
            "choices": [
                {"value": "yes", "label": {"en": "Yes"}},
                {"value": "no", "label": {"en": "No"}},
            ],
        }
    ],
    "survey": [{"type": "select_one", "id": "q", "label": {"en": "Q?"}, "choices": "yes_no"}],
}
HASH_BEFORE_SHORT_LABELS = "c99d8fccfe0731c7b0b6025526e568f3c97ca5750dd1e2a9c1ef017a4da59fdc"
"""SMALL's hash computed by fieldsurvey before `short` existed (commit 5d866ed)."""


def test_a_questionnaire_without_short_labels_hashes_as_before() -> None:
    """Files exported by older versions name this hash; a new supervisor must still match it."""
    questionnaire = Questionnaire.model_validate(SMALL)
    assert "short" not in questionnaire.model_dump_json()
    assert questionnaire_hash(questionnaire) == HASH_BEFORE_SHORT_LABELS


def test_a_short_label_is_part_of_the_questionnaire() -> None:
    persona = {**SMALL["personas"][0], "short": {"en": "Beneficiary"}}
    questionnaire = Questionnaire.model_validate({**SMALL, "personas": [persona]})
    assert questionnaire.personas[0].short == {"en": "Beneficiary"}
    assert questionnaire_hash(questionnaire) != HASH_BEFORE_SHORT_LABELS
    again = Questionnaire.model_validate_json(questionnaire.model_dump_json())
    assert again == questionnaire

"""Scoring warnings arrive from the core as a code and parameters; the words are chosen here,
in the user's language, from the parameters the core gave (never rebuilt, never hard-coded)."""

from __future__ import annotations

import pytest

from fieldsurvey.i18n import catalogue_languages
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire.loader import load_questionnaire
from fieldsurvey.scoring import WarningCode
from fieldsurvey.ui.i18n import warning_text
from fieldsurvey.ui.widgets.score_rows import messages_content

LOW_ALPHA = {"area": "Accessibility", "area_id": "access", "alpha": 0.512, "threshold": 0.8}
PARAMS: dict[WarningCode, dict[str, object]] = {
    WarningCode.NO_DATA: {"questionnaire": "cs"},
    WarningCode.NOTHING_TO_SCORE: {"questionnaire": "plain"},
    WarningCode.VERSIONS: {"versions": ["1", "2"], "items": ["a3"]},
    WarningCode.LOW_ALPHA: LOW_ALPHA,
    WarningCode.UNKNOWN_LANGUAGE: {"lang": "fr", "default": "en"},
    WarningCode.NO_WEIGHT: {"count": 3, "question": "w"},
    WarningCode.NO_IMPORTANCE: {},
    WarningCode.ROUND: {"round": "2026-Q3", "rounds": ["2026-Q2", "2026-Q3"]},
    WarningCode.REJECTED: {"count": 5},
    WarningCode.REJECTED_INCLUDED: {"count": 5},
}


def test_every_warning_code_has_its_parameters_listed_here() -> None:
    assert set(PARAMS) == set(WarningCode)


@pytest.mark.parametrize("language", catalogue_languages())
@pytest.mark.parametrize("code", list(WarningCode))
def test_every_warning_has_words_in_every_language(code: WarningCode, language: str) -> None:
    text = warning_text(code, PARAMS[code], language)
    assert text and not text.startswith("scores.warn.")
    assert "{" not in text


def test_low_alpha_names_the_threshold_it_was_given() -> None:
    assert "(under 0.8)" in warning_text(WarningCode.LOW_ALPHA, LOW_ALPHA, "en")
    assert "低于 0.8" in warning_text(WarningCode.LOW_ALPHA, LOW_ALPHA, "zh")
    assert "ក្រោម 0.8" in warning_text(WarningCode.LOW_ALPHA, LOW_ALPHA, "km")
    assert "0.51" in warning_text(WarningCode.LOW_ALPHA, LOW_ALPHA, "km")


def test_list_parameters_are_comma_separated() -> None:
    versions = warning_text(WarningCode.VERSIONS, PARAMS[WarningCode.VERSIONS], "en")
    assert versions.startswith("Responses come from questionnaire versions 1, 2;")
    assert versions.endswith("Left out: a3.")
    rounds = warning_text(WarningCode.ROUND, PARAMS[WarningCode.ROUND], "zh")
    assert rounds == "得分仅针对轮次 2026-Q3；数据包含轮次 2026-Q2, 2026-Q3。"


def test_responses_without_a_round_are_named_in_the_users_language() -> None:
    params = {"round": "2026-Q3", "rounds": ["", "2026-Q3"]}  # "": no round (NO_ROUND)
    assert warning_text(WarningCode.ROUND, params, "zh").endswith("（无轮次）, 2026-Q3。")
    assert "(no round), 2026-Q3" in warning_text(WarningCode.ROUND, params, "en")


def test_messages_held_for_office_facts_are_named_not_called_unneeded() -> None:
    """ "No message suggested" would tell a supervisor the area needs no campaign, when its
    messages only wait for the office's hotline (placeholders left empty)."""
    questionnaire = load_questionnaire(bundled_questionnaire_path())
    waiting = messages_content([], None, questionnaire, "zh", ["hotline", "office_map"])
    assert "hotline, office_map" in waiting.plain and "本办公室" in waiting.plain
    waiting_en = messages_content([], None, questionnaire, "en", ["hotline"])
    assert "wait for the office's facts (hotline)" in waiting_en.plain
    nothing = messages_content([], None, questionnaire, "en")
    assert nothing.plain.startswith("No message suggested")

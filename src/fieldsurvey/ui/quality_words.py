"""A quality flag's reason in the screen's language, areas named by their labels."""

from __future__ import annotations

from fieldsurvey.quality.report import Reason
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.ui.i18n import quality_text


def reason_words(reason: Reason, questionnaire: Questionnaire, language: str) -> str:
    default = questionnaire.default_language
    areas = {area.id: text_in(area.label, language, default) for area in questionnaire.areas}
    return quality_text(reason.code, reason.params, language, areas)

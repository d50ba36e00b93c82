"""Questionnaires: the pydantic model, the YAML loader, expressions and validation."""

from fieldsurvey.questionnaire.loader import load_questionnaire, questionnaire_hash
from fieldsurvey.questionnaire.model import Questionnaire
from fieldsurvey.questionnaire.problems import Problem, QuestionnaireError

__all__ = [
    "Problem",
    "Questionnaire",
    "QuestionnaireError",
    "load_questionnaire",
    "questionnaire_hash",
]

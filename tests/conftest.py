"""Suite-wide settings: property tests judge results, never speed (machines are noisy), and
nothing is written outside temporary folders."""

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings

from fieldsurvey.paths import CACHE_ENV
from fieldsurvey.questionnaire import Questionnaire

settings.register_profile("fieldsurvey", deadline=None)
settings.load_profile("fieldsurvey")


@pytest.fixture(autouse=True, scope="session")
def _questionnaire_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Checked questionnaires are cached in a temporary folder, never the user's own."""
    previous = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("questionnaire-cache"))
    yield
    if previous is None:
        del os.environ[CACHE_ENV]
    else:
        os.environ[CACHE_ENV] = previous


@pytest.fixture
def one_question() -> Questionnaire:
    """The smallest questionnaire an interview can run: one integer question `n`, not required
    (store, services and thread tests, where the form is beside the point)."""
    label = {"en": "n"}
    scale = {"id": "agree5", "points": [{"value": 1, "label": label}, {"value": 2, "label": label}]}
    return Questionnaire.model_validate(
        {
            "id": "one-question",
            "version": "1",
            "title": label,
            "languages": ["en"],
            "default_language": "en",
            "personas": [{"id": "worker", "label": label}],
            "scales": [{**scale, "dk": {"value": "dk", "label": label}}],
            "survey": [{"type": "integer", "id": "n", "label": label}],
        }
    )

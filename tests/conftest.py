"""Suite-wide settings: property tests judge results, never speed (machines are noisy), and
nothing is written outside temporary folders."""

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings

from fieldsurvey.paths import CACHE_ENV, LOCALE_ENV

settings.register_profile("fieldsurvey", deadline=None)
settings.load_profile("fieldsurvey")


@pytest.fixture(autouse=True, scope="session")
def _questionnaire_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Checked questionnaires are cached in a temporary folder, never the user's own."""
    os.environ.pop(LOCALE_ENV, None)  # the developer's own catalogues stay out of the run
    previous = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("questionnaire-cache"))
    yield
    if previous is None:
        del os.environ[CACHE_ENV]
    else:
        os.environ[CACHE_ENV] = previous

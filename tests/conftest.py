"""Suite-wide settings: property tests judge results, never speed (machines are noisy), and
nothing is written outside temporary folders."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from fieldsurvey.paths import CACHE_ENV, LOCALE_ENV
from fieldsurvey.questionnaire import Questionnaire

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


# A questionnaire with only questions: no personas, scales, areas, messages or indicators (#15:
# such a survey loads, runs, exports and has "nothing to score"; an ordinary XLSForm is one).
PLAIN_SURVEY_YAML = """\
id: plain
version: "1"
title: {en: Plain survey, zh: 普通调查}
languages: [en, zh]
default_language: en
choice_lists:
  - id: yes_no
    choices:
      - {value: "yes", label: {en: "Yes", zh: 是}}
      - {value: "no", label: {en: "No", zh: 否}}
survey:
  - {type: select_one, id: visited, choices: yes_no, required: true,
     required_message: {en: Please say if you visited, zh: 请回答是否去过},
     label: {en: Did you visit the office?, zh: 您去过办事处吗？}}
  - {type: integer, id: minutes, relevant: "${visited} = 'yes'", default: "15",
     constraint: ". >= 0 and . <= 600",
     constraint_message: {en: From 0 to 600, zh: 0到600},
     label: {en: Minutes waited, zh: 等候分钟数}}
  - {type: text, id: comment, label: {en: Comment, zh: 意见}}
  - {type: text, id: office_code, read_only: true, default: PP-01,
     label: {en: Office code, zh: 办事处代码}}
"""


@pytest.fixture
def plain_survey_path(tmp_path: Path) -> Path:
    path = tmp_path / "plain.yaml"
    path.write_text(PLAIN_SURVEY_YAML, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[object]:
    """One PostgreSQL server for the whole session (tests/pgserver.py), started only when a
    test asks for it, with a template database holding the schema; dropped at the end."""
    import pgserver
    from fieldsurvey.store.postgres import open_store

    server = pgserver.start()
    try:
        admin = open_admin(server.url())
        admin.execute("CREATE DATABASE fs_template")
        admin.close()
        open_store(server.url("fs_template")).close()
        yield server
    finally:
        server.stop()


def open_admin(url: str) -> Any:
    import psycopg

    return psycopg.connect(url, autocommit=True)


@pytest.fixture
def pg_url(postgres_server: Any) -> Iterator[str]:
    """A fresh fieldsurvey database on the session's server (cloned from the template)."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = open_admin(postgres_server.url())
    admin.execute(f"CREATE DATABASE {name} TEMPLATE fs_template")
    try:
        yield postgres_server.url(name)
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


@pytest.fixture(params=["sqlite", "postgres"])
def hq(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A supervisor's database on each backend in turn (tests/hq.py)."""
    from fieldsurvey.store.opening import open_supervisor_store
    from hq import HQ

    location = (
        str(tmp_path / "supervisor.db")
        if request.param == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    store = open_supervisor_store(location)
    yield HQ(request.param, location, store)
    store.close()

"""Every path fieldsurvey uses by default, in one place.

The database lives in the platform's user data directory unless `--db` or `$FIELDSURVEY_DB`
says otherwise. The bundled questionnaires ship inside the package (`bundled_questionnaires/`,
a link to the repository's `questionnaires/` that the wheel build follows), so an installed
wheel finds them where a source checkout does.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import platformdirs

APP_NAME = "fieldsurvey"
DB_ENV = "FIELDSURVEY_DB"
QUESTIONNAIRE_ENV = "FIELDSURVEY_QUESTIONNAIRE"
CACHE_ENV = "FIELDSURVEY_CACHE"
BUNDLED_QUESTIONNAIRE_NAME = "client-satisfaction.yaml"


def default_db_path() -> Path:
    """`$FIELDSURVEY_DB`, else `fieldsurvey.db` in the user data directory."""
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return Path(from_env)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "fieldsurvey.db"


def default_db_location() -> Path | str:
    """`default_db_path()`, but a `postgresql://` URL in `$FIELDSURVEY_DB` stays a URL (a Path
    would fold its `//`)."""
    from_env = os.environ.get(DB_ENV, "")
    scheme, sep, _ = from_env.partition("://")
    if sep and scheme.lower() in ("postgresql", "postgres"):
        return from_env
    return default_db_path()


def cache_dir() -> Path | None:
    """Where checked questionnaires are kept between starts: `$FIELDSURVEY_CACHE`, else the
    user cache directory; None (no caching) when `$FIELDSURVEY_CACHE` is set but empty."""
    from_env = os.environ.get(CACHE_ENV)
    if from_env is not None:
        return Path(from_env) if from_env else None
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "questionnaires"


def questionnaires_dir() -> Path:
    """The folder of bundled questionnaires, a resource of the installed package."""
    folder = files("fieldsurvey") / "bundled_questionnaires"
    if not isinstance(folder, Path):  # loaders other than the file system are not supported
        raise RuntimeError(f"fieldsurvey must be installed as files, not {folder!r}")
    return folder


def bundled_questionnaire_path() -> Path:
    """`$FIELDSURVEY_QUESTIONNAIRE`, else the bundled client-satisfaction questionnaire."""
    from_env = os.environ.get(QUESTIONNAIRE_ENV)
    if from_env:
        return Path(from_env)
    return questionnaires_dir() / BUNDLED_QUESTIONNAIRE_NAME


LOCALE_ENV = "FIELDSURVEY_LOCALE_DIR"
BUNDLED_LOCALE_DIR = Path(__file__).parent / "locale"


def locale_dirs() -> tuple[Path, ...]:
    """Where gettext catalogues are found: `$FIELDSURVEY_LOCALE_DIR` first (an office's own
    languages and corrections, no code change), then the catalogues shipped with fieldsurvey."""
    from_env = os.environ.get(LOCALE_ENV)
    return (Path(from_env), BUNDLED_LOCALE_DIR) if from_env else (BUNDLED_LOCALE_DIR,)

"""Pieces every CLI command shares: the `--db` option, opening the database, loading the
questionnaire, and turning core errors into one-line messages with exit code 2.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TypeVar

import click

from fieldsurvey.paths import DB_ENV, bundled_questionnaire_path, cache_dir, default_db_path
from fieldsurvey.questionnaire import Questionnaire, QuestionnaireError
from fieldsurvey.questionnaire.cache import load_questionnaire_cached
from fieldsurvey.store.errors import StoreError
from fieldsurvey.store.interface import Store
from fieldsurvey.store.opening import open_store

F = TypeVar("F", bound=Callable[..., object])

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_INVALID = 2


def fail(message: str, code: int = EXIT_INVALID) -> NoReturn:
    """Print one error line to stderr and exit."""
    click.echo(message, err=True)
    raise SystemExit(code)


def db_option(command: F) -> F:
    """`--db PATH`, defaulting to `$FIELDSURVEY_DB` or the user data directory."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=f"Database file (default: ${DB_ENV}, else {default_db_path()}).",
    )(command)


def questionnaire_option(command: F) -> F:
    """`--questionnaire PATH`, defaulting to the bundled client-satisfaction questionnaire."""
    return click.option(
        "--questionnaire",
        "questionnaire_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Questionnaire YAML file (default: the bundled client-satisfaction questionnaire).",
    )(command)


def open_db_or_exit(path: Path | None) -> Store:
    """Open the database, or exit 2 with the reason on stderr."""
    try:
        return open_store(path or default_db_path())
    except StoreError as exc:
        fail(f"error: {exc}")


def load_questionnaire_or_exit(path: Path | None) -> Questionnaire:
    """Load and validate a questionnaire (or reuse its cached check), or print every problem
    and exit 2."""
    try:
        return load_questionnaire_cached(path or bundled_questionnaire_path(), cache_dir())
    except QuestionnaireError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        raise SystemExit(EXIT_INVALID) from None

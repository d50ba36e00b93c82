"""`fieldsurvey` with no command: load, open, run the app, and turn every failure into a message.

A field worker must never see a traceback: an invalid questionnaire lists its problems and
exits 2, an unusable or locked database says so and exits 2, and Ctrl+C quits cleanly (every
answer is committed as it is given, so the draft is there to resume).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from fieldsurvey import startup
from fieldsurvey.paths import bundled_questionnaire_path, cache_dir, default_db_location
from fieldsurvey.questionnaire import Questionnaire, QuestionnaireError
from fieldsurvey.questionnaire.cache import load_questionnaire_cached
from fieldsurvey.store.errors import Busy, StoreError
from fieldsurvey.store.interface import Store
from fieldsurvey.store.location import Location
from fieldsurvey.store.opening import open_store
from fieldsurvey.store.published import current_hash, installed_cached

EXIT_OK = 0
EXIT_INVALID = 2
EXIT_INTERRUPTED = 130

EXIT_AFTER_FIRST_SCREEN_ENV = "FIELDSURVEY_EXIT_AFTER_FIRST_SCREEN"
"""Set to 1 to quit once Home is painted: bench/bench_startup.py times cold starts with it."""

TEXTUAL_ENVIRONMENT = {"TEXTUAL_FPS": "120"}
"""Textual settings read when it is imported. At its default 60 frames a second, a new
question waits up to 17 ms for the next frame; 120 halves that (bench/bench_ui_next.py).
Frames are only drawn when something changed, so an idle app costs nothing more."""

LOCKED_HINT = (
    "the database is in use by another program (it is locked); close the other fieldsurvey "
    "window or command using it and try again"
)


def prepare_environment() -> None:
    """Apply TEXTUAL_ENVIRONMENT (a user's own setting wins); call before importing Textual."""
    for key, value in TEXTUAL_ENVIRONMENT.items():
        os.environ.setdefault(key, value)


def launch_app(db_path: Location | None, questionnaire_path: Path | None) -> int:
    """Run the interview app; return the process exit code."""
    prepare_environment()
    given = _load(questionnaire_path) if questionnaire_path is not None else None
    if questionnaire_path is not None and given is None:
        return EXIT_INVALID
    path = db_path or default_db_location()
    try:
        store = open_store(path)
    except StoreError as exc:
        _error(_explained(exc, path))
        return EXIT_INVALID
    try:
        questionnaire = given or _current_or_bundled(store)
        if questionnaire is None:
            return EXIT_INVALID
        return _run(store, questionnaire, path, follows_current=given is None)
    finally:
        store.close()


def _current_or_bundled(store: Store) -> Questionnaire | None:
    """The version published or received here (from the cache), else the bundled one: only
    the one used is loaded."""
    digest = current_hash(store)
    current = installed_cached(store, digest, cache_dir()) if digest is not None else None
    return current or _load(bundled_questionnaire_path())


def _run(store: Store, questionnaire: Questionnaire, path: Location, follows_current: bool) -> int:
    from fieldsurvey.ui.app import make_app  # Textual's import is the bulk of start-up time

    try:
        app = make_app(
            store,
            questionnaire,
            exit_after_first_screen=os.environ.get(EXIT_AFTER_FIRST_SCREEN_ENV) == "1",
            follows_current=follows_current,
        )
    except StoreError as exc:  # device id written on first use
        _error(_explained(exc, path))
        return EXIT_INVALID
    startup.release()  # everything made so far lives as long as the app
    try:
        code = app.run()
    except KeyboardInterrupt:  # a SIGINT from outside the terminal (kill -INT)
        return EXIT_INTERRUPTED
    return code if isinstance(code, int) else app.return_code or EXIT_OK


def _load(path: Path) -> Questionnaire | None:
    try:
        return load_questionnaire_cached(path, cache_dir())
    except QuestionnaireError as exc:
        for problem in exc.problems:
            _error(str(problem))
    except OSError as exc:
        _error(f"{path}: {exc.strerror or exc}")
    return None


def _explained(exc: StoreError, path: Location) -> str:
    """A locked database gets a hint on what to do; anything else its own message."""
    return f"{exc.path or path}: {LOCKED_HINT}" if isinstance(exc, Busy) else str(exc)


def _error(message: str) -> None:
    print(message, file=sys.stderr)

"""The current questionnaire version: the one new interviews use and return files carry.

A supervisor publishes a version (`fieldsurvey questionnaire publish PATH`): it is checked,
installed and marked current. A device receives it in a return file and marks it current in
the same way. Older versions stay installed, so drafts begun on them finish on them: an
interview is never moved to another version silently (getodk/collect #5947).
"""

from __future__ import annotations

from pathlib import Path

from fieldsurvey.questionnaire import Questionnaire, QuestionnaireError, questionnaire_hash
from fieldsurvey.questionnaire.cache import load_source_cached
from fieldsurvey.store.errors import StoreError
from fieldsurvey.store.interface import Publishing, Questionnaires, Settings

CURRENT_SETTING = "current_questionnaire"
"""The hash of the current version; unset: the bundled questionnaire (or --questionnaire)."""


class PublishError(ValueError):
    """A version that cannot be published: its id and version are installed here with other
    content (`installed`, this one `digest`); nothing was changed."""

    def __init__(self, questionnaire: Questionnaire, installed: str, digest: str) -> None:
        self.id, self.version = questionnaire.id, questionnaire.version
        self.installed, self.digest = installed, digest
        super().__init__(
            f"{self.id} version {self.version} is installed here with other content "
            f"({installed[:12]}, this file {digest[:12]}); give the changed questionnaire a "
            "new version number"
        )


def publish(
    store: Publishing, questionnaire: Questionnaire, source: str | None, digest: str | None = None
) -> str:
    """Install `questionnaire` (from `source`, its YAML text) and mark it current; its hash
    (`digest` when the caller has checked it already: a received version).

    Refused: an id and version installed here with other content (a changed questionnaire
    needs a new version number, or answers would be scored against the wrong text).
    """
    digest = digest or questionnaire_hash(questionnaire)
    others = [h for h in store.hashes_of_version(questionnaire.id, questionnaire.version)
              if h != digest]  # fmt: skip
    if others:
        raise PublishError(questionnaire, others[0], digest)
    from fieldsurvey.store.questionnaires import install_questionnaire

    with store.unit_of_work():
        install_questionnaire(store, questionnaire, source, known_hash=digest)
        store.set_setting(CURRENT_SETTING, digest)
    return digest


def current_hash(store: Settings) -> str | None:
    return store.get_setting(CURRENT_SETTING) or None


def current_questionnaire(store: Publishing) -> Questionnaire | None:
    """The published (or received) current version, or None when none was published here."""
    digest = current_hash(store)
    if digest is None:
        return None
    # YAML and the questionnaire checks load only when a version was published here: the
    # app's start-up path stays without them otherwise (tests/test_core_without_ui.py)
    from fieldsurvey.store.questionnaires import load_installed

    return load_installed(store, digest)


def current_or(
    store: Publishing, fallback: Questionnaire, cache_dir: Path | None = None
) -> Questionnaire:
    """The current version if one was published or received here, else `fallback` (the
    bundled questionnaire). An installed source that no longer loads counts as none.

    With `cache_dir`, the checked version is kept there (questionnaire/cache.py): the app
    starts on it as fast as on the bundled file, instead of parsing its YAML every time."""
    digest = current_hash(store)
    found = installed_cached(store, digest, cache_dir) if digest is not None else None
    return found or fallback


def installed_cached(
    store: Questionnaires, digest: str, cache_dir: Path | None
) -> Questionnaire | None:
    """The installed version named `digest`, checked, served from `cache_dir` while its
    source and the code are unchanged; None when it is not installed or no longer loads.
    (Home reads the versions of drafts made before a version was received this way.)"""
    row = store.installed(digest)
    if row is None:
        return None

    def load() -> Questionnaire:
        # YAML is imported only when the cache misses: 35 ms of the app's start otherwise
        from fieldsurvey.questionnaire.yaml_source import SourceError
        from fieldsurvey.store.questionnaires import load_installed

        try:
            questionnaire = load_installed(store, digest)
        except SourceError:
            questionnaire = None
        if questionnaire is None:  # unreadable, or no longer hashes to its hash
            raise QuestionnaireError([])
        return questionnaire

    try:
        return load_source_cached(row.source.encode(), load, cache_dir)
    except (QuestionnaireError, StoreError):
        return None

"""Questionnaire versions installed in the database, keyed by their hash, with their source.

Every response names the hash of the questionnaire it was made with. Keeping each version's
source here means a draft or a merged response stays readable after the bundled file changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from fieldsurvey.questionnaire import Questionnaire, questionnaire_hash
from fieldsurvey.questionnaire.loader import questionnaire_from_document
from fieldsurvey.questionnaire.yaml_source import parse_yaml
from fieldsurvey.store.db import utc_now, write_transaction


@dataclass(frozen=True)
class InstalledQuestionnaire:
    """A row of the `questionnaires` table."""

    hash: str
    id: str
    version: str
    source: str
    installed_at: str


def install_questionnaire(
    db: sqlite_utils.Database,
    questionnaire: Questionnaire,
    source: str | None = None,
    *,
    known_hash: str | None = None,
) -> str:
    """Record this version unless it is there already; return its hash.

    `source` should be the YAML text it was loaded from; without it the model's JSON is stored,
    which is valid YAML too, so `load_installed` reads either. `known_hash` skips rehashing.
    """
    digest = known_hash or questionnaire_hash(questionnaire)
    if installed(db, digest) is not None:
        return digest  # every interview start calls this: skip serialising the model
    text = source if source is not None else questionnaire.model_dump_json(indent=1)
    with write_transaction(db):
        db.execute(
            "INSERT OR IGNORE INTO questionnaires (hash, id, version, source, installed_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [digest, questionnaire.id, questionnaire.version, text, utc_now()],
        )
    return digest


def installed(db: sqlite_utils.Database, digest: str) -> InstalledQuestionnaire | None:
    row = db.execute(
        "SELECT hash, id, version, source, installed_at FROM questionnaires WHERE hash = ?",
        [digest],
    ).fetchone()
    return InstalledQuestionnaire(*row) if row else None


def installed_versions(db: sqlite_utils.Database) -> list[InstalledQuestionnaire]:
    """Every installed version, newest first."""
    rows = db.execute(
        "SELECT hash, id, version, source, installed_at FROM questionnaires "
        "ORDER BY installed_at DESC, id, version"
    ).fetchall()
    return [InstalledQuestionnaire(*row) for row in rows]


def load_installed(db: sqlite_utils.Database, digest: str) -> Questionnaire | None:
    """The installed version with this hash, parsed and checked, or None if not installed.

    A stored source that no longer hashes to `digest` (a model change since it was installed)
    counts as not installed: answering it with a different model would corrupt the response.
    """
    row = installed(db, digest)
    if row is None:
        return None
    questionnaire = questionnaire_from_document(parse_yaml(row.source), f"<installed {row.hash}>")
    return questionnaire if questionnaire_hash(questionnaire) == digest else None

"""The SQL of the trust model (sync/trust.py): device keys, their trust, its log, and the
questionnaire versions a merge checks records against.

Kept in one module of its own so that it moves behind the store interface in one piece.
"""

from __future__ import annotations

import sqlite_utils


def installed_sources(db: sqlite_utils.Database) -> dict[str, str]:
    """hash -> YAML source of every questionnaire version installed here."""
    return dict(db.execute("SELECT hash, source FROM questionnaires").fetchall())


def hashes_of_version(db: sqlite_utils.Database, questionnaire: str, version: str) -> list[str]:
    """The hashes installed here under one questionnaire id and version (normally one)."""
    rows = db.execute(
        "SELECT hash FROM questionnaires WHERE id = ? AND version = ? ORDER BY hash",
        [questionnaire, version],
    )
    return [row[0] for row in rows]

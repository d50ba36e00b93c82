"""Installed questionnaire versions, by hash, with their source."""

from __future__ import annotations

from collections.abc import Sequence

from fieldsurvey.store.records import InstalledQuestionnaire
from fieldsurvey.store.sqlite.base import SQLiteBase

_COLUMNS = "hash, id, version, source, installed_at, canonical"


class QuestionnairesMixin(SQLiteBase):
    def add_questionnaire(self, row: InstalledQuestionnaire) -> None:
        with self.unit_of_work():
            self.conn.execute(
                f"INSERT OR IGNORE INTO questionnaires ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                [row.hash, row.id, row.version, row.source, row.installed_at, row.canonical],
            )

    def installed(self, digest: str) -> InstalledQuestionnaire | None:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM questionnaires WHERE hash = ?", [digest]
        ).fetchone()
        return InstalledQuestionnaire(*row) if row else None

    def installed_versions(self) -> list[InstalledQuestionnaire]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM questionnaires ORDER BY installed_at DESC, id, version"
        ).fetchall()
        return [InstalledQuestionnaire(*row) for row in rows]

    def installed_sources(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT hash, source FROM questionnaires").fetchall())

    def hashes_of_version(self, questionnaire: str, version: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT hash FROM questionnaires WHERE id = ? AND version = ? ORDER BY hash",
            [questionnaire, version],
        )
        return [row[0] for row in rows]

    def questionnaire_sources(self, hashes: Sequence[str]) -> list[InstalledQuestionnaire]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM questionnaires "
            f"WHERE hash IN ({', '.join('?' * len(hashes))}) ORDER BY hash",
            list(hashes),
        ).fetchall()
        return [InstalledQuestionnaire(*row) for row in rows]

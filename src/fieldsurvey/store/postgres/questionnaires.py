"""Installed questionnaire versions, by hash, with their source."""

from __future__ import annotations

from collections.abc import Sequence

from fieldsurvey.store.postgres.base import PostgresBase
from fieldsurvey.store.records import InstalledQuestionnaire

_COLUMNS = "hash, id, version, source, installed_at"


def _installed(row: tuple[object, ...]) -> InstalledQuestionnaire:
    return InstalledQuestionnaire(*(str(value) for value in row))


class QuestionnairesMixin(PostgresBase):
    def add_questionnaire(self, row: InstalledQuestionnaire) -> None:
        with self.unit_of_work():
            self.conn.execute(
                f"INSERT INTO questionnaires ({_COLUMNS}) VALUES (%s, %s, %s, %s, %s) "
                "ON CONFLICT DO NOTHING",
                [row.hash, row.id, row.version, row.source, row.installed_at],
            )

    def installed(self, digest: str) -> InstalledQuestionnaire | None:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM questionnaires WHERE hash = %s", [digest]
        ).fetchone()
        return _installed(row) if row else None

    def installed_versions(self) -> list[InstalledQuestionnaire]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM questionnaires ORDER BY installed_at DESC, id, version"
        ).fetchall()
        return [_installed(row) for row in rows]

    def installed_sources(self) -> dict[str, str]:
        rows = self.conn.execute("SELECT hash, source FROM questionnaires").fetchall()
        return {str(digest): str(source) for digest, source in rows}

    def hashes_of_version(self, questionnaire: str, version: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT hash FROM questionnaires WHERE id = %s AND version = %s ORDER BY hash",
            [questionnaire, version],
        ).fetchall()
        return [str(row[0]) for row in rows]

    def questionnaire_sources(self, hashes: Sequence[str]) -> list[InstalledQuestionnaire]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM questionnaires WHERE hash = ANY(%s) ORDER BY hash",
            [list(hashes)],
        ).fetchall()
        return [_installed(row) for row in rows]

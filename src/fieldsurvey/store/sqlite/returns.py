"""Files back to the field (MIGRATION_RETURNS): on the supervisor, the interviews to send
back; on a device, the return files applied, the comments they brought and the office's
reports. Nothing here updates or deletes a row."""

from __future__ import annotations

import json
from collections.abc import Sequence

from fieldsurvey.store.return_records import (
    ReceivedReturn,
    ReturnCandidate,
    ReturnedNote,
    StoredOfficeReport,
)
from fieldsurvey.store.return_sql import CANDIDATES, for_devices
from fieldsurvey.store.sqlite.base import SQLiteBase

_FILE_COLUMNS = (
    "file_sha256, supervisor_key, created_at, received_at, path, returned, reopened, "
    "questionnaire_hash"
)
_NOTE_COLUMNS = "file_sha256, uuid, content_hash, state, comment, reviewer, decided_at, notes"
_REPORT_COLUMNS = "file_sha256, as_of, questionnaire_hash, round, responses, document"


class ReturnsMixin(SQLiteBase):
    def return_candidates(self, devices: Sequence[str] | None) -> list[ReturnCandidate]:
        return for_devices([ReturnCandidate(*row) for row in self.conn.execute(CANDIDATES)],
                           devices)  # fmt: skip

    def received_return(self, file_sha256: str) -> ReceivedReturn | None:
        row = self.conn.execute(
            f"SELECT {_FILE_COLUMNS} FROM return_files WHERE file_sha256 = ?", [file_sha256]
        ).fetchone()
        return ReceivedReturn(*row) if row else None

    def latest_return(self) -> ReceivedReturn | None:
        row = self.conn.execute(
            f"SELECT {_FILE_COLUMNS} FROM return_files ORDER BY created_at DESC LIMIT 1"
        ).fetchone()
        return ReceivedReturn(*row) if row else None

    def record_return(self, row: ReceivedReturn) -> None:
        self.require_unit().execute(
            f"INSERT INTO return_files ({_FILE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [row.file_sha256, row.supervisor_key, row.created_at, row.received_at, row.path,
             row.returned, row.reopened, row.questionnaire_hash],
        )  # fmt: skip

    def add_returned(self, notes: Sequence[ReturnedNote]) -> None:
        self.require_unit().executemany(
            f"INSERT INTO returned_interviews ({_NOTE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(n.file_sha256, n.uuid, n.content_hash, n.state, n.comment, n.reviewer,
              n.decided_at, json.dumps(n.notes, ensure_ascii=False)) for n in notes],
        )  # fmt: skip

    def returned_note(self, uuid: str) -> ReturnedNote | None:
        row = self.conn.execute(
            f"SELECT {_NOTE_COLUMNS} FROM returned_interviews WHERE uuid = ? "
            "ORDER BY decided_at DESC, id DESC LIMIT 1",
            [uuid],
        ).fetchone()
        if row is None:
            return None
        sha256, uuid_, content_hash, state, comment, reviewer, decided_at, notes = row
        return ReturnedNote(
            sha256, uuid_, content_hash, state, comment, reviewer, decided_at, json.loads(notes)
        )

    def returned_uuids(self) -> set[str]:
        return {uuid for (uuid,) in self.conn.execute("SELECT uuid FROM returned_interviews")}

    def add_office_report(self, row: StoredOfficeReport) -> None:
        self.require_unit().execute(
            f"INSERT INTO office_reports ({_REPORT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
            [row.file_sha256, row.as_of, row.questionnaire_hash, row.round, row.responses,
             row.document],
        )  # fmt: skip

    def office_report(self) -> StoredOfficeReport | None:
        row = self.conn.execute(
            f"SELECT {_REPORT_COLUMNS} FROM office_reports ORDER BY as_of DESC LIMIT 1"
        ).fetchone()
        return StoredOfficeReport(*row) if row else None

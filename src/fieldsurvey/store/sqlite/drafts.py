"""Drafts as Home reads them (all answers in one query), and drafts that hold nothing: an
interview opened and left before its first answer."""

from __future__ import annotations

import json

from fieldsurvey.store.records import DraftContent
from fieldsurvey.store.sqlite.base import SQLiteBase


class DraftsMixin(SQLiteBase):
    def discard_empty_draft(self, response_id: int) -> bool:
        """Delete revision 1 of a draft with no answer (its paradata cascades); a draft with an
        answer, or a revision, is kept. True when deleted. In a unit."""
        cursor = self.require_unit().execute(
            "DELETE FROM responses WHERE id = ? AND status = 'draft' AND revision = 1 "
            "AND NOT EXISTS (SELECT 1 FROM answers WHERE response = ?)",
            [response_id, response_id],
        )
        return cursor.rowcount == 1

    def draft_contents(self) -> list[DraftContent]:
        rows = self.conn.execute(
            "SELECT r.id, r.questionnaire_hash, a.question, a.value FROM responses r "
            "LEFT JOIN answers a ON a.response = r.id WHERE r.status = 'draft' ORDER BY r.id"
        )
        drafts: dict[int, DraftContent] = {}
        for response, digest, question, value in rows:
            draft = drafts.setdefault(response, DraftContent(response, digest, {}))
            if question is not None:
                draft.answers[question] = json.loads(value)
        return list(drafts.values())

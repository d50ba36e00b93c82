"""What a supervisor reads besides scores, for SQLite; the logic is store/supervision.py's."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from fieldsurvey.store.reviews import latest_state_sql
from fieldsurvey.store.sqlite.base import SQLiteBase
from fieldsurvey.store.supervision import SupervisionPart, SupervisionSQL


class SupervisionMixin(SQLiteBase, SupervisionPart):
    supervision_sql = SupervisionSQL(
        round_counts=(
            "SELECT round_key, COALESCE(office, ''), COUNT(*), MIN(completed_at), "
            "MAX(completed_at) FROM responses WHERE status = 'complete' AND is_head = 1 "
            "GROUP BY round_key, COALESCE(office, '') ORDER BY 2"
        ),
        interview_facts=f"""SELECT r.id, r.uuid, r.interviewer, r.office, r.completed_at,
                {latest_state_sql("r.uuid", "r.content_hash")},
                (SELECT SUM(p.duration_ms) FROM paradata p
                 WHERE p.response = r.id AND p.event = 'leave')
            FROM responses r
            WHERE r.status = 'complete' AND r.is_head = 1 AND r.questionnaire_id = ?
            ORDER BY r.id""",
    )

    def _words_read(self, response_ids: Sequence[int], page_words: Mapping[str, int]) -> list[Any]:
        table = f"temp.quality_words_{uuid.uuid4().hex}"
        conn = self.conn
        conn.execute(f"CREATE TABLE {table} (page TEXT PRIMARY KEY, words INTEGER) WITHOUT ROWID")
        try:
            conn.executemany(f"INSERT INTO {table} VALUES (?, ?)", list(page_words.items()))
            # Per interview, its distinct pages from its own few paradata rows: half the
            # time of one DISTINCT over all of them (bench/bench_quality.py), and the ids go
            # as one JSON parameter, so any number of them fits.
            rows = conn.execute(
                f"""SELECT j.value, (SELECT TOTAL(w.words) FROM {table} w
                    WHERE w.page IN (SELECT p.question FROM paradata p
                                     WHERE p.response = j.value AND p.event = 'leave'))
                FROM json_each(?) j""",
                [json.dumps([int(response) for response in response_ids])],
            ).fetchall()
        finally:
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        return rows

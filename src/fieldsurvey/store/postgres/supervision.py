"""What a supervisor reads besides scores, for PostgreSQL; the logic is
store/supervision.py's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fieldsurvey.store.postgres.base import PostgresBase
from fieldsurvey.store.reviews import latest_state_sql
from fieldsurvey.store.supervision import SupervisionPart, SupervisionSQL


class SupervisionMixin(PostgresBase, SupervisionPart):
    supervision_sql = SupervisionSQL(
        round_counts=(
            "SELECT round_key, COALESCE(office, ''), count(*), min(completed_at), "
            "max(completed_at) FROM responses WHERE status = 'complete' AND is_head "
            "GROUP BY round_key, COALESCE(office, '') "
            """ORDER BY COALESCE(office, '') COLLATE "C" """
        ),
        interview_facts=f"""SELECT r.id, r.uuid, r.interviewer, r.office, r.completed_at,
                {latest_state_sql("r.uuid", "r.content_hash")},
                (SELECT sum(p.duration_ms)::bigint FROM paradata p
                 WHERE p.response = r.id AND p.event = 'leave')
            FROM responses r
            WHERE r.status = 'complete' AND r.is_head AND r.questionnaire_id = %s
            ORDER BY r.id""",
    )

    def _words_read(self, response_ids: Sequence[int], page_words: Mapping[str, int]) -> list[Any]:
        rows = self.conn.execute(
            """SELECT p.response, sum(w.words) FROM
                (SELECT DISTINCT response, question FROM paradata
                 WHERE response = ANY(%s) AND event = 'leave') p
            JOIN unnest(%s::text[], %s::bigint[]) AS w(page, words) ON w.page = p.question
            GROUP BY p.response""",
            [list(response_ids), list(page_words), list(page_words.values())],
        ).fetchall()
        return rows

"""What a supervisor reads besides scores: interviews per round and office, and per scored
interview who, where, when, its review state and its paradata (the quality flags)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fieldsurvey.store.postgres.base import PostgresBase
from fieldsurvey.store.postgres.reviews import latest_state_sql
from fieldsurvey.store.records import InterviewFacts, RoundCount


class SupervisionMixin(PostgresBase):
    def round_counts(self) -> list[RoundCount]:
        rows = self.conn.execute(
            "SELECT round_key, COALESCE(office, ''), count(*), min(completed_at), "
            "max(completed_at) FROM responses WHERE status = 'complete' AND is_head "
            "GROUP BY round_key, COALESCE(office, '') "
            """ORDER BY COALESCE(office, '') COLLATE "C" """
        ).fetchall()
        return [RoundCount(*row) for row in rows]

    def interview_facts(self, questionnaire_id: str) -> InterviewFacts:
        rows = self.conn.execute(
            f"""SELECT r.id, r.uuid, r.interviewer, r.office, r.completed_at,
                {latest_state_sql("r.uuid", "r.content_hash")},
                (SELECT sum(p.duration_ms)::bigint FROM paradata p
                 WHERE p.response = r.id AND p.event = 'leave')
            FROM responses r
            WHERE r.status = 'complete' AND r.is_head AND r.questionnaire_id = %s
            ORDER BY r.id""",
            [questionnaire_id],
        ).fetchall()
        columns = list(zip(*rows, strict=True)) or [()] * 7
        return InterviewFacts(*(list(column) for column in columns))

    def words_read(
        self, response_ids: Sequence[int], page_words: Mapping[str, int]
    ) -> dict[int, int]:
        if not response_ids:
            return {}
        rows = self.conn.execute(
            """SELECT p.response, sum(w.words) FROM
                (SELECT DISTINCT response, question FROM paradata
                 WHERE response = ANY(%s) AND event = 'leave') p
            JOIN unnest(%s::text[], %s::bigint[]) AS w(page, words) ON w.page = p.question
            GROUP BY p.response""",
            [list(response_ids), list(page_words), list(page_words.values())],
        ).fetchall()
        found = {int(response): int(words) for response, words in rows}
        return {response: found.get(response, 0) for response in response_ids}

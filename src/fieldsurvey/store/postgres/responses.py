"""Reading revisions, their answers and paradata, for PostgreSQL (the logic is
store/responses.py's); the flags merge settles.

Interviews are not captured here (store/opening.py refuses a server URL to `ask` and the
app), so the draft sink is not part of this adapter; what reads revisions (review, conflicts,
Home-style counts) is.
"""

from __future__ import annotations

from collections.abc import Sequence

from fieldsurvey.store.postgres.base import PostgresBase
from fieldsurvey.store.records import RESPONSE_FIELDS
from fieldsurvey.store.responses import CountsPart, CountsSQL, ResponsesPart, ResponsesSQL

_COLUMNS = ", ".join(
    f"{name}::int" if name in ("is_head", "in_conflict") else name  # 0/1 as on SQLite
    for name in RESPONSE_FIELDS
)


class ResponsesMixin(PostgresBase, ResponsesPart, CountsPart):
    responses_sql = ResponsesSQL(
        get_response=f"SELECT {_COLUMNS} FROM responses WHERE id = %s",
        revisions=f"SELECT {_COLUMNS} FROM responses WHERE uuid = %s ORDER BY revision, id",
        load_answers="SELECT question, value FROM answers WHERE response = %s",
        paradata=(
            "SELECT response, seq, question, event, at, duration_ms, detail FROM paradata "
            "WHERE response = %s ORDER BY seq"
        ),
    )
    counts_sql = CountsSQL(
        home_counts=(
            "SELECT count(*) FILTER (WHERE status = 'complete' AND is_head "
            "AND completed_at >= %s), "
            "count(*) FILTER (WHERE status = 'complete' AND is_head), "
            "count(*) FILTER (WHERE status != 'draft' AND exported_seq IS NULL "
            "AND device_id = (SELECT value FROM settings WHERE key = 'device_id')), "
            "count(*) FILTER (WHERE status = 'draft') FROM responses"
        ),
        list_drafts=(
            "SELECT r.id, r.uuid, r.revision, r.questionnaire_id, r.questionnaire_version, "
            "r.persona, r.started_at, r.updated_at, r.current_question, "
            "(SELECT count(*) FROM answers a WHERE a.response = r.id) "
            "FROM responses r WHERE r.status = 'draft' ORDER BY r.updated_at DESC, r.id DESC"
        ),
    )

    def set_flags(self, changed: Sequence[tuple[bool, bool, int]]) -> None:
        if not changed:
            return
        heads, conflicts, ids = (list(column) for column in zip(*changed, strict=True))
        self.require_unit().execute(
            "UPDATE responses r SET is_head = c.head, in_conflict = c.conflict "
            "FROM unnest(%s::boolean[], %s::boolean[], %s::bigint[]) AS c(head, conflict, id) "
            "WHERE r.id = c.id",
            [heads, conflicts, ids],
        )

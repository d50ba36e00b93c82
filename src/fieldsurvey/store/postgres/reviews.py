"""The review log: supervisors' decisions, append-only (a trigger refuses to change or delete a
row); the newest is the interview's state (none: pending)."""

from __future__ import annotations

from fieldsurvey.store.postgres.base import PostgresBase
from fieldsurvey.store.records import Decision

_COLUMNS = "uuid, state, comment, reviewer, device_id, decided_at, content_hash"


def latest_state_sql(uuid_column: str) -> str:
    """A scalar subquery: the review state of the interview named by `uuid_column` (NULL when
    pending)."""
    return (
        f"(SELECT v.state FROM reviews v WHERE v.uuid = {uuid_column} "
        "ORDER BY v.decided_at DESC, v.id DESC LIMIT 1)"
    )


class ReviewsMixin(PostgresBase):
    def add_decision(self, decision: Decision) -> None:
        self.require_unit().execute(
            f"INSERT INTO reviews ({_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [decision.uuid, decision.state, decision.comment, decision.reviewer,
             decision.device_id, decision.decided_at, decision.content_hash],
        )  # fmt: skip

    def decisions(self, uuid: str) -> list[Decision]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM reviews WHERE uuid = %s ORDER BY decided_at, id", [uuid]
        ).fetchall()
        return [Decision(*row) for row in rows]

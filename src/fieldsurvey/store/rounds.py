"""Survey rounds in the data: completed interviews per round and office (`fieldsurvey rounds`).

Rounds are read from `round_key` (migration 3): the round as recorded, normalised where an
older free-text form could be ("Q3 2026" -> "2026-Q3").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlite_utils

from fieldsurvey.questionnaire.rounds import sort_rounds


@dataclass(frozen=True)
class RoundSummary:
    round: str | None
    """None for the responses recorded without a round."""
    responses: int
    first_completed: str
    last_completed: str
    offices: dict[str, int] = field(default_factory=dict)
    """Completed interviews per office ("" for those recorded without one)."""


def round_summaries(db: sqlite_utils.Database) -> list[RoundSummary]:
    """Every round with completed interviews (head revisions), oldest first."""
    rows = db.execute(
        "SELECT round_key, COALESCE(office, ''), COUNT(*), MIN(completed_at), MAX(completed_at) "
        "FROM responses WHERE status = 'complete' AND is_head = 1 "
        "GROUP BY round_key, COALESCE(office, '') ORDER BY 2"
    ).fetchall()
    found: dict[str | None, RoundSummary] = {}
    for key, office, count, first, last in rows:
        seen = found.get(key)
        offices = {**(seen.offices if seen else {}), office: count}
        found[key] = RoundSummary(
            round=key,
            responses=(seen.responses if seen else 0) + count,
            first_completed=min(first, seen.first_completed) if seen else first,
            last_completed=max(last, seen.last_completed) if seen else last,
            offices=offices,
        )
    order = sort_rounds({key: summary.first_completed for key, summary in found.items()})
    return [found[key] for key in order]

"""Survey rounds in the data: completed interviews per round and office (`fieldsurvey rounds`).

Rounds come normalised from the store (`round_key`, MIGRATION_SUPERVISION): the round as
recorded, in the fixed form where an older free-text form could be ("Q3 2026" -> "2026-Q3").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldsurvey.questionnaire.rounds import sort_rounds
from fieldsurvey.store.interface import Supervision


@dataclass(frozen=True)
class RoundSummary:
    round: str | None
    """None for the responses recorded without a round."""
    responses: int
    first_completed: str
    last_completed: str
    offices: dict[str, int] = field(default_factory=dict)
    """Completed interviews per office ("" for those recorded without one)."""


def round_summaries(store: Supervision) -> list[RoundSummary]:
    """Every round with completed interviews (head revisions), oldest first."""
    found: dict[str | None, RoundSummary] = {}
    for row in store.round_counts():
        seen = found.get(row.round)
        found[row.round] = RoundSummary(
            round=row.round,
            responses=(seen.responses if seen else 0) + row.responses,
            first_completed=min(row.first_completed, seen.first_completed)
            if seen
            else row.first_completed,
            last_completed=max(row.last_completed, seen.last_completed)
            if seen
            else row.last_completed,
            offices={**(seen.offices if seen else {}), row.office: row.responses},
        )
    order = sort_rounds({key: summary.first_completed for key, summary in found.items()})
    return [found[key] for key in order]

"""SQL for return files that reads the same on SQLite and PostgreSQL (both adapters run it).

`fieldsurvey return` picks the interviews to send back: those whose review state, on the
revision now stored as the head, is rejected or has issues, with the newest decision that
set it (its comment goes to the device) and the device that started the interview.
"""

from __future__ import annotations

from collections.abc import Sequence

from fieldsurvey.store.return_records import ReturnCandidate

CANDIDATES = """
SELECT s.uuid,
       (SELECT f.device_id FROM responses f WHERE f.uuid = s.uuid
        ORDER BY f.revision, f.id LIMIT 1),
       r.content_hash, r.questionnaire_hash, s.state, d.comment, d.reviewer, d.decided_at
FROM review_states s
JOIN responses r ON r.uuid = s.uuid AND r.content_hash = s.content_hash AND r.is_head
JOIN reviews d ON d.id = (
    SELECT v.id FROM reviews v
    WHERE v.uuid = s.uuid AND v.content_hash = r.content_hash AND v.state = s.state
    ORDER BY v.decided_at DESC, v.id DESC LIMIT 1)
WHERE s.state IN ('rejected', 'has_issues')
ORDER BY d.decided_at, s.uuid
"""
"""(uuid, first device, content hash, questionnaire hash, state, comment, reviewer, decided
at) per interview to send back, oldest decision first."""


def for_devices(
    rows: list[ReturnCandidate], devices: Sequence[str] | None
) -> list[ReturnCandidate]:
    """The candidates started on one of `devices` (None: every device)."""
    if devices is None:
        return rows
    wanted = set(devices)
    return [row for row in rows if row.device_id in wanted]

"""The conflict queue's storage, written once for both adapters: versions flagged
`in_conflict`, a supervisor's choice, and its log. The statements are the adapter's
(store/adapter.py), and so is how a version's answers come back with it."""

from __future__ import annotations

import json
from abc import abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar

from fieldsurvey.store.adapter import AdapterPart
from fieldsurvey.store.records import ConflictRow, ResolutionRow


@dataclass(frozen=True)
class ConflictsSQL:
    """One statement per use; the parameters each is given, in order, follow its name."""

    conflict_versions: str
    """() -> uuid, questionnaire_id, content_hash, parent_hash, revision, device_id,
    interviewer, status, updated_at, is_head, then what `_answers` reads the answers from;
    by uuid, newest first, then content hash"""
    conflicting_hashes: str
    """(uuid) -> content_hash of its versions in conflict"""
    set_aside: str
    """(uuid, kept hash) -> content_hash of its other live versions (head or in conflict)"""
    keep: str
    """(kept hash, uuid): its live versions: the kept one the head, none in conflict"""
    vouch: str
    """(uuid, kept hash): the kept version's authority raised to 2"""
    log_resolution: str
    """(uuid, kept_hash, set_aside as JSON, resolved_at, resolved_by, device_id)"""
    resolutions: str
    """() -> uuid, kept_hash, set_aside as JSON, resolved_at, resolved_by, device_id;
    oldest first"""


class ConflictsPart(AdapterPart):
    conflicts_sql: ClassVar[ConflictsSQL]

    @abstractmethod
    def _answers(self, found: Any) -> dict[str, object]:
        """A version's answers from the last column of its `conflict_versions` row."""

    def conflict_versions(self) -> list[ConflictRow]:
        rows = self.conn.execute(self.conflicts_sql.conflict_versions).fetchall()
        return [
            ConflictRow(
                uuid, questionnaire, digest, parent, revision, device, interviewer, status,
                updated_at, is_head=bool(head), answers=self._answers(found),
            )
            for uuid, questionnaire, digest, parent, revision, device, interviewer, status,
            updated_at, head, found in rows
        ]  # fmt: skip

    def conflicting_hashes(self, uuid: str) -> list[str]:
        return [row[0] for row in self.conn.execute(self.conflicts_sql.conflicting_hashes, [uuid])]

    def keep_only(self, uuid: str, kept: str) -> list[str]:
        conn = self.require_unit()
        set_aside = [row[0] for row in conn.execute(self.conflicts_sql.set_aside, [uuid, kept])]
        conn.execute(self.conflicts_sql.keep, [kept, uuid])
        # the supervisor vouches for what they keep: a held version is no more
        conn.execute(self.conflicts_sql.vouch, [uuid, kept])
        return set_aside

    def log_resolution(self, row: ResolutionRow) -> None:
        self.require_unit().execute(
            self.conflicts_sql.log_resolution,
            [row.uuid, row.kept_hash, json.dumps(row.set_aside), row.resolved_at,
             row.resolved_by, row.device_id],
        )  # fmt: skip

    def resolutions(self) -> list[ResolutionRow]:
        return [
            ResolutionRow(uuid, kept, json.loads(aside), at, by, device)
            for uuid, kept, aside, at, by, device in self.conn.execute(
                self.conflicts_sql.resolutions
            )
        ]

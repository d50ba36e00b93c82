"""Writing a verified export file's records into the store (inside merge's transaction).

Per record: a revision already stored is `present`; one whose parent is the stored head is
`updated`; one that leaves its interview with several diverging versions is a `conflict`
(every version kept); anything else — a new interview, or an older revision arriving after
its child — is `added`. Heads and conflict flags then follow `lineage.settle`.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldsurvey.store.interface import Imports
from fieldsurvey.store.lineage import Revision, StoredLineage, head_hash, settle
from fieldsurvey.store.records import IncomingRevision
from fieldsurvey.sync.fileformat import RESPONSE_COLUMNS
from fieldsurvey.sync.reader import ExportFile, Record


@dataclass
class Tally:
    added: int = 0
    present: int = 0
    updated: int = 0
    conflicts: int = 0


def apply_records(store: Imports, export: ExportFile) -> Tally:
    """Classify and store every record of `export`; the caller holds the unit of work."""
    lineages = store.lineages([record.uuid for record in export.responses])
    tally = Tally()
    fresh: list[tuple[Record, Revision]] = []
    for record in export.responses:
        revisions = lineages.setdefault(record.uuid, [])
        if any(r.content_hash == record.content_hash for r in revisions):
            tally.present += 1
            continue
        head_before = head_hash(revisions)
        revision = Revision(
            record.content_hash,
            record.parent_hash,
            record.updated_at,
            is_head=False,
            in_conflict=False,
            stored=False,
        )
        revisions.append(revision)
        _apply_flags(revisions)
        fresh.append((record, revision))
        if record.parent_hash is not None and record.parent_hash == head_before:
            tally.updated += 1
        elif revision.in_conflict:
            tally.conflicts += 1
        else:
            tally.added += 1
    _update_flags(store, lineages)
    store.insert_revisions(
        RESPONSE_COLUMNS,
        (
            IncomingRevision(record.row, record.answers, record.events, r.is_head, r.in_conflict)
            for record, r in fresh
        ),
    )
    return tally


def _apply_flags(revisions: list[Revision]) -> None:
    flags = settle(revisions)
    for revision in revisions:
        revision.is_head, revision.in_conflict = flags[revision.content_hash]


def _update_flags(store: Imports, lineages: dict[str, list[Revision]]) -> None:
    changed = [
        (r.is_head, r.in_conflict, r.row_id)
        for revisions in lineages.values()
        for r in revisions
        if isinstance(r, StoredLineage) and (r.is_head, r.in_conflict) != r.was
    ]
    store.set_flags(changed)

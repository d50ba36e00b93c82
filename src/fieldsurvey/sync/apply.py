"""Writing a verified export file's records into the store (inside merge's transaction).

Per record: a revision already stored is `present`; one whose parent is the stored head is
`updated`; one that leaves its interview with several diverging versions is a `conflict`
(every version kept); anything else — a new interview, or an older revision arriving after
its child — is `added`; a revision its signer may not make the head (trust.py) is held, and
counted as a conflict. Heads and conflict flags then follow `lineage.settle`.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldsurvey.store.interface import Imports
from fieldsurvey.store.lineage import Revision, StoredLineage, head_hash, held, owners, settle
from fieldsurvey.store.records import IncomingRevision
from fieldsurvey.sync.fileformat import RESPONSE_COLUMNS
from fieldsurvey.sync.reader import ExportFile, Record
from fieldsurvey.sync.trust import Signer


@dataclass
class Tally:
    added: int = 0
    present: int = 0
    updated: int = 0
    conflicts: int = 0


def apply_records(store: Imports, export: ExportFile, signer: Signer) -> Tally:
    """Classify and store every record of `export`; the caller holds the unit of work.

    Each record carries the authority its signer has over it (trust.py); a revision stored
    before that arrives again with more authority keeps the higher one, and its interview's
    flags are settled again. A held revision (lineage.held) counts as a conflict.
    """
    lineages = store.lineages([record.uuid for record in export.responses])
    tally = Tally()
    fresh: list[tuple[Record, Revision]] = []
    raised: list[tuple[int, int]] = []
    for record in export.responses:
        revisions = lineages.setdefault(record.uuid, [])
        authority = signer.authority_for(record.device_id)
        same = next((r for r in revisions if r.content_hash == record.content_hash), None)
        if same is not None:
            tally.present += 1
            if authority > same.authority and isinstance(same, StoredLineage):
                same.authority = authority
                raised.append((authority, same.row_id))
                _apply_flags(revisions)
            continue
        head_before = head_hash(revisions)
        revision = Revision(
            record.content_hash,
            record.parent_hash,
            record.updated_at,
            is_head=False,
            in_conflict=False,
            stored=False,
            device_id=record.device_id,
            authority=authority,
        )
        revisions.append(revision)
        _apply_flags(revisions)
        fresh.append((record, revision))
        if held(revision, owners(revisions)):
            tally.conflicts += 1
        elif record.parent_hash is not None and record.parent_hash == head_before:
            tally.updated += 1
        elif revision.in_conflict:
            tally.conflicts += 1
        else:
            tally.added += 1
    store.raise_authority(raised)
    _update_flags(store, lineages)
    store.insert_revisions(
        RESPONSE_COLUMNS,
        (
            IncomingRevision(
                record.row, record.answers, record.events, r.is_head, r.in_conflict, r.authority
            )
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

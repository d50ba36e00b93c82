"""Which revision of an interview is its head, and whether it is in conflict.

The flags are a function of the set of revisions a store holds, never of the order files
arrived in, so merging the same files in any order gives the same store:

- a *tip* is a closed revision that no other revision of the interview names as its parent;
- a tip the supervisor set aside when resolving a conflict (stored with `is_head = 0` and
  `in_conflict = 0`, which no other rule produces) stays set aside;
- one live tip: it is the head, nothing is in conflict;
- several live tips: all of them are in conflict (diverging edits, both kept) and the head is
  the most recently updated one, so lists and scores count the interview once meanwhile.

A revision whose parent has not arrived yet counts as a tip too, so a missing file shows up as
a conflict until the file arrives and settles it; the sequence gaps say which file is missing.

The trust model (docs/trust-model.md) adds one rule: a *held* revision (see `held`) is never
the head and hides no parent; while one is pending, the interview is in conflict (its tips and
the held revisions flagged), so a supervisor sees it in the conflict queue. Authority only
grows as files arrive, so this too depends on the set of revisions, not on their order.
Drafts take no part: an edit in progress is not the head until it is closed
(store/sqlite/responses.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass
class Revision:
    """A closed revision, as far as heads and conflicts are concerned."""

    content_hash: str
    parent_hash: str | None
    updated_at: str
    is_head: bool
    in_conflict: bool
    stored: bool = True
    device_id: str = ""
    """The device that made this revision."""
    authority: int = 2
    """FULL (2): made here, signed by a trusted key, or kept by a supervisor; OWN (1): signed
    by its maker device; RELAYED (0): only relayed by other untrusted devices."""

    @property
    def set_aside(self) -> bool:
        return self.stored and not self.is_head and not self.in_conflict


def stored_revision(row: Sequence[Any]) -> Revision:
    """A closed revision as the store reads it: (content_hash, parent_hash, updated_at,
    is_head, in_conflict, device_id, authority), the flags 0/1 or booleans."""
    digest, parent, at, head, conflict, device, authority = row
    return Revision(digest, parent, at, bool(head), bool(conflict), True, device, authority)


@dataclass
class StoredLineage(Revision):
    """A revision already in the store: its row id and the flags it has there now."""

    row_id: int = 0
    was: tuple[bool, bool] = (False, False)


Flags = tuple[bool, bool]
"""(is_head, in_conflict)"""


FULL, OWN, RELAYED = 2, 1, 0


def owners(revisions: list[Revision]) -> set[str]:
    """The devices that started the interview: makers of its believed first revisions.

    Until the first revision is here nobody is known to have started it, so an edit that
    arrives before it is held until it comes. (Taking each maker at its word meanwhile would
    make a revision believed, then held once the first revision shows another device: its
    parent would turn back into a tip and the flags would depend on the order of the files.
    As it is, owners and authority only grow, so a revision is only ever released.)"""
    return {r.device_id for r in revisions if r.parent_hash is None and r.authority >= OWN}


def held(revision: Revision, started_by: set[str]) -> bool:
    """A revision no one with the authority for it has vouched for: only relayed, or its
    maker's own revision of an interview another device started."""
    if revision.authority == RELAYED:
        return True
    return revision.authority == OWN and revision.device_id not in started_by


def settle(revisions: list[Revision]) -> dict[str, Flags]:
    """The flags every closed revision of one interview should have, by content hash."""
    started_by = owners(revisions)
    holding = {r.content_hash for r in revisions if held(r, started_by)}
    believed = [r for r in revisions if r.content_hash not in holding]
    parents = {r.parent_hash for r in believed}
    tips = [r for r in believed if r.content_hash not in parents]
    live = [r for r in tips if not r.set_aside] or tips
    pending = [r for r in revisions if r.content_hash in holding and not r.set_aside]
    head = max(live, key=_recency) if live else None
    in_conflict = len(live) > 1 or bool(pending)
    flags = {r.content_hash: (False, False) for r in revisions}
    for tip in live:
        flags[tip.content_hash] = (tip is head, in_conflict)
    for revision in pending:
        flags[revision.content_hash] = (False, True)
    return flags


def head_hash(revisions: list[Revision]) -> str | None:
    """The content hash of the closed head as stored now."""
    return next((r.content_hash for r in revisions if r.is_head), None)


def _recency(revision: Revision) -> tuple[str, str]:
    return revision.updated_at, revision.content_hash

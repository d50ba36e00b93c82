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
Drafts take no part: an edit in progress is not the head until it is closed
(store/sqlite/responses.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Revision:
    """A closed revision, as far as heads and conflicts are concerned."""

    content_hash: str
    parent_hash: str | None
    updated_at: str
    is_head: bool
    in_conflict: bool
    stored: bool = True

    @property
    def set_aside(self) -> bool:
        return self.stored and not self.is_head and not self.in_conflict


@dataclass
class StoredLineage(Revision):
    """A revision already in the store: its row id and the flags it has there now."""

    row_id: int = 0
    was: tuple[bool, bool] = (False, False)


Flags = tuple[bool, bool]
"""(is_head, in_conflict)"""


def settle(revisions: list[Revision]) -> dict[str, Flags]:
    """The flags every closed revision of one interview should have, by content hash."""
    parents = {r.parent_hash for r in revisions}
    tips = [r for r in revisions if r.content_hash not in parents]
    live = [r for r in tips if not r.set_aside] or tips
    head = max(live, key=_recency) if live else None
    in_conflict = len(live) > 1
    flags = {r.content_hash: (False, False) for r in revisions}
    for tip in live:
        flags[tip.content_hash] = (tip is head, in_conflict)
    return flags


def head_hash(revisions: list[Revision]) -> str | None:
    """The content hash of the closed head as stored now."""
    return next((r.content_hash for r in revisions if r.is_head), None)


def _recency(revision: Revision) -> tuple[str, str]:
    return revision.updated_at, revision.content_hash

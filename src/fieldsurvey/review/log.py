"""What an interview's review log settles to, whatever order its decisions arrived in.

Review decisions travel between supervisors (`export --forward`), so one interview's log may
hold decisions made on several devices, merged in any order. Each decision names the ones it
replaces (`supersedes`: the entry hashes its reviewer's log ended in when it was made), as a
revision names its parent. A decision judges the revision it names (a revised interview is
pending again), so a revision's state comes from the decisions on it. Among those, the ones
no other decision replaces are the *tips*:

- the state is that of the newest tip (decided_at, then entry hash: never the merge order);
- two tips with different states are reviewers disagreeing, a *review conflict*: listed by
  `fieldsurvey conflicts` until someone decides again, which replaces every tip
  (record_decision), so the new decision resolves it everywhere it goes.

A decision recorded before logs travelled (`supersedes` None) replaces the one recorded
before it on this device (`linked`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace

from fieldsurvey.store.records import Decision


@dataclass(frozen=True)
class Settled:
    """What one interview's log settles to."""

    state: str
    in_conflict: bool
    tips: tuple[Decision, ...]


def entry_hash(decision: Decision) -> str:
    """The identity of a decision wherever it travels: sha256 of its fields and links."""
    fields = [
        decision.uuid, decision.content_hash, decision.state, decision.comment,
        decision.reviewer, decision.device_id, decision.decided_at,
        sorted(decision.supersedes or ()),
    ]  # fmt: skip
    text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def linked(log: list[Decision]) -> list[Decision]:
    """The log (oldest first) with every decision's `supersedes` spelled out: a decision from
    before logs travelled replaces the previous such decision."""
    out: list[Decision] = []
    previous: str | None = None
    for decision in log:
        if decision.supersedes is None:
            decision = replace(decision, supersedes=(previous,) if previous else ())
            previous = entry_hash(decision)
        out.append(decision)
    return out


def tips(log: list[Decision]) -> list[Decision]:
    """The decisions of a linked log that no other decision of it replaces."""
    replaced = {link for decision in log for link in decision.supersedes or ()}
    return [d for d in log if entry_hash(d) not in replaced]


def settle(log: list[Decision], content_hash: str) -> Settled | None:
    """The state of revision `content_hash` of an interview with this log (None: pending).
    A decision naming no revision (none are recorded so) judges every revision."""
    judged = [d for d in linked(log) if d.content_hash in (None, content_hash)]
    ends = tips(judged)
    if not ends:
        return None
    newest = max(ends, key=lambda d: (d.decided_at, entry_hash(d)))
    in_conflict = len({d.state for d in ends}) > 1
    return Settled(newest.state, in_conflict, tuple(ends))

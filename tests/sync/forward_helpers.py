"""Supervisors who review and forward: a device's interview merged by two supervisors, each
reviewing it and forwarding to HQ (`export --forward`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sync_helpers import add_revision, members, new_db, resign

from fieldsurvey.review import record_decision
from fieldsurvey.store.records import utc_now
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.sync import export_file, export_to_folder, merge_files
from fieldsurvey.sync.keys import device_signing_key, public_key_text
from fieldsurvey.sync.trust import Trust, change_trust, enrol

REVIEWS = "reviews.jsonl"


@dataclass
class World:
    root: Path
    device: SQLiteStore
    one: SQLiteStore
    two: SQLiteStore
    hq: SQLiteStore
    uuids: list[str]
    hashes: list[str]

    def close(self) -> None:
        for db in (self.device, self.one, self.two, self.hq):
            db.close()

    def forward(self, db: SQLiteStore, name: str, *flags: str) -> Path:
        out = self.root / name
        result = export_file(db, out, forward=True, everything="--all" in flags)
        assert result.path == out
        return out


def make_world(root: Path, interviews: int = 2) -> World:
    """A device with `interviews`, merged by supervisors one (Ana) and two (Bo); HQ trusts
    neither yet."""
    device, one, two, hq = (new_db(root / f"{name}.db") for name in ("device", "one", "two", "hq"))
    one.set_setting("interviewer", "Ana")
    two.set_setting("interviewer", "Bo")
    made = [add_revision(device, {"q1": n}) for n in range(interviews)]
    result = export_to_folder(device, root)
    assert result.path is not None
    for supervisor in (one, two):
        assert merge_files(supervisor, [result.path]).all_merged
    uuids = [uuid for uuid, _ in made]
    hashes = [digest or "" for _, digest in made]
    return World(root, device, one, two, hq, uuids, hashes)


def trust(hq: SQLiteStore, supervisor: SQLiteStore) -> None:
    """HQ enrols a supervisor's device key and trusts it (devices enrol, devices trust)."""
    enrol(hq, supervisor.device_id(), public_key_text(device_signing_key(supervisor)))
    change_trust(hq, supervisor.device_id(), Trust.TRUSTED)


def decide(db: SQLiteStore, uuid: str, state: str, comment: str = "why") -> None:
    record_decision(db, uuid, state, comment)


def review_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in members(path)[REVIEWS].splitlines()]


def replace_reviews(signer: SQLiteStore, path: Path, lines: list[Any]) -> None:
    """Rewrite a forwarding file's review log (lines as dicts, or raw bytes) and sign it again
    with the supervisor's own key: a file a dishonest supervisor could make."""
    raw = b"".join(
        (line if isinstance(line, bytes) else json.dumps(line).encode()) + b"\n" for line in lines
    )

    def count(manifest: dict[str, Any]) -> None:
        manifest["counts"]["reviews"] = len(lines)

    resign(signer, path, count, {REVIEWS: raw})


def review_table(db: SQLiteStore) -> list[tuple[Any, ...]]:
    """The review log and states, without local row ids."""
    log = db.execute(
        "SELECT uuid, state, comment, reviewer, device_id, decided_at, content_hash, supersedes "
        "FROM reviews ORDER BY uuid, decided_at, device_id, state"
    ).fetchall()
    states = db.execute("SELECT * FROM review_states ORDER BY uuid").fetchall()
    return [*log, *states]


def now() -> str:
    return utc_now()

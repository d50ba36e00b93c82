"""The SQL of the trust model (sync/trust.py): device keys, their trust, its log, and the
questionnaire versions a merge checks records against.

Kept in one module of its own so that it moves behind the store interface in one piece.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from fieldsurvey.store.lineage import Revision


def installed_sources(db: sqlite_utils.Database) -> dict[str, str]:
    """hash -> YAML source of every questionnaire version installed here."""
    return dict(db.execute("SELECT hash, source FROM questionnaires").fetchall())


def hashes_of_version(db: sqlite_utils.Database, questionnaire: str, version: str) -> list[str]:
    """The hashes installed here under one questionnaire id and version (normally one)."""
    rows = db.execute(
        "SELECT hash FROM questionnaires WHERE id = ? AND version = ? ORDER BY hash",
        [questionnaire, version],
    )
    return [row[0] for row in rows]


@dataclass(frozen=True)
class DeviceRow:
    """A device key known here, with what was merged from it."""

    device_id: str
    public_key: str
    trust: str
    first_seen: str
    label: str | None
    files: int = 0
    responses: int = 0


@dataclass(frozen=True)
class TrustLogRow:
    at: str
    device_id: str
    public_key: str | None
    action: str
    by: str
    detail: str | None


_DEVICE = "SELECT device_id, public_key, trust, first_seen, label FROM devices"


def device_row(db: sqlite_utils.Database, device: str) -> DeviceRow | None:
    row = db.execute(f"{_DEVICE} WHERE device_id = ?", [device]).fetchone()
    return DeviceRow(*row) if row else None


def devices_by_prefix(db: sqlite_utils.Database, prefix: str) -> list[DeviceRow]:
    """Devices whose id is `prefix` exactly, else those it begins (LIKE-free: ids hold `%`)."""
    exact = device_row(db, prefix)
    if exact is not None:
        return [exact]
    rows = db.execute(f"{_DEVICE} WHERE substr(device_id, 1, ?) = ?", [len(prefix), prefix])
    return [DeviceRow(*row) for row in rows]


def all_devices(db: sqlite_utils.Database) -> list[DeviceRow]:
    """Every known device with the files and closed revisions merged from it."""
    rows = db.execute(
        "SELECT d.device_id, d.public_key, d.trust, d.first_seen, d.label, "
        "(SELECT count(*) FROM imports i WHERE i.device_id = d.device_id), "
        "(SELECT count(*) FROM responses r WHERE r.device_id = d.device_id "
        "AND r.content_hash IS NOT NULL) "
        "FROM devices d ORDER BY d.first_seen, d.device_id"
    )
    return [DeviceRow(*row) for row in rows]


def add_device(
    db: sqlite_utils.Database, device: str, public_key: str, trust: str, at: str
) -> None:
    db.execute(
        "INSERT INTO devices (device_id, public_key, first_seen, trust) VALUES (?, ?, ?, ?)",
        [device, public_key, at, trust],
    )


def set_trust(db: sqlite_utils.Database, device: str, trust: str) -> None:
    db.execute("UPDATE devices SET trust = ? WHERE device_id = ?", [trust, device])


def delete_device(db: sqlite_utils.Database, device: str) -> None:
    db.execute("DELETE FROM devices WHERE device_id = ?", [device])


def log_trust(db: sqlite_utils.Database, entry: TrustLogRow) -> None:
    db.execute(
        "INSERT INTO trust_log (at, device_id, public_key, action, by, detail) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [entry.at, entry.device_id, entry.public_key, entry.action, entry.by, entry.detail],
    )


def trust_log(db: sqlite_utils.Database) -> list[TrustLogRow]:
    rows = db.execute(
        "SELECT at, device_id, public_key, action, by, detail FROM trust_log ORDER BY id"
    )
    return [TrustLogRow(*row) for row in rows]


def files_with_sequence(
    db: sqlite_utils.Database, device: str, seq: int, public_key: str
) -> list[str]:
    """sha256 of the files merged here under one device's export number and key."""
    rows = db.execute(
        "SELECT file_sha256 FROM imports WHERE device_id = ? AND export_seq = ? AND public_key = ?",
        [device, seq, public_key],
    )
    return [row[0] for row in rows]


def raise_authority(db: sqlite_utils.Database, rows: list[tuple[int, int]]) -> None:
    """(authority, response row id): a revision arrived again with more authority."""
    db.conn.executemany("UPDATE responses SET authority = ? WHERE id = ?", rows)


def vouch_for(db: sqlite_utils.Database, uuid: str, content_hash: str) -> None:
    """A supervisor kept this version: it has full authority from now on."""
    db.execute(
        "UPDATE responses SET authority = 2 WHERE uuid = ? AND content_hash = ?",
        [uuid, content_hash],
    )


def lineage_of(db: sqlite_utils.Database, uuid: str) -> list[Revision]:
    """Every closed revision of an interview, as lineage.settle sees them."""
    rows = db.execute(
        "SELECT content_hash, parent_hash, updated_at, is_head, in_conflict, device_id, "
        "authority FROM responses WHERE uuid = ? AND content_hash IS NOT NULL",
        [uuid],
    )
    return [
        Revision(digest, parent, at, bool(head), bool(conflict), True, device, authority)
        for digest, parent, at, head, conflict, device, authority in rows
    ]

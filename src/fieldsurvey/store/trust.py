"""The trust model's storage (sync/trust.py, docs/trust-model.md), written once for both
adapters: device keys and their trust, the log of every change, export numbers by key, and
each revision's authority. The statements are the adapter's (store/adapter.py); raising
authorities in bulk is too (each database has its own fast way)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from fieldsurvey.store.adapter import AdapterPart
from fieldsurvey.store.lineage import Revision, stored_revision
from fieldsurvey.store.records import DeviceRow, TrustLogRow


@dataclass(frozen=True)
class TrustSQL:
    """One statement per use; the parameters each is given, in order, follow its name."""

    known_device: str
    """(device) -> device_id, public_key, trust, first_seen, label"""
    devices_by_prefix: str
    """(length of prefix, prefix) -> as known_device, every device whose id begins with it"""
    all_devices: str
    """() -> as known_device, then its merged files and closed revisions; by first seen, id"""
    add_device: str
    """(device, public_key, first_seen, trust)"""
    set_trust: str
    """(trust, device)"""
    delete_device: str
    """(device)"""
    log_trust: str
    """(at, device_id, public_key, action, by, detail)"""
    trust_log: str
    """() -> at, device_id, public_key, action, by, detail; oldest first"""
    files_with_sequence: str
    """(device, export number, public key) -> file_sha256"""
    lineage_of: str
    """(uuid) -> content_hash, parent_hash, updated_at, is_head, in_conflict, device_id,
    authority of its closed revisions"""


class TrustPart(AdapterPart):
    trust_sql: ClassVar[TrustSQL]

    def known_device(self, device: str) -> DeviceRow | None:
        row = self.conn.execute(self.trust_sql.known_device, [device]).fetchone()
        return DeviceRow(*row) if row else None

    def devices_by_prefix(self, prefix: str) -> list[DeviceRow]:
        exact = self.known_device(prefix)
        if exact is not None:
            return [exact]
        # not LIKE: a device id may hold % or _
        rows = self.conn.execute(self.trust_sql.devices_by_prefix, [len(prefix), prefix])
        return [DeviceRow(*row) for row in rows]

    def all_devices(self) -> list[DeviceRow]:
        return [DeviceRow(*row) for row in self.conn.execute(self.trust_sql.all_devices)]

    def add_device(self, device: str, public_key: str, trust: str, at: str) -> None:
        self.require_unit().execute(self.trust_sql.add_device, [device, public_key, at, trust])

    def set_trust(self, device: str, trust: str) -> None:
        self.require_unit().execute(self.trust_sql.set_trust, [trust, device])

    def delete_device(self, device: str) -> None:
        self.require_unit().execute(self.trust_sql.delete_device, [device])

    def log_trust(self, entry: TrustLogRow) -> None:
        self.require_unit().execute(
            self.trust_sql.log_trust,
            [entry.at, entry.device_id, entry.public_key, entry.action, entry.by, entry.detail],
        )

    def trust_log(self) -> list[TrustLogRow]:
        return [TrustLogRow(*row) for row in self.conn.execute(self.trust_sql.trust_log)]

    def files_with_sequence(self, device: str, seq: int, public_key: str) -> list[str]:
        rows = self.conn.execute(self.trust_sql.files_with_sequence, [device, seq, public_key])
        return [str(row[0]) for row in rows]

    def lineage_of(self, uuid: str) -> list[Revision]:
        rows = self.conn.execute(self.trust_sql.lineage_of, [uuid])
        return [stored_revision(row) for row in rows]

"""The trust model's storage (sync/trust.py, docs/trust-model.md): device keys and their
trust, the log of every change, export numbers by key, and each revision's authority."""

from __future__ import annotations

from fieldsurvey.store.lineage import Revision
from fieldsurvey.store.postgres.base import PostgresBase
from fieldsurvey.store.records import DeviceRow, TrustLogRow

_DEVICE = "SELECT device_id, public_key, trust, first_seen, label FROM devices"


class TrustMixin(PostgresBase):
    def known_device(self, device: str) -> DeviceRow | None:
        row = self.conn.execute(f"{_DEVICE} WHERE device_id = %s", [device]).fetchone()
        return DeviceRow(*row) if row else None

    def devices_by_prefix(self, prefix: str) -> list[DeviceRow]:
        exact = self.known_device(prefix)
        if exact is not None:
            return [exact]
        rows = self.conn.execute(  # not LIKE: a device id may hold % or _
            f"{_DEVICE} WHERE left(device_id, %s) = %s", [len(prefix), prefix]
        ).fetchall()
        return [DeviceRow(*row) for row in rows]

    def all_devices(self) -> list[DeviceRow]:
        rows = self.conn.execute(
            "SELECT d.device_id, d.public_key, d.trust, d.first_seen, d.label, "
            "(SELECT count(*) FROM imports i WHERE i.device_id = d.device_id), "
            "(SELECT count(*) FROM responses r WHERE r.device_id = d.device_id "
            "AND r.content_hash IS NOT NULL) "
            'FROM devices d ORDER BY d.first_seen, d.device_id COLLATE "C"'
        ).fetchall()
        return [DeviceRow(*row) for row in rows]

    def add_device(self, device: str, public_key: str, trust: str, at: str) -> None:
        self.require_unit().execute(
            "INSERT INTO devices (device_id, public_key, first_seen, trust) "
            "VALUES (%s, %s, %s, %s)",
            [device, public_key, at, trust],
        )

    def set_trust(self, device: str, trust: str) -> None:
        self.require_unit().execute(
            "UPDATE devices SET trust = %s WHERE device_id = %s", [trust, device]
        )

    def delete_device(self, device: str) -> None:
        self.require_unit().execute("DELETE FROM devices WHERE device_id = %s", [device])

    def log_trust(self, entry: TrustLogRow) -> None:
        self.require_unit().execute(
            "INSERT INTO trust_log (at, device_id, public_key, action, by, detail) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            [entry.at, entry.device_id, entry.public_key, entry.action, entry.by, entry.detail],
        )

    def trust_log(self) -> list[TrustLogRow]:
        rows = self.conn.execute(
            "SELECT at, device_id, public_key, action, by, detail FROM trust_log ORDER BY id"
        ).fetchall()
        return [TrustLogRow(*row) for row in rows]

    def files_with_sequence(self, device: str, seq: int, public_key: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT file_sha256 FROM imports WHERE device_id = %s AND export_seq = %s "
            "AND public_key = %s",
            [device, seq, public_key],
        ).fetchall()
        return [str(row[0]) for row in rows]

    def raise_authority(self, rows: list[tuple[int, int]]) -> None:
        if not rows:
            return
        authorities, ids = (list(column) for column in zip(*rows, strict=True))
        self.require_unit().execute(
            "UPDATE responses r SET authority = c.authority "
            "FROM unnest(%s::smallint[], %s::bigint[]) AS c(authority, id) WHERE r.id = c.id",
            [authorities, ids],
        )

    def lineage_of(self, uuid: str) -> list[Revision]:
        rows = self.conn.execute(
            "SELECT content_hash, parent_hash, updated_at, is_head, in_conflict, device_id, "
            "authority FROM responses WHERE uuid = %s AND content_hash IS NOT NULL",
            [uuid],
        ).fetchall()
        return [
            Revision(digest, parent, at, bool(head), bool(conflict), True, device, authority)
            for digest, parent, at, head, conflict, device, authority in rows
        ]

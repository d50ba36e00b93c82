"""The trust model's statements for SQLite; the logic is store/trust.py's."""

from __future__ import annotations

from fieldsurvey.store.sqlite.base import SQLiteBase
from fieldsurvey.store.trust import TrustPart, TrustSQL

_DEVICE = "SELECT device_id, public_key, trust, first_seen, label FROM devices"


class TrustMixin(SQLiteBase, TrustPart):
    trust_sql = TrustSQL(
        known_device=f"{_DEVICE} WHERE device_id = ?",
        devices_by_prefix=f"{_DEVICE} WHERE substr(device_id, 1, ?) = ?",
        all_devices=(
            "SELECT d.device_id, d.public_key, d.trust, d.first_seen, d.label, "
            "(SELECT count(*) FROM imports i WHERE i.device_id = d.device_id), "
            "(SELECT count(*) FROM responses r WHERE r.device_id = d.device_id "
            "AND r.content_hash IS NOT NULL) "
            "FROM devices d ORDER BY d.first_seen, d.device_id"
        ),
        add_device=(
            "INSERT INTO devices (device_id, public_key, first_seen, trust) VALUES (?, ?, ?, ?)"
        ),
        set_trust="UPDATE devices SET trust = ? WHERE device_id = ?",
        delete_device="DELETE FROM devices WHERE device_id = ?",
        log_trust=(
            "INSERT INTO trust_log (at, device_id, public_key, action, by, detail) "
            "VALUES (?, ?, ?, ?, ?, ?)"
        ),
        trust_log="SELECT at, device_id, public_key, action, by, detail FROM trust_log ORDER BY id",
        files_with_sequence=(
            "SELECT file_sha256 FROM imports WHERE device_id = ? AND export_seq = ? "
            "AND public_key = ?"
        ),
        lineage_of=(
            "SELECT content_hash, parent_hash, updated_at, is_head, in_conflict, device_id, "
            "authority FROM responses WHERE uuid = ? AND content_hash IS NOT NULL"
        ),
    )

    def raise_authority(self, rows: list[tuple[int, int]]) -> None:
        self.require_unit().executemany("UPDATE responses SET authority = ? WHERE id = ?", rows)

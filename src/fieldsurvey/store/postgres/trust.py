"""The trust model's statements for PostgreSQL; the logic is store/trust.py's."""

from __future__ import annotations

from fieldsurvey.store.postgres.base import PostgresBase
from fieldsurvey.store.trust import TrustPart, TrustSQL

_DEVICE = "SELECT device_id, public_key, trust, first_seen, label FROM devices"


class TrustMixin(PostgresBase, TrustPart):
    trust_sql = TrustSQL(
        known_device=f"{_DEVICE} WHERE device_id = %s",
        devices_by_prefix=f"{_DEVICE} WHERE left(device_id, %s) = %s",
        all_devices=(
            "SELECT d.device_id, d.public_key, d.trust, d.first_seen, d.label, "
            "(SELECT count(*) FROM imports i WHERE i.device_id = d.device_id), "
            "(SELECT count(*) FROM responses r WHERE r.device_id = d.device_id "
            "AND r.content_hash IS NOT NULL) "
            'FROM devices d ORDER BY d.first_seen, d.device_id COLLATE "C"'
        ),
        add_device=(
            "INSERT INTO devices (device_id, public_key, first_seen, trust) VALUES (%s, %s, %s, %s)"
        ),
        set_trust="UPDATE devices SET trust = %s WHERE device_id = %s",
        delete_device="DELETE FROM devices WHERE device_id = %s",
        log_trust=(
            "INSERT INTO trust_log (at, device_id, public_key, action, by, detail) "
            "VALUES (%s, %s, %s, %s, %s, %s)"
        ),
        trust_log="SELECT at, device_id, public_key, action, by, detail FROM trust_log ORDER BY id",
        files_with_sequence=(
            "SELECT file_sha256 FROM imports WHERE device_id = %s AND export_seq = %s "
            "AND public_key = %s"
        ),
        lineage_of=(
            "SELECT content_hash, parent_hash, updated_at, is_head, in_conflict, device_id, "
            "authority FROM responses WHERE uuid = %s AND content_hash IS NOT NULL"
        ),
    )

    def raise_authority(self, rows: list[tuple[int, int]]) -> None:
        if not rows:
            return
        authorities, ids = (list(column) for column in zip(*rows, strict=True))
        self.require_unit().execute(
            "UPDATE responses r SET authority = c.authority "
            "FROM unnest(%s::smallint[], %s::bigint[]) AS c(authority, id) WHERE r.id = c.id",
            [authorities, ids],
        )

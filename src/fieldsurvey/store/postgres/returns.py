"""Files back to the field from HQ: the interviews a `return` file sends back to the devices
(review states on the head revisions). Device-side tables (received files, their notes and
office reports) are not here: a PostgreSQL database never receives return files."""

from __future__ import annotations

from collections.abc import Sequence

from fieldsurvey.store.postgres.base import PostgresBase
from fieldsurvey.store.return_records import ReturnCandidate
from fieldsurvey.store.return_sql import CANDIDATES, for_devices


class ReturnsMixin(PostgresBase):
    def return_candidates(self, devices: Sequence[str] | None) -> list[ReturnCandidate]:
        rows = self.conn.execute(CANDIDATES).fetchall()
        return for_devices([ReturnCandidate(*row) for row in rows], devices)

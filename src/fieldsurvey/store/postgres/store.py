"""`PostgresStore`: the supervisor's part of the store interface over a PostgreSQL server.

Every public method is wrapped once here so that a `psycopg.Error` leaves it as our own
`StoreError` (store/postgres/errors.py), as `SQLiteStore` does for sqlite3.
"""

from __future__ import annotations

import psycopg

from fieldsurvey.store.errors import StoreError
from fieldsurvey.store.postgres.base import PostgresBase
from fieldsurvey.store.postgres.conflicts import ConflictsMixin
from fieldsurvey.store.postgres.dataout import DataOutMixin
from fieldsurvey.store.postgres.errors import storage_error
from fieldsurvey.store.postgres.imports import ImportsMixin
from fieldsurvey.store.postgres.questionnaires import QuestionnairesMixin
from fieldsurvey.store.postgres.responses import ResponsesMixin
from fieldsurvey.store.postgres.returns import ReturnsMixin
from fieldsurvey.store.postgres.reviews import ReviewsMixin
from fieldsurvey.store.postgres.scoring import ScoringMixin
from fieldsurvey.store.postgres.settings import SettingsMixin
from fieldsurvey.store.postgres.supervision import SupervisionMixin
from fieldsurvey.store.postgres.trust import TrustMixin
from fieldsurvey.store.wrapping import map_errors

UNWRAPPED = frozenset(vars(PostgresBase)) | {"bulk_writes", "read_snapshot"}
"""Members that map errors themselves or are not storage calls."""


def _converted(store: PostgresBase, exc: psycopg.Error) -> StoreError:
    return storage_error(exc, store.location)


@map_errors(psycopg.Error, _converted, UNWRAPPED)
class PostgresStore(
    SettingsMixin,
    QuestionnairesMixin,
    ResponsesMixin,
    ImportsMixin,
    TrustMixin,
    ConflictsMixin,
    ScoringMixin,
    ReviewsMixin,
    SupervisionMixin,
    DataOutMixin,
    ReturnsMixin,
):
    """Implements `fieldsurvey.store.interface.SupervisorStore`; open it with `open_store`."""

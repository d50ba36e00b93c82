"""`SQLiteStore`: the store interface over one SQLite file, assembled from its parts.

Every public method is wrapped once here so that a `sqlite3.Error` leaves it as our own
`StoreError` (store/sqlite/errors.py); the unit of work and the long-running iterators map
their own. Callers never see a driver exception.
"""

from __future__ import annotations

import sqlite3

from fieldsurvey.store.errors import StoreError
from fieldsurvey.store.sqlite.base import SQLiteBase
from fieldsurvey.store.sqlite.conflicts import ConflictsMixin
from fieldsurvey.store.sqlite.copy import CopyMixin
from fieldsurvey.store.sqlite.counts import CountsMixin
from fieldsurvey.store.sqlite.dataout import DataOutMixin
from fieldsurvey.store.sqlite.drafts import DraftsMixin
from fieldsurvey.store.sqlite.errors import storage_error
from fieldsurvey.store.sqlite.exports import ExportsMixin
from fieldsurvey.store.sqlite.imports import ImportsMixin
from fieldsurvey.store.sqlite.questionnaires import QuestionnairesMixin
from fieldsurvey.store.sqlite.responses import ResponsesMixin
from fieldsurvey.store.sqlite.returns import ReturnsMixin
from fieldsurvey.store.sqlite.reviews import ReviewsMixin
from fieldsurvey.store.sqlite.scoring import ScoringMixin
from fieldsurvey.store.sqlite.settings import SettingsMixin
from fieldsurvey.store.sqlite.supervision import SupervisionMixin
from fieldsurvey.store.sqlite.trust import TrustMixin
from fieldsurvey.store.wrapping import map_errors

UNWRAPPED = frozenset(vars(SQLiteBase)) | {"bulk_writes", "read_snapshot"}
"""Members that map errors themselves or are not storage calls."""


def _converted(store: SQLiteBase, exc: sqlite3.Error) -> StoreError:
    return storage_error(exc, str(store.path))


@map_errors(sqlite3.Error, _converted, UNWRAPPED)
class SQLiteStore(
    SettingsMixin,
    QuestionnairesMixin,
    ResponsesMixin,
    DraftsMixin,
    CountsMixin,
    ImportsMixin,
    TrustMixin,
    ExportsMixin,
    ConflictsMixin,
    ScoringMixin,
    CopyMixin,
    ReviewsMixin,
    SupervisionMixin,
    DataOutMixin,
    ReturnsMixin,
):
    """Implements `fieldsurvey.store.interface.Store`; open it with `open_store`."""

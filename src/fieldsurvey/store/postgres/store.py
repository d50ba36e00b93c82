"""`PostgresStore`: the supervisor's part of the store interface over a PostgreSQL server.

Every public method is wrapped once here so that a `psycopg.Error` leaves it as our own
`StoreError` (store/postgres/errors.py), as `SQLiteStore` does for sqlite3.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import psycopg

from fieldsurvey.store.postgres.base import PostgresBase
from fieldsurvey.store.postgres.conflicts import ConflictsMixin
from fieldsurvey.store.postgres.dataout import DataOutMixin
from fieldsurvey.store.postgres.errors import storage_error
from fieldsurvey.store.postgres.imports import ImportsMixin
from fieldsurvey.store.postgres.questionnaires import QuestionnairesMixin
from fieldsurvey.store.postgres.responses import ResponsesMixin
from fieldsurvey.store.postgres.reviews import ReviewsMixin
from fieldsurvey.store.postgres.scoring import ScoringMixin
from fieldsurvey.store.postgres.settings import SettingsMixin
from fieldsurvey.store.postgres.supervision import SupervisionMixin
from fieldsurvey.store.postgres.trust import TrustMixin

T = TypeVar("T", bound=type)
UNWRAPPED = frozenset(vars(PostgresBase)) | {"bulk_writes", "read_snapshot"}
"""Members that map errors themselves or are not storage calls."""


def _mapping_errors(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(self: PostgresBase, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except psycopg.Error as exc:
            raise storage_error(exc, self.location) from exc

    return wrapper


def _map_errors(cls: T) -> T:
    """Wrap the public methods every mixin of `cls` defines (once, at import)."""
    for part in cls.__mro__[1:]:
        for name, member in vars(part).items():
            if callable(member) and not name.startswith("_") and name not in UNWRAPPED:
                setattr(cls, name, _mapping_errors(member))
    return cls


@_map_errors
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
):
    """Implements `fieldsurvey.store.interface.SupervisorStore`; open it with `open_store`."""

"""`SQLiteStore`: the store interface over one SQLite file, assembled from its parts.

Every public method is wrapped once here so that a `sqlite3.Error` leaves it as our own
`StoreError` (store/sqlite/errors.py); the unit of work and the long-running iterators map
their own. Callers never see a driver exception.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

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

T = TypeVar("T", bound=type)
UNWRAPPED = frozenset(vars(SQLiteBase)) | {"bulk_writes", "read_snapshot"}
"""Members that map errors themselves or are not storage calls."""


def _mapping_errors(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(self: SQLiteBase, *args: Any, **kwargs: Any) -> Any:
        try:  # not `with mapped(...)`: this runs on every call, a context manager costs more
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise storage_error(exc, str(self.path)) from exc

    return wrapper


def _map_errors(cls: T) -> T:
    """Wrap the public methods every mixin of `cls` defines (once, at import)."""
    for part in cls.__mro__[1:]:
        for name, member in vars(part).items():
            if callable(member) and not name.startswith("_") and name not in UNWRAPPED:
                setattr(cls, name, _mapping_errors(member))
    return cls


@_map_errors
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

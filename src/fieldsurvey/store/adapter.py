"""What a store part written once for both adapters needs of an adapter.

A concern both backends store the same way (trust.py, conflicts.py, reviews.py, ...) is one
`...Part` class here, beside the interface: it runs the adapter's statements and turns their
rows into `store.records`. An adapter's mixin subclasses its own base first, then the part,
and gives the part its statements in its own SQL and parameter style (a frozen dataclass, one
field per statement, each field saying the parameters it is given):

    class TrustMixin(SQLiteBase, TrustPart):
        trust_sql = TrustSQL(known_device="SELECT ... WHERE device_id = ?", ...)

Where a database needs other Python (PostgreSQL's arrays, SQLite's temporary tables), the
mixin writes that method itself and the part leaves it out. Both drivers' connections and
cursors are DB-API alike, which is all the parts use.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """This thread's connection: `sqlite3.Connection` or psycopg's, both in autocommit mode
    with transactions opened by the unit of work."""

    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Cursor: ...


class AdapterPart:
    """The members every adapter's base (SQLiteBase, PostgresBase) defines; declared for the
    type checker only, so at run time the adapter's own are the only ones."""

    if TYPE_CHECKING:

        @property
        @abstractmethod
        def conn(self) -> Connection: ...

        @abstractmethod
        def require_unit(self) -> Connection: ...

        @abstractmethod
        def unit_of_work(self) -> AbstractContextManager[None]: ...

"""Fixtures for sync tests: a field device and a supervisor, each with its own database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from sync_helpers import new_db


@pytest.fixture
def device(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    db = new_db(tmp_path / "device.db")
    yield db
    db.conn.close()


@pytest.fixture
def supervisor(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    db = new_db(tmp_path / "supervisor.db")
    yield db
    db.conn.close()

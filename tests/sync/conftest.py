"""Fixtures for sync tests: a field device and a supervisor, each with its own database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sync_helpers import new_db

from fieldsurvey.store.sqlite import SQLiteStore


@pytest.fixture
def device(tmp_path: Path) -> Iterator[SQLiteStore]:
    db = new_db(tmp_path / "device.db")
    yield db
    db.close()


@pytest.fixture
def supervisor(tmp_path: Path) -> Iterator[SQLiteStore]:
    db = new_db(tmp_path / "supervisor.db")
    yield db
    db.close()

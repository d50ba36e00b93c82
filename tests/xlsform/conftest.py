"""Fixtures for the XLSForm tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from xlsform_helpers import SHARED_FORMS


@pytest.fixture
def shared_forms() -> Path:
    folder = SHARED_FORMS.resolve()
    assert folder.is_dir(), f"the shared XLSForm test forms are expected at {folder}"
    return folder

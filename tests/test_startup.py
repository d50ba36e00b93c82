"""The collector is held while the program starts and collects as usual once it runs."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from fieldsurvey import startup
from fieldsurvey.cli import main
from fieldsurvey.paths import bundled_questionnaire_path


@pytest.fixture(autouse=True)
def _restore_collector() -> Iterator[None]:
    yield
    startup.release()
    gc.unfreeze()  # frozen objects would never be collected in the rest of the test run
    gc.enable()


def test_hold_stops_collection_and_release_freezes_and_restarts_it() -> None:
    startup.hold()
    assert not gc.isenabled()
    startup.release()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_release_without_hold_changes_nothing() -> None:
    frozen = gc.get_freeze_count()
    startup.release()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_hold_leaves_a_collector_someone_else_turned_off_alone() -> None:
    gc.disable()
    startup.hold()
    startup.release()
    assert not gc.isenabled()


def test_a_command_runs_with_the_collector_on() -> None:
    startup.hold()
    result = CliRunner().invoke(main, ["validate", str(bundled_questionnaire_path())])
    assert result.exit_code == 0, result.output
    assert gc.isenabled()

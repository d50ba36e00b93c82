"""Every command has help text, and the main help lists every command."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from fieldsurvey.cli import LAZY_COMMANDS, main

COMMANDS = ["validate", "schema", *LAZY_COMMANDS]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Usage: " in result.stdout
    command = main.get_command(None, name)  # type: ignore[arg-type]
    assert command is not None and (command.help or "").strip()


def test_main_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.stdout

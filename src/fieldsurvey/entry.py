"""The `fieldsurvey` program: the CLI, started with the garbage collector held (see startup.py)."""

from __future__ import annotations

from fieldsurvey import startup


def main() -> None:
    startup.hold()
    from fieldsurvey.cli import main as cli_main

    cli_main()

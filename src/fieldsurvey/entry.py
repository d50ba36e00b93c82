"""The `fieldsurvey` program: the CLI, started with the garbage collector held (see startup.py)."""

from __future__ import annotations

import sys

from fieldsurvey import startup


def main() -> None:
    startup.hold()
    from fieldsurvey.cli import main as cli_main
    from fieldsurvey.store.errors import StoreError

    try:
        cli_main()
    except StoreError as exc:  # the database failed mid-command (busy, disk full...): one line
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None

"""Helpers for the supervision tests: the CLI as a user runs it, and what a refused command
must leave unchanged."""

from __future__ import annotations

from click.testing import CliRunner, Result

from fieldsurvey.cli import main
from fieldsurvey.store.sqlite import SQLiteStore


def run(*args: str) -> Result:
    """The CLI as a user runs it (errors on stderr, exit codes kept)."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(db: SQLiteStore) -> tuple[object, ...]:
    """What a refused command must leave as it was."""
    return (
        db.execute("SELECT COUNT(*), group_concat(round, '|') FROM responses").fetchone(),
        db.execute("SELECT COUNT(*) FROM reviews").fetchone(),
        db.execute("SELECT key, value FROM settings ORDER BY key").fetchall(),
    )

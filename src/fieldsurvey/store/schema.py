"""What the two adapters' schemas share (store/sqlite/schema.py, store/postgres/schema.py):
the rule that normalises a recorded round, and refusing a database a newer fieldsurvey made.

The round rule is questionnaire/rounds.py's `normalise_legacy` (tests hold all three equal)
written as SQL for the stored `round_key` column; each adapter says only how its database
matches a pattern."""

from __future__ import annotations

from collections.abc import Callable

from fieldsurvey.store.errors import NewerSchema

Matches = Callable[[str, str], str]
"""(SQL text, pattern) -> SQL true when the whole text matches the pattern: literal characters
and [...] classes, which SQLite's GLOB and regular expressions read alike."""


def round_key_sql(column: str, matches: Matches) -> str:
    """SQL for a stored free-text round in the fixed form: "Q3 2026" -> "2026-Q3", "2026/11"
    -> "2026-11"; anything else trimmed of spaces, as it is; '' -> NULL."""
    u = f"upper(trim({column}))"
    year = "[12][0-9][0-9][0-9]"
    return f"""CASE
        WHEN trim({column}) = '' THEN NULL
        WHEN {matches(u, f"Q[1-4][ /_-]{year}")} THEN substr({u}, 4, 4) || '-Q' || substr({u}, 2, 1)
        WHEN {matches(u, f"{year}[ /_-]Q[1-4]")} THEN substr({u}, 1, 4) || '-Q' || substr({u}, 7, 1)
        WHEN {matches(u, f"{year}Q[1-4]")} THEN substr({u}, 1, 4) || '-Q' || substr({u}, 6, 1)
        WHEN {matches(u, f"{year}[/_-]0[1-9]")} OR {matches(u, f"{year}[/_-]1[0-2]")}
            THEN substr({u}, 1, 4) || '-' || substr({u}, 6, 2)
        ELSE trim({column}) END"""


def newer_schema(version: int, known: int, where: str, kept: str) -> NewerSchema:
    """The refusal of a database at schema `version` by this fieldsurvey, which knows
    `known`; `kept`: what was left untouched ("the file", "the database")."""
    return NewerSchema(
        f"made by a newer fieldsurvey (schema {version}, this one knows {known}); upgrade "
        f"fieldsurvey to use it — {kept} was left untouched",
        path=where,
    )

"""Text cells that a spreadsheet must not run: CSV formula neutralisation.

The trust work (src/fieldsurvey/safetext.py) owns the project-wide neutraliser; until it is
on this branch this is the smallest one that does the job, to be replaced by it.
"""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""What Excel, LibreOffice and Google Sheets read as the start of a formula (OWASP)."""


def neutralise(value: object) -> object:
    """A text starting like a formula gets a leading apostrophe; other values pass as is."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value

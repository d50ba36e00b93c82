"""The app's words for the screens: gettext lookups (`fieldsurvey.i18n`) plus terminal widths.

The words themselves live in the gettext catalogues under `src/fieldsurvey/locale/`; this module
adds what only a terminal needs (padding to cells, since Chinese takes two cells and Khmer
marks none) and picks questionnaire texts by language.
"""

from __future__ import annotations

from rich.cells import cell_len

from fieldsurvey.i18n import N_, language_name, tr, trc

__all__ = ["N_", "language_name", "pad", "tr", "trc"]


def pad(text: str, width: int) -> str:
    """Pad to `width` terminal cells: Chinese characters take two cells, Khmer marks none."""
    return text + " " * max(0, width - cell_len(text))

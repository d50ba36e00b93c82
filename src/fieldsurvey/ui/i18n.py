"""The app's words for the screens and the CLI: gettext lookups (`fieldsurvey.i18n`), the
scoring warnings' words, and padding to terminal cells.

The words themselves live in the gettext catalogues under `src/fieldsurvey/locale/`; this module
adds the sentences for the scoring report's warning codes and what only a terminal needs:
padding to cells, since Chinese takes two cells and Khmer marks none.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.cells import cell_len

from fieldsurvey.i18n import N_, language_name, tr, trc

__all__ = ["N_", "WARNING_TEXT", "language_name", "pad", "tr", "trc", "warning_text"]

WARNING_TEXT = {
    "no_data": N_("No data yet: no complete responses to {questionnaire}."),
    "nothing_to_score": N_(
        "Nothing to score: {questionnaire} has no areas of Likert items (only questions)."
    ),
    "versions": N_(
        "Responses come from questionnaire versions {versions}; only the items they share are "
        "scored. Left out: {items}."
    ),
    "low_alpha": N_(
        "{area}: Cronbach's alpha is {alpha:.2f} (under {threshold:g}): its items may not "
        "measure one thing; read the score with care."
    ),
    "unknown_language": N_("Language {lang!r} is not in the questionnaire; using {default!r}."),
    "no_weight": N_("{count} responses have no usable weight in {question!r} and were left out."),
    "no_importance": N_(
        "Importance could not be estimated (no overall satisfaction or most-important-area "
        "answers): areas have no quadrant."
    ),
    "round": N_("Scores are for round {round} only; the data hold rounds {rounds}."),
}
"""The sentence of each scoring warning code (`scoring.catalogue.WarningCode`)."""


def warning_text(code: str, params: Mapping[str, object], language: str) -> str:
    """A scoring report warning (its code and parameters, from the core) in `language`; list
    parameters (versions, rounds, items: identifiers) are shown comma-separated."""
    values = {
        name: ", ".join(map(str, value)) if isinstance(value, list) else value
        for name, value in params.items()
    }
    return tr(WARNING_TEXT[code], language, **values)


def pad(text: str, width: int) -> str:
    """Pad to `width` terminal cells: Chinese characters take two cells, Khmer marks none."""
    return text + " " * max(0, width - cell_len(text))

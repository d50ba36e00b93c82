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
from fieldsurvey.review.words import QUALITY_KINDS, REVIEW_STATES

__all__ = [
    "N_",
    "QUALITY_COLUMNS",
    "QUALITY_KINDS",
    "QUALITY_REASONS",
    "REVIEW_STATES",
    "WARNING_TEXT",
    "duration_text",
    "language_name",
    "pad",
    "quality_text",
    "review_heading",
    "tr",
    "trc",
    "warning_text",
]

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
    "rejected": N_(
        "{count} responses a reviewer rejected are left out (--include-rejected brings them in)."
    ),
    "rejected_included": N_("{count} responses a reviewer rejected are included."),
}
"""The sentence of each scoring warning code (`scoring.catalogue.WarningCode`)."""


def warning_text(code: str, params: Mapping[str, object], language: str) -> str:
    """A scoring report warning (its code and parameters, from the core) in `language`; list
    parameters (versions, rounds, items: identifiers) are shown comma-separated, and a round
    "" (responses without one) as "(no round)" in `language`."""

    def named(value: object) -> object:
        return tr("(no round)", language) if code == "round" and value == "" else value

    values = {
        name: ", ".join(str(named(v)) for v in value) if isinstance(value, list) else named(value)
        for name, value in params.items()
    }
    return tr(WARNING_TEXT[code], language, **values)


QUALITY_REASONS = {
    "speeding_reading": N_(
        "took {took_s}; reading its {words:,} words of questions at {rate:g} words/s takes "
        "{floor_s}"
    ),
    "speeding_median": N_("took {took_s}, under {fraction:.0%} of the median {median_s}"),
    "straightlining": N_("{area}: all {items} items answered {value}"),
    "contradiction": N_(
        "{area}: statements average {plain:.1f}, their reverse-coded opposites {opposite:.1f} "
        "after reverse coding"
    ),
    "duplicate": N_("same persona, segments, office and day as {other}, completed {apart_s} apart"),
    "nonresponse": N_(
        "{missing} of {asked} items asked not answered or don't know ({share:.0%}, over {rate:.0%})"
    ),
    "area_mean": N_(
        "{area} mean score {value:.1f} over {n} interviews against {others:.1f} over "
        "{others_n} by the others: z = {z:+.1f} (rule: |z| > {rule:g}, n >= {min_n})"
    ),
    "dk_rate": N_(
        "don't-know rate (%) {value:.1f} over {n} interviews against {others:.1f} over "
        "{others_n} by the others: z = {z:+.1f} (rule: |z| > {rule:g}, n >= {min_n})"
    ),
    "no_paradata": N_(
        "speeding: none of the {count:,} interviews has paradata in this database (merged "
        "from files without it?); the other flags do not need it"
    ),
    "some_without_paradata": N_(
        "speeding: {missing:,} of {count:,} interviews have no paradata and were not checked"
    ),
}
"""The sentence of each quality flag's reason code (`fieldsurvey.quality`)."""

QUALITY_COLUMNS = {
    "interviewer": N_("Interviewer"),
    "office": N_("Office"),
    "flags": N_("Flags"),
    "uuid": N_("Interview"),
    "interviews": N_("Interviews"),
    "flagged": N_("Flagged"),
}
"""The Quality tables' column headings, by column key (the review state's: `review_heading`)."""


def review_heading(language: str) -> str:
    """ "Review" as a supervisor's decision (审核), not the interview's Review step (检查)."""
    return trc("review decision", "Review", language)


def quality_text(
    code: str,
    params: Mapping[str, object],
    language: str,
    areas: Mapping[str, str] | None = None,
) -> str:
    """A quality flag's reason (its code and numbers, from `fieldsurvey.quality`) in
    `language`; parameters named `..._s` are durations in seconds, and an `area` id is shown
    by its label in `areas` (area id -> label in `language`) when given."""
    values = {
        name: duration_text(value, language)
        if name.endswith("_s") and isinstance(value, int | float)
        else value
        for name, value in params.items()
    }
    if areas and isinstance(values.get("area"), str):
        values["area"] = areas.get(str(values["area"]), values["area"])
    return tr(QUALITY_REASONS[code], language, **values)


def duration_text(seconds: float, language: str) -> str:
    whole = round(seconds)
    if whole < 60:
        return tr("{s} s", language, s=whole)
    return tr("{m} min {s} s", language, m=whole // 60, s=whole % 60)


def pad(text: str, width: int) -> str:
    """Pad to `width` terminal cells: Chinese characters take two cells, Khmer marks none."""
    return text + " " * max(0, width - cell_len(text))

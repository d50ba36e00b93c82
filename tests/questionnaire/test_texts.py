"""One rule for showing a questionnaire text in a language, used by engine, scoring and UI."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fieldsurvey.questionnaire.texts import text_in

LANGUAGES = st.sampled_from(["en", "zh", "km"])
TEXTS = st.dictionaries(LANGUAGES, st.text(min_size=1, max_size=5), max_size=3)


def test_the_language_asked_for_comes_first() -> None:
    assert text_in({"en": "Yes", "zh": "是"}, "zh", "en") == "是"


def test_a_missing_translation_falls_back_on_the_default_language() -> None:
    assert text_in({"en": "Yes", "km": "បាទ"}, "zh", "km") == "បាទ"


def test_without_the_default_language_any_written_language_is_shown() -> None:
    assert text_in({"km": "បាទ"}, "zh", "en") == "បាទ"


def test_an_empty_translation_counts_as_missing() -> None:
    assert text_in({"zh": "", "en": "Yes"}, "zh", "en") == "Yes"


def test_no_text_at_all_is_the_empty_string() -> None:
    assert text_in(None, "en", "en") == ""
    assert text_in({}, "en", "en") == ""


@given(TEXTS, LANGUAGES, LANGUAGES)
def test_the_result_is_one_of_the_texts_and_only_empty_when_all_are(
    text: dict[str, str], language: str, fallback: str
) -> None:
    shown = text_in(text, language, fallback)
    assert shown in [*text.values(), ""]
    assert (shown == "") == (not text)
    if text.get(language):
        assert shown == text[language]

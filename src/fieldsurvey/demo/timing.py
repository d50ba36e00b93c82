"""The demo's reading-speed model: how long a page takes when read aloud and answered.

An interviewer reads a question and, unless it is interviewer-coded, its choices; a scale or
choice list is read with the first question of a series that uses it, then the client answers
the following ones from memory (a Likert battery, the Washington Group set). English is read
aloud at 150 words a minute (2.5 words a second, the usual pace of a read-aloud interview);
Chinese and Khmer are written without spaces between words, so their rates are calibrated on
the questionnaire's own parallel texts to take the same time as the English for the same
content (their own pace is not measured here). Each kind of answer then takes a fixed time to
give and key in. The simulated clock of `demo` uses this model, so demo paradata (and
`bench/bench_interview_length.py`) show realistic lengths.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from fieldsurvey.questionnaire.model import (
    Calculate,
    DateQuestion,
    DecimalQuestion,
    IntegerQuestion,
    LikertItem,
    Note,
    QuestionLike,
    Questionnaire,
    Rank,
    SelectMultiple,
    SelectOne,
    Text,
    TextQuestion,
)

ENGLISH_WORDS_PER_SECOND = 2.5
PAGE_SECONDS = 1.5
"""Moving on: a key press and a glance at the next screen."""
ANSWER_SECONDS: dict[type, float] = {
    LikertItem: 2.5,
    SelectOne: 2.0,
    SelectMultiple: 5.0,
    Rank: 15.0,
    IntegerQuestion: 6.0,
    DecimalQuestion: 6.0,
    DateQuestion: 8.0,
    TextQuestion: 20.0,
    Note: 0.0,
    Calculate: 0.0,
}
"""Time to give the answer and key it in (a comment: 4 in 10 clients give one of ~45 s)."""
RECALL_SECONDS = 10.0
"""An interviewer-coded multiple choice: the client names things while the interviewer ticks."""


class ReadingModel:
    """Seconds per page for one questionnaire in one language."""

    def __init__(self, questionnaire: Questionnaire, language: str) -> None:
        self.q = questionnaire
        self.language = language
        self.rate = ENGLISH_WORDS_PER_SECOND * _units_per_word(questionnaire, language)
        self._read_last: str | None = None
        """The scale or choice list read out last: a series using it is not read again."""

    def page_seconds(self, items: Iterable[QuestionLike]) -> float:
        """Reading and answering the page's visible items, plus moving on."""
        return PAGE_SECONDS + sum(self._item(item) for item in items)

    def _item(self, item: QuestionLike) -> float:
        if isinstance(item, Calculate):
            return 0.0
        read = [item.label]
        if isinstance(item, LikertItem) and item.scale != self._read_last:
            scale = self.q.scale_by_id[item.scale]
            read += [p.label for p in scale.points] + [c.label for c in scale.off_scale]
            self._read_last = item.scale
        elif (
            isinstance(item, SelectOne | SelectMultiple | Rank)
            and not item.interviewer
            and item.choices != self._read_last
        ):
            read += [c.label for c in self.q.choice_list_by_id[item.choices].choices]
            self._read_last = item.choices
        answer = ANSWER_SECONDS[type(item)]
        if isinstance(item, SelectMultiple) and item.interviewer:
            answer = RECALL_SECONDS
        return sum(self._seconds(text) for text in read) + answer

    def _seconds(self, text: Text) -> float:
        return _units(text.get(self.language, ""), self.language) / self.rate


def _units(text: str, language: str) -> int:
    """Words in English; characters (no spaces) in languages written without word spaces."""
    return len(text.split()) if language == "en" else len("".join(text.split()))


def _units_per_word(questionnaire: Questionnaire, language: str) -> float:
    """How many units of `language` the questionnaire uses per English word."""
    if language == "en" or "en" not in questionnaire.languages:
        return 1.0
    english = other = 0
    for text in _texts(questionnaire):
        if text.get("en") and text.get(language):
            english += _units(text["en"], "en")
            other += _units(text[language], language)
    return other / english if english else 1.0


def _texts(questionnaire: Questionnaire) -> Iterator[Text]:
    for question in questionnaire.questions.values():
        if not isinstance(question, Calculate):
            yield question.label

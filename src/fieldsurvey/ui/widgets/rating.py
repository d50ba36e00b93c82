"""A 0-10 rating answered with one key: 0-9 by their digit, 10 by `t` (shown beside it).

An integer question whose constraint bounds it to a few whole numbers within 0..10
(`questionnaire.ranges.rating_range`) is offered as this list instead of a typed field, so
the rating takes one key like a Likert item and a slip such as "33" cannot be typed at all.
"""

from __future__ import annotations

from fieldsurvey.questionnaire.expressions import Value
from fieldsurvey.ui.keys import rating_keys
from fieldsurvey.ui.widgets.choice_list import ChoiceItem, ChoiceList


class RatingList(ChoiceList):
    """The whole numbers low..high as a one-choice list; posts the number as an int."""

    def __init__(self, question: str, low: int, high: int, value: Value) -> None:
        """Args:
        question: the integer question's id.
        low: the smallest number offered (0 or more).
        high: the largest (10 at most).
        value: the stored answer, or None.
        """
        items = [
            # The digit key already says the number; only 10, keyed `t`, repeats it.
            ChoiceItem(number, rating_keys(number), "10" if number == 10 else "")
            for number in range(low, high + 1)
        ]
        super().__init__(question, items, "one", value)

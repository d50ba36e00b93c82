"""A Likert item answered with one key: 1..k for the points, 0 or d for "don't know", n for
"not applicable" when the scale has it. A ten-point scale keys its tenth point `t`.

One key answers and moves on, which is what lets a front-desk clerk take 28 agreement items in
a few minutes. The DK/NA choice is kept apart from the points (scoring leaves it out), so it
has its own key rather than being point k+1.
"""

from __future__ import annotations

from fieldsurvey.questionnaire.expressions import Value
from fieldsurvey.questionnaire.model import LikertScale
from fieldsurvey.ui.keys import rating_keys
from fieldsurvey.ui.widgets.choice_list import ChoiceItem, ChoiceList

DK_KEYS = ("0", "d")
NA_KEYS = ("n",)


class LikertList(ChoiceList):
    """The scale's points, then DK/NA, as a one-choice list."""

    def __init__(
        self,
        question: str,
        scale: LikertScale,
        labels: list[str],
        dk_label: str,
        value: Value,
        *,
        na_label: str | None = None,
        id: str | None = None,
    ) -> None:
        """Args:
        question: the Likert item's id.
        scale: its scale (points 1..k and the DK choice).
        labels: the points' labels in the interview language, in order.
        dk_label: the DK/NA label in the interview language.
        value: the stored answer (a point, the DK or NA code, or None).
        na_label: the "not applicable" label, when the scale has one.
        id: the widget id.
        """
        items = [
            ChoiceItem(point.value, rating_keys(point.value), label)
            for point, label in zip(scale.points, labels, strict=True)
        ]
        items.append(ChoiceItem(scale.dk.value, DK_KEYS, dk_label))
        if scale.na is not None and na_label is not None:
            items.append(ChoiceItem(scale.na.value, NA_KEYS, na_label))
        super().__init__(question, items, "one", value, id=id)

"""Choosing from a list with one key: select_one, select_multiple and rank questions.

Built on `OptionList` for its highlighting, wrapping of long (Chinese, Khmer) labels, scrolling
and mouse support. Each option shows the key that picks it: a number key chooses (select_one,
and goes on), toggles (select_multiple) or gives the next rank (rank); space does the same for
the highlighted option; Enter goes on. Marks are ASCII so they show on any terminal font.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList

from fieldsurvey.questionnaire.expressions import Value
from fieldsurvey.ui.widgets.answers import AdvanceRequested, AnswerGiven, BackRequested

Mode = Literal["one", "many", "rank"]


@dataclass(frozen=True)
class ChoiceItem:
    """One option: the value stored, the keys that pick it (the first is shown), its label."""

    value: str | int
    keys: tuple[str, ...]
    label: str


def numbered(values_and_labels: list[tuple[str, str]]) -> list[ChoiceItem]:
    """Items keyed 1..9 in order; options past the ninth are reached with the arrows."""
    return [
        ChoiceItem(value, (str(index),) if index <= 9 else (), label)
        for index, (value, label) in enumerate(values_and_labels, start=1)
    ]


class ChoiceList(OptionList):
    """A list of choices answered from the keyboard; posts `AnswerGiven` / `AdvanceRequested`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # OptionList scrolls sideways on ←/→; here they mean back and next, as on every page.
        Binding("left", "go_back", "Back", key_display="←", id="choice.back"),
        Binding("right", "go_on", "Next", key_display="→", id="choice.next"),
        Binding("space", "toggle", "Choose", show=False, id="choice.toggle"),
    ]

    def __init__(
        self,
        question: str,
        items: list[ChoiceItem],
        mode: Mode,
        value: Value,
        *,
        id: str | None = None,
    ) -> None:
        """Args:
        question: the question id this list answers.
        items: the options in order.
        mode: "one" (select_one, Likert), "many" (select_multiple) or "rank".
        value: the stored answer (a value, a list of values, or None).
        id: the widget id.
        """
        self.question = question
        self.items = items
        self.mode: Mode = mode
        self.chosen: list[str | int] = self._as_list(value)
        self.key_to_index = {key: i for i, item in enumerate(items) for key in item.keys}
        super().__init__(*[self.prompt(i) for i in range(len(items))], id=id)
        self.highlighted = self._initial_highlight()

    def _as_list(self, value: Value) -> list[str | int]:
        if value is None:
            return []
        return list(value) if isinstance(value, list) else [value]  # type: ignore[list-item]

    def _initial_highlight(self) -> int:
        if self.chosen:
            values = [item.value for item in self.items]
            if self.chosen[0] in values:
                return values.index(self.chosen[0])
        return 0

    # ----- what is shown ---------------------------------------------------------------------

    def prompt(self, index: int) -> Content:
        item = self.items[index]
        key = item.keys[0] if item.keys else " "
        return Content.assemble((f"{key} ", "bold"), self.mark(item.value), " ", item.label)

    def mark(self, value: str | int) -> str:
        picked = value in self.chosen
        if self.mode == "one":
            return "(*)" if picked else "( )"
        if self.mode == "many":
            return "[x]" if picked else "[ ]"
        return f"[{self.chosen.index(value) + 1}]" if picked else "[ ]"

    def refresh_prompts(self) -> None:
        for index in range(len(self.items)):
            self.replace_option_prompt_at_index(index, self.prompt(index))

    def show_question(self, question: str, value: Value) -> None:
        """Answer another question with the same options (the next Likert item)."""
        self.question = question
        self.chosen = self._as_list(value)
        self.refresh_prompts()
        self.highlighted = self._initial_highlight()

    @property
    def value(self) -> Value:
        """The answer as this list would give it now (None when nothing is chosen)."""
        if not self.chosen:
            return None
        if self.mode == "one":
            return self.chosen[0]
        return [str(v) for v in self.chosen]

    # ----- choosing --------------------------------------------------------------------------

    def pick(self, index: int, *, advance: bool) -> None:
        """Choose, toggle or rank the option at `index`, then tell the screen."""
        value = self.items[index].value
        if self.mode == "one":
            self.chosen = [value]
        elif self.mode == "many":
            self.chosen = [
                item.value
                for item in self.items
                if (item.value in self.chosen) != (item.value == value)
            ]
        else:
            self._rank(value)
        if not advance:  # when going on, the screen shows the next question instead
            self.refresh_prompts()
        if self.mode == "rank" and 0 < len(self.chosen) < len(self.items):
            return  # a partial order is not an answer yet; Enter submits it to be checked
        self.post_message(AnswerGiven(self, self.question, self.value, advance=advance))

    def _rank(self, value: str | int) -> None:
        """Append as the next rank, or take it (and nothing else) out of the order."""
        if value in self.chosen:
            self.chosen.remove(value)
            return
        self.chosen.append(value)
        left = [item.value for item in self.items if item.value not in self.chosen]
        if len(left) == 1:  # the last one can only go last
            self.chosen.append(left[0])

    def on_key(self, event: events.Key) -> None:
        index = self.key_to_index.get(event.character or "")
        if index is None or event.key.startswith("ctrl"):
            return
        event.stop()
        event.prevent_default()
        self.highlighted = index
        self.pick(index, advance=self.mode == "one")

    def action_go_back(self) -> None:
        self.post_message(BackRequested())

    def action_go_on(self) -> None:
        """→ goes on like Enter, except that it never picks the highlighted option."""
        if self.mode == "rank" and 0 < len(self.chosen) < len(self.items):
            self.post_message(AnswerGiven(self, self.question, self.value, advance=True))
        else:
            self.post_message(AdvanceRequested(self.question))

    def action_toggle(self) -> None:  # type: ignore[override]  # ours, not DOMNode's attribute toggle
        if self.highlighted is not None:
            self.pick(self.highlighted, advance=False)

    def action_select(self) -> None:
        """Enter: choose the highlighted option and go on (select_one), or just go on."""
        index = self.highlighted
        if self.mode == "one" and index is not None and self.items[index].value not in self.chosen:
            self.pick(index, advance=True)
            return
        if self.mode == "rank" and 0 < len(self.chosen) < len(self.items):
            # Let the engine say why a partial order is not accepted.
            self.post_message(AnswerGiven(self, self.question, self.value, advance=True))
            return
        self.post_message(AdvanceRequested(self.question))

    async def _on_click(self, event: events.Click) -> None:
        """A click chooses (or toggles) without moving on, so a slip can be corrected."""
        clicked = event.style.meta.get("option")
        if clicked is not None:
            self.highlighted = clicked
            self.pick(clicked, advance=False)

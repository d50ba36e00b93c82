"""Self-completion: the client answers alone, so front-desk staff do not rate their own service.

After consent the interviewer answers the questionnaire's mode question (`self_completion`);
choosing self-completion shows the private-answers notice, and from then on the interview runs
on `SelfCompletionScreen`: one key per answer as usual, but no way out of the interview (no
Leave, no Review, no quitting, no command palette) other than finishing it or the staff member
taking the keyboard back with the staff key. At the end a thank-you notice waits for the staff
key, and the interview is completed without its answers being shown. The mode is an answer of
the response (a segment: `scores --by mode`).
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from fieldsurvey.engine import EngineError
from fieldsurvey.ui.screens.interview import InterviewScreen

STAFF_KEY = "ctrl+t"
"""Known to staff, never shown on screen: takes the keyboard back, or closes the thank-you."""


def hand_over_if_chosen(screen: InterviewScreen) -> bool:
    """After the interviewer chose self-completion and moved on: show the private-answers
    notice, then run the rest of the interview on a `SelfCompletionScreen`. True if so."""
    interview = screen.interview
    design = interview.questionnaire.self_completion
    if (
        design is None
        or isinstance(screen, SelfCompletionScreen)
        or design.question not in screen.shown
        or interview.value(design.question) != design.value
        or interview.page is None
    ):
        return False

    def switch(_: None) -> None:
        screen.app.switch_screen(SelfCompletionScreen(interview))

    screen.app.push_screen(NoticeScreen(interview.text(design.handover), "enter"), switch)
    return True


class NoticeScreen(ModalScreen[None]):
    """A message that only one key closes; every other key is swallowed."""

    locked: ClassVar[bool] = True
    DEFAULT_CSS: ClassVar[str] = """
    NoticeScreen {
        align: center middle;
    }
    NoticeScreen #notice-box {
        width: 64;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    """

    def __init__(self, message: str, key: str) -> None:
        """Args:
        message: the text, in the interview language.
        key: the key that closes it (Enter for the client, the staff key for staff).
        """
        super().__init__()
        self.message = message
        self.key = key

    def compose(self) -> ComposeResult:
        with Vertical(id="notice-box"):
            yield Static(self.message, id="notice-message", markup=False)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        if event.key == self.key:
            self.dismiss(None)


class SelfCompletionScreen(InterviewScreen):
    """The interview while the client answers alone: answer, back, next, language; nothing
    else, except the staff key that hands the keyboard back."""

    locked: ClassVar[bool] = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(STAFF_KEY, "hand_back", show=False, id="self.hand_back"),
    ]
    CLOSED: ClassVar[frozenset[str]] = frozenset({"review", "leave"})
    """The interview screen's ways out, closed (and so not shown) while the client answers."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return False if action in self.CLOSED else super().check_action(action, parameters)

    async def after_move(self) -> None:
        """At the end, the thank-you notice instead of the review: the answers are private."""
        design = self.interview.questionnaire.self_completion
        if self.interview.page is None and self.interview.status == "draft" and design:
            thanks = NoticeScreen(self.interview.text(design.thanks), STAFF_KEY)
            self.app.push_screen(thanks, self.finish)
        else:
            await super().after_move()

    async def finish(self, _: None) -> None:
        """The staff key on the thank-you notice: complete, or back to what is missing."""
        try:
            problems = self.interview.complete()
        except EngineError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return
        if not problems:
            self.dismiss()
            return
        self.interview.jump(problems[0].question)
        await self.show_page(focus=problems[0].question)
        self.show_problems(problems)

    def action_hand_back(self) -> None:
        """The staff member takes the keyboard back: the usual interview screen again."""
        self.app.switch_screen(InterviewScreen(self.interview))

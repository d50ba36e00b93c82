"""Review keys shared by the Quality list and the interview detail: a approve, i has issues,
j reject. Each asks for a comment (required for issues and rejection), records the decision
through `fieldsurvey.review` and tells the screen to show it."""

from __future__ import annotations

from abc import ABCMeta, abstractmethod
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.message_pump import _MessagePumpMeta

from fieldsurvey.review import ACTIONS, ReviewError, record_decision
from fieldsurvey.ui.i18n import REVIEW_STATES
from fieldsurvey.ui.screens.review_comment import ReviewComment

if TYPE_CHECKING:
    from fieldsurvey.ui.screens.base import AppScreen

    _Base = AppScreen[None]
else:
    _Base = object


class AbstractScreenMeta(_MessagePumpMeta, ABCMeta):
    """Textual's metaclass with ABCMeta's check, so a screen missing a hook cannot be built.

    Textual gives every widget and screen its own metaclass; a plain `ABC` mixin would clash
    with it, hence this one deriving from both.
    """


class ReviewActions(_Base, metaclass=AbstractScreenMeta):
    """Mix into an AppScreen that says which interview is selected and redraws after.

    Both hooks are abstract: a screen that forgets one fails when it is built (and in mypy),
    not when a reviewer presses a key.
    """

    REVIEW_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "decide('approve')", "Approve", id="review.approve"),
        Binding("i", "decide('issue')", "Has issues", id="review.issue"),
        Binding("j", "decide('reject')", "Reject", id="review.reject"),
    ]

    @abstractmethod
    def selected_uuid(self) -> str | None:
        """The interview the keys act on; None disables them."""

    @abstractmethod
    def after_decision(self) -> None:
        """Show the decision just recorded."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "decide":
            return self.selected_uuid() is not None
        return True

    def action_decide(self, action: str) -> None:
        uuid = self.selected_uuid()
        if uuid is None:
            return
        state = ACTIONS[action]
        heading = self.t(
            "{state}: {uuid}\nComment (Enter records it, Esc cancels):",
            state=self.t(REVIEW_STATES[state]),
            uuid=uuid,
        )
        required = state != "approved"

        def record(comment: str | None) -> None:
            if comment is None:
                return
            try:
                record_decision(self.ctx.store, uuid, state, comment)
            except ReviewError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.notify(self.t("Recorded: {state}.", state=self.t(REVIEW_STATES[state])))
            self.after_decision()

        prompt = ReviewComment(heading, required, self.t("A comment is required."))
        self.app.push_screen(prompt, record)

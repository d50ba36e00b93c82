"""A review decision's comment, asked over the current screen; returns the text or None.

Rejecting or flagging issues needs a comment (the interviewer must know what to fix), so
the box says so and refuses an empty one; the length is capped at the core's limit.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from fieldsurvey.review import COMMENT_MAX


class ReviewComment(ModalScreen[str | None]):
    """Enter records the decision with the comment typed; Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="review_comment.cancel"),
    ]

    DEFAULT_CSS: ClassVar[str] = """
    ReviewComment {
        align: center middle;
    }
    ReviewComment #review-comment-box {
        width: 70;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    ReviewComment Input.-missing {
        border: tall $error;
    }
    """

    def __init__(self, heading: str, required: bool, required_text: str) -> None:
        """Args:
        heading: what is being decided, in the screen's language.
        required: an empty comment is refused (has issues, rejected).
        required_text: what to say when it is.
        """
        super().__init__()
        self.heading = heading
        self.required = required
        self.required_text = required_text

    def compose(self) -> ComposeResult:
        with Vertical(id="review-comment-box"):
            yield Static(self.heading, markup=False)
            yield Input(max_length=COMMENT_MAX, id="review-comment")

    @on(Input.Submitted, "#review-comment")
    def record(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if self.required and not text:
            event.input.border_subtitle = self.required_text
            event.input.add_class("-missing")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)

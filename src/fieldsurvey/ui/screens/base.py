"""The base of every fieldsurvey screen: typed access to the app's context and its language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar, cast

from textual.message import Message
from textual.screen import Screen

from fieldsurvey.ui.context import AppContext
from fieldsurvey.ui.i18n import tr

if TYPE_CHECKING:
    from fieldsurvey.ui.app import FieldSurveyApp

ResultType = TypeVar("ResultType")


class JobFailed(Message):
    """A worker could not read or write the database (locked, damaged); `error` says why."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class AppScreen(Screen[ResultType], Generic[ResultType]):
    """A screen that knows the app's context and speaks the interface language."""

    @property
    def fs_app(self) -> FieldSurveyApp:
        return cast("FieldSurveyApp", self.app)

    @property
    def ctx(self) -> AppContext:
        return self.fs_app.ctx

    @property
    def chrome_language(self) -> str:
        """The language of this screen's own words (the footer reads it too)."""
        return self.ctx.language

    @property
    def text_lang(self) -> str:
        """The language for questionnaire texts: the app's, when the questionnaire speaks it."""
        questionnaire = self.ctx.questionnaire
        lang = self.ctx.language
        return lang if lang in questionnaire.languages else questionnaire.default_language

    def t(self, key: str, **values: object) -> str:
        """A UI text in this screen's language."""
        return tr(key, self.chrome_language, **values)

    def action_back(self) -> None:
        """Leave this screen for the one below it (Home is never popped)."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

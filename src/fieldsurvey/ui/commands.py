"""Command palette entries for every screen, in the interface language.

The palette (ctrl+p) is the one place that lists everything the app can do, so each screen has
an entry even when a Home key exists: a user who forgot the key can type its name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from fieldsurvey.ui.i18n import tr

if TYPE_CHECKING:
    from fieldsurvey.ui.app import FieldSurveyApp


class ScreensProvider(Provider):
    """One command per screen: Home, new interview, review, settings, scores, sync, indicators,
    quality."""

    def _commands(self) -> list[tuple[str, Callable[[], object]]]:
        app = cast("FieldSurveyApp", self.app)
        language = app.chrome_language
        commands: list[tuple[str, Callable[[], object]]] = [
            (tr("Go to Home", language), app.action_go_home),
            (tr("Start a new interview", language), app.action_start_interview),
        ]
        if app.interview_screen() is not None:
            commands.append((tr("Review the current interview", language), app.action_review))
        commands += [
            (tr("Open Settings", language), app.action_open_settings),
            (tr("Open Scores", language), app.action_open_scores),
            (tr("Open Sync", language), app.action_open_sync),
            (tr("Open Office indicators", language), app.action_open_indicators),
            (tr("Open Quality and review", language), app.action_open_quality),
        ]
        return commands

    async def discover(self) -> Hits:
        for name, callback in self._commands():
            yield DiscoveryHit(name, callback)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback)

"""Conflicts: interviews that arrived in diverging versions, compared side by side, resolved.

Merge keeps every version of an interview edited on two devices. Here a supervisor picks one
interview, reads who saved each version and which answers differ, and keeps one (after a
confirmation); the others are set aside, never deleted. Reading and resolving run in thread
workers; the list reloads after each resolution.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, OptionList
from textual.widgets.option_list import Option

from fieldsurvey.safetext import terminal_text
from fieldsurvey.store.errors import StoreError
from fieldsurvey.sync import Conflict, ConflictError, keep_version, list_conflicts
from fieldsurvey.ui.i18n import tr
from fieldsurvey.ui.screens.base import AppScreen, JobFailed
from fieldsurvey.ui.screens.confirm import ConfirmScreen
from fieldsurvey.ui.screens.home import local_time
from fieldsurvey.ui.widgets.conflict_versions import ConflictVersions, letter
from fieldsurvey.ui.widgets.footer import KeyBar

if TYPE_CHECKING:
    from fieldsurvey.ui.app import FieldSurveyApp

KEEP_KEYS = "abcd"
"""One key per version shown (two is the usual case, four is plenty)."""


class ConflictsScreen(AppScreen[None]):
    """The conflict queue on top, the highlighted interview's versions below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="conflicts.back"),
        *[
            Binding(key, f"keep({index})", f"Keep {key.upper()}", id=f"conflicts.keep_{key}")
            for index, key in enumerate(KEEP_KEYS)
        ],
    ]

    class Loaded(Message):
        def __init__(self, conflicts: list[Conflict]) -> None:
            super().__init__()
            self.conflicts = conflicts

    class Kept(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self) -> None:
        super().__init__()
        self.conflicts: list[Conflict] = []

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield OptionList(id="conflict-list")
        with VerticalScroll(id="conflict-detail"):
            yield ConflictVersions(id="conflict-versions")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.t("conflicts.title")
        self.query_one("#conflict-list", OptionList).border_title = self.t("conflicts.list")
        self.query_one("#conflict-versions", ConflictVersions).update(self.t("home.loading"))
        self.query_one("#conflict-list", OptionList).focus()
        self.load_conflicts()

    @property
    def current(self) -> Conflict | None:
        index = self.query_one("#conflict-list", OptionList).highlighted
        if index is None or not 0 <= index < len(self.conflicts):
            return None
        return self.conflicts[index]

    # ----- loading ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="conflicts-load")
    def load_conflicts(self) -> None:
        try:
            conflicts = list_conflicts(self.ctx.store).conflicts
        except StoreError as exc:
            self.post_message(JobFailed(exc.message))
            return
        self.post_message(self.Loaded(conflicts))

    @on(Loaded)
    def show_conflicts(self, event: Loaded) -> None:
        self.conflicts = event.conflicts
        listing = self.query_one("#conflict-list", OptionList)
        previous = listing.highlighted or 0
        listing.clear_options()
        listing.border_title = self.t("conflicts.list_count", count=len(self.conflicts))
        if not self.conflicts:
            listing.add_option(Option(Content(self.t("conflicts.none")), disabled=True))
            self.query_one("#conflict-versions", ConflictVersions).update(
                self.t("conflicts.none_detail")
            )
        else:
            listing.add_options(self.conflict_option(c) for c in self.conflicts)
            listing.highlighted = min(previous, len(self.conflicts) - 1)
        self.show_versions()

    def conflict_option(self, conflict: Conflict) -> Option:
        devices = ", ".join(sorted({v.device_id[:8] for v in conflict.versions}))
        text = self.t(
            "conflicts.line",
            uuid=conflict.uuid[:8],
            versions=len(conflict.versions),
            differing=len(conflict.differing),
            devices=devices,
        )
        return Option(Content(terminal_text(text)), id=conflict.uuid)

    @on(OptionList.OptionHighlighted, "#conflict-list")
    def show_versions(self) -> None:
        conflict = self.current
        detail = self.query_one("#conflict-detail", VerticalScroll)
        if conflict is None:
            detail.border_title = ""
        else:
            title = self.t("conflicts.compare", uuid=conflict.uuid[:8])
            detail.border_title = Content(terminal_text(title))
            self.query_one("#conflict-versions", ConflictVersions).show_conflict(
                conflict, self.ctx.questionnaire, self.chrome_language, self.t, local_time
            )
        self.refresh_bindings()

    # ----- keeping a version ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "keep":
            conflict = self.current
            index = cast(int, parameters[0])
            return conflict is not None and index < len(conflict.versions)
        return True

    def action_keep(self, index: int) -> None:
        conflict = self.current
        keeping = any(w.node is self and w.group == "conflicts-keep" for w in self.app.workers)
        if conflict is None or index >= len(conflict.versions) or keeping:
            return
        version = conflict.versions[index]
        name = letter(index)
        question = self.t(
            "conflicts.confirm_keep",
            letter=name,
            uuid=terminal_text(conflict.uuid[:8]),
            device=terminal_text(version.device_id[:8]),
            saved=local_time(version.updated_at),
        )

        def keep_if_confirmed(confirmed: bool | None) -> None:
            if confirmed:
                self.keep_worker(conflict.uuid, version.content_hash, name)

        self.app.push_screen(
            ConfirmScreen(question, self.t("yes"), self.t("no")), keep_if_confirmed
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="conflicts-keep")
    def keep_worker(self, uuid: str, content_hash: str, name: str) -> None:
        try:
            keep_version(self.ctx.store, uuid, content_hash)
        except ConflictError as exc:
            self.post_message(JobFailed(str(exc)))
        except StoreError as exc:
            self.post_message(JobFailed(exc.message))
        else:
            self.post_message(self.Kept(self.t("conflicts.kept", letter=name, uuid=uuid[:8])))

    @on(Kept)
    def reload_after_keeping(self, event: Kept) -> None:
        self.notify(event.text, timeout=3)
        self.load_conflicts()

    @on(JobFailed)
    def show_failure(self, event: JobFailed) -> None:
        self.notify(self.t("conflicts.failed", error=event.error), severity="error", timeout=8)


class ConflictsCommands(Provider):
    """The command palette entry for this screen (Home has no key for it: it is Sync's)."""

    @property
    def command_name(self) -> str:
        app = cast("FieldSurveyApp", self.app)
        return tr("cmd.conflicts", app.chrome_language)

    def open(self) -> None:
        cast("FieldSurveyApp", self.app).open_screen(ConflictsScreen)

    async def discover(self) -> Hits:
        yield DiscoveryHit(self.command_name, self.open)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        score = matcher.match(self.command_name)
        if score > 0:
            yield Hit(score, matcher.highlight(self.command_name), self.open)

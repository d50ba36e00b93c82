"""Conflicts: interviews that arrived in diverging versions, compared side by side, resolved.

Merge keeps every version of an interview edited on two devices. Here a supervisor picks one
interview, reads who saved each version and which answers differ, and keeps one (after a
confirmation); the others are set aside, never deleted. Reviewers who disagree on an
interview are listed too (their decisions side by side; keeping one records it again, which
resolves the disagreement), and so are review decisions held because the file that brought
them was signed by a key not trusted to review here. Reading and resolving run in thread
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
from fieldsurvey.sync import Conflict, ConflictError, ConflictList, list_conflicts, resolve
from fieldsurvey.sync.review_conflicts import HeldDecision, ReviewConflict
from fieldsurvey.ui.i18n import N_, tr
from fieldsurvey.ui.screens.base import AppScreen, JobFailed
from fieldsurvey.ui.screens.confirm import ConfirmScreen
from fieldsurvey.ui.screens.home import local_time
from fieldsurvey.ui.widgets.conflict_versions import ConflictVersions, letter
from fieldsurvey.ui.widgets.footer import KeyBar
from fieldsurvey.ui.widgets.review_conflict import (
    held_table,
    keep_decision_words,
    review_conflict_table,
    review_line,
)

if TYPE_CHECKING:
    from fieldsurvey.ui.app import FieldSurveyApp

KEEP_KEYS = {"a": N_("Keep A"), "b": N_("Keep B"), "c": N_("Keep C"), "d": N_("Keep D")}
"""One key per version shown (two is the usual case, four is plenty), with its footer word."""

Item = Conflict | ReviewConflict | HeldDecision
"""One line of the queue: diverging versions, disagreeing reviewers, or a held decision."""


class ConflictsScreen(AppScreen[None]):
    """The conflict queue on top, the highlighted interview's versions below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="conflicts.back"),
        *[
            Binding(key, f"keep({index})", description, id=f"conflicts.keep_{key}")
            for index, (key, description) in enumerate(KEEP_KEYS.items())
        ],
    ]

    class Loaded(Message):
        def __init__(self, conflicts: ConflictList) -> None:
            super().__init__()
            self.conflicts = conflicts

    class Kept(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self) -> None:
        super().__init__()
        self.conflicts: list[Item] = []

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield OptionList(id="conflict-list")
        with VerticalScroll(id="conflict-detail"):
            yield ConflictVersions(id="conflict-versions")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.t("Conflicts")
        self.query_one("#conflict-list", OptionList).border_title = self.t("Interviews in conflict")
        self.query_one("#conflict-versions", ConflictVersions).update(self.t("counting…"))
        self.query_one("#conflict-list", OptionList).focus()
        self.load_conflicts()

    @property
    def current(self) -> Item | None:
        index = self.query_one("#conflict-list", OptionList).highlighted
        if index is None or not 0 <= index < len(self.conflicts):
            return None
        return self.conflicts[index]

    # ----- loading ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="conflicts-load")
    def load_conflicts(self) -> None:
        try:
            conflicts = list_conflicts(self.ctx.store)
        except StoreError as exc:
            self.post_message(JobFailed(exc.message))
            return
        self.post_message(self.Loaded(conflicts))

    @on(Loaded)
    def show_conflicts(self, event: Loaded) -> None:
        queue = event.conflicts
        self.conflicts = [*queue.conflicts, *queue.review_conflicts, *queue.held_reviews]
        listing = self.query_one("#conflict-list", OptionList)
        previous = listing.highlighted or 0
        listing.clear_options()
        listing.border_title = self.t("Interviews in conflict: {count}", count=len(self.conflicts))
        if not self.conflicts:
            listing.add_option(
                Option(
                    Content(self.t("No conflicts: every interview has one version.")), disabled=True
                )
            )
            self.query_one("#conflict-versions", ConflictVersions).update(
                self.t(
                    "When a merge finds an interview edited on two devices, both versions "
                    "are kept and listed here, so you can compare them and keep one."
                )
            )
        else:
            listing.add_options(self.conflict_option(c) for c in self.conflicts)
            listing.highlighted = min(previous, len(self.conflicts) - 1)
        self.show_versions()

    def conflict_option(self, conflict: Item) -> Option:
        if isinstance(conflict, ReviewConflict | HeldDecision):
            return Option(Content(terminal_text(review_line(conflict, self.t))))
        devices = ", ".join(sorted({v.device_id[:8] for v in conflict.versions}))
        text = self.t(
            "{uuid}  {versions} versions · {differing} answer(s) differ · devices {devices}",
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
        widget = self.query_one("#conflict-versions", ConflictVersions)
        if conflict is None:
            detail.border_title = ""
        elif isinstance(conflict, ReviewConflict | HeldDecision):
            title = self.t("Interview {uuid}: review decisions", uuid=conflict.uuid[:8])
            detail.border_title = Content(terminal_text(title))
            if isinstance(conflict, ReviewConflict):
                widget.update(review_conflict_table(conflict, self.t, local_time))
            else:
                widget.update(held_table(conflict, self.t, local_time))
        else:
            title = self.t("Interview {uuid}: versions side by side", uuid=conflict.uuid[:8])
            detail.border_title = Content(terminal_text(title))
            widget.show_conflict(
                conflict, self.ctx.questionnaire, self.chrome_language, self.t, local_time
            )
        self.refresh_bindings()

    # ----- keeping a version ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "keep":
            return cast(int, parameters[0]) < len(self.choices(self.current))
        return True

    @staticmethod
    def choices(conflict: Item | None) -> list[str]:
        """The hashes `resolve` takes for each keep key: versions, or disagreeing decisions."""
        if isinstance(conflict, Conflict):
            return [v.content_hash for v in conflict.versions]
        if isinstance(conflict, ReviewConflict):
            return [d.entry for d in conflict.decisions]
        return []

    def action_keep(self, index: int) -> None:
        conflict = self.current
        keeping = any(w.node is self and w.group == "conflicts-keep" for w in self.app.workers)
        if conflict is None or index >= len(self.choices(conflict)) or keeping:
            return
        name = letter(index)
        question, done = self.keep_words(conflict, index, name)

        def keep_if_confirmed(confirmed: bool | None) -> None:
            if confirmed:
                self.keep_worker(conflict.uuid, self.choices(conflict)[index], done)

        self.app.push_screen(
            ConfirmScreen(question, self.t("Yes"), self.t("No")), keep_if_confirmed
        )

    def keep_words(self, conflict: Item, index: int, name: str) -> tuple[str, str]:
        """The confirmation question and the notice once kept."""
        if isinstance(conflict, ReviewConflict):
            return keep_decision_words(conflict, index, name, self.t)
        assert isinstance(conflict, Conflict)
        uuid = terminal_text(conflict.uuid[:8])
        version = conflict.versions[index]
        question = self.t(
            "Keep version {letter} of interview {uuid} (device {device}, "
            "saved {saved})? The other versions are set aside, not deleted.",
            letter=name,
            uuid=uuid,
            device=terminal_text(version.device_id[:8]),
            saved=local_time(version.updated_at),
        )
        done = self.t("Kept version {letter} of interview {uuid}.", letter=name, uuid=uuid)
        return question, done

    @work(thread=True, exclusive=True, exit_on_error=False, group="conflicts-keep")
    def keep_worker(self, uuid: str, digest: str, done: str) -> None:
        try:
            resolve(self.ctx.store, uuid, digest)
        except ConflictError as exc:
            self.post_message(JobFailed(str(exc)))
        except StoreError as exc:
            self.post_message(JobFailed(exc.message))
        else:
            self.post_message(self.Kept(done))

    @on(Kept)
    def reload_after_keeping(self, event: Kept) -> None:
        self.notify(event.text, timeout=3)
        self.load_conflicts()

    @on(JobFailed)
    def show_failure(self, event: JobFailed) -> None:
        self.notify(
            self.t("Could not keep the version: {error}", error=event.error),
            severity="error",
            timeout=8,
        )


class ConflictsCommands(Provider):
    """The command palette entry for this screen (Home has no key for it: it is Sync's)."""

    @property
    def command_name(self) -> str:
        app = cast("FieldSurveyApp", self.app)
        return tr("Open Conflicts", app.chrome_language)

    def open(self) -> None:
        cast("FieldSurveyApp", self.app).open_screen(ConflictsScreen)

    async def discover(self) -> Hits:
        yield DiscoveryHit(self.command_name, self.open)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        score = matcher.match(self.command_name)
        if score > 0:
            yield Hit(score, matcher.highlight(self.command_name), self.open)

"""Sync's Receive tab: a supervisor's return file applied on this device (docs/return-files.md).

It says first which supervisor key this device trusts (none yet: where to set it), takes one
`.fsr` file and, for a file encrypted for this device, its age secret key file, and applies
it in a thread worker through the same service as `fieldsurvey receive` (the key read with
the same checks as `receive --identity`, before anything is written); the outcome is shown in
the interface language, a refusal with its reason. A version the file makes current is used
by the interviews started next, without a restart.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from fieldsurvey.paths import cache_dir
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.returns.errors import Refusal
from fieldsurvey.returns.receive import KEPT_REASONS, Received
from fieldsurvey.services.failures import JobFailed, explained
from fieldsurvey.services.merge import identities_from
from fieldsurvey.services.receive import ReceiveRefused, receive_file
from fieldsurvey.store.published import current_or
from fieldsurvey.sync.supervisor import trusted_supervisor
from fieldsurvey.sync.trust import fingerprint
from fieldsurvey.ui.i18n import N_
from fieldsurvey.ui.screens.sync_state import remember
from fieldsurvey.ui.widgets.sync_path_input import SyncPathInput, path_row
from fieldsurvey.ui.widgets.sync_summary import SyncSummary, line

if TYPE_CHECKING:
    from fieldsurvey.ui.app import FieldSurveyApp

Translate = Callable[..., str]
RECEIVE_TAB = "sync-receive"


class ReceivePane(Vertical):
    """The return file's path, Receive, and what it did."""

    class Done(Message):
        def __init__(
            self,
            received: Received | None,
            error: str | ReceiveRefused | None,
            current: Questionnaire | None = None,
        ) -> None:
            super().__init__()
            self.received = received
            self.error = error
            """Why nothing was received: a refusal (its reason is put in the screen's
            language when shown) or a file or storage problem in a sentence."""
            self.current = current
            """The version the file made current, loaded, for the interviews started next."""

    def __init__(self, t: Translate, **kwargs: object) -> None:
        """Args:
        t: the screen's `t(key, **values)`, the words in the interface language.
        """
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.t = t

    @property
    def fs_app(self) -> FieldSurveyApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(id="sync-supervisor")
        yield self.row(N_("Return file"), "sync-return-file", N_("the .fsr file"), N_("Choose…"))
        yield self.row(
            N_("Secret key"), "sync-return-identity",
            N_("this device's .key file, for encrypted files"), N_("Browse…"),
        )  # fmt: skip
        with Horizontal(classes="sync-actions"):
            yield Button(self.t("Receive"), id="sync-receive-run", variant="primary", compact=True)
        with VerticalScroll(classes="sync-result"):
            yield SyncSummary(id="sync-receive-summary")

    def row(self, label: str, field_id: str, placeholder: str, button: str) -> Horizontal:
        """A labelled field and its picker button (`FIELD-browse`: the screen opens it)."""
        field = SyncPathInput(id=field_id, placeholder=self.t(placeholder))
        return path_row(self.t(label), field, f"{field_id}-browse", self.t(button))

    def on_mount(self) -> None:
        self.show_supervisor()

    def show_supervisor(self) -> None:
        key = trusted_supervisor(self.fs_app.ctx.store)
        text = (
            self.t("Files are accepted from the supervisor key {fingerprint}.",
                   fingerprint=fingerprint(key))
            if key else
            self.t("No supervisor key yet: set it in Settings (or `fieldsurvey devices "
                   "trust-supervisor KEY`) before receiving.")
        )  # fmt: skip
        self.query_one("#sync-supervisor", Static).update(Content(text))

    def receive(self) -> None:
        typed = self.query_one("#sync-return-file", SyncPathInput).value.strip()
        summary = self.query_one("#sync-receive-summary", SyncSummary)
        if not typed:
            summary.show_message(self.t("Type the path of the return file (.fsr)."), "$warning")
            return
        summary.show_message(self.t("Receiving…"))
        identity = self.query_one("#sync-return-identity", SyncPathInput).value.strip()
        self.receive_worker(Path(typed).expanduser(), identity)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync-receive")
    def receive_worker(self, path: Path, identity: str) -> None:
        ctx = self.fs_app.ctx
        try:
            key = [Path(identity).expanduser()] if identity else []
            received = receive_file(ctx.store, path, identities=identities_from(key))
            with explained():
                remember(ctx.store, return_identity=identity)
            current = None
            if received.questionnaire and ctx.follows_current:  # loaded here, off the UI
                current = current_or(ctx.store, ctx.questionnaire, cache_dir())
        except ReceiveRefused as exc:
            self.post_message(self.Done(None, exc))
        except JobFailed as exc:
            self.post_message(self.Done(None, exc.message))
        else:
            self.post_message(self.Done(received, None, current))

    @on(Done)
    def show_done(self, event: Done) -> None:
        summary = self.query_one("#sync-receive-summary", SyncSummary)
        error = event.error
        if isinstance(error, ReceiveRefused) and error.refusal.reason is Refusal.ENCRYPTED:
            error = self.t("the file is encrypted: choose this device's secret key (.key) above")
        elif isinstance(error, ReceiveRefused):
            error = error.reason(self.fs_app.chrome_language)
        if event.received is None:
            summary.show_message(self.t("Not received: {error}", error=error), "$error b")
            return
        in_use = event.current is not None and self.fs_app.ctx.use_current(event.current)
        summary.show_lines(receive_lines(event.received, self.t, in_use))

    @on(Button.Pressed, "#sync-receive-run")
    def receive_from_button(self) -> None:
        self.receive()

    @on(SyncPathInput.Submitted, "#sync-return-file")
    def next_field(self, event: SyncPathInput.Submitted) -> None:
        """Enter moves down to the key, as on the other tabs; Enter there receives."""
        event.stop()
        self.query_one("#sync-return-identity", SyncPathInput).focus()

    @on(SyncPathInput.Submitted, "#sync-return-identity")
    def receive_from_field(self, event: SyncPathInput.Submitted) -> None:
        event.stop()
        self.receive()


def receive_lines(received: Received, t: Translate, in_use: bool = False) -> list[Content]:
    """What a return file did, one fact per line, in the interface language; `in_use`: the
    version it made current is the one new interviews start on from now."""
    made = received.created_at[:16].replace("T", " ")
    if received.already:
        text = t("Received before (made {made}); nothing changed.", made=made)
        return [line("$text", text=text)]
    lines = [
        line("[$success b]✓[/] [b]$text[/]", text=t("Return file made {made}", made=made)),
        line("  $text", text=t(
            "{returned} interview(s) sent back, {reopened} reopened as drafts (see Home)",
            returned=received.returned, reopened=received.reopened)),
    ]  # fmt: skip
    lines += [
        line(
            "  $text",
            text=t("{uuid}: not reopened again: {why}", uuid=uuid[:13], why=t(KEPT_REASONS[code])),
        )
        for uuid, code in received.kept
    ]
    if received.questionnaire:
        text = (
            t("Questionnaire {version} is now current: new interviews start on it.",
              version=received.questionnaire)
            if in_use else
            t("Questionnaire {version} is now current; this app was started with another "
              "questionnaire file, which new interviews keep using.",
              version=received.questionnaire)
        )  # fmt: skip
        lines.append(line("  $text", text=text))
    if received.report_as_of:
        text = t("Office scores as of {date}: see Scores.", date=received.report_as_of[:10])
        lines.append(line("  $text", text=text))
    return lines

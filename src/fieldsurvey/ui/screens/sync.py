"""Sync: export this device's interviews to a file, merge files from other devices, conflicts.

Devices never see a network: a field worker exports to a USB stick, a supervisor merges the
files from every stick. Two tabs, one per job; the conflict queue has its own screen. Every
export, merge and count runs in a thread worker (a merge of many files takes a while, and
SQLite may wait on a lock), which reports back with a message; the merge's progress comes
back through `call_from_thread`.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import (
    Button,
    Checkbox,
    Header,
    Input,
    ProgressBar,
    Static,
    TabbedContent,
    TabPane,
)

from fieldsurvey.returns.format import RETURN_SUFFIX
from fieldsurvey.services import failures
from fieldsurvey.services.export import ExportOutcome
from fieldsurvey.services.merge import MergeOutcome
from fieldsurvey.store.errors import StoreError
from fieldsurvey.sync.fileformat import FILE_SUFFIX
from fieldsurvey.ui.i18n import N_
from fieldsurvey.ui.screens.base import AppScreen
from fieldsurvey.ui.screens.conflicts import ConflictsScreen
from fieldsurvey.ui.screens.sync_file_picker import SyncFilePicker
from fieldsurvey.ui.screens.sync_jobs import export_job, merge_job
from fieldsurvey.ui.screens.sync_receive import RECEIVE_TAB, ReceivePane
from fieldsurvey.ui.screens.sync_state import SyncStatus, join_paths, read_status, split_paths
from fieldsurvey.ui.widgets.footer import KeyBar
from fieldsurvey.ui.widgets.sync_file_tree import PickMode
from fieldsurvey.ui.widgets.sync_path_input import SyncPathInput, path_row
from fieldsurvey.ui.widgets.sync_summary import SyncSummary, export_lines, merge_lines

EXPORT_TAB = "sync-export"
MERGE_TAB = "sync-merge"
JOB_GROUPS = ("sync-export", "sync-merge", "sync-receive")
"""Worker groups of the jobs that write; one runs at a time."""

NOT_ENCRYPTED = N_("NOT encrypted: whoever gets the file can read the answers.")
WILL_ENCRYPT = N_("Encrypted: only the supervisor's secret key opens the file.")


class SyncScreen(AppScreen[None]):
    """Export and Merge tabs; ctrl+k opens the conflicts."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # The fields are SyncPathInputs, which leave ctrl+e and ctrl+k to these bindings.
        Binding("escape", "back", "Back", id="sync.back"),
        Binding("ctrl+e", "export", "Export", id="sync.export"),
        Binding("ctrl+r", "merge", "Merge", id="sync.merge"),
        Binding("ctrl+o", "browse", "Browse", id="sync.browse"),
        Binding("ctrl+k", "conflicts", "Conflicts", id="sync.conflicts"),
        Binding("ctrl+g", "receive", "Receive", show=False, id="sync.receive"),
    ]

    class StatusLoaded(Message):
        def __init__(self, status: SyncStatus) -> None:
            super().__init__()
            self.status = status

    class ExportDone(Message):
        def __init__(self, outcome: ExportOutcome) -> None:
            super().__init__()
            self.outcome = outcome

    class MergeDone(Message):
        def __init__(self, outcome: MergeOutcome) -> None:
            super().__init__()
            self.outcome = outcome

    class JobFailed(Message):
        """An export or merge (`job`) stopped before changing anything."""

        def __init__(self, job: str, error: str) -> None:
            super().__init__()
            self.job = job
            self.error = error

    def __init__(self) -> None:
        super().__init__()
        self.status: SyncStatus | None = None

    # ----- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with TabbedContent(id="sync-tabs", initial=EXPORT_TAB):
            with TabPane(self.t("Export"), id=EXPORT_TAB):
                yield from self.compose_export()
            with TabPane(self.t("Merge"), id=MERGE_TAB):
                yield from self.compose_merge()
            with TabPane(self.t("Receive"), id=RECEIVE_TAB):
                yield ReceivePane(self.t, id="sync-receive-pane")
        yield KeyBar()

    def field_row(
        self, label: str, field: SyncPathInput, button_id: str, button: str
    ) -> Horizontal:
        return path_row(self.t(label), field, button_id, self.t(button))

    def compose_export(self) -> ComposeResult:
        yield Static(self.t("counting…"), id="sync-pending")
        folder = SyncPathInput(id="sync-folder", placeholder=self.t("empty: your home folder"))
        yield self.field_row(N_("Folder"), folder, "sync-folder-browse", N_("Browse…"))
        everything = Checkbox(
            self.t("Everything, also what was exported before"), id="sync-everything", compact=True
        )
        everything.BUTTON_INNER = " "
        yield everything
        keys = SyncPathInput(
            id="sync-recipients", placeholder=self.t("supervisor key: age1… or a .pub file")
        )
        yield self.field_row(N_("Encrypt for"), keys, "sync-recipients-browse", N_("Browse…"))
        yield Static(id="sync-encryption")
        with Horizontal(classes="sync-actions"):
            yield Button(self.t("Export"), id="sync-export-run", variant="primary", compact=True)
        with VerticalScroll(classes="sync-result"):
            yield SyncSummary(id="sync-export-summary")

    def compose_merge(self) -> ComposeResult:
        files = SyncPathInput(
            id="sync-files", placeholder=self.t(".fsx files or a folder; separate several with ;")
        )
        yield self.field_row(N_("Files"), files, "sync-files-browse", N_("Choose…"))
        key = SyncPathInput(
            id="sync-identity", placeholder=self.t("supervisor .key file, for encrypted files")
        )
        yield self.field_row(N_("Secret key"), key, "sync-identity-browse", N_("Browse…"))
        with Horizontal(classes="sync-actions"):
            yield Button(self.t("Merge"), id="sync-merge-run", variant="primary", compact=True)
            yield Button(
                self.t("Conflicts ({count})", count="…"), id="sync-conflicts", compact=True
            )
            yield ProgressBar(id="sync-progress", show_eta=False)
        with VerticalScroll(classes="sync-result"):
            yield SyncSummary(id="sync-merge-summary")

    def on_mount(self) -> None:
        self.title = self.t("Sync")
        self.show_encryption("")
        self.field("sync-folder").focus()  # type the stick's folder at once; ctrl+e exports
        self.load_status()

    def on_screen_resume(self) -> None:
        """Back from the conflicts: the queue may be shorter."""
        self.load_status()

    def field(self, field_id: str) -> Input:
        return self.query_one(f"#{field_id}", Input)

    def summary(self, tab: str) -> SyncSummary:
        return self.query_one(f"#{tab}-summary", SyncSummary)

    def show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def job_running(self) -> bool:
        """An export or a merge is under way: both write through the app's one connection,
        so a second job must wait (and so must leaving, or its result would go unseen)."""
        running = any(
            (worker.node is self or isinstance(worker.node, ReceivePane))
            and worker.group in JOB_GROUPS
            and worker.is_running
            for worker in self.app.workers
        )
        if running:
            self.notify(self.t("Still working on the files; please wait."), timeout=3)
        return running

    def action_back(self) -> None:
        if not self.job_running():
            super().action_back()

    # ----- status: remembered paths and counts ------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync-status")
    def load_status(self) -> None:
        try:
            status = read_status(self.ctx.store, self.ctx.clock())
        except StoreError as exc:
            self.post_message(self.JobFailed("status", exc.message))
            return
        self.post_message(self.StatusLoaded(status))

    @on(StatusLoaded)
    def show_status(self, event: StatusLoaded) -> None:
        first = self.status is None
        self.status = event.status
        memory = event.status.memory
        if first:  # fill the fields once; never overwrite what the user typed since
            self.fill("sync-folder", memory.export_folder)
            self.fill("sync-recipients", memory.recipients)
            self.fill("sync-identity", memory.identity)
            self.fill("sync-return-identity", memory.return_identity)
        self.show_counts(event.status.not_exported, event.status.conflicts)

    def fill(self, field_id: str, value: str) -> None:
        field = self.field(field_id)
        if not field.value:
            field.value = value

    def show_counts(self, not_exported: int, conflicts: int | None = None) -> None:
        self.query_one("#sync-pending", Static).update(
            self.t("{count} response(s) not yet exported.", count=not_exported)
        )
        if conflicts is not None:
            button = self.query_one("#sync-conflicts", Button)
            button.label = self.t("Conflicts ({count})", count=conflicts)
            button.set_class(conflicts > 0, "-waiting")

    # ----- export -----------------------------------------------------------------------------

    @on(Input.Changed, "#sync-recipients")
    def show_encryption_from_field(self, event: Input.Changed) -> None:
        self.show_encryption(event.value)

    def show_encryption(self, recipients: str) -> None:
        """Say before the export, not after, whether personal data leaves in clear."""
        note = self.query_one("#sync-encryption", Static)
        plain = not recipients.strip()
        note.update(self.t(NOT_ENCRYPTED if plain else WILL_ENCRYPT))
        note.set_class(plain, "-plain")

    @on(Checkbox.Changed, "#sync-everything")
    def mark_everything(self, event: Checkbox.Changed) -> None:
        """An X only when ticked: in 16 colours a dim X and a bright X look the same."""
        event.checkbox.BUTTON_INNER = "X" if event.value else " "
        event.checkbox.refresh()

    def action_export(self) -> None:
        self.show_tab(EXPORT_TAB)
        if self.job_running():
            return
        folder = Path(self.field("sync-folder").value.strip() or str(Path.home())).expanduser()
        everything = self.query_one("#sync-everything", Checkbox).value
        recipients = self.field("sync-recipients").value.strip()
        self.summary(EXPORT_TAB).show_message(self.t("Exporting…"))
        self.export_worker(folder, everything, recipients)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync-export")
    def export_worker(self, folder: Path, everything: bool, recipients: str) -> None:
        try:
            outcome = export_job(
                self.ctx.store,
                folder,
                everything=everything,
                recipients=recipients,
                t=self.t,
            )
        except failures.JobFailed as exc:
            self.post_message(self.JobFailed("export", str(exc)))
        else:
            self.post_message(self.ExportDone(outcome))

    @on(ExportDone)
    def show_export(self, event: ExportDone) -> None:
        outcome = event.outcome
        lines = export_lines(outcome.result, outcome.recipients, self.t)
        self.summary(EXPORT_TAB).show_lines(lines)
        self.show_counts(outcome.not_exported)

    # ----- merge ------------------------------------------------------------------------------

    def action_merge(self) -> None:
        self.show_tab(MERGE_TAB)
        paths = split_paths(self.field("sync-files").value)
        if not paths:
            self.pick_files()
            return
        if self.job_running():
            return
        identity = self.field("sync-identity").value.strip()
        self.summary(MERGE_TAB).show_message(self.t("Reading the files…"))
        self.merge_worker(paths, identity)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync-merge")
    def merge_worker(self, typed: list[Path], identity: str) -> None:
        try:
            outcome = merge_job(
                self.ctx.store,
                typed,
                identity=identity,
                on_progress=self.progress_from_worker,
                t=self.t,
            )
        except failures.JobFailed as exc:
            self.post_message(self.JobFailed("merge", str(exc)))
        else:
            self.post_message(self.MergeDone(outcome))

    def progress_from_worker(self, done: int, total: int) -> None:
        """The merge calls this on the worker thread, before the first file and after each."""
        self.app.call_from_thread(self.show_progress, done, total)

    def show_progress(self, done: int, total: int) -> None:
        if not self.is_attached:  # left through the palette: the merge goes on regardless
            return
        bar = self.query_one("#sync-progress", ProgressBar)
        bar.add_class("-shown")
        bar.update(total=total, progress=done)
        if done < total:
            self.summary(MERGE_TAB).show_message(
                self.t("Merging: {done} of {total} files done…", done=done, total=total)
            )

    @on(MergeDone)
    def show_merge(self, event: MergeDone) -> None:
        outcome = event.outcome
        self.summary(MERGE_TAB).show_lines(merge_lines(outcome.report, outcome.waiting, self.t))
        self.load_status()

    @on(JobFailed)
    def show_failure(self, event: JobFailed) -> None:
        tab = MERGE_TAB if event.job == "merge" else EXPORT_TAB
        key = {
            "export": N_("Export failed; nothing was marked as exported: {error}"),
            "merge": N_("Merge stopped: {error}"),
        }.get(event.job)
        text = self.t(key, error=event.error) if key else event.error
        self.summary(tab).show_message(text, "$error b")

    # ----- pickers ----------------------------------------------------------------------------

    def action_browse(self) -> None:
        """The picker for the focused field: a key file, else the folder or the files."""
        focused = self.focused.id if self.focused else ""
        if focused in ("sync-recipients", "sync-recipients-browse"):
            self.pick_key("sync-recipients")
        elif focused in ("sync-identity", "sync-identity-browse"):
            self.pick_key("sync-identity")
        elif focused in ("sync-return-identity", "sync-return-identity-browse"):
            self.pick_key("sync-return-identity")
        elif self.query_one(TabbedContent).active == EXPORT_TAB:
            self.pick_folder()
        elif self.query_one(TabbedContent).active == RECEIVE_TAB:
            self.pick_return_file()
        else:
            self.pick_files()

    def start_folder(self, value: str, remembered: str = "") -> Path:
        """Where a picker opens: the folder of the field's first path, else `remembered`."""
        paths = split_paths(value) or split_paths(remembered)
        if not paths:
            return Path.home()
        return paths[0] if paths[0].is_dir() else paths[0].parent

    def open_picker(self, mode: PickMode, title: str, start: Path, suffixes: tuple[str, ...],
                    field_id: str) -> None:  # fmt: skip
        picker = SyncFilePicker(
            start, mode=mode, title=self.t(title), language=self.chrome_language, suffixes=suffixes
        )

        def put_in_field(paths: list[Path] | None) -> None:
            if paths:
                field = self.field(field_id)
                field.value = join_paths(paths)
                field.focus()
                if field_id == "sync-files":
                    self.show_chosen(paths)

        self.app.push_screen(picker, put_in_field)

    def show_chosen(self, paths: list[Path]) -> None:
        if len(paths) == 1 and paths[0].is_dir():  # typed in the picker and chosen whole
            text = self.t(
                "Folder chosen: {folder}. Every export file in it is merged: press ctrl+r.",
                folder=paths[0],
            )
            self.summary(MERGE_TAB).show_message(text)
            return
        names = ", ".join(path.name for path in paths)
        text = self.t(
            "{count} file(s) chosen in {folder}: {names}. Press ctrl+r to merge.",
            count=len(paths),
            folder=paths[0].parent,
            names=names,
        )
        self.summary(MERGE_TAB).show_message(text)

    def pick_folder(self) -> None:
        start = self.start_folder(self.field("sync-folder").value)
        self.open_picker("folder", N_("Choose the folder to export to"), start, (), "sync-folder")

    def pick_files(self) -> None:
        remembered = self.status.memory.merge_folder if self.status else ""
        start = self.start_folder(self.field("sync-files").value, remembered)
        self.open_picker(
            "files", N_("Choose export files (.fsx) to merge"), start, (FILE_SUFFIX,), "sync-files"
        )

    def pick_return_file(self) -> None:
        start = self.start_folder(self.field("sync-return-file").value)
        self.open_picker(
            "key", N_("Choose the return file (.fsr)"), start, (RETURN_SUFFIX,),
            "sync-return-file",
        )  # fmt: skip

    def pick_key(self, field_id: str) -> None:
        value = self.field(field_id).value
        start = self.start_folder("" if value.startswith("age1") else value)
        suffixes = (".pub",) if field_id == "sync-recipients" else (".key", ".txt")
        self.open_picker("key", N_("Choose a key file"), start, suffixes, field_id)

    # ----- buttons and tabs -------------------------------------------------------------------

    @on(Button.Pressed, "#sync-export-run")
    def export_from_button(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#sync-merge-run")
    def merge_from_button(self) -> None:
        self.action_merge()

    @on(Button.Pressed, "#sync-folder-browse")
    def browse_folder_from_button(self) -> None:
        self.pick_folder()

    @on(Button.Pressed, "#sync-files-browse")
    def browse_files_from_button(self) -> None:
        self.pick_files()

    @on(Button.Pressed, "#sync-recipients-browse")
    def browse_recipients_from_button(self) -> None:
        self.pick_key("sync-recipients")

    @on(Button.Pressed, "#sync-identity-browse")
    def browse_identity_from_button(self) -> None:
        self.pick_key("sync-identity")

    @on(Button.Pressed, "#sync-return-file-browse")
    def browse_return_file_from_button(self) -> None:
        self.pick_return_file()

    @on(Button.Pressed, "#sync-return-identity-browse")
    def browse_return_identity_from_button(self) -> None:
        self.pick_key("sync-return-identity")

    @on(Input.Submitted)
    def next_field_or_run(self, event: Input.Submitted) -> None:
        """Enter moves down the form like Tab (as in Settings); on a tab's last field it runs
        the tab's job, so a key typed after the folder is never skipped by an early Enter."""
        if event.input.id == "sync-recipients":
            self.action_export()
        elif event.input.id == "sync-identity":
            self.action_merge()
        else:
            self.field(
                "sync-recipients" if event.input.id == "sync-folder" else "sync-identity"
            ).focus()

    @on(Button.Pressed, "#sync-conflicts")
    def conflicts_from_button(self) -> None:
        self.action_conflicts()

    def action_receive(self) -> None:
        """Apply a supervisor's return file (the Receive tab)."""
        self.show_tab(RECEIVE_TAB)
        if not self.job_running():
            self.query_one(ReceivePane).receive()

    def action_conflicts(self) -> None:
        self.fs_app.open_screen(ConflictsScreen)

    @on(TabbedContent.TabActivated)
    def focus_tab_action(self, event: TabbedContent.TabActivated) -> None:
        """Focus left behind in the hidden tab moves to the new tab's first field."""
        focused = self.focused
        hidden = focused is not None and any(
            isinstance(node, TabPane) and node is not event.pane for node in focused.ancestors
        )
        if focused is None or hidden:
            first = {EXPORT_TAB: "sync-folder", RECEIVE_TAB: "sync-return-file"}
            self.field(first.get(event.pane.id or "", "sync-files")).focus()

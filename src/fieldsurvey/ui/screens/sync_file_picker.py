"""A file picker over the Sync screen: a folder to export to, .fsx files to merge, a key file.

It returns the chosen paths, or None when cancelled (modals return values). A USB stick is
mounted away from the home folder (`/media/<user>/<stick>`, `/run/media/...`, `/mnt/...`),
so the mounted sticks are listed as places on the left; a path can also be typed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from fieldsurvey.ui.i18n import N_, tr
from fieldsurvey.ui.widgets.footer import KeyBar
from fieldsurvey.ui.widgets.sync_file_tree import PickMode, SyncFileTree

MOUNT_BASES = (Path("/media"), Path("/run/media"), Path("/mnt"), Path("/Volumes"))
"""Where removable drives are mounted on Linux (Debian, Ubuntu, Fedora) and macOS."""


def mounted_drives(bases: tuple[Path, ...] = MOUNT_BASES) -> list[Path]:
    """Mount points under `bases`, one or two levels down (`/media/stick`, `/media/me/stick`)."""
    found: list[Path] = []
    for base in bases:
        for child in _folders(base):
            found += [child] if os.path.ismount(child) else _folders(child)
    return found


def _folders(path: Path) -> list[Path]:
    try:
        return sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []


PICK_HELP = {
    "files": N_("Mark several files with space, then Enter."),
    "folder": N_("Enter chooses the highlighted folder."),
    "key": N_("Enter chooses the highlighted file."),
}
"""What Enter and space do, per picking mode."""


class SyncFilePicker(ModalScreen[list[Path] | None]):
    """Places on the left, a tree on the right, a typed path on top."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="sync_picker.cancel"),
    ]

    def __init__(
        self,
        start: Path,
        *,
        mode: PickMode,
        title: str,
        language: str,
        suffixes: tuple[str, ...] = (),
    ) -> None:
        """Args:
        start: the folder shown first (the last one used, else the home folder).
        mode: a folder, several files, or one key file.
        title: what is being chosen, in the interface language.
        language: the interface language.
        suffixes: file endings to show (`.fsx`; `.key`, `.pub`).
        """
        super().__init__()
        self.start = (start if start.is_dir() else Path.home()).resolve()
        self.mode: PickMode = mode
        self.heading = title
        self.language = language
        self.suffixes = suffixes

    @property
    def chrome_language(self) -> str:
        return self.language

    def t(self, key: str, **values: object) -> str:
        return tr(key, self.language, **values)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box") as box:
            box.border_title = self.heading
            with Horizontal(id="picker-path-row"):
                yield Label(self.t("Path"), id="picker-path-label")
                yield Input(str(self.start), id="picker-path")
            with Horizontal(id="picker-body"):
                yield OptionList(*self.place_options(), id="picker-places")
                yield SyncFileTree(
                    self.start, mode=self.mode, suffixes=self.suffixes, id="picker-tree"
                )
            with Horizontal(id="picker-buttons"):
                yield Static(self.t(PICK_HELP[self.mode]), id="picker-help", classes="hint")
                yield Button(self.t("Choose"), id="picker-choose", compact=True)
                yield Button(self.t("Cancel"), id="picker-cancel", compact=True)
        yield KeyBar()

    def place_options(self) -> list[Option]:
        places = [(self.t("Home folder"), Path.home())]
        places += [(drive.name, drive) for drive in mounted_drives()]
        places.append(("/", Path("/")))
        return [Option(label, id=str(path)) for label, path in places]

    @property
    def file_tree(self) -> SyncFileTree:
        return self.query_one("#picker-tree", SyncFileTree)

    def on_mount(self) -> None:
        self.watch(self.file_tree, "path", self.show_root_path, init=False)
        self.file_tree.focus()

    def show_root_path(self, path: str | Path) -> None:
        self.query_one("#picker-path", Input).value = str(path)

    def action_cancel(self) -> None:
        self.dismiss(None)

    # ----- choosing ---------------------------------------------------------------------------

    @on(SyncFileTree.Chosen)
    def return_chosen(self, event: SyncFileTree.Chosen) -> None:
        self.dismiss(event.paths)

    @on(Button.Pressed, "#picker-choose")
    def choose_from_button(self) -> None:
        """The typed path when one was typed (not the tree's folder), else the tree's choice."""
        typed = self.typed_path()
        if typed is not None:
            self.use_typed_path(typed, choosing=True)
            return
        tree = self.file_tree
        if self.mode == "files" and tree.marked:
            self.dismiss(list(tree.marked))
        elif tree.cursor_node is None:
            self.dismiss([Path(tree.path)] if self.mode == "folder" else None)
        else:
            tree.action_choose()

    @on(Button.Pressed, "#picker-cancel")
    def cancel_from_button(self) -> None:
        self.dismiss(None)

    @on(DirectoryTree.FileSelected, "#picker-tree")
    def mark_clicked_file(self, event: DirectoryTree.FileSelected) -> None:
        """A click on a file marks it (several files) or chooses it (one key file)."""
        if self.mode == "files":
            self.file_tree.toggle_mark(event.path)
        else:
            self.dismiss([event.path])

    @on(DirectoryTree.DirectorySelected, "#picker-tree")
    def open_clicked_folder(self, event: DirectoryTree.DirectorySelected) -> None:
        event.node.toggle()

    # ----- moving around ----------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#picker-places")
    def go_to_place(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.file_tree.path = Path(event.option.id)
            self.file_tree.focus()

    def typed_path(self) -> Path | None:
        """The path in the field, when it is not just the folder the tree shows."""
        value = self.query_one("#picker-path", Input).value.strip()
        if not value:
            return None
        path = Path(value).expanduser().resolve()
        return None if path == Path(self.file_tree.path).resolve() else path

    @on(Input.Submitted, "#picker-path")
    def go_to_typed_path(self, event: Input.Submitted) -> None:
        typed = self.typed_path()
        if typed is not None:
            self.use_typed_path(typed, choosing=False)

    def use_typed_path(self, path: Path, *, choosing: bool) -> None:
        """A file is chosen; a folder is chosen in folder mode, else shown in the tree (Enter)
        or chosen whole (Choose: the merge reads every export file in it)."""
        field = self.query_one("#picker-path", Input)
        field.set_class(not path.exists(), "-invalid")
        field.border_subtitle = "" if path.exists() else self.t("not found")
        if path.is_dir() and (not choosing or self.mode == "key") and self.mode != "folder":
            self.file_tree.path = path
            self.file_tree.focus()
        elif path.is_dir() and self.mode != "key":
            self.dismiss([path])
        elif path.is_file() and self.mode != "folder":
            self.dismiss([*self.file_tree.marked, path] if self.mode == "files" else [path])

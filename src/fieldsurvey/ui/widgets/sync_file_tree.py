"""A folder tree for the Sync file picker: only folders and the wanted files, marks by space.

Textual's `DirectoryTree` shows every file with emoji icons; on the outreach laptops' 16-colour
terminals the emoji are often missing or two cells wide, so folders get ▸/▾ and files a
`[x]` box. Space marks a file (several can be marked) or opens a folder; Enter chooses:
the folder itself in folder mode, else the marked files plus the one under the cursor.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar, Literal

from rich.style import Style
from rich.text import Text, TextType
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DirectoryTree
from textual.widgets._directory_tree import DirEntry
from textual.widgets.tree import TreeNode

from fieldsurvey.safetext import terminal_text

PickMode = Literal["folder", "files", "key"]
"""folder: one folder (export); files: several .fsx files (merge); key: one file (a key
file, or the return file to receive)."""


class SyncFileTree(DirectoryTree):
    """Folders and files with the given suffixes; marks files in `files` mode."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Two bindings per key: check_action keeps the one that fits the mode and the node.
        Binding("space", "mark", "Mark", id="sync_tree.mark"),
        Binding("space", "open", "Open", id="sync_tree.open"),
        Binding("enter", "choose", "Choose", id="sync_tree.choose"),
        Binding("backspace", "up", "Up", id="sync_tree.up"),
    ]

    ICON_NODE = "▸ "
    ICON_NODE_EXPANDED = "▾ "
    ICON_FILE = ""

    class Chosen(Message):
        """The user chose these paths (Enter)."""

        def __init__(self, tree: SyncFileTree, paths: list[Path]) -> None:
            super().__init__()
            self.tree = tree
            self.paths = paths

        @property
        def control(self) -> SyncFileTree:
            return self.tree

    def __init__(
        self, path: Path, *, mode: PickMode, suffixes: tuple[str, ...], id: str | None = None
    ) -> None:
        """Args:
        path: the folder shown at the root.
        mode: what is being chosen (see `PickMode`).
        suffixes: file endings shown (ignored in folder mode, which shows no files).
        id: the widget id.
        """
        super().__init__(path, id=id)
        self.mode: PickMode = mode
        self.suffixes = tuple(s.lower() for s in suffixes)
        self.marked: list[Path] = []
        self.auto_expand = False  # Enter chooses; space opens

    # ----- what is shown ----------------------------------------------------------------------

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [path for path in paths if self.shows(path)]

    def shows(self, path: Path) -> bool:
        if path.name.startswith("."):
            return False
        if self._safe_is_dir(path):
            return True
        return self.mode != "folder" and path.name.lower().endswith(self.suffixes)

    def process_label(self, label: TextType) -> Text:
        """A file or folder name is data (whatever is on the stick): shown as typed, its
        control characters escaped, never read as markup (`[/x].fsx` would crash the tree,
        ESC in a name would reach the terminal)."""
        if isinstance(label, str):
            return Text(terminal_text(label))
        return super().process_label(label)

    def render_label(self, node: TreeNode[DirEntry], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        if self.mode == "files" and not node.allow_expand and node.data is not None:
            box = "[x] " if node.data.path in self.marked else "[ ] "
            return Text.assemble((box, base_style), label)
        return label

    # ----- keys -------------------------------------------------------------------------------

    def cursor_path(self) -> tuple[Path | None, bool]:
        """The path under the cursor and whether it is a folder."""
        node = self.cursor_node
        if node is None or node.data is None:
            return None, False
        return node.data.path, node.allow_expand

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("mark", "open"):
            _, is_folder = self.cursor_path()
            marking = self.mode == "files" and not is_folder
            return marking if action == "mark" else not marking
        return True

    def action_mark(self) -> None:
        path, _ = self.cursor_path()
        if path is not None:
            self.toggle_mark(path)

    def action_open(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand:
            node.toggle()

    def action_choose(self) -> None:
        path, is_folder = self.cursor_path()
        if path is None:
            return
        if self.mode == "folder":
            self.post_message(self.Chosen(self, [path if is_folder else path.parent]))
        elif is_folder:
            self.action_open()
        elif self.mode == "files":
            chosen = self.marked if path in self.marked else [*self.marked, path]
            self.post_message(self.Chosen(self, chosen))
        else:
            self.post_message(self.Chosen(self, [path]))

    def action_up(self) -> None:
        """Show the parent folder at the root (a USB stick sits above the home folder)."""
        parent = Path(self.path).resolve().parent
        if parent != Path(self.path).resolve():
            self.path = parent

    def on_tree_node_highlighted(self) -> None:
        """Space marks a file but opens a folder: the key bar follows the cursor."""
        self.refresh_bindings()

    def toggle_mark(self, path: Path) -> None:
        if path in self.marked:
            self.marked.remove(path)
        else:
            self.marked.append(path)
        self._invalidate()
        self.refresh_bindings()

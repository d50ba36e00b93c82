"""A text field for paths and keys that leaves ctrl+e and ctrl+k to the Sync screen, and shows
a long path's start and end.

Textual's `Input` takes ctrl+e (go to end) and ctrl+k (delete to the end) for itself, so the
screen's "^e Export" and "^k Conflicts" would stop working, and vanish from the key bar,
whenever a field has focus. Here those two keys are dropped; End still goes to the end.

A path on a USB stick is long (`/media/ana/KINGSTON/.../device-a.fsx`), and a plain field
shows only its start: the file's name, the part that says which file it is, is cut off.
Without focus the field shows both ends (`/media/ana/KING…/device-a.fsx`); with focus, the
whole text for editing.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Blur
from textual.widgets import Button, Input, Label

from fieldsurvey.ui.formatting import fit_ends

LEFT_TO_THE_SCREEN = frozenset({"ctrl+e", "ctrl+k"})


def without_keys(bindings: list[BindingType], removed: frozenset[str]) -> list[BindingType]:
    """The same bindings with `removed` keys taken out of each key list."""
    kept: list[BindingType] = []
    for binding in bindings:
        if not isinstance(binding, Binding):
            kept.append(binding)
            continue
        keys = [key for key in binding.key.split(",") if key.strip() not in removed]
        if keys:
            kept.append(dataclasses.replace(binding, key=",".join(keys)))
    return kept


class SyncPathInput(Input, inherit_bindings=False):
    """An `Input` without ctrl+e and ctrl+k (its other keys are Input's, copied); a long value
    shows its start and end while the field has no focus."""

    BINDINGS: ClassVar[list[BindingType]] = without_keys(Input.BINDINGS, LEFT_TO_THE_SCREEN)

    @property
    def _value(self) -> Text:
        whole = super()._value
        room = self.scrollable_content_region.width - 1  # a cell stays for the cursor
        if self.has_focus or self.password or room < 8 or whole.cell_len <= room:
            return whole
        return Text(fit_ends(self.value, room), no_wrap=True, overflow="ignore", end="")

    def _on_blur(self, event: Blur) -> None:
        super()._on_blur(event)
        self.scroll_to(0, animate=False)  # the shortened text starts at the left edge
        self.refresh(layout=True)


def path_row(label: str, field: SyncPathInput, button_id: str, button: str) -> Horizontal:
    """A Sync form row: the label, the field, and the button that opens its picker (the
    label and button words already in the interface language)."""
    return Horizontal(
        Label(label, classes="sync-label"),
        field,
        Button(button, id=button_id, compact=True),
        classes="sync-row",
    )

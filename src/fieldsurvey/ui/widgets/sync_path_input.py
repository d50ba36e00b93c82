"""A text field for paths and keys that leaves ctrl+e and ctrl+k to the Sync screen.

Textual's `Input` takes ctrl+e (go to end) and ctrl+k (delete to the end) for itself, so the
screen's "^e Export" and "^k Conflicts" would stop working, and vanish from the key bar,
whenever a field has focus. Here those two keys are dropped; End still goes to the end.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

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
    """An `Input` without ctrl+e and ctrl+k (its other keys are Input's, copied)."""

    BINDINGS: ClassVar[list[BindingType]] = without_keys(Input.BINDINGS, LEFT_TO_THE_SCREEN)

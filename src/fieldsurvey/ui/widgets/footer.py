"""The key bar at the bottom: the screen's keys, described in the screen's language.

Why not Textual's `Footer`: it rebuilds a widget per key on every focus change, which cost
about 10 ms per question in the interview (the budget from key to next question is 30 ms).
This bar renders one line of text and repaints only when that text changes. Bindings are
declared in English (they also feed the help panel and the keymap); each description is
translated through the UI catalogue on the way to the screen. Keys stay clickable.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from fieldsurvey.ui.formatting import terminal_width
from fieldsurvey.ui.i18n import tr


class KeyBar(Static):
    """One line: `key description` for each shown binding, the command palette on the right."""

    DEFAULT_CSS: ClassVar[str] = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
        padding: 0 1;
    }
    """

    def __init__(self) -> None:
        super().__init__(id="key-bar")
        self.shown_text: str | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen:
            return
        language = getattr(screen, "chrome_language", "en")
        parts: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        for key, (_, binding, enabled, _tooltip) in screen.active_bindings.items():
            if not binding.show or not enabled or binding.description in seen:
                continue
            seen.add(binding.description)
            shown = self.app.get_key_display(binding)
            parts.append((shown, tr(binding.description, language), key))
        palette = tr("Commands", language)
        text = "  ".join(f"{key} {description}" for key, description, _ in parts)
        if text + palette == self.shown_text:
            return
        self.shown_text = text + palette
        self.update(self.render_keys(parts, palette))

    def render_keys(self, parts: list[tuple[str, str, str]], palette: str) -> Content:
        pieces: list[Content] = []
        for shown, description, key in parts:
            # A click presses the key, so it does what the key does wherever it is bound.
            pieces.append(
                Content.from_markup(
                    "[b $footer-key-foreground]$shown[/] $description",
                    shown=shown,
                    description=description,
                ).stylize(f"@click=app.simulate_key({key!r})")
            )
        left = Content("  ").join(pieces)
        right = Content.from_markup(
            "[b $footer-key-foreground]^p[/] $palette", palette=palette
        ).stylize("@click=app.command_palette")
        # Measured as the terminal will draw it (Khmer vowel signs take a cell there).
        room = max(1, self.size.width - 2 - terminal_width(left.plain + right.plain))
        return Content.assemble(left, " " * room, right)

    def on_resize(self) -> None:
        self.shown_text = None
        self.bindings_changed(self.screen)

"""Settings: interviewer, office, round, language and theme, stored in the database.

On first run the app opens this screen before anything else, because every response records
who interviewed and where; `first_run` changes only the heading. The screen returns True when
saved and False when left, so the caller can go on to the interview or stay put.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Button, Header, Input, Label, Select, Static

from fieldsurvey.questionnaire.rounds import EXAMPLE, RoundError, check_round
from fieldsurvey.ui.i18n import N_, language_name, pad, tr
from fieldsurvey.ui.preferences import THEME_AUTO, THEMES, Preferences
from fieldsurvey.ui.screens.base import AppScreen
from fieldsurvey.ui.widgets.footer import KeyBar

REQUIRED = ("interviewer", "office")


SETTING_LABELS = {"interviewer": N_("Interviewer"), "office": N_("Office"), "round": N_("Round")}
"""The fields a clerk fills, with their labels."""


class FormField(Input):
    """An `Input` whose Enter moves to the next field at once, like Tab.

    Moving focus while the key is handled (not later, from the Submitted message) means text
    typed quickly after Enter lands in the next field, not the one just left.
    """

    async def action_submit(self) -> None:
        if self.id == "settings-round":
            await super().action_submit()
        else:
            self.screen.focus_next()


class SettingsScreen(AppScreen[bool]):
    """A small form; Save (ctrl+s or the button) validates and stores it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="settings.save"),
        Binding("escape", "cancel", "Cancel", id="settings.cancel"),
    ]

    def __init__(self, *, first_run: bool = False) -> None:
        """Args:
        first_run: heading asks for interviewer and office before the first interview.
        """
        super().__init__()
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        prefs = self.ctx.preferences
        questionnaire = self.ctx.questionnaire
        yield Header(icon="")
        with Vertical(id="settings-body"):
            if self.first_run:
                yield Static(
                    self.t("Before the first interview: who is interviewing, and where?"),
                    id="settings-intro",
                )
            yield Static(
                Content.assemble((pad(self.t("Device"), 17), "bold"), self.ctx.device_id),
                id="settings-device",
            )
            with Grid(id="settings-form"):
                for field, label in SETTING_LABELS.items():
                    yield Label(self.t(label), classes="settings-label")
                    yield FormField(
                        getattr(prefs, field),
                        placeholder=self.t("e.g. 2026-Q3") if field == "round" else "",
                        id=f"settings-{field}",
                        max_length=80,
                        suggester=self.round_suggester() if field == "round" else None,
                    )
                yield Label(self.t("Language"))
                yield Select(
                    [(language_name(code), code) for code in questionnaire.languages],
                    value=prefs.language
                    if prefs.language in questionnaire.languages
                    else questionnaire.default_language,
                    allow_blank=False,
                    id="settings-language",
                )
                yield Label(self.t("Theme"))
                yield Select(
                    [(self.theme_label(theme), theme) for theme in THEMES],
                    value=prefs.theme if prefs.theme in THEMES else THEME_AUTO,
                    allow_blank=False,
                    id="settings-theme",
                )
                if not self.first_run:  # set once, later: return files come after interviews
                    from fieldsurvey.sync.supervisor import trusted_supervisor  # not at start-up

                    yield Label(self.t("Supervisor key"))
                    yield FormField(
                        trusted_supervisor(self.ctx.store) or "",
                        placeholder=self.t("what `fieldsurvey devices --self` shows there"),
                        id="settings-supervisor",
                        max_length=100,
                    )
            with Horizontal(id="settings-buttons"):
                yield Button(self.t("Save"), id="settings-save", variant="primary", compact=True)
                yield Button(self.t("Cancel"), id="settings-cancel", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.t("Settings")
        self.query_one("#settings-interviewer", Input).focus()

    def round_suggester(self) -> SuggestFromList:
        """This quarter and month, then the questionnaire's named rounds: typing "2" or a
        name's first letters completes it (→ accepts)."""
        today = self.ctx.clock()
        current = [f"{today.year}-Q{(today.month - 1) // 3 + 1}", f"{today.year}-{today.month:02d}"]
        return SuggestFromList([*current, *self.ctx.questionnaire.rounds])

    def theme_label(self, theme: str) -> str:
        return (
            self.t("automatic (16 colours when the terminal has few)")
            if theme == THEME_AUTO
            else theme
        )

    def form_values(self) -> dict[str, str]:
        values = {
            field: self.query_one(f"#settings-{field}", Input).value.strip()
            for field in ("interviewer", "office", "round")
        }
        values["language"] = str(self.query_one("#settings-language", Select).value)
        values["theme"] = str(self.query_one("#settings-theme", Select).value)
        return values

    def action_save(self) -> None:
        values = self.form_values()
        problems = {
            field: tr("Required.", values["language"]) for field in REQUIRED if not values[field]
        }
        round_problem = self.round_problem(values["round"], values["language"])
        if round_problem:
            problems["round"] = round_problem
        for field in (*REQUIRED, "round"):
            # The message sits in the field's border: the form keeps its height at 80x24.
            box = self.query_one(f"#settings-{field}", Input)
            box.border_subtitle = problems.get(field, "")
            box.set_class(field in problems, "-missing")
        if problems:
            self.query_one(f"#settings-{next(iter(problems))}", Input).focus()
            return
        if not self.save_supervisor_key(values["language"]):
            return
        preferences: Preferences = self.ctx.preferences.with_values(**values)
        self.fs_app.save_preferences(preferences)
        self.notify(tr("Settings saved.", preferences.language), timeout=2)
        self.dismiss(True)

    def save_supervisor_key(self, language: str) -> bool:
        """Trust the key typed (logged, as `devices trust-supervisor` does); False, with the
        field marked, when it is not a supervisor's public key. Left empty: nothing changes."""
        from fieldsurvey.sync.supervisor import trust_supervisor
        from fieldsurvey.sync.trust import TrustError

        fields = self.query("#settings-supervisor").results(Input)
        box = next(fields, None)
        if box is None or not box.value.strip():
            return True
        try:
            trust_supervisor(self.ctx.store, box.value)
        except TrustError:
            box.border_subtitle = tr("Not a supervisor's public key.", language)
            box.add_class("-missing")
            box.focus()
            return False
        return True

    def round_problem(self, value: str, language: str) -> str | None:
        """None for no round or one in the fixed form, else what is expected, with examples."""
        names = self.ctx.questionnaire.rounds
        try:
            check_round(value, names) if value else None
        except RoundError:
            examples = ", ".join([EXAMPLE, "2026-11", *names][:4])
            return tr("Use a form like {examples}.", language, examples=examples)
        return None

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Input.Changed, "#settings-interviewer, #settings-office")
    def clear_required_mark(self, event: Input.Changed) -> None:
        """A required field marked empty loses its mark as soon as it is filled."""
        if event.value.strip() and event.input.has_class("-missing"):
            event.input.border_subtitle = ""
            event.input.remove_class("-missing")

    @on(Input.Submitted)
    def save_from_last_field(self, event: Input.Submitted) -> None:
        """Enter on the last text field saves (the others move on: see FormField)."""
        if event.input.id == "settings-round":
            self.action_save()

    @on(Button.Pressed, "#settings-save")
    def save_from_button(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#settings-cancel")
    def cancel_from_button(self) -> None:
        self.action_cancel()

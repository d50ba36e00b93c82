"""The versions of one interview side by side: who saved each, when, and the answers that differ.

A Rich table (no box, columns sharing the width) wraps long answers inside their column, in
any script; only bold and dim are used, so it reads the same in 16 colours.
"""

from __future__ import annotations

from collections.abc import Callable
from string import ascii_uppercase

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.expressions import Value
from fieldsurvey.questionnaire.model import QuestionLike
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.safetext import terminal_text
from fieldsurvey.sync import Conflict, ConflictVersion
from fieldsurvey.ui.formatting import format_answer

Translate = Callable[..., str]
"""`t(key, **values)` of the screen."""
Stamp = Callable[[str], str]
"""A stored UTC timestamp as local time for the screen."""


def letter(index: int) -> str:
    """Versions are named A, B, C… on screen (a content hash means nothing to a supervisor)."""
    return ascii_uppercase[index] if index < len(ascii_uppercase) else str(index + 1)


class ConflictVersions(Static):
    """Shows one `Conflict`, or a hint when there is none."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)

    def show_conflict(
        self,
        conflict: Conflict,
        questionnaire: Questionnaire,
        language: str,
        t: Translate,
        stamp: Stamp,
    ) -> None:
        table = Table(box=None, expand=True, show_edge=False, pad_edge=False, padding=(0, 1))
        table.add_column("", ratio=3, style="bold", overflow="fold")
        for index, _ in enumerate(conflict.versions):
            table.add_column(t("conflicts.version", letter=letter(index)), ratio=2, overflow="fold")
        for label, cells in self.facts(conflict.versions, t, stamp):
            table.add_row(label, *map(_text, cells))
        table.add_row(Text(t("conflicts.differing"), style="bold underline"), end_section=False)
        same_form = conflict.questionnaire_id == questionnaire.id

        def translate(text: dict[str, str] | None) -> str:
            return text_in(text, language, questionnaire.default_language)

        for question_id in conflict.differing:
            question = questionnaire.questions.get(question_id) if same_form else None
            label = translate(getattr(question, "label", None)) if question else question_id
            cells = [
                _answer(question, v.answers.get(question_id), questionnaire, translate)
                for v in conflict.versions
            ]
            table.add_row(_text(label), *[_text(cell or "—") for cell in cells])
        self.update(table)

    @staticmethod
    def facts(
        versions: list[ConflictVersion], t: Translate, stamp: Stamp
    ) -> list[tuple[str, list[str]]]:
        """Who made each version, where and when: what a supervisor asks the field about."""
        in_use = t("conflicts.in_use")
        return [
            (t("conflicts.device"), [v.device_id[:8] for v in versions]),
            (t("conflicts.interviewer"), [v.interviewer or "—" for v in versions]),
            (t("conflicts.saved"), [stamp(v.updated_at) for v in versions]),
            (
                t("conflicts.revision"),
                [f"{v.revision} · {in_use}" if v.is_head else str(v.revision) for v in versions],
            ),
            (t("conflicts.status"), [t(f"conflicts.status_{v.status}") for v in versions]),
            *_trust_row(versions, t),
        ]


def _trust_row(versions: list[ConflictVersion], t: Translate) -> list[tuple[str, list[str]]]:
    """A row saying which versions are held by the trust model, when any is."""
    if not any(v.held for v in versions):
        return []
    return [(t("conflicts.trust"), [t("conflicts.held") if v.held else "—" for v in versions])]


def _text(value: str) -> Text:
    """Data as plain text: a device id `[/x]` is not markup, an ESC is shown escaped."""
    return Text(terminal_text(value, multiline=True))


def _answer(
    question: QuestionLike | None,
    value: Value,
    questionnaire: Questionnaire,
    translate: Callable[[dict[str, str] | None], str],
) -> str:
    """Labels when the question is known here, else the stored value as it is."""
    if question is not None:
        return format_answer(question, value, questionnaire, translate)
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)

"""What an export or a merge did, in the interface language, one fact per line.

The core's `summary()` strings are English and made for the CLI; here each count is put in a
translated sentence. A rejection's reason stays the core's English sentence unless the
catalogue below has a translation that tells a supervisor what to do in this screen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.content import Content
from textual.widgets import Static

from fieldsurvey.safetext import terminal_text
from fieldsurvey.sync import ExportResult, FileResult, MergeReport, Reason

Translate = Callable[..., str]
"""`t(key, **values)` of the screen: a UI text in its language."""

TRANSLATED_REASONS = frozenset(
    {
        Reason.EMPTY,
        Reason.NOT_ZIP,
        Reason.ENCRYPTED_NO_IDENTITY,
        Reason.WRONG_IDENTITY,
        Reason.BAD_SIGNATURE,
    }
)
"""Rejections whose message needs no detail from the file and has a UI wording."""


def line(markup: str, **values: object) -> Content:
    """One line of markup; values are inserted as plain text (file names may hold `[`), their
    control characters shown escaped (a file name may hold an escape sequence too)."""
    return Content.from_markup(markup, **{k: terminal_text(v) for k, v in values.items()})


def export_lines(result: ExportResult, recipients: int, t: Translate) -> list[Content]:
    if result.path is None:
        return [line("$text", text=t("sync.nothing_new"))]
    lines = [
        line("[$success b]✓[/] [b]$text[/]", text=t("sync.exported", path=result.path)),
        line(
            "  $text",
            text=t(
                "sync.exported_counts",
                responses=result.responses,
                answers=result.answers,
                paradata=result.paradata,
                seq=result.export_seq,
            ),
        ),
    ]
    if result.encrypted:
        lines.append(
            line("  [$success]$text[/]", text=t("sync.exported_encrypted", count=recipients))
        )
    else:
        lines.append(line("  [$warning b]$text[/]", text=t("sync.exported_plain")))
    return lines


def file_lines(result: FileResult, t: Translate) -> list[Content]:
    """The file's name, then what became of it on an indented line."""
    name = Path(result.path).name
    if result.status == "rejected":
        reason = result.reason
        why = t(f"sync.reason.{reason.name}") if reason in TRANSLATED_REASONS else result.error
        return [
            line("[$error b]✗ $name[/]", name=name),
            line("  [$error]$text[/]", text=t("sync.rejected_line", reason=why)),
        ]
    if result.already_merged:
        text = t("sync.already_merged", present=result.present)
    else:
        text = t(
            "sync.merged_line",
            added=result.added,
            present=result.present,
            updated=result.updated,
            conflicts=result.conflicts,
        )
    return [line("[$success b]✓[/] [b]$name[/]", name=name), line("  $text", text=text)]


def merge_lines(report: MergeReport, waiting: int, t: Translate) -> list[Content]:
    """Per file, then gaps, then what to do next (a rejected file, conflicts waiting)."""
    lines = [each for result in report.files for each in file_lines(result, t)]
    for gap in report.gaps:
        text = t("sync.gap", device=gap.device[:8], numbers=gap.numbers())
        lines.append(line("[$warning]![/] $text", text=text))
    if not report.all_merged:
        lines.append(line("[$text-muted]$text[/]", text=t("sync.rejected_note")))
    if waiting:
        lines.append(line("[$warning b]$text[/]", text=t("sync.conflicts_waiting", count=waiting)))
    return lines


class SyncSummary(Static):
    """The result area of the Sync screen's Export and Merge tabs."""

    def show_lines(self, lines: list[Content]) -> None:
        self.update(Content("\n").join(lines))

    def show_message(self, text: str, style: str = "") -> None:
        markup = f"[{style}]$text[/]" if style else "$text"
        self.update(line(markup, text=text))

"""What an export or a merge did, in the interface language, one fact per line.

The core's `summary()` strings are English and made for the CLI; here each count is put in a
translated sentence. A rejection's reason is its catalogue template (`sync.errors.Reason`) in
the interface language, filled with the file's details, or, for the few reasons below, a
wording that tells a supervisor what to do in this screen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.content import Content
from textual.widgets import Static

from fieldsurvey.safetext import terminal_text
from fieldsurvey.sync import ExportResult, FileResult, MergeReport, Reason
from fieldsurvey.ui.i18n import N_

Translate = Callable[..., str]
"""`t(key, **values)` of the screen: a UI text in its language."""

REASON_TEXTS = {
    Reason.EMPTY: N_("the file is empty"),
    Reason.NOT_ZIP: N_("not a fieldsurvey export file"),
    Reason.ENCRYPTED_NO_IDENTITY: N_(
        "the file is encrypted: choose the supervisor's secret key (.key) above"
    ),
    Reason.WRONG_IDENTITY: N_(
        "the file is encrypted for another key; the chosen secret key does not open it"
    ),
    Reason.BAD_SIGNATURE: N_("the file was altered after it was signed"),
}
"""Rejections whose message needs no detail from the file and has a UI wording."""


def line(markup: str, **values: object) -> Content:
    """One line of markup; values are inserted as plain text (file names may hold `[`), their
    control characters shown escaped (a file name may hold an escape sequence too)."""
    return Content.from_markup(markup, **{k: terminal_text(v) for k, v in values.items()})


def export_lines(result: ExportResult, recipients: int, t: Translate) -> list[Content]:
    if result.path is None:
        return [
            line(
                "$text",
                text=t("Nothing new to export. Tick “Everything” to export every response again."),
            )
        ]
    lines = [
        line("[$success b]✓[/] [b]$text[/]", text=t("Written: {path}", path=result.path)),
        line(
            "  $text",
            text=t(
                "{responses} response(s), {answers} answers, "
                "{paradata} paradata events (export no. {seq})",
                responses=result.responses,
                answers=result.answers,
                paradata=result.paradata,
                seq=result.export_seq,
            ),
        ),
    ]
    if result.encrypted:
        lines.append(
            line(
                "  [$success]$text[/]",
                text=t("Encrypted for {count} supervisor key(s).", count=recipients),
            )
        )
    else:
        lines.append(
            line(
                "  [$warning b]$text[/]",
                text=t("NOT encrypted: keep the stick safe; delete the file once merged."),
            )
        )
    return lines


def reason_text(result: FileResult, t: Translate) -> str:
    """Why the file was rejected, in the interface language: this screen's own wording where
    it has one, else the catalogue's template filled with the case's details."""
    reason = result.reason
    if reason is None:  # not a catalogue rejection: the core's sentence
        return result.error or ""
    if reason in REASON_TEXTS:
        return t(REASON_TEXTS[reason])
    return t(reason.value, **result.details)


def file_lines(result: FileResult, t: Translate) -> list[Content]:
    """The file's name, then what became of it on an indented line."""
    name = Path(result.path).name
    if result.status == "rejected":
        return [
            line("[$error b]✗ $name[/]", name=name),
            line("  [$error]$text[/]", text=t("rejected: {reason}", reason=reason_text(result, t))),
        ]
    if result.already_merged:
        text = t("merged before ({present} responses present)", present=result.present)
    else:
        text = t(
            "{added} added, {present} already present, {updated} updated, {conflicts} conflicts",
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
        text = t(
            "Device {device}: export file(s) {numbers} not merged yet.",
            device=gap.device[:8],
            numbers=gap.numbers(),
        )
        lines.append(line("[$warning]![/] $text", text=text))
    if not report.all_merged:
        lines.append(line("[$text-muted]$text[/]", text=t("A rejected file changed nothing.")))
    if waiting:
        lines.append(
            line(
                "[$warning b]$text[/]",
                text=t(
                    "{count} interview(s) in conflict: press "
                    "ctrl+k to compare and keep one version.",
                    count=waiting,
                ),
            )
        )
    return lines


class SyncSummary(Static):
    """The result area of the Sync screen's Export and Merge tabs."""

    def show_lines(self, lines: list[Content]) -> None:
        self.update(Content("\n").join(lines))

    def show_message(self, text: str, style: str = "") -> None:
        markup = f"[{style}]$text[/]" if style else "$text"
        self.update(line(markup, text=text))

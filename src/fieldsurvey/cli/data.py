"""`fieldsurvey data` (analyst exports) and `fieldsurvey report`: thin shells over `dataout`.

pandas, pyarrow and pyreadstat cost ~0.5 s to import, so they load inside the command.
"""

from __future__ import annotations

from pathlib import Path

import click

from fieldsurvey.cli.common import (
    db_option,
    fail,
    load_questionnaire_or_exit,
    open_supervisor_db_or_exit,
    questionnaire_option,
)

FORMAT_CHOICES = ("csv", "xlsx", "sav", "dta", "parquet")
OUT_PATH = click.Path(dir_okay=False, path_type=Path)


@click.command("data")
@db_option
@questionnaire_option
@click.option("--format", "format_", type=click.Choice(FORMAT_CHOICES), required=True)
@click.option("--out", type=OUT_PATH, required=True, help="The data file to write.")
@click.option("--codebook", type=OUT_PATH, default=None, help="Codebook to write (.csv or .md).")
@click.option("--round", "round_", default=None, help="Only this survey round.")
@click.option("--office", default=None, help="Only this office.")
@click.option("--lang", default=None, help="Language of labels (e.g. en, zh, km).")
@click.option("--include-rejected", is_flag=True, help="Keep responses a reviewer rejected.")
@click.option("--drafts", is_flag=True, help="Add unfinished interviews (status draft).")
@click.option("--excel", is_flag=True, help="CSV with a byte-order mark, for Excel.")
@click.option("--force", is_flag=True, help="Replace files that exist.")
def data_command(
    db_path: Path | None,
    questionnaire_path: Path | None,
    format_: str,
    out: Path,
    codebook: Path | None,
    round_: str | None,
    office: str | None,
    lang: str | None,
    include_rejected: bool,
    drafts: bool,
    excel: bool,
    force: bool,
) -> None:
    """Responses for analysts: one row per interview, labelled, with paradata beside it.

    XLSX puts paradata on a second sheet; the other formats write PATH's stem with
    `.paradata` beside it. Exits 2 (writing nothing) on a bad option or output path.
    """
    from fieldsurvey.dataout import DataOutError, ExportRequest, export_data

    questionnaire = load_questionnaire_or_exit(questionnaire_path)
    db = open_supervisor_db_or_exit(db_path)
    request = ExportRequest(
        format=format_,  # type: ignore[arg-type]  # click.Choice checked it
        out=out,
        codebook=codebook,
        round=round_,
        office=office,
        lang=lang,
        include_rejected=include_rejected,
        drafts=drafts,
        excel=excel,
        force=force,
    )
    try:
        result = export_data(db, questionnaire, request)
    except DataOutError as exc:
        fail(f"error: {exc}")
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if result.rejected and result.include_rejected:
        click.echo(f"{result.rejected} responses a reviewer rejected are included", err=True)
    elif result.rejected:
        click.echo(
            f"{result.rejected} responses a reviewer rejected are left out "
            "(--include-rejected brings them in)",
            err=True,
        )
    if result.responses == 0:
        click.echo("no responses to export: the files have headers only", err=True)
    files = ", ".join(str(path) for path in result.files)
    click.echo(f"{result.responses} responses, {result.events} paradata events: {files}")


@click.command("report")
@db_option
@questionnaire_option
@click.option("--out", type=OUT_PATH, required=True, help="The HTML file to write.")
@click.option("--pdf", is_flag=True, help="Also print it to a PDF beside it (headless Chromium).")
@click.option("--round", "round_", default=None, help="Survey round (default: the latest).")
@click.option("--office", default=None, help="Only this office.")
@click.option("--lang", default=None, help="Language of the report (en, zh, km).")
@click.option("--force", is_flag=True, help="Replace files that exist.")
def report_command(
    db_path: Path | None,
    questionnaire_path: Path | None,
    out: Path,
    pdf: bool,
    round_: str | None,
    office: str | None,
    lang: str | None,
    force: bool,
) -> None:
    """A self-contained report with charts for managers and the PR team, printable on A4.

    Area scores with intervals, trend, quadrants, equity gaps, awareness by client type,
    suggested messages, office ratios, data quality and a methods box. Small groups stay
    hidden. Exits 2 (writing nothing) on a bad option or output path.
    """
    from fieldsurvey.dataout import DataOutError
    from fieldsurvey.report import make_report
    from fieldsurvey.ui.i18n import warning_text

    questionnaire = load_questionnaire_or_exit(questionnaire_path)
    db = open_supervisor_db_or_exit(db_path)
    try:
        content, files = make_report(
            db, questionnaire, out, pdf=pdf, round=round_, office=office, lang=lang, force=force,
            describe=lambda w, language: warning_text(w.code, w.params, language),
        )  # fmt: skip
    except DataOutError as exc:
        fail(f"error: {exc}")
    if content.report.status == "no_data":
        click.echo("no responses yet: the report says so", err=True)
    click.echo(f"{content.report.responses} responses: {', '.join(str(f) for f in files)}")

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
    open_db_or_exit,
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
    db = open_db_or_exit(db_path)
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
    if result.responses == 0:
        click.echo("no responses to export: the files have headers only", err=True)
    files = ", ".join(str(path) for path in result.files)
    click.echo(f"{result.responses} responses, {result.events} paradata events: {files}")

"""`export_data`: the selected responses to one analyst format, with paradata and codebook."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from fieldsurvey.dataout.codebook import write_codebook
from fieldsurvey.dataout.columns import PARADATA_VARIABLES, RESPONSE_VARIABLES
from fieldsurvey.dataout.csvout import write_csv, write_csv_rows
from fieldsurvey.dataout.files import DataOutError, check_output, companion, outputs
from fieldsurvey.dataout.limits import FORMAT_LIMITS
from fieldsurvey.dataout.table import (
    EVENT_CHUNK_RESPONSES,
    DataStore,
    Derived,
    TableSource,
    paradata_chunks,
    wide_chunks,
)
from fieldsurvey.dataout.variables import Variable, build_variables, calculated_kind
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import Calculate
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.store.dataout import Selection
from fieldsurvey.store.questionnaires import load_installed

Format = Literal["csv", "xlsx", "sav", "dta", "parquet"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx", "sav", "dta", "parquet")


@dataclass(frozen=True)
class ExportRequest:
    format: Format
    out: Path
    codebook: Path | None = None
    round: str | None = None
    office: str | None = None
    lang: str | None = None
    include_rejected: bool = False
    drafts: bool = False
    excel: bool = False
    force: bool = False
    paradata: bool = True
    """False: the responses alone (bench/bench_dataout.py --no-paradata times them so)."""


@dataclass
class ExportResult:
    responses: int = 0
    events: int = 0
    rejected: int = 0
    """Responses a reviewer rejected in the selection: left out, or included when asked."""
    include_rejected: bool = False
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def paradata_path(request: ExportRequest) -> Path | None:
    """Where the paradata table goes: a sheet of the workbook for XLSX, else a file beside."""
    if request.format == "xlsx" or not request.paradata:
        return None
    suffix = ".csv" if request.format in FORMAT_LIMITS else None
    return companion(request.out, "paradata", suffix)


def export_data(
    store: DataStore, questionnaire: Questionnaire, request: ExportRequest
) -> ExportResult:
    """Write the export, or raise DataOutError with the reason and write nothing."""
    lang = _language(questionnaire, request.lang)
    paradata_out = paradata_path(request)
    for path in (request.out, paradata_out, request.codebook):
        if path is not None:
            check_output(path, force=request.force)
    if request.codebook is not None and request.codebook.suffix.lower() not in (".csv", ".md"):
        raise DataOutError(f"{request.codebook}: a codebook is .csv or .md")
    selection = Selection(
        questionnaire.id, request.round, request.office, request.drafts, request.include_rejected
    )
    with store.read_snapshot(), outputs() as files:
        _check_selection(store, selection)
        variables = _variables(store, questionnaire, selection)
        derived = Derived.of(store, questionnaire, request.round)
        source = TableSource(
            variables=variables,
            wide=lambda: wide_chunks(store, selection, variables, derived),
            paradata=lambda: paradata_chunks(store, selection) if request.paradata else iter(()),
            lang=lang,
            default_language=questionnaire.default_language,
            title=text_in(questionnaire.title, lang, questionnaire.default_language),
        )
        result = _write(request, source, files.path(request.out))
        if paradata_out is not None:
            result.events = _write_paradata(request, source, files.path(paradata_out), store,
                                            selection)  # fmt: skip
        if request.codebook is not None:
            markdown = request.codebook.suffix.lower() == ".md"
            write_codebook(files.path(request.codebook), variables, questionnaire.languages,
                           questionnaire.default_language, markdown=markdown)  # fmt: skip
        result.rejected = store.count_responses(
            replace(selection, include_rejected=True)
        ) - store.count_responses(replace(selection, include_rejected=False))
        result.include_rejected = request.include_rejected
        result.files = files.commit()
    return result


def _write_paradata(
    request: ExportRequest, source: TableSource, path: Path, store: DataStore, selection: Selection
) -> int:
    """Parquet beside Parquet (read grouped by response, events.py); CSV beside CSV, SPSS
    and Stata (see statout.py)."""
    if request.format == "parquet":
        from fieldsurvey.dataout.events import event_columns
        from fieldsurvey.dataout.parquetout import write_parquet

        lists = store.event_lists(selection, EVENT_CHUNK_RESPONSES)
        return write_parquet(path, PARADATA_VARIABLES, map(event_columns, lists), source.lang,
                             source.default_language)  # fmt: skip
    rows = paradata_chunks(store, selection, for_csv=True)
    return write_csv_rows(path, PARADATA_VARIABLES, rows, bom=request.excel)


def _write(request: ExportRequest, source: TableSource, path: Path) -> ExportResult:
    """One format's writer, imported only when used: pandas alone adds ~75 MiB to the
    process, which a CSV export should not pay within its memory bound."""
    result = ExportResult()
    if request.format == "csv":
        result.responses = write_csv(path, source.variables, source.wide(), bom=request.excel)
    elif request.format == "parquet":
        from fieldsurvey.dataout.parquetout import write_parquet

        result.responses = write_parquet(
            path, source.variables, source.wide(), source.lang, source.default_language
        )
    elif request.format == "xlsx":
        from fieldsurvey.dataout.xlsxout import write_xlsx

        result.responses, result.events = write_xlsx(path, source)
    else:
        from fieldsurvey.dataout.statout import write_stat

        result.responses, result.warnings = write_stat(path, source, FORMAT_LIMITS[request.format])
    return result


def _language(questionnaire: Questionnaire, lang: str | None) -> str:
    if lang is None:
        return questionnaire.default_language
    if lang not in questionnaire.languages:
        known = ", ".join(questionnaire.languages)
        raise DataOutError(f"--lang {lang}: the questionnaire speaks {known}")
    return lang


def _check_selection(store: DataStore, selection: Selection) -> None:
    """A round or office with no responses is an error naming those that have some."""
    everyone = Selection(selection.questionnaire_id, drafts=selection.drafts, include_rejected=True)
    for column, asked, narrowed in (
        ("round", selection.round, replace(everyone, round=selection.round)),
        ("office", selection.office, replace(everyone, office=selection.office)),
    ):
        if asked is not None and store.count_responses(narrowed) == 0:
            present = store.values_present(selection, column)
            known = ", ".join(present) if present else "none"
            raise DataOutError(f"--{column} {asked}: no responses (with data: {known})")


def _variables(
    store: DataStore, questionnaire: Questionnaire, selection: Selection
) -> list[Variable]:
    """Variables of `questionnaire`, then of the other installed versions the responses use."""
    versions = [questionnaire]
    for digest in store.questionnaire_hashes(selection):
        other = load_installed(store, digest)
        if other is not None and other.id == questionnaire.id and other != questionnaire:
            versions.append(other)
    calculates = sorted(
        {q.id for v in versions for q in v.questions.values() if isinstance(q, Calculate)}
    )
    kinds = store.json_types(selection, calculates)
    kinds_by_question = {q: calculated_kind(k) for q, k in kinds.items()}
    return build_variables(RESPONSE_VARIABLES, versions, kinds_by_question)

"""What a supervisor sends back: the interviews to revise with their comments, the current
questionnaire version, and the office's scores per language (min-n checked once more)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from fieldsurvey.questionnaire import Questionnaire, questionnaire_hash
from fieldsurvey.returns.errors import Refusal, ReturnRefused
from fieldsurvey.returns.format import OFFICE_REPORT, OfficeReport, ReturnedInterview
from fieldsurvey.returns.privacy import leaks
from fieldsurvey.returns.writer import ReturnContent
from fieldsurvey.review.notes import question_notes
from fieldsurvey.scoring.areas import MIN_N
from fieldsurvey.scoring.compute import score
from fieldsurvey.store.interface import ReturnSource, ScoringSource
from fieldsurvey.store.published import current_hash
from fieldsurvey.store.records import PackedQuery, ScoredColumns, utc_now
from fieldsurvey.store.return_records import ReturnCandidate
from fieldsurvey.sync.fileformat import QuestionnaireRef, QuestionnaireSource
from fieldsurvey.sync.version_rules import parsed_version


def build_return(
    store: ReturnSource, questionnaire: Questionnaire, devices: Sequence[str] | None
) -> ReturnContent:
    """The content of a return file for `devices` (None: every device); `questionnaire` is
    the one the office's scores are computed with (the current one)."""
    questions: dict[str, Collection[str]] = {}  # by questionnaire hash, parsed once
    returned = [_returned(store, row, questions) for row in store.return_candidates(devices)]
    return ReturnContent(devices, returned, _current(store), office_report(store, questionnaire))


def office_report(store: ReturnSource, questionnaire: Questionnaire) -> OfficeReport:
    """The latest round's scores in every language of `questionnaire`; ReturnRefused if a
    report would show a cell under min-n (a scoring bug must not reach every device)."""
    source = _ReadOnce(store)
    reports = {lang: score(source, questionnaire, lang=lang) for lang in questionnaire.languages}
    for lang, report in reports.items():
        found = leaks(report)
        if found:
            raise ReturnRefused(
                Refusal.LEAK, name=OFFICE_REPORT, where=f"reports.{lang}.{found[0]}", min_n=MIN_N
            )
    first = reports[questionnaire.default_language]
    ref = QuestionnaireRef(
        id=questionnaire.id, version=questionnaire.version, hash=questionnaire_hash(questionnaire)
    )
    return OfficeReport(
        as_of=utc_now(), questionnaire=ref, round=first.round, responses=first.responses,
        reports=reports,
    )  # fmt: skip


class _ReadOnce:
    """The store as scoring reads it, each query answered once: every language's report
    reads the same answers (only the words differ), and reading 20,000 interviews is most
    of a report's time (bench/bench_returns.py)."""

    def __init__(self, store: ScoringSource) -> None:
        self._store = store
        self._read: dict[PackedQuery, ScoredColumns] = {}

    def scored_columns(self, query: PackedQuery) -> ScoredColumns:
        if query not in self._read:
            self._read[query] = self._store.scored_columns(query)
        return self._read[query]

    def offices(self) -> list[str]:
        return self._store.offices()

    def indicator_values(self, office: str) -> dict[tuple[str, str], int]:
        return self._store.indicator_values(office)

    def set_indicator_values(
        self, office: str, period: str, values: Mapping[str, int], at: str
    ) -> None:
        raise TypeError("the office report only reads")


def _returned(
    store: ReturnSource, row: ReturnCandidate, known: dict[str, Collection[str]]
) -> ReturnedInterview:
    if row.questionnaire_hash not in known:
        installed = store.installed(row.questionnaire_hash)
        parsed = parsed_version(installed.source).questionnaire.questions if installed else {}
        known[row.questionnaire_hash] = parsed
    questions = known[row.questionnaire_hash]
    return ReturnedInterview(
        uuid=row.uuid,
        device_id=row.device_id,
        content_hash=row.content_hash,
        questionnaire_hash=row.questionnaire_hash,
        state=row.state,
        comment=row.comment,
        reviewer=row.reviewer,
        decided_at=row.decided_at,
        notes=question_notes(row.comment, questions),
    )


def _current(store: ReturnSource) -> QuestionnaireSource | None:
    digest = current_hash(store)
    row = store.installed(digest) if digest is not None else None
    if row is None:
        return None
    return QuestionnaireSource(hash=row.hash, id=row.id, version=row.version, source=row.source)

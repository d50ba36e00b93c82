"""`fieldsurvey rounds`, `quality` and `review`: the supervisor's commands, thin shells over
`store.rounds`, `fieldsurvey.quality` and `fieldsurvey.review`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import click

from fieldsurvey.cli.common import (
    db_option,
    fail,
    load_questionnaire_or_exit,
    open_supervisor_db_or_exit,
    questionnaire_option,
)
from fieldsurvey.questionnaire.rounds import round_label
from fieldsurvey.safetext import terminal_text
from fieldsurvey.ui.i18n import (  # the app's words, as `scores` uses them
    N_,
    QUALITY_KINDS,
    REVIEW_STATES,
    quality_text,
    tr,
    trc,
)
from fieldsurvey.ui.quality_words import reason_words

if TYPE_CHECKING:
    from fieldsurvey.quality import QualityReport
    from fieldsurvey.questionnaire import Questionnaire


COUNTED = {**QUALITY_KINDS, "interviewer_effects": N_("interviewer effects")}
"""What the summary line counts: each flag kind, and the interviewers whose answers differ."""


@click.command("rounds")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def rounds_command(db_path: Path | None, as_json: bool) -> None:
    """Survey rounds with completed interviews per office, oldest first."""
    from fieldsurvey.store.rounds import round_summaries

    summaries = round_summaries(open_supervisor_db_or_exit(db_path))
    if as_json:
        document = [
            {
                "round": s.round,
                "label": round_label(s.round),
                "responses": s.responses,
                "first_completed": s.first_completed,
                "last_completed": s.last_completed,
                "offices": s.offices,
            }
            for s in summaries
        ]
        click.echo(json.dumps({"rounds": document}, indent=2, ensure_ascii=False))
        return
    if not summaries:
        click.echo("no completed interviews yet")
    for s in summaries:
        span = f"{s.first_completed[:10]} to {s.last_completed[:10]}"
        click.echo(f"{terminal_text(round_label(s.round))}: {s.responses:,} responses ({span})")
        for office, count in s.offices.items():
            click.echo(f"  {terminal_text(office or '(no office)')}: {count:,}")


@click.command("review")
@db_option
@click.argument("uuid")
@click.option("--approve", "state", flag_value="approved", help="The interview is fine.")
@click.option("--issue", "state", flag_value="has_issues", help="Something must be checked.")
@click.option("--reject", "state", flag_value="rejected", help="Leave it out of the scores.")
@click.option("--comment", default="", help="Why (needed with --issue and --reject).")
@click.option("--lang", default="en", show_default=True, help="Language of the log (en, zh, km).")
def review_command(
    db_path: Path | None, uuid: str, state: str | None, comment: str, lang: str
) -> None:
    """Record a review decision on interview UUID, appended to its review log.

    Without a decision flag, prints the interview's review log. Exits 2 on an unknown UUID,
    a missing or too long comment; nothing is recorded then.
    """
    from fieldsurvey.review import ReviewError, find_interview, record_decision
    from fieldsurvey.review.words import reviewer_words

    def t(message: str, **values: object) -> str:
        return tr(message, lang, **values)

    db = open_supervisor_db_or_exit(db_path)
    try:
        if state is None:
            target = find_interview(db, uuid)
            disagree = t(" (reviewers disagree: fieldsurvey conflicts)")
            shown = t(REVIEW_STATES[target.state]) + (disagree if target.in_conflict else "")
            click.echo(f"{target.uuid}: {shown}")
            for d in target.log:
                who = reviewer_words(d.reviewer, d.device_id, t)
                said = t("{state} by {reviewer}", state=t(REVIEW_STATES[d.state]), reviewer=who)
                note = f": {d.comment}" if d.comment else ""
                click.echo(f"  {d.decided_at[:16]} {terminal_text(said + note)}")
            return
        decision = record_decision(db, uuid, state, comment)
    except ReviewError as exc:
        fail(f"error: {exc}")
    click.echo(f"{decision.uuid}: {t(REVIEW_STATES[decision.state])}")


@click.command("quality")
@db_option
@questionnaire_option
@click.option(
    "--round",
    "round_",
    default=None,
    help='Survey round, e.g. 2026-Q3 (default: the latest with data; "" for none).',
)
@click.option(
    "--by",
    type=click.Choice(["interview", "interviewer"]),
    default="interview",
    show_default=True,
    help="List flagged interviews, or interviewers with their counts and effects.",
)
@click.option(
    "--lang", default="en", show_default=True, help="Language of the reasons (en, zh, km)."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def quality_command(
    db_path: Path | None,
    questionnaire_path: Path | None,
    round_: str | None,
    by: str,
    lang: str,
    as_json: bool,
) -> None:
    """Data-quality flags of one round: speeding, straight-lining and contradictions,
    duplicates, item non-response, interviewer effects; each with its reason.

    Thresholds come from the questionnaire's `quality:` section. Flags that need paradata
    say so when there is none; the others are computed anyway. Exits 2 on a round in the
    wrong form or without data.
    """
    from fieldsurvey.quality import assess
    from fieldsurvey.scoring import ScoringError

    questionnaire = load_questionnaire_or_exit(questionnaire_path)
    db = open_supervisor_db_or_exit(db_path)
    try:
        report = assess(db, questionnaire, round_)
    except ScoringError as exc:
        fail(f"error: {exc}")
    if as_json:
        click.echo(report.model_dump_json(indent=2))
        return
    click.echo(terminal_text(_summary(report, lang)))
    for note in report.unavailable:
        click.echo(f"! {quality_text(note.code, note.params, lang)}")
    listed = _by_interviewer if by == "interviewer" else _by_interview
    for line in listed(report, questionnaire, lang):
        click.echo(terminal_text(line))


def _summary(report: QualityReport, lang: str) -> str:
    """`Round 2026-Q3: 120 interviews, 118 with paradata; flagged: speeding 3, ...`."""
    name = tr("(no round)", lang) if report.round is None else report.round
    return tr(
        "Round {round}: {responses:,} interviews, {with_paradata:,} with paradata; "
        "flagged: {flags}",
        lang,
        round=name,
        responses=report.responses,
        with_paradata=report.with_paradata,
        flags=_kinds(report.counts, lang),
    )


def _kinds(counts: Mapping[str, int], lang: str) -> str:
    """`speeding 3, possible duplicate 1` in `lang`; "none" without a flag."""
    shown = [f"{tr(COUNTED[kind], lang)} {count:,}" for kind, count in counts.items()]
    return trc("list separator", ", ", lang).join(shown) or tr("none", lang)


def _by_interview(report: QualityReport, questionnaire: Questionnaire, lang: str) -> list[str]:
    lines = []
    for item in report.interviews:
        who = tr(
            "{interviewer}, {office}",
            lang,
            interviewer=item.interviewer or tr("(no interviewer)", lang),
            office=item.office or tr("(no office)", lang),
        )
        lines.append(f"{item.uuid}  {who}  [{tr(REVIEW_STATES[item.review_state], lang)}]")
        lines += [
            f"  {tr(QUALITY_KINDS[f.kind], lang)}: {reason_words(f.reason, questionnaire, lang)}"
            for f in item.flags
        ]
    return lines


def _by_interviewer(report: QualityReport, questionnaire: Questionnaire, lang: str) -> list[str]:
    lines = []
    for s in report.interviewers:
        line = tr(
            "{interviewer}: {flagged} of {interviews} interviews flagged ({kinds})",
            lang,
            interviewer=_nobody(s.interviewer, lang),
            flagged=s.flagged,
            interviews=s.interviews,
            kinds=_kinds(s.flags, lang),
        )
        lines.append(line)
        lines += [
            f"  {reason_words(e.reason, questionnaire, lang)}"
            for e in report.effects
            if e.interviewer == s.interviewer
        ]
    return lines


def _nobody(name: str, lang: str) -> str:
    """The quality report's name for interviews without an interviewer, in `lang`."""
    return tr("(no interviewer)", lang) if name == "(no interviewer)" else name

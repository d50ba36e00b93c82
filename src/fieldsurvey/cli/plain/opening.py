"""Before `fieldsurvey ask`'s first question: who interviews, where, in which round, and
whether to resume a draft. Asked through the same `Prompter` as the interview."""

from __future__ import annotations

from fieldsurvey.cli.plain.prompter import Option, Prompter
from fieldsurvey.engine import Interview, resume_interview, start_interview
from fieldsurvey.i18n import N_, tr
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.rounds import EXAMPLE, RoundError, check_round
from fieldsurvey.store.interface import InterviewStore


def open_interview(
    store: InterviewStore,
    questionnaire: Questionnaire,
    lang: str | None,
    force_new: bool,
    prompter: Prompter,
) -> Interview:
    """Ask for interviewer, office and round on first use, then offer the drafts or start
    anew."""
    language = lang or store.get_setting("language") or questionnaire.default_language
    for key, prompt in (("interviewer", N_("Interviewer name")), ("office", N_("Office"))):
        if not store.get_setting(key):
            value = prompter.text(tr(prompt, language) + ":", language).strip()
            if value:
                store.set_setting(key, value)
    if not _round_is_set(store, questionnaire):
        _ask_round(store, questionnaire, language, prompter)
    drafts = [] if force_new else store.list_drafts()
    chosen = None
    if drafts:
        options = [Option(tr("Start a new interview", language), 0)]  # None means title
        options += [
            Option(
                tr(
                    "Resume draft #{id}: {persona}, {answers} answers, last saved {saved}",
                    language,
                    id=d.id,
                    persona=d.persona or tr("no persona yet", language),
                    answers=d.answers,
                    saved=d.updated_at[:16].replace("T", " "),
                ),
                d.id,
            )
            for d in drafts
        ]
        message = tr("Drafts on this device:", language)
        chosen = prompter.select(message, options, language, default=0)
    if not isinstance(chosen, int) or chosen == 0:
        return start_interview(store, questionnaire, language=lang)
    interview = resume_interview(store, chosen, [questionnaire])
    if lang:
        interview.set_language(lang)
    return interview


def _round_is_set(store: InterviewStore, questionnaire: Questionnaire) -> bool:
    """Asked before ("" = no round) and, if given, in the fixed form."""
    value = store.get_setting("round")
    return value is not None and not (value and _round_problem(value, questionnaire))


def _ask_round(
    store: InterviewStore, questionnaire: Questionnaire, language: str, prompter: Prompter
) -> None:
    """Asked until it is in the fixed form (or left empty: no round)."""
    value = prompter.text(
        tr("Survey round (e.g. {example}; Enter for none):", language, example=EXAMPLE),
        language,
        validate=lambda text: _round_problem(text, questionnaire),
    )
    store.set_setting("round", check_round(value, questionnaire.rounds) if value.strip() else "")


def _round_problem(text: str, questionnaire: Questionnaire) -> str | None:
    if not text.strip():
        return None
    try:
        check_round(text, questionnaire.rounds)
    except RoundError as exc:
        return str(exc)
    return None

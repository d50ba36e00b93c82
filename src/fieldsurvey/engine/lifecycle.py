"""Starting, resuming and revising interviews: the ways to get an `Interview`.

`responses.current_question` holds the first item of the page a draft was on, or NULL when
it was at the end of the form; a revision starts at the end (the review screen), where its
editor picks what to change.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import datetime

from fieldsurvey.engine.draft import failing_as, saving
from fieldsurvey.engine.errors import EngineError
from fieldsurvey.engine.interview import Interview
from fieldsurvey.engine.plan import Plan, plan_for
from fieldsurvey.engine.values import default_answers
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.ids import time_ordered_uuid
from fieldsurvey.store.interface import InterviewStore
from fieldsurvey.store.questionnaires import install_questionnaire, load_installed
from fieldsurvey.store.records import Event, NewDraft, ResponseRecord, utc_now
from fieldsurvey.store.status import Status


def start_interview(
    store: InterviewStore,
    questionnaire: Questionnaire,
    *,
    language: str | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Interview:
    """A new draft on the first page; interviewer, office and round come from the settings.

    Without `language`, the `language` setting is used if the questionnaire has it, else the
    questionnaire's default. The questionnaire version is installed if it is not yet.
    """
    plan = plan_for(questionnaire)
    if language is not None and language not in questionnaire.languages:
        known = ", ".join(questionnaire.languages)
        raise EngineError("bad_language", f"unknown language {language!r}; use one of {known}")
    with failing_as("the interview was not started"):
        settings = store.get_settings(["language", "interviewer", "office", "round"])
        device = store.device_id()
    setting = settings.get("language")
    language = language or (
        setting if setting in questionnaire.languages else questionnaire.default_language
    )
    at = utc_now()
    draft = NewDraft(
        uuid=time_ordered_uuid(datetime.fromisoformat(at)),
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        questionnaire_hash=plan.hash,
        device_id=device,
        interviewer=settings.get("interviewer"),
        office=settings.get("office"),
        round=settings.get("round"),
        language=language,
        started_at=at,
    )
    with saving(store, "the interview was not started"):
        install_questionnaire(store, questionnaire, known_hash=plan.hash)
        record = store.insert_draft(draft)
        defaults = default_answers(plan)
        return Interview.open(
            store, plan, record, defaults, Event("start"), from_start=True, clock=clock
        )


def resume_interview(
    store: InterviewStore, response_id: int, questionnaires: Iterable[Questionnaire] = ()
) -> Interview:
    """Reopen a draft where it was left.

    Its questionnaire version is looked for among `questionnaires` (e.g. the bundled one),
    then among the versions installed in the database.
    """
    with failing_as("the interview was not opened"):
        record = store.get_response(response_id)
    if record is None:
        raise EngineError("not_found", f"there is no interview {response_id} in this database")
    if record.status is not Status.DRAFT:
        raise EngineError(
            "closed", f"interview {response_id} is {record.status}; revise it to make changes"
        )
    plan = _plan_for(store, record, questionnaires)
    stored = store.load_answers(response_id)
    return Interview.open(store, plan, record, stored, Event("resume"), from_start=False)


def revise_response(
    store: InterviewStore, uuid: str, questionnaires: Iterable[Questionnaire] = ()
) -> Interview:
    """Edit a completed interview: a new draft revision naming its parent's content hash.

    If a revision of it is already open, that draft is resumed instead.
    """
    with failing_as("the interview was not opened"):
        history = store.revisions(uuid)
    if not history:
        raise EngineError("not_found", f"there is no interview {uuid} in this database")
    drafts = [record for record in history if record.status is Status.DRAFT]
    if drafts:
        return resume_interview(store, drafts[-1].id, questionnaires)
    heads = [record for record in history if record.is_head]
    if len(heads) != 1:
        raise EngineError(
            "conflict", f"interview {uuid} exists in diverging versions; resolve the conflict first"
        )
    parent = heads[0]
    if parent.status is not Status.COMPLETE:
        raise EngineError(
            "not_editable", f"interview {uuid} is {parent.status}; only complete ones are revised"
        )
    plan = _plan_for(store, parent, questionnaires)
    at = utc_now()
    with saving(store, "the revision was not started"):
        revision_id = store.copy_revision(parent, store.device_id(), at)
        record = store.get_response(revision_id)
        assert record is not None
        stored = store.load_answers(revision_id)
        event = Event("revise", detail=parent.content_hash)
        return Interview.open(store, plan, record, stored, event, from_start=False)


def _plan_for(
    store: InterviewStore, record: ResponseRecord, questionnaires: Iterable[Questionnaire]
) -> Plan:
    for questionnaire in questionnaires:
        plan = plan_for(questionnaire)
        if plan.hash == record.questionnaire_hash:
            return plan
    installed = load_installed(store, record.questionnaire_hash)
    if installed is not None:
        return plan_for(installed)
    raise EngineError(
        "not_installed",
        f"interview {record.id} was made with questionnaire {record.questionnaire_id} version "
        f"{record.questionnaire_version}, which is not installed on this device; install that "
        "version (its questionnaire file) and open the interview again. Nothing was changed.",
    )

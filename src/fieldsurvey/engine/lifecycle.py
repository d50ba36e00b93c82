"""Starting, resuming and revising interviews: the ways to get an `Interview`.

`responses.current_question` holds the first item of the page a draft was on, or NULL when
it was at the end of the form; a revision starts at the end (the review screen), where its
editor picks what to change.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import datetime

import sqlite_utils

from fieldsurvey.engine.draft import saving
from fieldsurvey.engine.errors import EngineError
from fieldsurvey.engine.interview import Interview
from fieldsurvey.engine.plan import Plan, plan_for
from fieldsurvey.engine.values import default_answers
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.db import device_id, get_setting, utc_now
from fieldsurvey.store.ids import time_ordered_uuid
from fieldsurvey.store.paradata import Event
from fieldsurvey.store.questionnaires import install_questionnaire, load_installed
from fieldsurvey.store.responses import (
    ResponseRecord,
    copy_revision,
    get_response,
    insert_draft,
    load_answers,
    revisions,
)


def start_interview(
    db: sqlite_utils.Database,
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
    setting = get_setting(db, "language")
    language = language or (
        setting if setting in questionnaire.languages else questionnaire.default_language
    )
    device = device_id(db)
    at = utc_now()
    with saving(db, "the interview was not started"):
        install_questionnaire(db, questionnaire, known_hash=plan.hash)
        record = insert_draft(
            db,
            uuid=time_ordered_uuid(datetime.fromisoformat(at)),
            questionnaire_id=questionnaire.id,
            questionnaire_version=questionnaire.version,
            questionnaire_hash=plan.hash,
            device_id=device,
            interviewer=get_setting(db, "interviewer"),
            office=get_setting(db, "office"),
            round=get_setting(db, "round"),
            language=language,
            started_at=at,
            updated_at=at,
        )
        defaults = default_answers(plan)
        return Interview.open(
            db, plan, record, defaults, Event("start"), from_start=True, clock=clock
        )


def resume_interview(
    db: sqlite_utils.Database, response_id: int, questionnaires: Iterable[Questionnaire] = ()
) -> Interview:
    """Reopen a draft where it was left.

    Its questionnaire version is looked for among `questionnaires` (e.g. the bundled one),
    then among the versions installed in the database.
    """
    record = get_response(db, response_id)
    if record is None:
        raise EngineError("not_found", f"there is no interview {response_id} in this database")
    if record.status != "draft":
        raise EngineError(
            "closed", f"interview {response_id} is {record.status}; revise it to make changes"
        )
    plan = _plan_for(db, record, questionnaires)
    stored = load_answers(db, response_id)
    return Interview.open(db, plan, record, stored, Event("resume"), from_start=False)


def revise_response(
    db: sqlite_utils.Database, uuid: str, questionnaires: Iterable[Questionnaire] = ()
) -> Interview:
    """Edit a completed interview: a new draft revision naming its parent's content hash.

    If a revision of it is already open, that draft is resumed instead.
    """
    history = revisions(db, uuid)
    if not history:
        raise EngineError("not_found", f"there is no interview {uuid} in this database")
    drafts = [record for record in history if record.status == "draft"]
    if drafts:
        return resume_interview(db, drafts[-1].id, questionnaires)
    heads = [record for record in history if record.is_head]
    if len(heads) != 1:
        raise EngineError(
            "conflict", f"interview {uuid} exists in diverging versions; resolve the conflict first"
        )
    parent = heads[0]
    if parent.status != "complete":
        raise EngineError(
            "not_editable", f"interview {uuid} is {parent.status}; only complete ones are revised"
        )
    plan = _plan_for(db, parent, questionnaires)
    device = device_id(db)
    at = utc_now()
    with saving(db, "the revision was not started"):
        revision_id = copy_revision(db, parent, device, at)
        record = get_response(db, revision_id)
        assert record is not None
        stored = load_answers(db, revision_id)
        event = Event("revise", detail=parent.content_hash)
        return Interview.open(db, plan, record, stored, event, from_start=False)


def _plan_for(
    db: sqlite_utils.Database, record: ResponseRecord, questionnaires: Iterable[Questionnaire]
) -> Plan:
    for questionnaire in questionnaires:
        plan = plan_for(questionnaire)
        if plan.hash == record.questionnaire_hash:
            return plan
    installed = load_installed(db, record.questionnaire_hash)
    if installed is not None:
        return plan_for(installed)
    raise EngineError(
        "not_installed",
        f"interview {record.id} was made with questionnaire {record.questionnaire_id} version "
        f"{record.questionnaire_version}, which is not installed on this device; install that "
        "version (its questionnaire file) and open the interview again. Nothing was changed.",
    )

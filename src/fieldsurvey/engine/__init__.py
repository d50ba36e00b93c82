"""The interview engine: one interview at a time, every answer committed as it is given.

No UI here (no Textual, no questionary): the Textual screens, `fieldsurvey ask` and `demo`
drive interviews only through this API.

Getting an interview (`store` is the store, e.g. `fieldsurvey.store.opening.open_store(path)`;
the engine uses it through `store.interface.InterviewStore`, writing drafts through its
`DraftSink`):
    start_interview(store, questionnaire, *, language=None) -> Interview
    resume_interview(store, response_id, questionnaires=()) -> Interview
    revise_response(store, uuid, questionnaires=()) -> Interview
    draft_overviews(store.draft_contents(), questionnaires, installed) -> {id: DraftOverview}
`questionnaires` are the versions at hand (e.g. the bundled one); a draft made with another
version is opened from the `questionnaires` table, else EngineError("not_installed").

An Interview:
    .response_id .uuid .revision .status .language .content_hash .questionnaire .plan
    .page -> Page | None            current page (None = end of form: review and finish)
    .page_items() -> [question]     its relevant questions and notes
    .value(qid) -> Value            None if unanswered or not relevant
    .answers() -> {qid: Value}      visible answers and calculated values
    .is_relevant(qid) / .is_required(qid) -> bool
    .progress() -> Progress(answered, relevant)
    .review() -> [ReviewItem(question, value, page, required)]
    .text(Text) -> str              a label in the interview language
    .answer(qid, raw) -> Problem | None    None = saved (committed before returning)
    .clear(qid) -> Problem | None
    .next() -> [Problem]            [] = moved on (or ended as refused: see .status)
    .back() -> bool
    .jump(qid) -> Problem | None
    .set_language(code)
    .complete() -> [Problem]        [] = closed as complete (or refused)
    .void(reason)
    .suspend()                      record leaving the page (screen closed)
    .discard_if_empty() -> bool     delete a new draft left without any answer
A `Problem(question, code, message)` is a refused answer or an unmet rule, its message in the
interview language. `EngineError(code, message)` is raised when storage fails (`disk_full`,
`read_only`, `busy`, `io_error`, `storage`: the interview is unchanged and still usable), for
a closed interview (`closed`), an unknown response (`not_found`), a missing questionnaire
version (`not_installed`), a bad language, or a questionnaire with a relevance cycle.

Relevance (see `plan` and `state`): a dependency graph is built once per questionnaire; an
answer re-evaluates only what depends on it. Answers to questions that become irrelevant stay
stored while the interview is a draft (so a persona flipped back restores them) but evaluate as
empty everywhere; `complete()` deletes them, so a complete response holds only relevant answers
and calculated values.
"""

from fieldsurvey.engine.errors import EngineError, Problem
from fieldsurvey.engine.interview import Interview, Progress, ReviewItem
from fieldsurvey.engine.lifecycle import resume_interview, revise_response, start_interview
from fieldsurvey.engine.overviews import DraftOverview, draft_overviews
from fieldsurvey.engine.plan import Page, Plan, plan_for

__all__ = [
    "DraftOverview",
    "EngineError",
    "Interview",
    "Page",
    "Plan",
    "Problem",
    "Progress",
    "ReviewItem",
    "draft_overviews",
    "plan_for",
    "resume_interview",
    "revise_response",
    "start_interview",
]

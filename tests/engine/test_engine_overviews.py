"""Home's draft overviews: every draft counted as its interview counts it, from one read of
the drafts' answers, each questionnaire version loaded once however many drafts use it."""

from __future__ import annotations

from fieldsurvey.engine import draft_overviews, start_interview
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.questionnaires import load_installed

SURVEY = [
    {"type": "integer", "id": "age", "label": {"en": "Age", "zh": "年龄"}},
    {
        "type": "integer",
        "id": "children",
        "label": {"en": "Children", "zh": "孩子"},
        "relevant": "${age} > 17",
    },
]


def test_drafts_on_another_version_load_it_once(db, make_questionnaire) -> None:
    older: Questionnaire = make_questionnaire(SURVEY)
    current = make_questionnaire(SURVEY, version="2")
    for age in (12, 30, 40):  # three drafts on the older version, one on the current
        start_interview(db, older).answer("age", age)
    start_interview(db, current)
    asked: list[str] = []

    def installed(digest: str) -> Questionnaire | None:
        asked.append(digest)
        return load_installed(db, digest)

    contents = db.draft_contents()
    overviews = draft_overviews(contents, [current], installed)
    assert len(asked) == 1  # the older version, once for its three drafts
    progress = {d.id: overviews[d.id] for d in contents}
    shown = [(o.progress.answered, o.progress.relevant, o.answers) for o in progress.values() if o]
    assert shown == [
        (1, 1, {"age": 12}),  # under 18: `children` does not apply
        (1, 2, {"age": 30}),
        (1, 2, {"age": 40}),
        (0, 1, {}),
    ]


def test_a_version_not_installed_has_no_overview(db, make_questionnaire) -> None:
    older = make_questionnaire(SURVEY)
    start_interview(db, older).answer("age", 30)
    [content] = db.draft_contents()
    assert draft_overviews([content], [], lambda digest: None) == {content.id: None}
    assert draft_overviews([content], [older], lambda digest: None)[content.id] is not None

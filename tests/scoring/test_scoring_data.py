"""The one query and its decoding: every answer lands in its column with the right code, and
values off the scale or the choice list count as not answered rather than as a score."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scoring_helpers import Survey

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.scoring.data import load_survey
from fieldsurvey.scoring.frame import DK, MISSING
from fieldsurvey.store.sqlite import SQLiteStore

QUESTIONS = ["overall", "place", "knows_pension", "channel", "w"]


def test_answers_are_decoded_into_their_columns(
    db: SQLiteStore, survey: Survey, questionnaire: Questionnaire
) -> None:
    survey.add(
        {"a1": 5, "a2": "dk", "a3": 1, "t1": 7, "t2": "maybe", "overall": 10, "place": "rural",
         "knows_pension": "dk", "channel": ["online", "office"], "w": 1.5},
        persona="employer", round="r1",
    )  # fmt: skip
    survey.add({"a1": -3, "overall": -1, "place": "mars", "knows_pension": 3})
    data = load_survey(db, questionnaire, QUESTIONS)
    assert data.layout.ids == ["a1", "a2", "a3", "t1", "t2"]
    assert data.codes.tolist() == [[5, DK, 1, MISSING, MISSING], [MISSING] * 5]
    assert data.answers["overall"].tolist() == [10, None]
    assert data.answers["place"].tolist() == ["rural", None]
    assert data.answers["knows_pension"].tolist() == ["dk", None]
    assert data.answers["channel"].tolist() == [["online", "office"], None]
    assert data.answers["w"].tolist() == [1.5, None]
    assert (data.persona.tolist(), data.round.tolist()) == (["employer", "worker"], ["r1", None])


def test_no_temporary_table_is_left_behind(db: SQLiteStore, questionnaire: Questionnaire) -> None:
    load_survey(db, questionnaire, QUESTIONS)
    assert db.execute("SELECT COUNT(*) FROM temp.sqlite_master").fetchone()[0] == 0


point = st.one_of(st.integers(1, 5), st.just("dk"))


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.dictionaries(st.sampled_from(["a1", "a2", "a3", "t1", "t2"]), point), max_size=8)
)
def test_decoding_matches_the_answers_written(
    db: SQLiteStore, questionnaire: Questionnaire, rows: list[dict[str, object]]
) -> None:
    db.execute("DELETE FROM responses")
    survey = Survey(db)
    for answers in rows:
        survey.add(answers)
    data = load_survey(db, questionnaire)
    expected = np.array(
        [[{"dk": DK}.get(r.get(i, 0), r.get(i, 0)) for i in data.layout.ids] for r in rows],
        dtype=np.int8,
    ).reshape(len(rows), 5)
    assert (data.codes == expected).all()

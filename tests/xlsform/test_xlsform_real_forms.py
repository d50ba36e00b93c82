"""The public forms in ../shared/xlsforms: each converts and runs, or is refused with every
problem listed (docs/xlsform.md says which and why)."""

from __future__ import annotations

from pathlib import Path

import pytest
from xlsform_helpers import write_workbook

from fieldsurvey.engine import start_interview
from fieldsurvey.engine.interview import Interview
from fieldsurvey.questionnaire import QuestionnaireError
from fieldsurvey.questionnaire.problems import Problem
from fieldsurvey.questionnaire.xlsform import read_xlsform
from fieldsurvey.questionnaire.xlsform.problems import XCode
from fieldsurvey.store.sqlite import open_store


def refused(path: Path) -> list[Problem]:
    with pytest.raises(QuestionnaireError) as caught:
        read_xlsform(path)
    return caught.value.problems


def places(problems: list[Problem], code: XCode) -> set[str]:
    """`SHEET:ROW: column` of each problem with `code` (the file name left out)."""
    return {f"{p.file.rpartition(':')[2]}:{p.line}: {p.path}" for p in problems if p.code is code}


def run_script(interview: Interview, answers: dict[str, object]) -> None:
    """Page after page, answer what the script says for each question shown (again when an
    answer shows more of a field-list page), then finish."""
    while interview.page is not None:
        done: set[str] = set()
        while shown := [
            q.id for q in interview.page_items() if q.id in answers and q.id not in done
        ]:
            for qid in shown:
                assert interview.answer(qid, answers[qid]) is None, qid
                done.add(qid)
        assert interview.next() == []
    assert interview.complete() == []


def test_cascading_selects_by_relevance(shared_forms: Path, tmp_path: Path) -> None:
    imported = read_xlsform(shared_forms / "cascading_select_test_equivalent.xls")
    q = imported.questionnaire
    assert (q.id, q.languages, len(q.questions)) == ("cascading_select_test", ["und"], 9)
    interview = start_interview(open_store(tmp_path / "c.db"), q)
    script = {"mylga_zone": "zone_2", "mylga_state_in_zone_2": "state_3",
              "mylga_lga_in_state_3": "lga_5"}  # fmt: skip
    run_script(interview, script)
    assert not interview.is_relevant("mylga_state_in_zone_1")
    assert not interview.is_relevant("mylga_lga_in_state_1")
    assert interview.answers() == {**script, "mylga_state": "state_3", "mylga": "lga_5"}


def test_choice_filter_becomes_one_select_per_parent_answer(
    shared_forms: Path, tmp_path: Path
) -> None:
    q = read_xlsform(shared_forms / "choice_filter_test.xlsx").questionnaire
    interview = start_interview(open_store(tmp_path / "f.db"), q)
    script = {"state": "washington", "county_washington": "king", "city_king": "seattle"}
    run_script(interview, script)
    assert not interview.is_relevant("county_texas")
    assert not interview.is_relevant("city_cameron")
    assert interview.answers() == {**script, "county": "king", "city": "seattle"}
    king = q.choice_list_by_id["cities_cf_king"]
    assert [c.value for c in king.choices] == ["dumont", "finney", "seattle", "redmond"]


def test_or_other_with_an_unquoted_filter_is_refused(shared_forms: Path) -> None:
    problems = refused(shared_forms / "or_other.xlsx")
    assert [str(p).removeprefix(str(shared_forms / "or_other.xlsx")) for p in problems] == [
        ":survey:3: choice_filter: not supported: choice_filter 'pastel=yes': supported: "
        "COLUMN = ${question} or COLUMN = 'value' (quoted)"
    ]


def test_or_other_adds_the_other_choice_and_its_question(tmp_path: Path) -> None:
    table = [["type", "name", "label"], ["select_one colors or_other", "color", "Colour?"]]
    choices = [["list_name", "name", "label"], ["colors", "red", "Red"]]
    path = write_workbook(tmp_path / "o.xlsx", {"survey": table, "choices": choices})
    q = read_xlsform(path).questionnaire
    assert [c.value for c in q.choice_list_by_id["colors"].choices] == ["red", "other"]
    interview = start_interview(open_store(tmp_path / "o.db"), q)
    run_script(interview, {"color": "other", "color_other": "teal"})
    assert interview.answers() == {"color": "other", "color_other": "teal"}


def test_widgets_lists_every_unsupported_type_in_one_pass(shared_forms: Path) -> None:
    problems = refused(shared_forms / "widgets.xls")
    types = places(problems, XCode.UNSUPPORTED_TYPE)
    for row in (6, 9, 11, 12, 13, 14, 15, 17, 18):  # time, trigger, geopoint, barcode, media
        assert f"survey:{row}: type" in types
    assert "survey:17: appearance" in places(problems, XCode.UNSUPPORTED_APPEARANCE)
    assert all(p.file.startswith(str(shared_forms / "widgets.xls")) for p in problems)


def test_spec_form_repeats_media_formulas_and_uncoded_languages(shared_forms: Path) -> None:
    problems = refused(shared_forms / "xlsform_spec_test.xlsx")
    assert {"survey:15: type", "survey:29: type"} <= places(problems, XCode.UNSUPPORTED_TYPE)
    assert "survey:9: media" in places(problems, XCode.UNSUPPORTED_COLUMN)
    assert "survey:22: required" in places(problems, XCode.FORMULA)
    assert places(problems, XCode.NO_LANGUAGE_CODE) == {
        "survey:1: label::english",
        "survey:1: label::chinese",
    }


KOBO_STYLE = {
    "survey": [
        ["type", "name", "label::English (en)", "label::Français (fr)", "required", "relevant",
         "constraint", "constraint_message::English (en)", "appearance", "$kuid", "calculation"],
        ["start", "start", None, None, None, None, None, None, None, "a1"],
        ["end", "end", None, None, None, None, None, None, None, "a2"],
        ["begin_group", "hh", "Household", "Ménage", None, None, None, None, "field-list", "a3"],
        ["integer", "members", "How many?", "Combien ?", "true", None, ". > 0 and . < 30",
         "1 to 29", None, "a4"],
        ["select_multiple assets or_other", "assets", "Assets", "Biens", "TRUE",
         "${members} > 1", None, None, "minimal", "a5"],
        ["end_group", None, None, None, None, None, None, None, None, "a6"],
        ["calculate", "n_assets", None, None, None, None, None, None, None, "a7",
         "count-selected(${assets})"],
        ["note", "bye", "Thanks", "Merci", None, "${n_assets} >= 1", None, None, None, "a8"],
    ],
    "choices": [["list_name", "name", "label::English (en)", "label::Français (fr)", "$kuid"],
                ["assets", "radio", "Radio", "Radio", "c1"],
                ["assets", "bike", "Bike", "Vélo", "c2"]],
    "settings": [["form_title", "form_id", "version", "default_language"],
                 ["Kobo test", "kobo_test", "2024-01", "English (en)"]],
}  # fmt: skip
"""What a KoboToolbox export looks like: metadata rows, `$kuid` columns, `begin_group`."""


def test_a_kobo_style_form(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "kobo.xlsx", KOBO_STYLE)  # type: ignore[arg-type]
    imported = read_xlsform(path)
    assert [(w.line, w.code) for w in imported.warnings] == [
        (2, XCode.METADATA), (3, XCode.METADATA), (5, XCode.MISSING_TEXT)]  # fmt: skip
    q = imported.questionnaire
    assert (q.id, q.version, q.languages) == ("kobo_test", "2024-01", ["en", "fr"])
    interview = start_interview(open_store(tmp_path / "k.db"), q)
    assert interview.answer("members", 40) is not None  # the constraint
    script = {"members": 3, "assets": ["bike", "other"], "assets_other": "cart"}
    run_script(interview, script)
    assert interview.is_relevant("bye")
    assert interview.answers() == {**script, "n_assets": 2}

"""Data-quality flags on demo interviews made suspicious on purpose, one kind at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from supervision_helpers import run, snapshot

from fieldsurvey.cli.supervise import COUNTED
from fieldsurvey.i18n import tr, trc
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.quality import QualityReport, assess
from fieldsurvey.quality.report import Reason
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.ui.i18n import quality_text


def uuid_of(db: SQLiteStore, response: int) -> str:
    return str(db.execute("SELECT uuid FROM responses WHERE id = ?", [response]).fetchone()[0])


def flags_of(report: QualityReport, uuid: str) -> dict[str, list[str]]:
    found = next((i for i in report.interviews if i.uuid == uuid), None)
    out: dict[str, list[str]] = {}
    for flag in found.flags if found else []:
        out.setdefault(flag.kind, []).append(words(flag.reason))
    return out


def words(reason: Reason, lang: str = "en") -> str:
    return quality_text(reason.code, reason.params, lang)


def items(questionnaire: Questionnaire, area: str, reverse: bool | None = None) -> list[str]:
    return [
        i.id
        for i in questionnaire.area_by_id[area].items
        if reverse is None or i.reverse == reverse
    ]


def set_answers(db: SQLiteStore, response: int, questions: list[str], value: object) -> None:
    db.conn.executemany(
        "INSERT INTO answers (response, question, value, answered_at) VALUES (?, ?, ?, 't') "
        "ON CONFLICT (response, question) DO UPDATE SET value = excluded.value",
        [(response, q, json.dumps(value)) for q in questions],
    )
    db.conn.commit()


def test_a_fast_interview_is_flagged_with_its_reading_floor(
    db: SQLiteStore, questionnaire: Questionnaire
) -> None:
    db.execute("UPDATE paradata SET duration_ms = 150 WHERE response = 7 AND event = 'leave'")
    db.conn.commit()
    report = assess(db, questionnaire)
    [reason] = flags_of(report, uuid_of(db, 7))["speeding"]
    [[leaves]] = db.execute(
        "SELECT count(*) FROM paradata WHERE response = 7 AND event = 'leave'"
    ).fetchall()
    took = round(leaves * 0.150)
    assert reason.startswith(f"took {took} s; reading its ") and "at 5 words/s takes" in reason
    assert report.counts["speeding"] == 1 and report.unavailable == []


def test_one_value_through_an_area_and_contradicting_reverse_items(
    db: SQLiteStore, questionnaire: Questionnaire
) -> None:
    set_answers(db, 3, items(questionnaire, "accessibility"), 5)
    report = assess(db, questionnaire)
    flags = flags_of(report, uuid_of(db, 3))
    count = len(items(questionnaire, "accessibility"))
    assert flags["straightlining"] == [f"accessibility: all {count} items answered 5"]
    assert flags["contradiction"] == [
        "accessibility: statements average 5.0, their reverse-coded opposites 1.0 after "
        "reverse coding"
    ]


def test_the_same_profile_twice_the_same_day_is_a_possible_duplicate(
    db: SQLiteStore, questionnaire: Questionnaire
) -> None:
    segments = [q.id for q in questionnaire.segments]
    marks = ",".join("?" * len(segments))
    db.execute(f"DELETE FROM answers WHERE response = 12 AND question IN ({marks})", segments)
    db.execute(
        "INSERT INTO answers SELECT 12, question, value, answered_at FROM answers "
        f"WHERE response = 11 AND question IN ({marks})",
        segments,
    )
    db.execute(
        "UPDATE responses SET persona = (SELECT persona FROM responses WHERE id = 11), "
        "office = (SELECT office FROM responses WHERE id = 11) WHERE id = 12"
    )
    db.conn.commit()
    report = assess(db, questionnaire)
    [reason] = flags_of(report, uuid_of(db, 11))["duplicate"]
    assert reason.startswith(f"same persona, segments, office and day as {uuid_of(db, 12)}")
    found = next(i for i in report.interviews if i.uuid == uuid_of(db, 12))
    assert any(f.kind == "duplicate" and f.other == uuid_of(db, 11) for f in found.flags)


def test_an_interviewer_far_from_the_others_is_flagged_with_the_counts(
    db: SQLiteStore, db_path: Path, questionnaire: Questionnaire
) -> None:
    sokha = [r for (r,) in db.execute("SELECT id FROM responses WHERE interviewer = 'Sokha'")]
    for response in sokha:
        set_answers(db, response, items(questionnaire, "accessibility", reverse=False), 1)
    report = assess(db, questionnaire)
    effect = next(
        e for e in report.effects if e.area == "accessibility" and e.interviewer == "Sokha"
    )
    # the other 80 interviews, less those that skipped the battery (no contact in 12 months)
    assert effect.n == 40 and 20 <= effect.others_n <= 80
    assert effect.reason.params["others_n"] == effect.others_n
    assert effect.z < -3 and "over 40 interviews against" in words(effect.reason)
    result = run("quality", "--db", str(db_path), "--by", "interviewer")
    assert result.exit_code == 0, result.stderr
    assert "Sokha: " in result.stdout and "Accessibility mean score" in result.stdout  # its label


def test_too_many_items_left_unanswered(db: SQLiteStore, questionnaire: Questionnaire) -> None:
    every = [i for area in questionnaire.areas for i in items(questionnaire, area.id)]
    set_answers(db, 20, every[: len(every) // 2], "dk")
    [reason] = flags_of(assess(db, questionnaire), uuid_of(db, 20))["nonresponse"]
    assert "items asked not answered or don't know" in reason


def test_without_paradata_speeding_says_so_and_the_other_flags_still_work(
    db: SQLiteStore, db_path: Path, questionnaire: Questionnaire
) -> None:
    db.execute("DELETE FROM paradata")
    db.conn.commit()
    set_answers(db, 3, items(questionnaire, "learning"), 2)
    before = snapshot(db)
    result = run("quality", "--db", str(db_path), "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["with_paradata"] == 0
    assert document["unavailable"] == [{"code": "no_paradata", "params": {"count": 120}}]
    flagged = {i["uuid"]: i for i in document["interviews"]}
    assert "straightlining" in {f["kind"] for f in flagged[uuid_of(db, 3)]["flags"]}
    text = run("quality", "--db", str(db_path)).stdout
    assert "! speeding: none of the 120 interviews has paradata" in text
    assert snapshot(db) == before


def bundled_with(tmp_path: Path, extra: str) -> Path:
    """The bundled questionnaire with `extra` YAML appended, as a file."""
    path = tmp_path / "q.yaml"
    source = bundled_questionnaire_path().read_text(encoding="utf-8")
    path.write_text(source + extra, encoding="utf-8")
    return path


def test_thresholds_out_of_range_refuse_the_questionnaire(
    db: SQLiteStore, db_path: Path, tmp_path: Path
) -> None:
    bad = bundled_with(tmp_path, "quality:\n  interviewer:\n    z: 0.5\n")
    before = snapshot(db)
    result = run("quality", "--db", str(db_path), "--questionnaire", str(bad))
    assert result.exit_code == 2 and result.stdout == ""
    assert "quality.interviewer.z: Input should be greater than or equal to 2" in result.stderr
    assert snapshot(db) == before


def test_thresholds_come_from_the_questionnaire(
    db: SQLiteStore, db_path: Path, tmp_path: Path
) -> None:
    strict = bundled_with(tmp_path, "quality:\n  speeding:\n    median_fraction: 0.99\n")
    result = run("quality", "--db", str(db_path), "--questionnaire", str(strict), "--json")
    assert json.loads(result.stdout)["counts"]["speeding"] >= 40  # about half are under the median


@pytest.mark.parametrize("wanted", ["Q3 2026", "2025-Q1"])
def test_quality_refuses_a_round_without_data_or_in_a_wrong_form(
    db_path: Path, wanted: str
) -> None:
    result = run("quality", "--db", str(db_path), "--round", wanted)
    assert result.exit_code == 2 and "rounds with data: 2026-Q3" in result.stderr


def test_a_questionnaire_without_the_new_sections_keeps_its_hash(tmp_path: Path) -> None:
    """Responses name their questionnaire by hash: sections left out must not change it."""
    from fieldsurvey.questionnaire import load_questionnaire
    from fieldsurvey.questionnaire.loader import questionnaire_hash

    plain = load_questionnaire(bundled_questionnaire_path())
    assert {"rounds", "quality", "quality_section"}.isdisjoint(json.loads(plain.model_dump_json()))
    extra = "rounds: [baseline]\nquality:\n  duplicates:\n    minutes: 10\n"
    with_sections = bundled_with(tmp_path, extra)
    changed = load_questionnaire(with_sections)
    assert changed.rounds == ["baseline"] and changed.quality.duplicates.minutes == 10
    assert questionnaire_hash(changed) != questionnaire_hash(plain)


def test_reasons_are_worded_in_the_readers_language(db_path: Path, db: SQLiteStore) -> None:
    db.execute("DELETE FROM paradata")
    db.conn.commit()
    result = run("quality", "--db", str(db_path), "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert "! 过快：此数据库中 120 份访问都没有过程数据" in result.stdout


REASON_PARAMS: dict[str, dict[str, str | int | float]] = {
    "speeding_reading": {"took_s": 70.2, "words": 1200, "rate": 5.0, "floor_s": 240.0},
    "speeding_median": {"took_s": 70.2, "fraction": 0.33, "median_s": 600.0},
    "straightlining": {"area": "accessibility", "items": 7, "value": 3},
    "contradiction": {"area": "learning", "plain": 4.5, "opposite": 1.0},
    "duplicate": {"other": "0192-ab", "apart_s": 240.0},
    "nonresponse": {"missing": 12, "asked": 31, "share": 0.39, "rate": 0.3},
    "area_mean": {
        "area": "accessibility", "value": 41.0, "n": 40, "others": 60.0, "others_n": 80,
        "z": -4.2, "rule": 3.0, "min_n": 20,
    },
    "dk_rate": {
        "value": 21.0, "n": 40, "others": 5.0, "others_n": 80, "z": 5.1, "rule": 3.0,
        "min_n": 20,
    },
    "no_paradata": {"count": 120},
    "some_without_paradata": {"missing": 3, "count": 120},
}  # fmt: skip


def test_every_reason_code_has_its_parameters_listed_here() -> None:
    from typing import get_args

    from fieldsurvey.quality.report import ReasonCode

    assert set(REASON_PARAMS) == set(get_args(ReasonCode))


@pytest.mark.parametrize("lang", ["en", "zh", "km"])
@pytest.mark.parametrize("code", sorted(REASON_PARAMS))
def test_every_reason_has_words_in_every_language(code: str, lang: str) -> None:
    text = quality_text(code, REASON_PARAMS[code], lang)
    assert text and "{" not in text and not text.startswith("quality.reason.")
    if code.startswith("speeding"):
        assert {"en": "1 min 10 s", "zh": "1 分 10 秒", "km": "1 នាទី 10 វិនាទី"}[lang] in text


@pytest.mark.parametrize(
    ("lang", "summary"),
    [
        ("en", "Round 2026-Q3: 120 interviews, 120 with paradata; flagged: "),
        ("zh", "轮次 2026-Q3：120 份访问，其中 120 份有过程数据；标记："),
        ("km", "ជុំ 2026-Q3: ការសម្ភាសន៍ 120, មានទិន្នន័យដំណើរការ 120; បានសម្គាល់: "),
    ],
)
def test_the_summary_line_is_in_the_readers_language(
    db: SQLiteStore, db_path: Path, lang: str, summary: str
) -> None:
    db.execute("UPDATE responses SET interviewer = NULL WHERE id = 1")
    db.conn.commit()
    result = run("quality", "--db", str(db_path), "--lang", lang, "--by", "interviewer")
    assert result.exit_code == 0, result.stderr
    first, *rest = result.stdout.splitlines()
    assert first.startswith(summary)
    kinds = first.removeprefix(summary).split(trc("list separator", ", ", lang))
    named = [tr(kind, lang) for kind in COUNTED.values()]
    assert kinds == [tr("none", lang)] or all(k.rsplit(" ", 1)[0] in named for k in kinds)
    if lang != "en":  # the interviewer lines too: no English left but the names
        english = {"of", "interviews", "flagged", "none", "interviewer)"}
        assert not english & set(" ".join(rest).replace("(", " ").split())
    assert any(line.startswith(tr("(no interviewer)", lang)) for line in rest)

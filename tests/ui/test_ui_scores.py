"""The Scores screen on demo data: bars, drill-down, hidden small groups, messages, no data,
and a language chosen in Settings while it stays open.

The demo responses (two rounds: 50 in 2026-Q2, then 300 in 2026-Q3, fixed seeds) are made
once per run through the engine and copied into each test's database; a test asks for them
with the `demo` fixture. Snapshots of the screen at 80x24, in English, Chinese and 16 colours.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TabbedContent
from ui_helpers import MakeApp, screen_text, settle

from fieldsurvey.demo import make_demo_responses
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import Questionnaire, load_questionnaire
from fieldsurvey.questionnaire.model import OfficeValue
from fieldsurvey.scoring import dimensions
from fieldsurvey.scoring.report import AreaTrend, Trend
from fieldsurvey.scoring.words import quadrant_text
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.ui.app import FieldSurveyApp
from fieldsurvey.ui.i18n import tr
from fieldsurvey.ui.preferences import Preferences
from fieldsurvey.ui.screens.scores import ScoresScreen
from fieldsurvey.ui.screens.settings import SettingsScreen
from fieldsurvey.ui.widgets.score_bars import HIGH, LOW, MARK, BarRow, ScoreBars, draw_bar
from fieldsurvey.ui.widgets.score_rows import area_rows

SIZE = (80, 24)
NO_MESSAGES = tr("No message suggested: this score and its importance do not call for a campaign.")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Complete interviews made by the engine, once per run (about 3 s)."""
    path = tmp_path_factory.mktemp("scores") / "demo.db"
    database = open_store(path)
    questionnaire = load_questionnaire(bundled_questionnaire_path())
    database.set_setting("round", "2026-Q2")
    make_demo_responses(database, questionnaire, 50, seed=11)
    database.set_setting("round", "2026-Q3")
    make_demo_responses(database, questionnaire, 300, seed=12)
    database.close()
    return path


@pytest.fixture
def bundled(bundled: Questionnaire) -> Questionnaire:
    """The bundled questionnaire as an office uses it once its facts are filled in: messages
    with an unfilled placeholder are never shown, and these tests are about showing them."""
    office = [OfficeValue(name=fact.name, value=f"<{fact.name}>") for fact in bundled.office]
    return bundled.model_copy(update={"office": office})


@pytest.fixture
def demo() -> None:
    """Ask for the demo responses: the `db` fixture below copies them in first."""


@pytest.fixture
def db(db_path: Path, demo_template: Path, request: pytest.FixtureRequest) -> Iterator[SQLiteStore]:
    """The test database: empty, or the demo responses when the test asks for `demo`."""
    if "demo" in request.fixturenames:
        shutil.copy(demo_template, db_path)
    database = open_store(db_path)
    yield database
    database.close()


async def open_scores(pilot: Pilot) -> ScoresScreen:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ScoresScreen)
    return screen


def bar_rows(app: FieldSurveyApp, selector: str) -> list[BarRow]:
    return app.screen.query_one(selector).rows  # type: ignore[attr-defined]


def line_with(app: FieldSurveyApp, text: str) -> str:
    return next(line for line in screen_text(app).splitlines() if text in line)


async def choose_dimension(pilot: Pilot, dimension: str, questionnaire: Questionnaire) -> None:
    """`d` opens the list of dimensions; arrows and Enter choose, as a person would."""
    await pilot.press("d")
    await pilot.pause()
    await pilot.press(*["down"] * dimensions(questionnaire).index(dimension), "enter")
    await settle(pilot)


# ----- pilot tests ------------------------------------------------------------------------------


async def test_opens_from_home_with_a_bar_for_each_area(
    make: MakeApp, bundled: Questionnaire, demo: None
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scores(pilot)
        rows = bar_rows(app, "#scores-areas")
        assert [r.key for r in rows] == [a.id for a in bundled.areas]
        report = screen.report
        assert report is not None and report.responses == 300
        for row, area in zip(rows, report.areas, strict=True):
            assert row.value_text == f"{area.score:.1f}" and row.hidden is None
            assert f"{area.score:.1f}" in line_with(app, area.label)
        text = screen_text(app)
        assert "Scores · 2026-Q3" in text and "300 responses" in text
        assert "Scores are for round 2026-Q3 only" in text  # two rounds: the warning shows
        assert f"n {report.areas[0].n}" in text
        assert LOW in text and MARK in text and HIGH in text


async def test_full_labels_where_they_fit_short_ones_where_they_would_be_cut(
    make: MakeApp, bundled: Questionnaire, demo: None
) -> None:
    """The questionnaire's `short:` labels stand in only where the full one would be cut."""
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_scores(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert "Pensioner or benefit recipient " in screen_text(app)  # it fits at 120
        await pilot.press("4")
        await settle(pilot)
        assert "Children's school fees (decoy: no scheme pays them)" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        text = screen_text(app)
        assert "School fees (decoy) " in text and "Children's school fees…" not in text


async def test_drill_down_by_persona_then_geography(
    make: MakeApp, bundled: Questionnaire, demo: None
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scores(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert app.screen.query_one(TabbedContent).active == "groups"
        personas = [p.label["en"] for p in bundled.personas]
        assert [r.label for r in bar_rows(app, "#scores-group-accessibility")] == personas
        assert "Insured worker" in screen_text(app)
        # "Pensioner or benefit recipient" does not fit at 80 columns: its short label does
        assert "Beneficiary " in screen_text(app)
        assert "Pensioner or benefit …" not in screen_text(app)

        await choose_dimension(pilot, "geography", bundled)
        assert app.screen.query_one("#scores-dimension", Select).value == "geography"
        assert set(screen.breakdowns) == {"persona", "geography"}
        report = screen.breakdowns["geography"]
        groups = list(report.groups["geography"].values())
        rows = bar_rows(app, "#scores-group-accessibility")
        assert [r.label for r in rows] == [g.label for g in groups]
        remote = rows[-1]  # 25 respondents: shown, but indicative ("~")
        assert groups[-1].areas[0].status == "indicative"
        assert remote.value_text == f"~{groups[-1].areas[0].score:.1f}"
        gaps = app.screen.query_one("#scores-gaps", Static)
        flagged = [g for g in report.equity_gaps if g.significant]
        assert flagged and flagged[0].group == "remote"
        assert "* Remote area " in str(gaps.content)  # short: the full label would be cut


async def test_a_small_group_shows_why_and_no_number(
    make: MakeApp, bundled: Questionnaire, demo: None
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scores(pilot)
        await choose_dimension(pilot, "gender", bundled)
        groups = screen.breakdowns["gender"].groups["gender"]
        assert groups["other"].status == "suppressed"
        other = next(r for r in bar_rows(app, "#scores-group-accessibility") if r.key == "other")
        assert other.hidden == "fewer than 10 — hidden"
        assert other.value is None and other.value_text == "" and other.note.plain == ""
        line = line_with(app, "Other")
        assert "fewer than 10 — hidden" in line
        assert not re.search(r"\d", line.replace("10", ""))  # no number but the rule's


async def test_suggested_messages_follow_the_area_in_focus(
    make: MakeApp, bundled: Questionnaire, demo: None
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scores(pilot)
        assert screen.report is not None
        areas = screen.report.areas
        assert any(a.messages for a in areas) and not all(a.messages for a in areas)
        messages = app.screen.query_one("#scores-messages-text", Static)
        title = app.screen.query_one("#scores-messages-title", Static)
        for index, area in enumerate(areas):
            if index:
                await pilot.press("down")
            assert area.label in str(title.content)
            if area.messages:
                assert area.messages[0].text in str(messages.content)
            else:  # e.g. a possible overkill: nothing to say
                assert str(messages.content) == NO_MESSAGES


async def test_no_data_yet_on_an_empty_database(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scores(pilot)
        assert screen.report is not None and screen.report.status == "no_data"
        text = screen_text(app)
        assert "No data yet." in text
        assert not app.screen.query_one(TabbedContent).display
        assert "0.0" not in text and "n 0" not in text


async def test_scores_in_chinese(make: MakeApp, bundled: Questionnaire, demo: None) -> None:
    app = make("zh")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scores(pilot)
        text = screen_text(app)
        assert bundled.areas[0].label["zh"] in text
        assert "得分仅针对轮次 2026-Q3" in text
        assert screen.report is not None and screen.report.language == "zh"
        assert screen.report.areas[0].messages[0].text in str(
            app.screen.query_one("#scores-messages-text", Static).content
        )


# ----- the pieces, without an app ---------------------------------------------------------------


# ----- a language chosen in Settings while Scores stays open underneath ---------------------
# Settings opened from the command palette is pushed over Scores; when it is saved and closed,
# Scores is shown again and must speak the new language: its own words at once, and the area,
# group and message texts (resolved when a report is computed) once it is recomputed.


async def choose_language_in_settings(pilot: Pilot, questionnaire: Questionnaire) -> None:
    """Open Settings from the palette, pick Chinese from the language list, save."""
    await pilot.press("ctrl+p", *"Settings")
    await pilot.pause(0.3)  # the palette searches in the background
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SettingsScreen)
    await pilot.press("tab", "tab", "tab")  # interviewer, office, round, then the language
    assert pilot.app.focused is pilot.app.screen.query_one("#settings-language")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(*["down"] * questionnaire.languages.index("zh"), "enter")
    await pilot.pause()
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_scores_speak_the_language_chosen_in_settings(
    make: MakeApp, bundled: Questionnaire, demo: None
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scores(pilot)
        area = bundled.areas[0]
        text = screen_text(app)
        assert "1 Areas" in text and area.label["en"] in text

        await choose_language_in_settings(pilot, bundled)
        assert app.screen is screen  # the same screen, shown again
        assert screen.report is not None and screen.report.language == "zh"
        text = screen_text(app)
        assert f"1 {tr('Areas', 'zh')}" in text and "1 Areas" not in text
        assert area.label["zh"] in text and area.label["en"] not in text
        assert tr("Scores", "zh") in text
        title = str(screen.query_one("#scores-messages-title", Static).content)
        assert title == tr("Suggested messages — {area}", "zh", area=area.label["zh"]) + (
            f" · {quadrant_text(screen.report.areas[0].quadrant, 'zh')}"
            if screen.report.areas[0].quadrant
            else ""
        )
        messages = str(screen.query_one("#scores-messages-text", Static).content)
        assert screen.report.areas[0].messages[0].text in messages


async def test_the_groups_tab_keeps_its_dimension_in_the_new_language(
    make: MakeApp, bundled: Questionnaire, demo: None
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scores(pilot)
        await choose_dimension(pilot, "gender", bundled)
        assert "Gender" in screen_text(app)

        await choose_language_in_settings(pilot, bundled)
        assert app.screen is screen
        assert screen.query_one(TabbedContent).active == "groups"
        assert screen.query_one("#scores-dimension", Select).value == "gender"
        assert set(screen.breakdowns) == {"gender"}
        assert screen.breakdowns["gender"].language == "zh"
        text = screen_text(app)
        assert tr("Gender", "zh") in text and "Gender" not in text
        assert tr("Break down by", "zh") in text
        assert bundled.areas[0].label["zh"] in text


def test_a_bar_marks_its_interval_and_score() -> None:
    bar = draw_bar(50, (40, 60), 20).plain
    assert len(bar) == 20
    assert (bar.index(LOW), bar.index(MARK), bar.index(HIGH)) == (8, 10, 12)
    assert set(bar[:8]) == {"━"} and set(bar[13:]) == {"─"}
    assert draw_bar(100, (98, 100), 10).plain.endswith(MARK)  # the end of the scale is drawn
    assert draw_bar(50, None, 10).plain.count(MARK) == 1


@pytest.mark.parametrize("two_lines", [False, True])
def test_long_chinese_and_khmer_labels_keep_to_the_width(two_lines: bool) -> None:
    long = "工作人员专业素质与服务对象满意度" * 2  # 64 cells
    khmer = "ភាពងាយស្រួលក្នុងការទទួលសេវា" * 3  # combining marks: fewer cells than characters
    rows = [
        BarRow("a", long, value=52.5, ci=(50.0, 55.0), value_text="52.5", note=Content("n 300")),
        BarRow("b", khmer, value=40.0, ci=(35.0, 45.0), value_text="~40.0"),
        BarRow("c", long, hidden="少于 10 人 — 已隐藏"),
    ]
    bars = ScoreBars(rows, two_lines=two_lines, note_width=None if two_lines else 14)
    for width in (100, 76):
        lines = [bars.header(width)]
        for index, row in enumerate(rows):
            lines += bars.row_lines(index, row, width)
        assert all(line.cell_length <= width for line in lines), width
    assert "…" in lines[1].plain  # at 76 cells (80 columns) the label is cut, not wrapped


async def test_trend_arrows_only_where_the_change_is_significant(make: MakeApp, demo: None) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scores(pilot)
        report = screen.report
        assert report is not None and report.trend is not None
        assert all(row.arrow == "" for row in area_rows(report, "en"))  # none significant here
        first, second, *rest = report.trend.areas
        trend = Trend(
            round="2026-Q3",
            previous_round="2026-Q2",
            areas=[
                first.model_copy(update={"direction": "up"}),
                second.model_copy(update={"direction": "down"}),
                *rest,
            ],
        )
        rows = area_rows(report.model_copy(update={"trend": trend}), "en")
        assert [row.arrow for row in rows] == ["↑", "↓", "", ""]
        assert isinstance(trend.areas[0], AreaTrend)


# ----- snapshots ----------------------------------------------------------------------------------


async def steady(pilot: Pilot) -> None:
    """Workers done, tab underline still, cursor steady: the same picture at any speed."""
    await settle(pilot)
    await pilot.wait_for_scheduled_animations()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def keys(*pressed: str):  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot) -> None:
        await steady(pilot)
        for key in pressed:
            await pilot.press(key)
            await steady(pilot)

    return run


@pytest.mark.parametrize("language", ["en", "zh"])
def test_snapshot_areas(snap_compare, make: MakeApp, demo: None, language: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make(language), terminal_size=SIZE, run_before=keys("s"))


def test_snapshot_groups_with_a_hidden_group(  # type: ignore[no-untyped-def]
    snap_compare, make: MakeApp, bundled: Questionnaire, demo: None
) -> None:
    """Gender: "other" and "prefer not to say" are too few to show."""
    downs = ["down"] * dimensions(bundled).index("gender")
    app = make()
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("s", "d", *downs, "enter"))


def test_snapshot_groups_wide(snap_compare, make: MakeApp, demo: None) -> None:  # type: ignore[no-untyped-def]
    """120x40: the full group labels fit, the bars use the width."""
    assert snap_compare(make(), terminal_size=(120, 40), run_before=keys("s", "2"))


def test_snapshot_quadrants_in_sixteen_colours(snap_compare, make: MakeApp, demo: None) -> None:  # type: ignore[no-untyped-def]
    app = make(prefs=Preferences("Li Na", "Changchun Chaoyang", "2026-Q3", "en", "ansi-dark"))
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("s", "3"))


def test_snapshot_no_data(snap_compare, make: MakeApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make("zh"), terminal_size=SIZE, run_before=keys("s"))


async def test_awareness_lists_the_least_known_benefit_first(make: MakeApp, demo: None) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_scores(pilot)
        await pilot.press("4")
        await settle(pilot)
        rows = bar_rows(app, "#scores-awareness")
        shown = [row.value for row in rows if row.value is not None]
        assert len(shown) > 1 and shown == sorted(shown)
        assert all(row.value is None for row in rows[len(shown) :])  # hidden ones last


@pytest.mark.parametrize(
    ("lang", "old"),
    [
        ("en", ["Concentrate here", "Keep up the good work", "Low priority", "Possible overkill"]),
        ("zh", ["次要", "可能投入过度"]),
        ("km", ["ផ្តោតលើចំណុចនេះ", "បន្តការងារល្អ", "អាទិភាពទាប", "អាចលើសតម្រូវការ"]),
    ],
)
async def test_quadrants_are_named_in_plain_words(
    make: MakeApp, demo: None, lang: str, old: list[str]
) -> None:
    app = make(prefs=Preferences("Li Na", "Changchun Chaoyang", "2026-Q3", lang, "textual-dark"))
    async with app.run_test(size=SIZE) as pilot:
        await open_scores(pilot)
        await pilot.press("3")
        await settle(pilot)
        text = screen_text(app)
        report = app.screen.report  # type: ignore[attr-defined]
        words = {quadrant_text(area.quadrant, lang) for area in report.areas}
        assert words and all(word in text for word in words), text
        assert not any(word in text for word in old) and "overkill" not in text


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "ansi-dark", "ansi-light"])
async def test_the_breakdown_menu_has_a_border_and_contrast(
    make: MakeApp, demo: None, theme: str
) -> None:
    app = make(prefs=Preferences("Li Na", "Changchun Chaoyang", "2026-Q3", "en", theme))
    async with app.run_test(size=SIZE) as pilot:
        await open_scores(pilot)
        await pilot.press("d")
        await settle(pilot)
        overlay = app.screen.query_one("#scores-dimension SelectOverlay")
        assert overlay.display and overlay.region.height > 2
        styles = overlay.styles
        assert all(edge[0] == "round" for edge in styles.border)
        assert styles.background.a > 0 and styles.color != styles.background
        highlight = overlay.get_component_styles("option-list--option-highlighted")
        assert highlight.background != styles.background


async def test_the_round_picker_scores_another_round_named_in_the_title(
    make: MakeApp, demo: None
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scores(pilot)
        assert screen.report is not None and screen.report.rounds == ["2026-Q2", "2026-Q3"]
        assert screen.report.round == "2026-Q3" and "Scores · 2026-Q3" in screen_text(app)
        await pilot.press("p")  # the list opens on the round shown, newest first
        await pilot.pause()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert (screen.report.round, screen.report.responses) == ("2026-Q2", 50)
        assert "Scores · 2026-Q2" in screen_text(app)


async def test_rejected_interviews_are_left_out_until_x_brings_them_in(
    make: MakeApp, db: SQLiteStore, demo: None
) -> None:
    from fieldsurvey.review import record_decision

    for (uuid,) in db.execute("SELECT uuid FROM responses ORDER BY id DESC LIMIT 3").fetchall():
        record_decision(db, uuid, "rejected", "made up")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scores(pilot)
        assert screen.report is not None and screen.report.responses == 297
        assert "297 responses · 3 rejected left out (x)" in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
        assert screen.report.responses == 300
        assert "300 responses · 3 rejected included (x)" in screen_text(app)

"""The Office indicators screen: counts typed, saved through `set_counts`, ratios shown.

Refused entries show their message under the field and leave the database as it was. Counts
are written straight with `set_counts` where a test only needs them stored.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TabbedContent
from ui_helpers import MakeApp, screen_text, settle

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.scoring.indicators import set_counts
from fieldsurvey.scoring.ratios import office_table
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.ui.i18n import tr
from fieldsurvey.ui.screens.indicators import NEW_OFFICE, IndicatorsScreen
from fieldsurvey.ui.widgets.indicator_ratios import RatioTable

SIZE = (80, 24)
OFFICE = "Changchun Chaoyang"  # the office in the test preferences
Q2 = {
    "offices": 3,
    "front_desk_staff": 40,
    "clients_received": 12000,
    "claims_received": 800,
    "claims_rejected": 64,
    "complaints_received": 48,
    "questionnaires_received": 300,
    "questionnaires_issued": 400,
}


def stored_rows(db: SQLiteStore) -> list[tuple]:
    return db.execute("SELECT * FROM indicator_values ORDER BY 1, 2, 3").fetchall()


async def open_indicators(pilot: Pilot) -> IndicatorsScreen:
    await settle(pilot)
    await pilot.press("o")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, IndicatorsScreen)
    return screen


async def type_count(pilot: Pilot, indicator: str, text: str) -> None:
    """Click-free typing into one count: focus it, type, as a person would."""
    box = pilot.app.screen.query_one(f"#count-{indicator}", Input)
    box.focus()
    await pilot.pause()
    await pilot.press(*text)


def problem(pilot: Pilot, indicator: str) -> str:
    return str(pilot.app.screen.query_one(f"#problem-{indicator}", Static).content)


async def test_counts_entered_and_saved_then_the_ratios_appear(
    make: MakeApp, db: SQLiteStore, bundled: Questionnaire
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_indicators(pilot)
        assert app.screen.query_one("#indicators-period", Input).value == "2026-Q3"
        await type_count(pilot, "front_desk_staff", "40")
        await type_count(pilot, "clients_received", "1200")
        await type_count(pilot, "complaints_received", "6")
        await pilot.press("ctrl+s")
        await settle(pilot)
        table = office_table(db, bundled, OFFICE)
        values = {row.id: row.values for row in table.rows}
        assert table.periods == ["2026-Q3"]
        assert values["front_desk_staff"] == [40] and values["clients_received"] == [1200]
        assert app.screen.query_one(TabbedContent).active == "ratios"
        ratio_table = app.screen.query_one(RatioTable)
        row = ratio_table.get_row("clients_per_front_desk_staff")
        assert row[1].plain.startswith("30.0")
        assert "Saved 3 counts for Changchun Chaoyang, 2026-Q3." in screen_text(app)
        assert ratio_table.get_row("complaints_per_1000_clients")[1].plain.startswith("5.00")


async def test_a_negative_count_is_refused_and_nothing_is_written(
    make: MakeApp, db: SQLiteStore, bundled: Questionnaire
) -> None:
    set_counts(db, bundled, OFFICE, "2026-Q2", Q2)
    before = stored_rows(db)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_indicators(pilot)
        await type_count(pilot, "front_desk_staff", "-5")
        await type_count(pilot, "clients_received", "900")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert problem(pilot, "front_desk_staff") == "! " + tr(
            "A count cannot be negative ({value}).", value="-5"
        )
        assert problem(pilot, "clients_received") == ""
        assert tr("Nothing was saved: correct the entries marked !.") in screen_text(app)
        assert "A count cannot be negative (-5)." in screen_text(app)
        assert app.focused is app.screen.query_one("#count-front_desk_staff")
        assert stored_rows(db) == before  # not even the good count was written


async def test_not_a_number_then_nothing_is_refused_in_chinese(
    make: MakeApp, db: SQLiteStore
) -> None:
    app = make("zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_indicators(pilot)
        await type_count(pilot, "offices", "-")  # an integer field lets a lone sign through
        await pilot.press("ctrl+s")
        await settle(pilot)
        expected = tr("“{value}” is not a whole number.", "zh", value="-")
        assert problem(pilot, "offices") == f"! {expected}"
        assert "未保存任何数据" in screen_text(app)

        await pilot.press("backspace", "ctrl+s")
        await settle(pilot)
        assert problem(pilot, "offices") == ""
        assert tr("Enter at least one count.", "zh") in screen_text(app)
        assert stored_rows(db) == []


async def test_stored_counts_fill_the_form_with_the_previous_period_beside(
    make: MakeApp, db: SQLiteStore, bundled: Questionnaire
) -> None:
    set_counts(db, bundled, OFFICE, "2026-Q2", Q2)
    set_counts(db, bundled, OFFICE, "2026-Q3", {**Q2, "front_desk_staff": 44})
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_indicators(pilot)
        box = app.screen.query_one("#count-front_desk_staff", Input)
        assert box.value == "44"
        previous = app.screen.query_one("#previous-front_desk_staff", Static)
        assert str(previous.content) == "2026-Q2: 40"
        period = app.screen.query_one("#indicators-period", Input)
        period.value = "2026-Q2"
        await pilot.pause()
        assert box.value == "40"


async def test_zero_denominator_is_na_with_the_reason(
    make: MakeApp, db: SQLiteStore, bundled: Questionnaire
) -> None:
    set_counts(db, bundled, OFFICE, "2026-Q2", Q2)
    set_counts(db, bundled, OFFICE, "2026-Q3", {**Q2, "front_desk_staff": 0, "claims_rejected": 40})
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_indicators(pilot)
        await pilot.press("f3")
        await settle(pilot)
        ratio_table = app.screen.query_one(RatioTable)
        row = ratio_table.get_row("clients_per_front_desk_staff")
        assert [cell.plain for cell in row[1:3]] == ["300", "n/a"]
        detail = str(app.screen.query_one("#indicators-ratio-detail", Static).content)
        assert "“Number of front-desk staff” is 0 in 2026-Q3" in detail
        rejected = ratio_table.get_row("claims_rejected_per_100")
        assert rejected[2].plain == "5.00 ↓" and rejected[3].plain == "↓ better"


async def test_a_new_office_with_a_refused_name_then_a_good_one(
    make: MakeApp, db: SQLiteStore
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_indicators(pilot)
        app.screen.query_one("#indicators-office", Select).value = NEW_OFFICE
        await pilot.pause()
        name = app.screen.query_one("#indicators-new-office", Input)
        assert app.focused is name
        await pilot.press(*"N/E")
        await type_count(pilot, "offices", "2")
        await pilot.press("ctrl+s")
        await settle(pilot)
        where = str(app.screen.query_one("#indicators-where-problem", Static).content)
        assert where.startswith("! Office: use letters, digits")
        assert stored_rows(db) == []

        name.value = "Jilin North"
        app.screen.query_one("#indicators-period", Input).value = "2026-Q4"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.screen.query_one("#indicators-where-problem").display
        assert db.offices() == ["Jilin North"]
        assert stored_rows(db)[0][:4] == ("Jilin North", "2026-Q4", "offices", 2)
        assert app.screen.query_one("#indicators-office", Select).value == "Jilin North"
        assert not name.display


# ----- snapshots ----------------------------------------------------------------------------------


def keys(*pressed: str):  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
        await pilot.wait_for_scheduled_animations()  # the tab underline
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    return run


@pytest.fixture
def two_periods(db: SQLiteStore, bundled: Questionnaire) -> None:
    set_counts(db, bundled, OFFICE, "2026-Q2", Q2)
    set_counts(db, bundled, OFFICE, "2026-Q3", {**Q2, "front_desk_staff": 0, "claims_rejected": 40})
    set_counts(db, bundled, "Jilin North", "2026-Q3", {"offices": 2})


@pytest.mark.parametrize("language", ["en", "zh"])
def test_snapshot_counts(snap_compare, make: MakeApp, two_periods: None, language: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make(language), terminal_size=SIZE, run_before=keys("o"))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_snapshot_ratios(snap_compare, make: MakeApp, two_periods: None, language: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make(language), terminal_size=SIZE, run_before=keys("o", "f3"))


def test_snapshot_refused(snap_compare, make: MakeApp) -> None:  # type: ignore[no-untyped-def]
    steps = keys("o", "tab", "-", "5", "ctrl+s")
    assert snap_compare(make(), terminal_size=SIZE, run_before=steps)


@pytest.mark.parametrize("language", ["en", "km"])
def test_snapshot_counts_wide(  # type: ignore[no-untyped-def]
    snap_compare, make: MakeApp, two_periods: None, language: str
) -> None:
    """At 120x40 the labels widen until the longest one fits."""
    assert snap_compare(make(language), terminal_size=(120, 40), run_before=keys("o"))


async def test_labels_use_a_wide_screen(make: MakeApp, bundled: Questionnaire) -> None:
    longest = max((i.label["en"] for i in bundled.indicators), key=len)
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert longest in screen_text(app)  # whole at 120 columns
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert longest not in screen_text(app)  # cut at 80, as before
        assert longest[:20] in screen_text(app)

"""Snapshots of every screen at 80x24, in English and Chinese (and three in 16 colours).

Scores, Sync and Office indicators are snapshotted by their own issues' tests, which own
those screens; here they are reached (test_ui_app.py) but not pictured.

Snapshots are deterministic: a fixed device id and clock (conftest), stored times frozen
below, workers awaited and the text cursor not blinking. Regenerate with
`uv run pytest tests/ui --snapshot-update` and look at the SVGs before committing them.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from ui_helpers import MakeApp, settle

from fieldsurvey.engine import start_interview
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.records import utc_now
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.ui.preferences import Preferences

SIZE = (80, 24)
FROZEN_STAMP = "2026-05-04T08:15:00.000+00:00"

Steps = Callable[[Pilot], Awaitable[None]]


@pytest.fixture(autouse=True)
def _frozen_store_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Drafts show when they were last touched: make that a fixed time.

    Every core module that imported the store's clock gets the frozen one, whatever its name.
    """
    import fieldsurvey.engine  # noqa: F401  (load the modules that write timestamps)

    for name, module in list(sys.modules.items()):
        if name.startswith("fieldsurvey.") and getattr(module, "utc_now", None) is utc_now:
            monkeypatch.setattr(module, "utc_now", lambda: FROZEN_STAMP)


async def steady(pilot: Pilot) -> None:
    """Workers done, cursor steady: what the snapshot sees does not depend on timing."""
    await settle(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def keys(*pressed: str) -> Steps:
    async def run(pilot: Pilot) -> None:
        await steady(pilot)
        await pilot.press(*pressed)
        await steady(pilot)

    return run


TO_FIRST_LIKERT = (
    *("n", "1", "enter", "1"),  # start, consent (script page), intro note, worker
    *("1", "1", "1", "4"),  # scheme, mode (interviewer), contact in 12 months, overall
    *("1", "1", "1", "5", "enter", "2", "enter"),  # the last contact: channel .. contacts
    *("1", "4", "2", "enter"),  # got it, satisfied with it, no complaint, battery intro
)
"""Keys from Home to the first statement of the area batteries (bundled questionnaire)."""

SCENARIOS: dict[str, Steps] = {
    "home": keys(),
    "settings": keys("e"),
    "consent": keys("n"),
    "number_with_error": keys(*TO_FIRST_LIKERT[:-6], "0", "enter"),
    "likert": keys(*TO_FIRST_LIKERT),
    "self_completion_notice": keys("n", "1", "enter", "1", "1", "2"),  # the client alone
    "review": keys("n", "1", "enter", "2", "ctrl+r"),
    "finish_confirm": keys("n", "1", "enter", "2", "ctrl+r", "f"),
    "finish_problems": keys("n", "1", "enter", "2", "ctrl+r", "f", "y"),
}

CHANNELS = [
    ("office_visit", "Visiting an office", "到经办网点办理"),
    ("hotline", "Phone hotline", "服务热线电话"),
    ("website_app", "Website or mobile app", "网站或手机应用"),
]
WIDGETS = {
    "id": "widgets",
    "version": "1",
    "title": {"en": "Date and rank", "zh": "日期和排序"},
    "languages": ["en", "zh"],
    "default_language": "en",
    "personas": [{"id": "worker", "label": {"en": "Worker", "zh": "职工"}}],
    "scales": [
        {
            "id": "agree2",
            "points": [
                {"value": 1, "label": {"en": "Disagree", "zh": "不同意"}},
                {"value": 2, "label": {"en": "Agree", "zh": "同意"}},
            ],
            "dk": {"value": "dk", "label": {"en": "Don't know", "zh": "不知道"}},
        }
    ],
    "choice_lists": [
        {
            "id": "channels",
            "choices": [{"value": v, "label": {"en": en, "zh": zh}} for v, en, zh in CHANNELS],
        }
    ],
    "survey": [
        {
            "type": "date",
            "id": "visit",
            "label": {"en": "When did you last visit?", "zh": "您最近一次是什么时候去的？"},
            "constraint": ". <= today()",
        },
        {
            "type": "rank",
            "id": "channels_rank",
            "label": {"en": "Order these, preferred first.", "zh": "请排序，最喜欢的在前。"},
            "choices": "channels",
        },
    ],
}
"""The bundled questionnaire has no date or rank question since 2.0: their widgets are
pictured on this small form."""
WIDGET_SCENARIOS: dict[str, Steps] = {
    "date_with_error": keys("n", *"2024-02-30", "enter"),
    "rank": keys("n", *"2024-02-03", "enter", "2"),
}


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_screen(snap_compare, make: MakeApp, scenario: str, language: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make(language), terminal_size=SIZE, run_before=SCENARIOS[scenario])


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("scenario", list(WIDGET_SCENARIOS))
def test_widget_screen(snap_compare, make: MakeApp, scenario: str, language: str) -> None:  # type: ignore[no-untyped-def]
    app = make(language, questionnaire=Questionnaire.model_validate(WIDGETS))
    assert snap_compare(app, terminal_size=SIZE, run_before=WIDGET_SCENARIOS[scenario])


@pytest.mark.parametrize("language", ["en", "zh"])
def test_home_with_a_draft_to_resume(
    snap_compare,  # type: ignore[no-untyped-def]
    make: MakeApp,
    db: SQLiteStore,
    bundled: Questionnaire,
    language: str,
) -> None:
    app = make(language)
    interview = start_interview(db, bundled)
    interview.answer("consent", "yes")
    interview.next()
    interview.next()
    interview.answer("persona", "employer")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys())


@pytest.mark.parametrize("language", ["en", "zh"])
def test_first_run_settings(snap_compare, make: MakeApp, language: str) -> None:  # type: ignore[no-untyped-def]
    app = make(prefs=Preferences(language=language, theme="textual-dark"))
    assert snap_compare(app, terminal_size=SIZE, run_before=keys())


def test_too_small(snap_compare, make: MakeApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make(), terminal_size=(70, 20), run_before=keys())


@pytest.mark.parametrize("scenario", ["home", "likert", "review"])
def test_sixteen_colours(snap_compare, make: MakeApp, scenario: str) -> None:  # type: ignore[no-untyped-def]
    """The ANSI theme the automatic choice picks on 16-colour terminals."""
    app = make(prefs=Preferences("Li Na", "Changchun Chaoyang", "2026-Q3", "en", "ansi-dark"))
    assert snap_compare(app, terminal_size=SIZE, run_before=SCENARIOS[scenario])


def test_khmer_likert(snap_compare, make: MakeApp) -> None:  # type: ignore[no-untyped-def]
    """Khmer labels (combining marks, long words) wrap inside 80 columns."""
    assert snap_compare(make("km"), terminal_size=SIZE, run_before=SCENARIOS["likert"])


WIDE = (120, 40)
"""A laptop's full-screen terminal: the progress bar and the pages use the width."""


@pytest.mark.parametrize(
    ("scenario", "language"),
    [("home", "en"), ("likert", "en"), ("likert", "zh"), ("review", "en")],
)
def test_wide_screen(snap_compare, make: MakeApp, scenario: str, language: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make(language), terminal_size=WIDE, run_before=SCENARIOS[scenario])

"""Opening the Scores screen on a 20,000-response database, against `score()` called directly.

    uv run python bench/bench_scores_screen.py [--responses 20000] [--runs 5] [--rebuild]

The database is the one `bench/bench_scores.py` builds with `fieldsurvey demo` (through the
engine, the bundled questionnaire), copied to its own file under bench/out/ because the app
stores its preferences in the database it opens; it is built here (about two minutes) when
neither exists. In one process and one run, alternating so both see the same machine state:

- `score(db, questionnaire, lang="en")`, the report the screen computes when it opens;
- the app (headless, 80x24) on Home, `s` pressed, until the refresh after the report's bars
  were set (`scores`); the screen itself paints first with a loading indicator (`1st paint`)
  while the report is computed in a thread worker. Then Escape back to Home for the next run.

Target: the screen shows its scores in under 1 s; the ratio says what the UI adds to scoring.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

from textual import on

from fieldsurvey.demo import make_demo_responses
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import Questionnaire, load_questionnaire
from fieldsurvey.scoring import score
from fieldsurvey.store.sqlite import open_store
from fieldsurvey.ui.app import FieldSurveyApp, make_app
from fieldsurvey.ui.preferences import Preferences
from fieldsurvey.ui.screens import scores as scores_module
from fieldsurvey.ui.screens.scores import ScoresScreen

OUT = Path(__file__).resolve().parent / "out"
TARGET_S = 1.0


def database(responses: int, questionnaire: Questionnaire, rebuild: bool) -> Path:
    """This benchmark's copy of the demo database, made or copied once."""
    path = OUT / f"bench_scores_screen_{responses}.db"
    if path.exists() and not rebuild:
        return path
    shared = OUT / f"bench_scores_demo_{responses}.db"
    OUT.mkdir(exist_ok=True)
    start = time.perf_counter()
    if shared.exists() and not rebuild:
        shutil.copy(shared, path)
        print(f"copied {shared.name} to {path.name} in {time.perf_counter() - start:.1f} s")
    else:
        path.unlink(missing_ok=True)
        db = open_store(path)
        make_demo_responses(db, questionnaire, responses, seed=1)
        db.close()
        print(f"built {path.name} in {time.perf_counter() - start:.1f} s")
    return path


def app_on(path: Path, questionnaire: Questionnaire) -> FieldSurveyApp:
    prefs = Preferences("Bench", "Bench office", "R1", "en", "textual-dark")
    fixed = datetime(2026, 5, 4, 10, 30, tzinfo=UTC)
    return make_app(open_store(path), questionnaire, preferences=prefs, clock=lambda: fixed)


class TimedScoresScreen(ScoresScreen):
    """The Scores screen noting when it first painted and when its scores painted."""

    marks: ClassVar[dict[str, float]] = {}

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self.mark, "first_paint")

    @on(ScoresScreen.ReportReady)
    def mark_scores(self, event: ScoresScreen.ReportReady) -> None:
        if event.dimension is None:
            self.call_after_refresh(self.mark, "scores_shown")

    def mark(self, name: str) -> None:
        self.marks[name] = time.perf_counter()


async def open_screen_runs(app: FieldSurveyApp, runs: int, direct: list[float]) -> dict:
    """Time each opening of Scores from Home (`s`); a direct `score()` call between them."""
    found: dict[str, list[float]] = {"first_paint": [], "scores_shown": []}
    marks = TimedScoresScreen.marks
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        for _ in range(runs):
            direct.append(timed_score(app))
            marks.clear()
            start = time.perf_counter()
            await pilot.press("s")
            while "scores_shown" not in marks:
                await asyncio.sleep(0.002)
            for name in found:
                found[name].append(marks[name] - start)
            assert app.screen.query_one("#scores-areas").rows  # type: ignore[attr-defined]
            await pilot.press("escape")
            await pilot.pause()
    return found


def timed_score(app: FieldSurveyApp) -> float:
    start = time.perf_counter()
    score(app.ctx.store, app.ctx.questionnaire, lang="en")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    questionnaire = load_questionnaire(bundled_questionnaire_path())
    path = database(args.responses, questionnaire, args.rebuild)
    scores_module.ScoresScreen = TimedScoresScreen  # type: ignore[misc]  (what `s` opens)
    app = app_on(path, questionnaire)
    timed_score(app)  # warm the page cache and scipy's import, as a second opening would
    direct: list[float] = []
    times = asyncio.run(open_screen_runs(app, args.runs, direct))
    shown, first = times["scores_shown"], times["first_paint"]
    ratio = statistics.median(shown) / statistics.median(direct)
    print(f"{args.responses} responses, {args.runs} runs (median / best)")
    print(f"score() directly:        {statistics.median(direct):6.3f} s / {min(direct):.3f} s")
    print(f"Scores screen, 1st paint: {statistics.median(first):6.3f} s / {min(first):.3f} s")
    print(f"Scores screen, scores:   {statistics.median(shown):6.3f} s / {min(shown):.3f} s")
    print(f"ratio screen / score():  {ratio:6.2f}x   (target: scores shown < {TARGET_S:.0f} s)")
    result = {
        "responses": args.responses,
        "runs": args.runs,
        "score_s": direct,
        "first_paint_s": first,
        "scores_shown_s": shown,
        "median_ratio": round(ratio, 2),
        "ok": statistics.median(shown) < TARGET_S,
    }
    (OUT / "bench_scores_screen.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()

"""Benchmark: "all areas × persona" scoring against a hand-written SQL GROUP BY.

    uv run python bench/bench_scores.py [--source demo|synthetic] [--responses 20000] [--rebuild]

Builds once, cached under bench/out/, a database of complete responses: by default with
`fieldsurvey demo` (through the interview engine, the bundled questionnaire: 31 items in 4
areas, 11 segments, 7 benefits; ~60 answers each, ~1.2 M answers; about two minutes), or with
`--source synthetic` written straight into the tables (a questionnaire of 4 areas × 6 items,
8 segments, 5 benefits; ~50 answers each, in seconds). Then times, in the same run and file,
`score(db, questionnaire, by="persona")` and a GROUP BY that only averages item scores per area
and persona (no intervals, alpha, importance or suppression), using the fastest of the
GROUP BYs we wrote. Targets: ratio <= 1.5, under 1 s. Also times a breakdown by every dimension.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import numpy as np

from fieldsurvey.demo import make_demo_responses
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import Questionnaire, load_questionnaire
from fieldsurvey.scoring import dimensions, score
from fieldsurvey.store.sqlite import SQLiteStore, open_store

OUT = Path(__file__).parent / "out"
AREAS = ["accessibility", "equal_treatment", "professional_approach", "learning"]
PERSONAS = ["worker", "employer", "beneficiary"]
SEGMENTS = {
    "programme": ["pension", "unemployment", "family", "health", "injury"],
    "service_mode": ["staff", "self", "agent", "third_party"],
    "age_group": ["under_30", "30_49", "50_64", "65_plus"],
    "geography": ["metropolitan", "rural", "remote"],
    "gender": ["female", "male", "other"],
    "disability": ["yes", "no"],
    "ict_adoption": ["early", "follower", "no_access"],
    "income": ["low", "middle", "high"],
}
BENEFITS = ["pension", "unemployment", "family", "health", "injury"]
OTHERS = [f"other_{i}" for i in range(8)]
ITEMS_PER_AREA = 6


def _text(value: str) -> dict[str, str]:
    return {"en": value}


def bench_questionnaire() -> Questionnaire:
    """A questionnaire with the bundled one's shape (areas, personas, segments, benefits)."""
    yes_no = [{"value": v, "label": _text(v)} for v in ("yes", "no", "dk")]
    lists = [{"id": "yes_no_dk", "choices": yes_no}]
    lists += [
        {"id": name, "choices": [{"value": v, "label": _text(v)} for v in values]}
        for name, values in {**SEGMENTS, "persona": PERSONAS, "area": AREAS}.items()
    ]
    survey: list[dict] = [
        {"type": "select_one", "id": "persona", "label": _text("?"), "choices": "persona"},
        *[
            {"type": "select_one", "id": s, "label": _text(s), "choices": s, "segment": s}
            for s in SEGMENTS
        ],
        *[{"type": "area", "area": a} for a in AREAS],
        {"type": "integer", "id": "overall", "label": _text("0-10")},
        {"type": "select_one", "id": "most_important", "label": _text("?"), "choices": "area"},
        *[
            {"type": "select_one", "id": f"aware_{b}", "label": _text(b), "choices": "yes_no_dk"}
            for b in BENEFITS
        ],
        *[{"type": "text", "id": o, "label": _text(o)} for o in OTHERS],
    ]
    areas = [
        {
            "id": a,
            "label": _text(a.replace("_", " ").capitalize()),
            "items": [
                {"id": f"{a}_{i}", "label": _text(f"{a} {i}"), "reverse": i == ITEMS_PER_AREA}
                for i in range(1, ITEMS_PER_AREA + 1)
            ],
        }
        for a in AREAS
    ]
    points = [{"value": v, "label": _text(str(v))} for v in range(1, 6)]
    return Questionnaire.model_validate(
        {
            "id": "client-satisfaction",
            "version": "bench",
            "title": _text("Bench"),
            "languages": ["en"],
            "default_language": "en",
            "personas": [{"id": p, "label": _text(p)} for p in PERSONAS],
            "choice_lists": lists,
            "scales": [
                {"id": "agree5", "points": points, "dk": {"value": "dk", "label": _text("DK")}}
            ],
            "areas": areas,
            "survey": survey,
            "benefits": [{"id": b, "label": _text(b), "question": f"aware_{b}"} for b in BENEFITS],
            "scoring": {"overall": "overall", "most_important_area": "most_important"},
        }
    )


def build_demo(path: Path, questionnaire: Questionnaire, responses: int) -> None:
    """Interviews made by `fieldsurvey demo`, through the engine."""
    path.unlink(missing_ok=True)
    db = open_store(path)
    make_demo_responses(db, questionnaire, responses, seed=1)
    db.close()


def build_database(path: Path, responses: int) -> None:
    """Complete responses with uneven areas: persona and geography shift the latent scores."""
    rng = np.random.default_rng(1)
    path.unlink(missing_ok=True)
    db = open_store(path)
    db.conn.execute("PRAGMA synchronous = OFF")
    persona = rng.integers(0, len(PERSONAS), responses)
    segments = {s: rng.integers(0, len(v), responses) for s, v in SEGMENTS.items()}
    shift = np.array([0.0, 0.4, -0.3])[persona] - 0.4 * segments["geography"]
    latent = np.array([3.0, 3.4, 3.7, 2.8]) + shift[:, None] + rng.normal(0, 0.7, (responses, 4))
    now = "2026-01-01T00:00:00.000+00:00"
    with db.unit_of_work():
        for row in range(responses):
            rid = _insert_response(db, PERSONAS[persona[row]], now)
            answers = _answers(rng, row, latent[row], persona[row], segments)
            db.conn.executemany(
                "INSERT INTO answers VALUES (?, ?, ?, ?)",
                [(rid, q, json.dumps(v), now) for q, v in answers.items()],
            )
    db.close()


def _insert_response(db: SQLiteStore, persona: str, now: str) -> int:
    cursor = db.conn.execute(
        "INSERT INTO responses (uuid, questionnaire_id, questionnaire_version, "
        "questionnaire_hash, device_id, language, persona, status, started_at, updated_at, "
        "completed_at, round) VALUES (?, 'client-satisfaction', 'bench', 'h', 'bench', 'en', "
        "?, 'complete', ?, ?, ?, '2026-1')",
        [str(uuid.uuid4()), persona, now, now, now],
    )
    return int(cursor.lastrowid or 0)


def _answers(
    rng: np.random.Generator, row: int, latent: np.ndarray, persona: int, segments: dict
) -> dict[str, object]:
    answers: dict[str, object] = {"persona": PERSONAS[persona]}
    answers.update({s: SEGMENTS[s][segments[s][row]] for s in SEGMENTS})
    raw = np.clip(np.rint(latent[:, None] + rng.normal(0, 0.8, (4, ITEMS_PER_AREA))), 1, 5)
    dk = rng.random((4, ITEMS_PER_AREA)) < 0.05
    for a, area in enumerate(AREAS):
        for i in range(ITEMS_PER_AREA):
            value = int(raw[a, i]) if i < ITEMS_PER_AREA - 1 else 6 - int(raw[a, i])
            answers[f"{area}_{i + 1}"] = "dk" if dk[a, i] else value
    answers["overall"] = int(np.clip(np.rint(latent.mean() * 2.5 - 2.5), 0, 10))
    answers["most_important"] = AREAS[int(rng.integers(0, 4))]
    answers.update({f"aware_{b}": str(rng.choice(["yes", "no", "dk"])) for b in BENEFITS})
    answers.update({o: "comment" for o in OTHERS})
    return answers


GROUP_BY = """
SELECT r.persona, items.area,
       AVG((CASE WHEN items.reverse THEN items.k + 1 - a.value ELSE a.value END - 1)
           * 100.0 / (items.k - 1)), COUNT(*)
FROM responses r
JOIN answers a ON a.response = r.id
JOIN bench_items items ON items.question = a.question
WHERE r.status = 'complete' AND r.is_head = 1 AND r.questionnaire_id = 'client-satisfaction'
  AND a.value != '"dk"'
GROUP BY r.persona, items.area
"""


def prepare_group_by(db: SQLiteStore, questionnaire: Questionnaire) -> None:
    """The item -> area map as an indexed temp table: the fastest of the GROUP BYs we tried
    (a VALUES CTE or CASE expressions took 10-20 % longer, json_each 2.5 times longer)."""
    db.execute(
        "CREATE TEMP TABLE IF NOT EXISTS bench_items "
        "(question TEXT PRIMARY KEY, area TEXT, reverse INTEGER, k INTEGER) WITHOUT ROWID"
    )
    db.conn.executemany(
        "INSERT OR REPLACE INTO bench_items VALUES (?, ?, ?, ?)",
        [
            (i.id, a.id, int(i.reverse), questionnaire.scale_by_id[i.scale].size)
            for a in questionnaire.areas
            for i in a.items
        ],
    )


def group_by(db: SQLiteStore) -> list[tuple]:
    return db.execute(GROUP_BY).fetchall()


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", choices=["demo", "synthetic"], default="demo")
    parser.add_argument("--responses", type=int, default=20_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    path = OUT / f"bench_scores_{args.source}_{args.responses}.db"
    if args.source == "demo":
        questionnaire = load_questionnaire(bundled_questionnaire_path())
    else:
        questionnaire = bench_questionnaire()
    if args.rebuild or not path.exists():
        start = time.perf_counter()
        if args.source == "demo":
            build_demo(path, questionnaire, args.responses)
        else:
            build_database(path, args.responses)
        print(f"built {path} in {time.perf_counter() - start:.1f} s")
    db = open_store(path)
    answers = db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
    prepare_group_by(db, questionnaire)
    score(db, questionnaire, by="persona")  # warm the page cache and scipy's import
    group_by(db)
    ours, theirs, every = [], [], []
    for _ in range(args.runs):  # interleaved, so a busy machine slows both alike
        ours.append(timed(lambda: score(db, questionnaire, by="persona")))
        theirs.append(timed(lambda: group_by(db)))
        every.append(timed(lambda: score(db, questionnaire, by=dimensions(questionnaire))))
    print(f"{args.responses} responses, {answers} answers ({args.runs} runs: min / median)")
    print(f"score(by='persona'):  {_both(ours)}")
    print(f"SQL GROUP BY:         {_both(theirs)}")
    print(f"ratio:                {min(ours) / min(theirs):7.2f}x / "
          f"{statistics.median(ours) / statistics.median(theirs):.2f}x"
          "  (target <= 1.5x, < 1000 ms)")  # fmt: skip
    print(f"score(by=all {len(dimensions(questionnaire))} dimensions): {_both(every)}")


def _both(times: list[float]) -> str:
    return f"{min(times) * 1000:7.1f} ms / {statistics.median(times) * 1000:7.1f} ms"


if __name__ == "__main__":
    main()

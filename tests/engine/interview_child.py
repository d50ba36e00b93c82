"""A warmed-up process that forks one scripted interview per command (kill -9 test helper).

Forking from a process that has already imported fieldsurvey and built the questionnaire's
plan makes each trial cost milliseconds instead of a Python start-up.

Protocol, one line each. stdin: `RUN <database path> <seed>`. The forked child prints
`PID <pid>`, `STARTED <response id>`, `ACK <question>` after each answer() has returned,
`COMPLETE` after complete(); the parent prints `DONE <wait status>` once the child is gone.
"""

from __future__ import annotations

import os
import random
import sys
import traceback
from typing import Any

from fieldsurvey.engine import plan_for, start_interview
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.sqlite import open_store


def _choices(list_id: str, *values: str) -> dict[str, Any]:
    return {"id": list_id, "choices": [{"value": v, "label": {"en": v}} for v in values]}


QUESTIONNAIRE: dict[str, Any] = {
    "id": "kill-test",
    "version": "1",
    "title": {"en": "Kill test"},
    "languages": ["en"],
    "default_language": "en",
    "consent": {"question": "consent"},
    "personas": [{"id": "worker", "label": {"en": "W"}}, {"id": "employer", "label": {"en": "E"}}],
    "choice_lists": [_choices("yes_no", "yes", "no"), _choices("who", "worker", "employer")],
    "scales": [
        {
            "id": "agree5",
            "points": [{"value": v, "label": {"en": str(v)}} for v in range(1, 6)],
            "dk": {"value": "dk", "label": {"en": "DK"}},
        }
    ],
    "survey": [
        {"type": "select_one", "id": "consent", "label": {"en": "OK?"}, "choices": "yes_no"},
        {
            "type": "select_one",
            "id": "persona",
            "label": {"en": "Who"},
            "choices": "who",
            "persona": True,
        },
        {
            "type": "group",
            "id": "workers",
            "relevant": "${persona} = 'worker'",
            "items": [
                {"type": "integer", "id": "age", "label": {"en": "Age"}},
                {
                    "type": "group",
                    "id": "visit",
                    "field_list": True,
                    "items": [
                        {"type": "integer", "id": "visits", "label": {"en": "Visits"}},
                        {"type": "text", "id": "reason", "label": {"en": "Why"}},
                    ],
                },
            ],
        },
        {
            "type": "integer",
            "id": "staff",
            "label": {"en": "Staff"},
            "relevant": "${persona} = 'employer'",
        },
        {"type": "calculate", "id": "older", "calculation": "${age} > 50"},
        {
            "type": "group",
            "id": "ratings",
            "field_list": True,
            "items": [{"type": "likert", "id": f"r{i}", "label": {"en": "R"}} for i in range(4)],
        },
        {"type": "text", "id": "comment", "label": {"en": "Comment"}},
    ],
}

Step = tuple[str, Any] | None
"""(question, value) to answer, or None for next()."""


def script(seed: int) -> list[Step]:
    """The interview a seed plays: answers page by page, next() after each page."""
    rng = random.Random(seed)
    persona = rng.choice(["worker", "employer"])
    pages: list[list[tuple[str, Any]]] = [[("consent", "yes")], [("persona", persona)]]
    if persona == "worker":
        pages.append([("age", rng.randint(18, 90))])
        pages.append([("visits", rng.randint(1, 9)), ("reason", f"reason {rng.random()}")])
    else:
        pages.append([("staff", rng.randint(1, 500))])
    pages.append([(f"r{i}", rng.choice([1, 2, 3, 4, 5, "dk"])) for i in range(4)])
    pages.append([("comment", "x" * rng.randint(1, 300))])
    return [step for page in pages for step in [*page, None]]


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _play(questionnaire: Questionnaire, database: str, seed: int) -> None:
    _say(f"PID {os.getpid()}")
    interview = start_interview(open_store(database), questionnaire)
    _say(f"STARTED {interview.response_id}")
    for step in script(seed):
        if step is None:
            assert interview.next() == []
        else:
            assert interview.answer(*step) is None
            _say(f"ACK {step[0]}")
    assert interview.complete() == []
    _say("COMPLETE")


def main() -> None:
    questionnaire = Questionnaire.model_validate(QUESTIONNAIRE)
    plan_for(questionnaire)  # built once here, inherited by every forked child
    for line in sys.stdin:
        _, database, seed = line.split()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                _play(questionnaire, database, int(seed))
            except BaseException:
                traceback.print_exc()
                code = 1
            os._exit(code)
        _, status = os.waitpid(pid, 0)
        _say(f"DONE {status}")


if __name__ == "__main__":
    main()

"""Computing the next question on a 150-item form: an answer's relevance update + next page.

The form is synthetic but shaped like the real one: consent, persona branches, segments,
skip logic on earlier answers, calculations, field-list groups and four Likert areas.
Baseline in the same run: the same step done by re-evaluating the whole form (what the
engine would pay without its dependency graph). Target: median <= 1 ms.

    uv run python bench/bench_next_question.py [--rounds N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from typing import Any

from fieldsurvey.engine.navigation import next_page, visible_items
from fieldsurvey.engine.plan import build_plan
from fieldsurvey.engine.state import FormState
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.expressions import Value

LABEL = {"en": "label"}
PERSONAS = ("worker", "employer", "beneficiary")


def _choices(list_id: str, values: list[str]) -> dict[str, Any]:
    return {"id": list_id, "choices": [{"value": v, "label": LABEL} for v in values]}


def _question(kind: str, qid: str, **more: Any) -> dict[str, Any]:
    return {"type": kind, "id": qid, "label": LABEL, **more}


def _calculate(qid: str, calculation: str) -> dict[str, Any]:
    return {"type": "calculate", "id": qid, "calculation": calculation}


def _branch(persona: str) -> dict[str, Any]:
    """23 items for one persona, later ones skipping on earlier answers."""
    p = persona[0]
    items = [
        _question("select_one", f"{p}_used", choices="yes_no"),
        _question("integer", f"{p}_visits", relevant=f"${{{p}_used}} = 'yes'"),
        _question("select_multiple", f"{p}_channels", choices="channels"),
        _question("text", f"{p}_web_issue", relevant=f"selected(${{{p}_channels}}, 'web')"),
        _question("integer", f"{p}_wait", relevant=f"${{{p}_visits}} > 0", constraint=". < 600"),
    ]
    block = [
        _question("select_one", f"{p}_b{i}", choices="yes_no", relevant=f"${{{p}_used}} = 'yes'")
        for i in range(10)
    ]
    items.append({"type": "group", "id": f"{p}_block", "field_list": True, "items": block})
    items += [
        _question("decimal", f"{p}_amount", relevant=f"${{{p}_b0}} = 'yes'"),
        _question("date", f"{p}_last_visit", relevant=f"${{{p}_visits}} >= 1"),
        _question("select_one", f"{p}_complained", choices="yes_no"),
        _question("text", f"{p}_complaint", relevant=f"${{{p}_complained}} = 'yes'"),
        _question(
            "select_one", f"{p}_resolved", relevant=f"${{{p}_complained}} = 'yes'", choices="yes_no"
        ),
        _question("integer", f"{p}_days", relevant=f"${{{p}_resolved}} = 'yes'"),
        _question("text", f"{p}_comment"),
        _calculate(f"{p}_frequent", f"${{{p}_visits}} > 5"),
    ]
    return {
        "type": "group",
        "id": f"{p}_branch",
        "relevant": f"${{persona}} = '{persona}'",
        "items": items,
    }


def synthetic_questionnaire() -> Questionnaire:
    segments = [
        _question("select_one", f"segment{i}", choices="levels", segment=f"s{i}") for i in range(9)
    ]
    areas = [
        {
            "id": f"area{a}",
            "label": LABEL,
            "relevant": "${persona} != 'beneficiary'" if a == 3 else None,
            "items": [
                {
                    "id": f"area{a}_item{i}",
                    "label": LABEL,
                    "relevant": f"${{area{a}_item0}} != 'dk'",
                }
                if i
                else {"id": f"area{a}_item{i}", "label": LABEL}
                for i in range(16)
            ],
        }
        for a in range(4)
    ]
    survey = [
        _question("select_one", "consent", choices="yes_no"),
        _question("select_one", "persona", choices="personas", persona=True),
        _question("integer", "age", constraint=". >= 15 and . <= 110"),
        _calculate("age_group", "if(${age} >= 60, 'older', 'adult')"),
        *segments,
        *[_branch(persona) for persona in PERSONAS],
        *[{"type": "area", "area": f"area{a}"} for a in range(4)],
        _question("integer", "overall", constraint=". >= 0 and . <= 10"),
        _calculate("unhappy", "${overall} < 5"),
        _question("text", "why_unhappy", relevant="${unhappy}"),
        _question("note", "thanks"),
    ]
    return Questionnaire.model_validate(
        {
            "id": "synthetic",
            "version": "1",
            "title": LABEL,
            "languages": ["en"],
            "default_language": "en",
            "consent": {"question": "consent"},
            "personas": [{"id": p, "label": LABEL} for p in PERSONAS],
            "choice_lists": [
                _choices("yes_no", ["yes", "no"]),
                _choices("personas", list(PERSONAS)),
                _choices("channels", ["desk", "phone", "web", "app"]),
                _choices("levels", ["low", "mid", "high"]),
            ],
            "scales": [
                {
                    "id": "agree5",
                    "points": [{"value": v, "label": LABEL} for v in range(1, 6)],
                    "dk": {"value": "dk", "label": LABEL},
                }
            ],
            "areas": areas,
            "survey": survey,
        }
    )


def plausible_answer(question: Any, plan: Any, rng: random.Random) -> Value:
    if question.type in ("select_one", "select_multiple"):
        values = plan.choice_values[question.choices]
        if question.type == "select_one":
            return "yes" if question.id == "consent" else rng.choice(values)
        return rng.sample(values, rng.randint(1, len(values)))
    return {
        "integer": lambda: rng.randint(15, 90),
        "decimal": lambda: round(rng.uniform(1, 500), 2),
        "date": lambda: "2026-02-14",
        "text": lambda: "fine",
        "likert": lambda: rng.choice([1, 2, 3, 4, 5, 5, 4, "dk"]),
    }[question.type]()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="interviews walked through")
    args = parser.parse_args()
    plan = build_plan(synthetic_questionnaire())
    items = len(plan.questionnaire.questions)
    rng = random.Random(1)
    incremental: list[float] = []
    full: list[float] = []
    for _ in range(args.rounds):
        state = FormState(plan, {})
        index = next_page(state, -1)
        while index < len(plan.pages):
            for question in visible_items(state, plan.pages[index]):
                if question.type == "note":
                    continue
                value = plausible_answer(question, plan, rng)
                start = time.perf_counter()
                state.set_answer(question.id, value)
                found = next_page(state, index)
                incremental.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                rebuilt = FormState(plan, state.stored_answers())
                assert next_page(rebuilt, index) == found
                full.append((time.perf_counter() - start) * 1000)
            index = next_page(state, index)
    mine, base = statistics.median(incremental), statistics.median(full)
    print(f"form: {items} items, {len(plan.pages)} pages, {len(incremental)} answers timed")
    print(f"whole-form re-evaluation + next page (baseline): median {base:6.3f} ms")
    print(f"incremental update + next page:                  median {mine:6.3f} ms", end="")
    print(f"   ratio {mine / base:.3f}x")
    print(f"target <= 1 ms: {'met' if mine <= 1 else 'NOT met'}")


if __name__ == "__main__":
    main()

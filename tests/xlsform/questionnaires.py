"""A hypothesis strategy for valid questionnaires using every part the XLSForm mapping carries:
every question type, groups (field lists), areas of Likert items on scales, personas with a
persona question, segments, weights, reverse coding, expressions, translations, the message
bank, indicators and ratios."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from fieldsurvey.questionnaire import Questionnaire

LANGUAGES = ["en", "zh", "km"]
ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "N", "P", "Zs"),
    exclude_characters="$\u00a0",
)
DEFAULTS = {"integer": "3", "decimal": "2.5", "date": "2026-01-31", "text": "x y"}
SIMPLE = ("text", "integer", "decimal", "date", "note", "calculate")


def texts(draw: st.DrawFn, languages: list[str]) -> dict[str, str]:
    """A text in each language; cells are stripped when read, so no outer spaces."""
    word = st.text(ALPHABET, min_size=1, max_size=12).map(str.strip).filter(bool)
    return {lang: draw(word) for lang in languages}


@st.composite
def questionnaires(draw: st.DrawFn) -> Questionnaire:
    languages = list(draw(st.permutations(LANGUAGES)))[: draw(st.integers(1, 3))]
    names = iter(f"q{n}" for n in range(1000))
    lists = [
        {
            "id": f"list{i}",
            "choices": [
                {"value": f"c{j}", "label": texts(draw, languages)}
                for j in range(draw(st.integers(1, 4)))
            ],
        }
        for i in range(draw(st.integers(1, 2)))
    ]
    size = draw(st.integers(2, 6))
    scale = {
        "id": "agree",
        "points": [{"value": v, "label": texts(draw, languages)} for v in range(1, size + 1)],
        "dk": {"value": "dk", "label": texts(draw, languages)},
    }
    personas = [
        {"id": f"p{i}", "label": texts(draw, languages)} for i in range(draw(st.integers(0, 2)))
    ]
    if personas:
        lists.append(
            {
                "id": "personas",
                "choices": [{"value": p["id"], "label": texts(draw, languages)} for p in personas],
            }
        )
    areas = [
        {
            "id": f"area{i}",
            "label": texts(draw, languages),
            "items": [likert(draw, next(names), languages) for _ in range(draw(st.integers(1, 3)))],
        }
        for i in range(draw(st.integers(0, 2)))
    ]
    if areas and draw(st.booleans()):
        areas[0]["description"] = texts(draw, languages)
    asked: list[str] = []
    survey: list[dict[str, Any]] = []
    if personas:
        survey.append(
            {
                "type": "select_one",
                "id": "persona",
                "persona": True,
                "choices": "personas",
                "label": texts(draw, languages),
            }
        )
        asked.append("persona")
    for _ in range(draw(st.integers(1, 5))):
        survey.append(question(draw, next(names), languages, lists, asked))
        asked.append(survey[-1]["id"])
    if draw(st.booleans()):
        items = [question(draw, next(names), languages, lists, asked) for _ in range(2)]
        group = {
            "type": "group",
            "id": next(names),
            "items": items,
            "field_list": draw(st.booleans()),
        }
        if draw(st.booleans()):
            group["label"] = texts(draw, languages)
        survey.append(group)
    survey += [{"type": "area", "area": a["id"]} for a in areas]
    data: dict[str, Any] = {
        "id": "generated",
        "version": draw(st.sampled_from(["1", "2.0", "2026-11"])),
        "title": texts(draw, languages),
        "languages": languages,
        "default_language": languages[0],
        "personas": personas,
        "choice_lists": lists,
        "scales": [scale] if areas else [],
        "areas": areas,
        "survey": survey,
    }
    if areas:
        data["messages"] = [
            {
                "id": "m-1",
                "trigger": {
                    "area": areas[0]["id"],
                    "score_max": 60,
                    "quadrants": ["concentrate", "low_priority"],
                },
                "personas": [p["id"] for p in personas],
                "channel": "poster",
                "theme": "T",
                "source": "S",
                "text": texts(draw, languages),
            }
        ]
        data["indicators"] = [
            {
                "id": f"i{n}",
                "area": areas[0]["id"],
                "label": texts(draw, languages),
                "correlates_with": texts(draw, languages),
                "better": "up",
            }
            for n in (1, 2)
        ]
        data["ratios"] = [
            {
                "id": "r1",
                "area": areas[0]["id"],
                "label": texts(draw, languages),
                "numerator": "i1",
                "denominator": "i2",
                "per": 1000,
            }
        ]
    return Questionnaire.model_validate(data)


def likert(draw: st.DrawFn, qid: str, languages: list[str]) -> dict[str, Any]:
    item: dict[str, Any] = {"id": qid, "scale": "agree", "label": texts(draw, languages)}
    item["weight"] = draw(st.sampled_from([1.0, 0.5, 2.0, 1.25]))
    item["reverse"] = draw(st.booleans())
    if draw(st.booleans()):
        item["difficulty"] = "A difficulty = quoted"
    return item


def question(
    draw: st.DrawFn, qid: str, languages: list[str], lists: list[dict[str, Any]], asked: list[str]
) -> dict[str, Any]:
    kind = draw(st.sampled_from([*SIMPLE, "select_one", "select_multiple", "rank"]))
    item: dict[str, Any] = {"type": kind, "id": qid}
    if kind == "calculate":
        item["calculation"] = f"count-selected(${{{asked[-1]}}})" if asked else "1 + 2"
        return item
    item["label"] = texts(draw, languages)
    if asked and draw(st.booleans()):
        item["relevant"] = f"${{{draw(st.sampled_from(asked))}}} != ''"
    if draw(st.booleans()):
        item["hint"] = texts(draw, languages)
    if kind == "note":
        return item
    if kind in ("select_one", "select_multiple", "rank"):
        item["choices"] = draw(st.sampled_from([c["id"] for c in lists]))
    if kind in ("select_one", "select_multiple", "integer") and draw(st.booleans()):
        item["segment"] = draw(st.sampled_from(["geography", "gender"]))
    if kind == "text" and draw(st.booleans()):
        item["max_length"] = draw(st.integers(1, 500))
    required = [False, True, *(f"${{{a}}} != ''" for a in asked[-1:])]
    item["required"] = draw(st.sampled_from(required))
    if item["required"] and draw(st.booleans()):
        item["required_message"] = texts(draw, languages)
    if draw(st.booleans()):
        item["default"] = DEFAULTS.get(kind)
        if "choices" in item:
            chosen = next(c for c in lists if c["id"] == item["choices"])
            values = [c["value"] for c in chosen["choices"]]
            item["default"] = " ".join(values) if kind == "rank" else values[0]
        if item["default"] is None or len(item["default"]) > item.get("max_length", 9):
            del item["default"]
        elif draw(st.booleans()):
            item["read_only"] = True
    if kind in ("integer", "decimal"):
        item["constraint"] = ". >= 0"
        item["constraint_message"] = texts(draw, languages)
    return item

"""`fieldsurvey validate` on each bad input of the foundation issue: exit 2, the catalogue's
message naming the file and place, and nothing written next to the file."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from fieldsurvey.cli import main
from fieldsurvey.questionnaire.problems import Code

BASE: dict[str, Any] = {
    "id": "mini",
    "version": "1",
    "title": {"en": "Mini", "zh": "小", "km": "តូច"},
    "languages": ["en", "zh", "km"],
    "default_language": "en",
    "personas": [{"id": "worker", "label": {"en": "Worker", "zh": "职工", "km": "កម្មករ"}}],
    "choice_lists": [
        {
            "id": "yes_no",
            "choices": [
                {"value": "yes", "label": {"en": "Yes", "zh": "是", "km": "បាទ/ចាស"}},
                {"value": "no", "label": {"en": "No", "zh": "否", "km": "ទេ"}},
            ],
        }
    ],
    "scales": [
        {
            "id": "agree5",
            "points": [
                {"value": v, "label": {"en": str(v), "zh": str(v), "km": str(v)}}
                for v in range(1, 6)
            ],
            "dk": {"value": "dk", "label": {"en": "DK", "zh": "不知道", "km": "មិនដឹង"}},
        }
    ],
    "areas": [
        {
            "id": "accessibility",
            "label": {"en": "Access", "zh": "可及性", "km": "ភាពងាយស្រួល"},
            "items": [{"id": "acc_hours", "label": {"en": "Hours", "zh": "时间", "km": "ម៉ោង"}}],
        }
    ],
    "survey": [
        {
            "type": "select_one",
            "id": "consent",
            "choices": "yes_no",
            "label": {"en": "Agree?", "zh": "同意吗？", "km": "យល់ព្រមទេ?"},
        },
        {"type": "area", "area": "accessibility"},
        {"type": "calculate", "id": "agreed", "calculation": "if(${consent} = 'yes', 1, 0)"},
    ],
    "messages": [
        {
            "id": "acc-map",
            "trigger": {"area": "accessibility", "score_max": 60},
            "channel": "map",
            "theme": "maps of offices",
            "source": "seed 000, I",
            "text": {"en": "Find us", "zh": "找到我们", "km": "រកយើង"},
        }
    ],
}


def write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "q.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run_validate(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", str(path)], catch_exceptions=False)
    return result.exit_code, result.stderr


def mutated(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    change(data)
    return data


def test_base_is_valid(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(write(tmp_path, BASE))])
    assert result.exit_code == 0, result.stderr
    assert "ok (mini 1, 3 questions)" in result.stdout


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(data: Any) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def _append(path: tuple[Any, ...], value: Any) -> Any:
    def change(data: Any) -> None:
        node = data
        for key in path:
            node = node[key]
        node.append(value)

    return change


LABEL = {"en": "Q", "zh": "问", "km": "សំណួរ"}

BAD_MODELS = [
    (
        "duplicate question id",
        _append(("survey",), {"type": "text", "id": "consent", "label": LABEL}),
        Code.DUPLICATE_ID.format(kind="question", value="consent", first="survey[0]"),
        "survey[3].id",
    ),
    (
        "duplicate choice value",
        _append(("choice_lists", 0, "choices"), {"value": "yes", "label": LABEL}),
        Code.DUPLICATE_CHOICE.format(value="yes", list_id="yes_no"),
        "choice_lists[0].choices[0].value",
    ),
    (
        "unknown question type",
        _append(("survey",), {"type": "slider", "id": "s", "label": LABEL}),
        "unknown question type 'slider'",
        "survey[3].type",
    ),
    (
        "reference to a missing question",
        _set(("survey", 2, "calculation"), "${nobody} + 1"),
        Code.UNKNOWN_REFERENCE.format(name="nobody", source="${nobody} + 1"),
        "survey[2].calculation",
    ),
    (
        "calculation cycle",
        _append(("survey",), {"type": "calculate", "id": "loop", "calculation": "${loop2}"}),
        "calculation cycle: ${loop} -> ${loop2} -> ${loop}",
        "survey[",
    ),
    (
        "expression syntax error",
        _set(("survey", 2, "calculation"), "${consent} = = 'yes'"),
        "column 14",
        "survey[2].calculation",
    ),
    (
        "select without its choice list",
        _set(("survey", 0, "choices"), "agreement"),
        Code.UNKNOWN_CHOICE_LIST.format(value="agreement"),
        "survey[0].choices",
    ),
    (
        "Likert item with a broken scale",
        _set(("scales", 0, "points", 2, "value"), 7),
        Code.BROKEN_SCALE.format(size=5, found=[1, 2, 7, 4, 5]),
        "scales[0].points",
    ),
    (
        "label missing in a declared language",
        _set(("survey", 0, "label"), {"en": "Agree?", "zh": "同意吗？"}),
        Code.MISSING_LANGUAGE.format(lang="km", declared="en, zh, km"),
        "survey[0].label",
    ),
    (
        "message trigger naming an unknown area",
        _set(("messages", 0, "trigger", "area"), "speed"),
        Code.UNKNOWN_AREA.format(value="speed", expected="accessibility"),
        "messages[0].trigger.area",
    ),
]


@pytest.mark.parametrize(
    ("change", "message", "place"), [c[1:] for c in BAD_MODELS], ids=[c[0] for c in BAD_MODELS]
)
def test_bad_questionnaire(tmp_path: Path, change: Any, message: str, place: str) -> None:
    data = mutated(change)
    if "loop2" in str(data["survey"][-1]):
        data["survey"].append({"type": "calculate", "id": "loop2", "calculation": "${loop} + 1"})
    path = write(tmp_path, data)
    code, err = run_validate(path)
    assert code == 2
    assert message in err
    line = next(line for line in err.splitlines() if message in line)
    assert line.startswith(f"{path}:")
    assert f": {place}" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.yaml"]


def test_relevance_cycle(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    data["survey"][1:1] = [
        {"type": "text", "id": "a", "label": LABEL, "relevant": "${b} = 'x'"},
        {
            "type": "group",
            "id": "g",
            "relevant": "${a} = 'y'",
            "items": [{"type": "text", "id": "b", "label": LABEL}],
        },
    ]
    code, err = run_validate(write(tmp_path, data))
    assert code == 2
    assert Code.RELEVANCE_CYCLE.format(cycle="${a} -> ${b} -> ${a}") in err


def test_not_yaml(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text("id: x\nsurvey: [unclosed\n  - a: b\n", encoding="utf-8")
    code, err = run_validate(path)
    assert code == 2
    assert f"{path}:" in err and "not valid YAML" in err


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_bytes("id: x\ntitle: caf\xe9\n".encode("latin-1"))
    code, err = run_validate(path)
    assert code == 2
    assert err.startswith(f"{path}:2: ") and "not UTF-8" in err


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_bytes(b"# padding\n" * 600_000)
    code, err = run_validate(path)
    assert code == 2
    assert "questionnaires are limited to 5,242,880 bytes" in err and str(path) in err


def test_alias_bomb(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 9):
        prev = chr(ord("a") + level - 1)
        this = chr(ord("a") + level)
        lines.append(f"{this}: &{this} [{', '.join(['*' + prev] * 9)}]")
    path = tmp_path / "q.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = run_validate(path)
    assert code == 2
    assert "YAML aliases expand to more than 200,000 nodes" in err


def test_every_error_reported_at_once(tmp_path: Path) -> None:
    data = mutated(_set(("messages", 0, "trigger", "area"), "speed"))
    data["survey"][0]["choices"] = "agreement"
    code, err = run_validate(write(tmp_path, data))
    assert code == 2
    assert len(err.strip().splitlines()) == 2


def test_yes_no_stay_strings(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    text = yaml.safe_dump(BASE, allow_unicode=True, sort_keys=False).replace(
        "value: 'yes'", "value: yes"
    )
    path.write_text(text, encoding="utf-8")
    assert run_validate(path)[0] == 0


def test_schema_prints_json_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert '"title": "Questionnaire"' in result.stdout

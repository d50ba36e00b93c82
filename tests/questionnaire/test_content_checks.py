"""`fieldsurvey validate`'s content warnings (exit 0, "warning:" lines with file, line and
place), its notes on unfilled message placeholders, and the errors of the 2.0 format parts."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_validate_bad_inputs import BASE, LABEL, run_validate, write

from fieldsurvey.cli import main
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire.content_checks import CONSENT_MEANING
from fieldsurvey.questionnaire.problems import Code

SCRIPT = {part: "consent_script" for part in CONSENT_MEANING}
NOTE = {"type": "note", "id": "consent_script", "label": LABEL}


def clean() -> dict[str, Any]:
    """BASE with a full consent script: no warning at all."""
    data = copy.deepcopy(BASE)
    data["survey"].insert(0, NOTE)
    data["consent"] = {"question": "consent", "script": dict(SCRIPT)}
    return data


def item(en: str, **fields: Any) -> dict[str, Any]:
    return {"id": "acc_x", "label": {**LABEL, "en": en}, **fields}


def lines(stderr: str, kind: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(f"{kind}: ")]


def test_the_clean_base_has_no_warning(tmp_path: Path) -> None:
    code, err = run_validate(write(tmp_path, clean()))
    assert (code, err) == (0, "")


def test_the_bundled_questionnaire_has_notes_but_no_warning() -> None:
    result = CliRunner().invoke(main, ["validate", str(bundled_questionnaire_path())])
    assert result.exit_code == 0
    assert lines(result.stderr, "warning") == []
    notes = lines(result.stderr, "note")
    assert any("{hotline}" in n for n in notes)
    pending = Code.TRANSLATION_PENDING.format(lang="km", note="").split(":")[0]
    assert [n for n in notes if "{" not in n] == [n for n in notes if pending in n]


WARNINGS = [
    (
        "double-barrelled item",
        lambda d: d["areas"][0]["items"].append(item("The office is clean and staff are kind.")),
        Code.DOUBLE_BARRELLED.format(
            text="The office is clean and staff are kind.", word="and", phrase="clean and staff"
        ),
        "areas[0].items[1].label",
    ),
    (
        "reverse item with a negation",
        lambda d: d["areas"][0]["items"].append(item("Staff did not answer.", reverse=True)),
        Code.REVERSE_NEGATION.format(text="Staff did not answer.", word="not"),
        "areas[0].items[1].label",
    ),
    (
        "number in a message",
        lambda d: d["messages"][0]["text"].update(en="Served in 30 minutes."),
        Code.NUMBER_IN_MESSAGE.format(lang="en", number="30"),
        "messages[0].text.en",
    ),
    (
        "unbalanced areas",
        lambda d: (
            d["areas"].append(
                {
                    "id": "learning",
                    "label": LABEL,
                    "items": [item(f"Item {w}.", id=f"learn_{w}") for w in "abcd"],
                }
            ),
            d["survey"].append({"type": "area", "area": "learning"}),
        ),
        Code.AREA_BALANCE.format(
            area="accessibility", count=1, persona="worker", other="learning", others=4
        ),
        "areas[0].items",
    ),
    (
        "consent script missing a part",
        lambda d: d["consent"]["script"].pop("no_effect"),
        Code.CONSENT_PART_MISSING.format(part="no_effect", meaning=CONSENT_MEANING["no_effect"]),
        "consent.script",
    ),
]


def test_an_allowed_phrase_is_not_double_barrelled(tmp_path: Path) -> None:
    data = clean()
    data["areas"][0]["items"].append(item("It is close to where I live or work."))
    data["checks"] = {"allow": ["live or work"]}
    assert run_validate(write(tmp_path, data)) == (0, "")


def test_a_placeholder_is_no_number_and_unfilled_it_is_a_note(tmp_path: Path) -> None:
    data = clean()
    data["messages"][0]["text"] = {k: "{one_window_minutes}" for k in ("en", "zh", "km")}
    code, err = run_validate(write(tmp_path, data))
    assert code == 0 and lines(err, "warning") == []
    [note] = lines(err, "note")
    assert Code.UNFILLED_PLACEHOLDER.format(message="acc-map", name="one_window_minutes") in note
    data["office"] = [{"name": "one_window_minutes", "value": 20}]
    assert run_validate(write(tmp_path, data)) == (0, "")


ERRORS = [
    (
        "consent script naming a question",
        lambda d: d["consent"]["script"].update(who="consent"),
        Code.CONSENT_SCRIPT_ITEM.format(part="who", value="consent"),
        "consent.script.who",
    ),
    (
        "a scheme paying an unknown benefit",
        lambda d: d.update(schemes=[{"id": "kh", "label": LABEL, "benefits": ["x"]}]),
        Code.UNKNOWN_SCHEME_BENEFIT.format(scheme="kh", value="x"),
        "schemes[0].benefits[0]",
    ),
    (
        "a calculated segment without its choices",
        lambda d: d["survey"][-1].update(segment="agreement"),
        Code.SEGMENT_WITHOUT_CHOICES.format(qid="agreed"),
        "survey[3]",
    ),
]


CASES = [(*w, 0) for w in WARNINGS] + [(*e, 2) for e in ERRORS]


@pytest.mark.parametrize(
    ("change", "message", "place", "exit_code"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_warnings_and_errors(
    tmp_path: Path, change: Any, message: str, place: str, exit_code: int
) -> None:
    """A warning: exit 0, one `warning:` line. An error: exit 2. Never a file written."""
    data = clean()
    change(data)
    path = write(tmp_path, data)
    code, err = run_validate(path)
    assert code == exit_code
    found = [line for line in err.splitlines() if message in line]
    assert len(found) == 1 and len(err.splitlines()) == 1
    prefix = "warning: " if exit_code == 0 else ""
    assert found[0].startswith(f"{prefix}{path}:") and f": {place}" in found[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.yaml"]

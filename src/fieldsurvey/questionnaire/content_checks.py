"""Warnings a survey methodologist would raise: the file loads, but the numbers may mislead.

Heuristics, not rules, so they are warnings (`fieldsurvey validate` prints them and exits 0):
a Likert statement joining two things with "and"/"or" (double-barrelled: which one did the
client rate?), a reverse-coded statement with a negation (disagreeing becomes a double
negative), a message stating a number that no placeholder fills (a fact the office has not
checked), areas whose item counts differ by more than 2 for a persona (an area measured with
fewer items weighs less reliably), a consent script missing a required part, and a message
whose placeholder the office has not filled (it would never be shown: listed as a note, the
office's to-do before a round). The wording checks
read the default language, the one authors write first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fieldsurvey.questionnaire.expressions import MappingEnv, parse
from fieldsurvey.questionnaire.model import CONSENT_PARTS, LikertItem, Questionnaire
from fieldsurvey.questionnaire.placeholders import placeholders
from fieldsurvey.questionnaire.problems import Code, Finding

CONJUNCTION = re.compile(r"(\w+)[,;]? (and|or) (\w+)", re.IGNORECASE)
NEGATION = re.compile(
    r"\b(not|no|never|nobody|nothing|none|neither|nor|without|cannot|\w+n't)\b", re.IGNORECASE
)
NUMBER = re.compile(
    r"(?<![A-Za-z0-9_])[0-9០-៩][0-9០-៩.,:%]*"
    r"|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred|"
    r"thousand)\b",
    re.IGNORECASE,
)
MAX_AREA_GAP = 2
NOTE_CODES = frozenset({Code.UNFILLED_PLACEHOLDER, Code.TRANSLATION_PENDING})
"""Findings that are work for the office before a round (fill the placeholder), not faults."""
CONSENT_MEANING = {
    "who": "who runs the survey",
    "voluntary": "taking part is voluntary",
    "no_effect": "no effect on benefits or on today's service",
    "anonymous": "no name stored, and what is stored",
    "use": "how the results are used",
    "length": "how long it takes",
}


def content_warnings(q: Questionnaire) -> list[Finding]:
    """Every content warning of `q`, rule family by rule family."""
    return [
        *_double_barrelled(q),
        *_reverse_negations(q),
        *_numbers_in_messages(q),
        *_area_balance(q),
        *_consent_parts(q),
        *_unfilled_placeholders(q),
        *_pending_translations(q),
    ]


def _area_items(q: Questionnaire) -> Iterator[tuple[tuple[str | int, ...], LikertItem]]:
    for a_index, area in enumerate(q.areas):
        for i_index, item in enumerate(area.items):
            yield ("areas", a_index, "items", i_index, "label"), item


def _double_barrelled(q: Questionnaire) -> Iterator[Finding]:
    allowed = {phrase.lower() for phrase in (q.checks.allow if q.checks else [])}
    for path, item in _area_items(q):
        text = item.label.get(q.default_language, "")
        for match in CONJUNCTION.finditer(text):
            phrase = f"{match[1]} {match[2]} {match[3]}".lower()
            if phrase not in allowed:
                values = {"text": text, "word": match[2].lower(), "phrase": phrase}
                yield Finding(path, Code.DOUBLE_BARRELLED, values)


def _reverse_negations(q: Questionnaire) -> Iterator[Finding]:
    for path, item in _area_items(q):
        text = item.label.get(q.default_language, "")
        found = NEGATION.search(text) if item.reverse else None
        if found:
            yield Finding(path, Code.REVERSE_NEGATION, {"text": text, "word": found[0]})


def _numbers_in_messages(q: Questionnaire) -> Iterator[Finding]:
    for index, message in enumerate(q.messages):
        for lang, text in message.text.items():
            found = NUMBER.search(re.sub(r"\{\w+\}", "", text))
            if found:
                values = {"lang": lang, "number": found[0]}
                yield Finding(("messages", index, "text", lang), Code.NUMBER_IN_MESSAGE, values)


def _area_balance(q: Questionnaire) -> Iterator[Finding]:
    """Items asked of a respondent of each persona when nothing else is known yet."""
    persona_question = q.persona_question
    if len(q.areas) < 2:
        return
    for persona in q.personas:
        env = MappingEnv({persona_question.id: persona.id} if persona_question else {})
        counts = {
            area.id: sum(
                1 for i in area.items if i.relevant is None or parse(i.relevant).truthy(env)
            )
            for area in q.areas
        }
        low = min(counts, key=lambda a: counts[a])
        high = max(counts, key=lambda a: counts[a])
        if counts[high] - counts[low] > MAX_AREA_GAP:
            index = next(i for i, a in enumerate(q.areas) if a.id == low)
            values = {
                "area": low,
                "count": counts[low],
                "persona": persona.id,
                "other": high,
                "others": counts[high],
            }
            yield Finding(("areas", index, "items"), Code.AREA_BALANCE, values)


def _consent_parts(q: Questionnaire) -> Iterator[Finding]:
    if q.consent is None:
        return
    present = q.consent.script.parts()
    for part in CONSENT_PARTS:
        if part not in present:
            values = {"part": part, "meaning": CONSENT_MEANING[part]}
            yield Finding(("consent", "script"), Code.CONSENT_PART_MISSING, values)


def _unfilled_placeholders(q: Questionnaire) -> Iterator[Finding]:
    filled = {v.name for v in q.office if v.text or v.value not in (None, "")}
    for index, message in enumerate(q.messages):
        for name in sorted(placeholders(message) - filled):
            values = {"message": message.id, "name": name}
            yield Finding(("messages", index, "text"), Code.UNFILLED_PLACEHOLDER, values)


def _pending_translations(q: Questionnaire) -> Iterator[Finding]:
    for index, status in enumerate(q.translations):
        if status.status == "back_translation_pending":
            values = {"lang": status.language, "note": f": {status.note}" if status.note else ""}
            yield Finding(("translations", index), Code.TRANSLATION_PENDING, values)

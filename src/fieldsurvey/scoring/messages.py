"""Choosing suggested messages from the questionnaire's message bank.

A message applies when its trigger names the area (or benefit), the score lies in its band
(inclusive, like LimeSurvey assessments), its quadrant list is empty or holds the area's
quadrant, and its persona list is empty or holds the persona asked for. Without a persona
(the whole sample) every persona's messages apply: each says whom it speaks to. Placeholders
(`{hotline}`) are filled from the questionnaire's office section (questionnaire/placeholders.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import Message
from fieldsurvey.questionnaire.placeholders import fill, office_values, placeholders
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.scoring.report import MessageOut, Quadrant


def choose_messages(
    questionnaire: Questionnaire,
    *,
    score: float,
    lang: str,
    area: str | None = None,
    benefit: str | None = None,
    quadrant: Quadrant | None = None,
    persona: str | None = None,
    data: Mapping[str, object] | None = None,
) -> list[MessageOut]:
    """Messages for an area (or a benefit) at this score and quadrant, in bank order, their
    placeholders filled from the office section and `data` (figures from the local results);
    a message with a placeholder left unfilled is left out: it would state nothing checked."""
    values = {**office_values(questionnaire, lang), **(data or {})}
    out = []
    for m in questionnaire.messages:
        if not _applies(m, area, benefit, score, quadrant, persona):
            continue
        text = fill(text_in(m.text, lang, questionnaire.default_language), values)
        if text is not None:
            out.append(
                MessageOut(
                    id=m.id, text=text, channel=m.channel, theme=m.theme, personas=list(m.personas)
                )
            )
    return out


def area_suggestions(
    questionnaire: Questionnaire,
    *,
    area: str,
    score: float,
    quadrant: Quadrant | None,
    persona: str | None,
    lang: str,
) -> tuple[list[MessageOut], list[str]]:
    """An area's messages, and the office placeholders (`hotline`) left empty that keep other
    applicable messages back, so a screen can say "fill these in" instead of "nothing to
    suggest"."""
    chosen = choose_messages(
        questionnaire, area=area, score=score, quadrant=quadrant, persona=persona, lang=lang
    )
    values = office_values(questionnaire, lang)
    missing: set[str] = set()
    for m in questionnaire.messages:
        if _applies(m, area, None, score, quadrant, persona):
            missing |= {name for name in placeholders(m) if values.get(name) in (None, "")}
    return chosen, sorted(missing)


def _applies(
    message: Message,
    area: str | None,
    benefit: str | None,
    score: float,
    quadrant: Quadrant | None,
    persona: str | None,
) -> bool:
    trigger = message.trigger
    return (
        (trigger.area, trigger.benefit) == (area, benefit)
        and trigger.score_min <= score <= trigger.score_max
        and (not trigger.quadrants or quadrant in trigger.quadrants)
        and (persona is None or not message.personas or persona in message.personas)
    )

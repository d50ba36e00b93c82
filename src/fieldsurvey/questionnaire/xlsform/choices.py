"""pyxform's choice lists -> the model's `choice_lists` and `scales` data.

A list with a `dk` column marking one choice `yes` is a scale (points 1..k and that
don't-know code); every other list is a choice list. Each choice is placed on its row.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pyxform.aliases import yes_no

from fieldsurvey.questionnaire.xlsform.context import Context
from fieldsurvey.questionnaire.xlsform.workbook import Sheet

TRUE = {k for k, v in yes_no.items() if v}


def is_scale(entries: list[dict[str, Any]]) -> bool:
    return any(entry.get("dk", "") in TRUE for entry in entries)


def choice_data(
    ctx: Context, choices: dict[str, list[dict[str, Any]]], sheet: Sheet | None
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """("list"|"scale", list id, model data) for each choice list, in sheet order."""
    rows = _choice_rows(sheet)
    name = sheet.name if sheet else "choices"
    lists, scales = 0, 0
    for list_id, entries in choices.items():
        scale = is_scale(entries)
        key, index = ("scales", scales) if scale else ("choice_lists", lists)
        places = [(name, rows.get((list_id, str(e.get("name", ""))))) for e in entries]
        ctx.places[(key, index)] = places[0] if places else (name, None)
        data = [
            _without_none(value=e.get("name", ""), label=ctx.text(e.get("label"), p, "label"))
            for e, p in zip(entries, places, strict=True)
        ]
        if scale:
            points: list[dict[str, Any]] = []
            off_scale: dict[str, dict[str, Any]] = {}
            for item, entry, place in zip(data, entries, places, strict=True):
                marker = next((m for m in ("dk", "na") if entry.get(m, "") in TRUE), None)
                if marker is not None and marker not in off_scale:
                    off_scale[marker] = item  # don't know, or not applicable
                    ctx.places[(key, index, marker)] = place
                else:
                    ctx.places[(key, index, "points", len(points))] = place
                    points.append(item)
            scales += 1
            yield "scale", list_id, {"id": list_id, "points": points, "dk": None, **off_scale}
        else:
            for i, place in enumerate(places):
                ctx.places[(key, index, "choices", i)] = place
            lists += 1
            yield "list", list_id, {"id": list_id, "choices": data}


def _choice_rows(sheet: Sheet | None) -> dict[tuple[str, str], int]:
    found: dict[tuple[str, str], int] = {}
    for number, row in sheet.numbered() if sheet else ():
        key = (row.get("list_name") or row.get("list name") or "", row.get("name", ""))
        found.setdefault(key, number)
    return found


def _without_none(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}

"""pyxform's form JSON -> the model's `survey`, `areas`, `choice_lists` and `scales` data.

pyxform has already resolved column aliases, language columns and groups; here each element
becomes one of our items. Our extension columns arrive as plain keys of the element (pyxform
keeps unknown columns): `area` (on a `begin group` row: the group is that area's block),
`persona`, `segment`, `weight`, `reverse`, `difficulty`, `max_length`, `description`. A
`select_one` on a list with a `dk` column is a Likert item on that scale.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel
from pyxform.aliases import yes_no

from fieldsurvey.questionnaire.model import (
    Area,
    Calculate,
    DateQuestion,
    DecimalQuestion,
    IntegerQuestion,
    LikertItem,
    Note,
    Rank,
    SelectMultiple,
    SelectOne,
    TextQuestion,
)
from fieldsurvey.questionnaire.problems import Path, Problem
from fieldsurvey.questionnaire.xlsform.cascades import (
    ROW_NAME,
    FilterError,
    expand,
    selects_by_name,
)
from fieldsurvey.questionnaire.xlsform.context import Context, Place
from fieldsurvey.questionnaire.xlsform.problems import XCode, sheet_problem
from fieldsurvey.questionnaire.xlsform.workbook import Sheet

QUESTION_TYPES = {
    "text": "text", "string": "text", "integer": "integer", "int": "integer",
    "decimal": "decimal", "date": "date", "note": "note", "calculate": "calculate",
    "select one": "select_one", "select all that apply": "select_multiple", "rank": "rank",
}  # fmt: skip
METADATA = {"start", "end", "today", "deviceid", "imei", "username", "simserial",
            "subscriberid", "phonenumber", "email", "audit"}  # fmt: skip
UNSUPPORTED = {
    "locations": {"geopoint", "geotrace", "geoshape", "location", "gps", "start-geopoint",
                  "background-geopoint", "osm"},
    "media": {"photo", "image", "audio", "video", "file", "background-audio"},
    "times": {"time", "datetime", "dateTime", "date time"},
}  # fmt: skip
DISPLAY_APPEARANCES = {"minimal", "quick", "likert", "horizontal", "horizontal-compact",
                       "compact", "columns", "columns-pack", "no-buttons", "autocomplete",
                       "multiline", "numbers", "thousands-sep", "label", "list-nolabel",
                       "list", "field-list", "table-list"}  # fmt: skip
"""Appearances that only change how a question looks: accepted (the app draws its own)."""
MODELS: dict[str, type[BaseModel]] = {
    "select_one": SelectOne, "select_multiple": SelectMultiple, "rank": Rank,
    "integer": IntegerQuestion, "decimal": DecimalQuestion, "text": TextQuestion,
    "date": DateQuestion, "note": Note, "calculate": Calculate, "likert": LikertItem,
}  # fmt: skip
XLSFORM_FIELDS = {"type", "id", "label", "hint", "relevant", "required", "required_message",
                  "constraint", "constraint_message", "calculation", "choices", "scale", "items",
                  "field_list"}  # fmt: skip
"""Item fields in XLSForm's own columns; every other field is an extension column."""
AREA_FIELDS = {"id", "label", "relevant", "items"}
"""Area fields on its `begin group` row's own columns (the others are extension columns)."""
REFUSED = "_fieldsurvey_refused"
TABLE_LIST_LABELS = "reserved_name_for_field_list_labels"
TRUE = {k for k, v in yes_no.items() if v}
OR_OTHER_RELEVANT = re.compile(r"^selected\(\.\./(\w+), 'other'\)$")


class SurveyMapper:
    """Walks the form JSON once; `ctx.places` learns the row of each item."""

    def __init__(self, ctx: Context, survey: Sheet, form: dict[str, Any]) -> None:
        self.ctx = ctx
        self.sheet = survey.name
        self.choices: dict[str, list[dict[str, Any]]] = form.setdefault("choices", {})
        self.scales = {name for name, entries in self.choices.items() if _is_scale(entries)}
        self.selects = selects_by_name(form.get("children", []))
        self.last: tuple[str, int | None] = ("", None)
        self.split: set[str] = set()
        """Lists that cascades split into filtered lists."""
        self.areas: list[dict[str, Any]] = []
        self.rows = [(n, r.get("name", "")) for n, r in survey.numbered()
                     if not r.get("type", "").lower().startswith("end")]  # fmt: skip
        self.cursor = 0

    def items(
        self, children: list[dict[str, Any]], path: Path, parent: Place | None = None
    ) -> list[dict[str, Any]]:
        """Our items for pyxform's `children`; an element pyxform added itself (`x_other`, a
        table-list's label row) is placed on its parent's row."""
        out: list[dict[str, Any]] = []
        for element in self._expanded(children, parent):
            here = (*path, len(out))
            row = self._row(element.get(ROW_NAME) or element.get("name", ""))
            place = (self.sheet, row) if row is not None or parent is None else parent
            if REFUSED in element:
                code = XCode.UNSUPPORTED_COLUMN
                self.ctx.refuse(place, "choice_filter", code, why=element[REFUSED])
            item = self._item(element, here, place)
            if item is not None:
                self.ctx.places[here] = place
                out.append(item)
        return out

    def _expanded(
        self, children: list[dict[str, Any]], parent: Place | None
    ) -> Iterator[dict[str, Any]]:
        """The elements to map: pyxform's own additions left out, cascades expanded."""
        for element in children:
            if element.get("control", {}).get("bodyless") or str(
                element.get("name", "")
            ).startswith(TABLE_LIST_LABELS):
                continue  # pyxform's own meta group, a table-list's generated label row
            if not element.get("choice_filter"):
                yield element
                continue
            try:
                yield from list(expand(element, self.choices, self.selects))
                self.split.add(element["list_name"])
            except FilterError as exc:  # reported at its row; the question goes on unfiltered
                yield {**element, "choice_filter": None, REFUSED: str(exc)}

    def _row(self, name: str) -> int | None:
        """The next row with this name (None for one pyxform added, like `x_other`); the
        questions a cascade makes from one row all get that row."""
        if name == self.last[0]:
            return self.last[1]
        for index in range(self.cursor, len(self.rows)):
            if self.rows[index][1] == name:
                self.cursor = index + 1
                self.last = (name, self.rows[index][0])
                return self.rows[index][0]
        return None

    def _item(self, element: dict[str, Any], path: Path, place: Place) -> dict[str, Any] | None:
        kind = element.get("type", "")
        if kind in ("group", "repeat"):
            return self._group(element, path, place)
        if kind in METADATA:
            self.ctx.warnings.append(_skipped(self.ctx, place, kind))
            return None
        mapped = QUESTION_TYPES.get(kind)
        if mapped is None:
            why = next((w for w, kinds in UNSUPPORTED.items() if kind in kinds), "no such type")
            self.ctx.refuse(place, "type", XCode.UNSUPPORTED_TYPE, value=kind, why=why)
            mapped = "text"
        item: dict[str, Any] = {"type": mapped, "id": element.get("name", "")}
        if mapped in ("select_one", "select_multiple", "rank"):
            list_name = element.get("list_name") or element.get("itemset", "")
            if mapped == "select_one" and list_name in self.scales:
                item.update(type="likert", scale=list_name)
            else:
                item["choices"] = list_name
        self._common(element, item, place)
        self._extensions(element, item, place)
        return item

    def _group(self, element: dict[str, Any], path: Path, place: Place) -> dict[str, Any]:
        label = self.ctx.text(element.get("label"), place, "label")
        relevant = element.get("bind", {}).get("relevant")
        appearance = element.get("control", {}).get("appearance", "")
        self._appearance(appearance, place)
        area = element.get("area")
        if area:
            index = len(self.areas)
            self.ctx.places[("areas", index)] = place
            block: dict[str, Any] = {"id": area, "label": label}
            _put(block, relevant=relevant)
            _copy_fields(self.ctx, element, block, Area, AREA_FIELDS, place)
            self.areas.append(block)
            children = element.get("children", [])
            block["items"] = self.items(children, ("areas", index, "items"), place)
            return {"type": "area", "area": area}
        group: dict[str, Any] = {"type": "group", "id": element.get("name", "")}
        _put(group, label=label, relevant=relevant)
        if appearance in ("field-list", "table-list"):
            group["field_list"] = True
        group["items"] = self.items(element.get("children", []), (*path, "items"), place)
        return group

    def _common(self, element: dict[str, Any], item: dict[str, Any], place: Place) -> None:
        bind = dict(element.get("bind", {}))
        ctx = self.ctx
        or_other = OR_OTHER_RELEVANT.match(bind.get("relevant", ""))
        if or_other:  # the "specify other" question pyxform adds for `or_other`
            bind["relevant"] = f"selected(${{{or_other.group(1)}}}, 'other')"
        _put(
            item,
            label=ctx.text(element.get("label"), place, "label"),
            hint=ctx.text(element.get("hint"), place, "hint"),
            relevant=bind.get("relevant"),
            constraint=bind.get("constraint"),
            constraint_message=ctx.text(bind.get("jr:constraintMsg"), place, "constraint_message"),
            required=_required(bind.get("required")),
            required_message=ctx.text(bind.get("jr:requiredMsg"), place, "required_message"),
            calculation=bind.get("calculate"),
        )
        for column, value in (
            ("read_only", bind.get("readonly")),
            ("default", element.get("default")),
        ):
            if value not in (None, "", "false()") and not (column == "read_only" and or_other):
                ctx.refuse(place, column, XCode.UNSUPPORTED_COLUMN, why=f"{column} (not yet)")
        if "media" in element:
            ctx.refuse(place, "media", XCode.UNSUPPORTED_COLUMN, why="images, audio and video")
        self._appearance(element.get("control", {}).get("appearance", ""), place)

    def _appearance(self, appearance: str, place: Place) -> None:
        for word in appearance.split():
            if word not in DISPLAY_APPEARANCES:
                supported = ", ".join(sorted(DISPLAY_APPEARANCES))
                self.ctx.refuse(
                    place,
                    "appearance",
                    XCode.UNSUPPORTED_APPEARANCE,
                    value=word,
                    supported=supported,
                )

    def _extensions(self, element: dict[str, Any], item: dict[str, Any], place: Place) -> None:
        """Our extension columns: any other field of the item's model, by its own name."""
        _copy_fields(self.ctx, element, item, MODELS[item["type"]], XLSFORM_FIELDS, place)


def _copy_fields(
    ctx: Context,
    element: dict[str, Any],
    target: dict[str, Any],
    model: type[BaseModel],
    skip: set[str],
    place: Place,
) -> None:
    for name in model.model_fields:
        value = element.get(name)
        if name in skip or value is None or value == "":
            continue
        target[name] = ctx.text(value, place, name) if isinstance(value, dict) else value


def _required(value: str | None) -> bool | str | None:
    if value is None or value == "":
        return None
    if value in yes_no:
        return bool(yes_no[value])
    return value


def _put(target: dict[str, Any], **values: Any) -> None:
    """Set the values that are present (None and "" leave the model's default)."""
    target.update({k: v for k, v in values.items() if v is not None and v != ""})


def _without_none(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _skipped(ctx: Context, place: Place, kind: str) -> Problem:
    message = f"warning: {kind!r} is recorded by ODK itself; fieldsurvey records its own times"
    return sheet_problem(ctx.file, place[0], place[1], "type", XCode.UNSUPPORTED_TYPE, message)


def _is_scale(entries: list[dict[str, Any]]) -> bool:
    return any(entry.get("dk", "") in TRUE for entry in entries)


def choice_data(
    ctx: Context, choices: dict[str, list[dict[str, Any]]], sheet: Sheet | None
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """("list"|"scale", list id, model data) for each choice list, in sheet order."""
    rows = _choice_rows(sheet)
    name = sheet.name if sheet else "choices"
    lists, scales = 0, 0
    for list_id, entries in choices.items():
        is_scale = _is_scale(entries)
        key, index = ("scales", scales) if is_scale else ("choice_lists", lists)
        places = [(name, rows.get((list_id, str(e.get("name", ""))))) for e in entries]
        ctx.places[(key, index)] = places[0] if places else (name, None)
        data = [
            _without_none(value=e.get("name", ""), label=ctx.text(e.get("label"), p, "label"))
            for e, p in zip(entries, places, strict=True)
        ]
        if is_scale:
            points: list[dict[str, Any]] = []
            dk: dict[str, Any] | None = None
            for item, entry, place in zip(data, entries, places, strict=True):
                if entry.get("dk", "") in TRUE and dk is None:
                    dk = item
                    ctx.places[(key, index, "dk")] = place
                else:
                    ctx.places[(key, index, "points", len(points))] = place
                    points.append(item)
            scales += 1
            yield "scale", list_id, {"id": list_id, "points": points, "dk": dk}
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

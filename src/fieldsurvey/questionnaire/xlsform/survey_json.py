"""pyxform's form JSON -> the model's `survey` and `areas` data (choices: `choices.py`).

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

from fieldsurvey.questionnaire.model import Area
from fieldsurvey.questionnaire.problems import Path, Problem
from fieldsurvey.questionnaire.xlsform.cascades import (
    ROW_NAME,
    FilterError,
    expand,
    selects_by_name,
)
from fieldsurvey.questionnaire.xlsform.choices import is_scale
from fieldsurvey.questionnaire.xlsform.context import Context, Place
from fieldsurvey.questionnaire.xlsform.problems import XCode, sheet_problem
from fieldsurvey.questionnaire.xlsform.vocabulary import (
    AREA_FIELDS,
    DISPLAY_APPEARANCES,
    METADATA,
    MODELS,
    QUESTION_TYPES,
    UNSUPPORTED,
    XLSFORM_FIELDS,
)
from fieldsurvey.questionnaire.xlsform.workbook import Sheet

REFUSED = "_fieldsurvey_refused"
CLOSING = re.compile(r"^end[ _]")
"""`end group`, `end_repeat`...: rows that close a block (not the `end` metadata type)."""
TABLE_LIST_LABELS = "reserved_name_for_field_list_labels"
FALSE = {k for k, v in yes_no.items() if not v}
OR_OTHER_RELEVANT = re.compile(r"^selected\(\.\./(\w+), 'other'\)$")


class SurveyMapper:
    """Walks the form JSON once; `ctx.places` learns the row of each item."""

    def __init__(self, ctx: Context, survey: Sheet, form: dict[str, Any]) -> None:
        self.ctx = ctx
        self.sheet = survey.name
        self.choices: dict[str, list[dict[str, Any]]] = form.setdefault("choices", {})
        self.scales = {name for name, entries in self.choices.items() if is_scale(entries)}
        self.selects = selects_by_name(form.get("children", []))
        self.last: tuple[str, int | None] = ("", None)
        self.split: set[str] = set()
        """Lists that cascades split into filtered lists."""
        self.areas: list[dict[str, Any]] = []
        self.rows = [(n, r.get("name", "")) for n, r in survey.numbered()
                     if not CLOSING.match(r.get("type", "").lower())]  # fmt: skip
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
            default = "no such question type here"
            why = next((w for w, kinds in UNSUPPORTED.items() if kind in kinds), default)
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
        label = ctx.text(element.get("label"), place, "label") if not or_other else None
        if or_other:  # the "specify other" question pyxform adds (its label in no language)
            bind["relevant"] = f"selected(${{{or_other.group(1)}}}, 'other')"
            label = {code: str(element.get("label")) for code in ctx.languages.ordered}
        _put(
            item,
            label=label,
            hint=ctx.text(element.get("hint"), place, "hint"),
            relevant=bind.get("relevant"),
            constraint=bind.get("constraint"),
            constraint_message=ctx.text(bind.get("jr:constraintMsg"), place, "constraint_message"),
            required=_required(bind.get("required")),
            required_message=ctx.text(bind.get("jr:requiredMsg"), place, "required_message"),
            calculation=bind.get("calculate"),
            default=_default(element.get("default")),
        )
        read_only = bind.get("readonly")
        if read_only and read_only not in FALSE and not or_other:
            item["read_only"] = True
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


def _default(value: str | None) -> str | None:
    """A date typed in Excel is read as a date-time at midnight: keep the date."""
    return value.removesuffix(" 00:00:00") if value else None


def _required(value: str | None) -> bool | str | None:
    if value is None or value == "":
        return None
    if value in yes_no:
        return bool(yes_no[value])
    return value


def _put(target: dict[str, Any], **values: Any) -> None:
    """Set the values that are present (None and "" leave the model's default)."""
    target.update({k: v for k, v in values.items() if v is not None and v != ""})


def _skipped(ctx: Context, place: Place, kind: str) -> Problem:
    message = XCode.METADATA.format(value=kind)
    return sheet_problem(ctx.file, place[0], place[1], "type", XCode.METADATA, message)

"""The XLSForm vocabulary the import and export share: question types, appearances, and
which of an item's fields live in XLSForm's own columns (the others are extension columns).
"""

from __future__ import annotations

from pydantic import BaseModel

from fieldsurvey.questionnaire.model import (
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
                  "constraint", "constraint_message", "default", "read_only", "calculation",
                  "choices", "scale", "items", "field_list"}  # fmt: skip
"""Item fields in XLSForm's own columns; every other field is an extension column."""
AREA_FIELDS = {"id", "label", "relevant", "items"}
"""Area fields on its `begin group` row's own columns (the others are extension columns)."""

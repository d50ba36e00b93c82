"""Answer values as SQLite's `value ->> '$'` gives them, for the answers scoring reads
decoded (`PackedQuery.others`): JSON scalars as Python values, arrays and objects as their
compact JSON text, text that is not JSON as None."""

from __future__ import annotations

import json


def sql_value(text: str | None) -> object:
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def sql_values(column: tuple[object, ...]) -> tuple[object, ...]:
    return tuple(sql_value(text if isinstance(text, str) else None) for text in column)

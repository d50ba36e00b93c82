"""The file format's bounds as data the store can check in bulk (`store.records.LineBounds`).

Derived from fileformat.py's models, so the format keeps one definition: the export writer
asks the store to check every column of every line against these in SQL, and validates with
pydantic only a line the store reports as not fitting. An annotation this module does not
understand is an error at import, not a bound silently skipped.
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic.fields import FieldInfo

from fieldsurvey.store.records import ANSWER_COLUMNS, EVENT_COLUMNS, Bound, LineBounds
from fieldsurvey.sync.fileformat import (
    Answer,
    Event,
    ParadataRecord,
    ResponseRecord,
    Sha256,
    Strict,
)


def bound_of(annotation: Any) -> Bound:
    """The bound of one field's annotation: optional, then Literal, Sha256, str or int."""
    if get_origin(annotation) in (Union, types.UnionType):
        present = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(present) != 1:
            raise TypeError(f"no bound for the union {annotation}")
        return bound_of(present[0])._replace(nullable=True)
    if get_origin(annotation) is Literal:
        return Bound("choice", choices=tuple(str(choice) for choice in get_args(annotation)))
    if get_origin(annotation) is not Annotated:
        raise TypeError(f"no bound for {annotation}: give it a size or range")
    base, limits = _constraints(annotation)
    if base is str and limits.get("pattern") == _SHA256_PATTERN:
        return Bound("sha256")
    if "pattern" in limits:
        raise TypeError(f"no bound for the pattern of {annotation}")
    if base is str and "max_length" in limits:
        return Bound("text", limits.get("min_length", 0), limits["max_length"])
    if base is int and {"ge", "le"} <= set(limits):
        return Bound("integer", limits["ge"], limits["le"])
    raise TypeError(f"no bound for {annotation}: give it a size or range")


def _constraints(annotation: Any) -> tuple[Any, dict[str, Any]]:
    """An Annotated type's base and its constraints by name (min_length, le, pattern...)."""
    base, *metadata = get_args(annotation)
    limits: dict[str, Any] = {}
    for item in metadata:
        for constraint in item.metadata if isinstance(item, FieldInfo) else [item]:
            limits.update(
                (name, value)
                for name in _CONSTRAINTS
                if (value := getattr(constraint, name, None)) is not None
            )
    return base, limits


_CONSTRAINTS = ("min_length", "max_length", "ge", "le", "pattern")
_SHA256_PATTERN = _constraints(Sha256)[1]["pattern"]


def _line(model: type[Strict], nested: str) -> dict[str, Bound]:
    fields = model.model_fields
    return {
        name: bound_of(info.rebuild_annotation()) for name, info in fields.items() if name != nested
    }


def _items(item: Any, columns: tuple[str, ...]) -> dict[str, Bound]:
    return {name: bound_of(arg) for name, arg in zip(columns, get_args(item), strict=True)}


RESPONSE_BOUNDS = LineBounds(_line(ResponseRecord, "answers"), _items(Answer, ANSWER_COLUMNS))
PARADATA_BOUNDS = LineBounds(_line(ParadataRecord, "events"), _items(Event, EVENT_COLUMNS))

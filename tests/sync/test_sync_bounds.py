"""The bounds the store checks in SQL are the file format's, derived from its models."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from pydantic import Field, TypeAdapter, ValidationError

from fieldsurvey.store.records import Bound
from fieldsurvey.sync.bounds import PARADATA_BOUNDS, RESPONSE_BOUNDS, bound_of
from fieldsurvey.sync.fileformat import Answer, Event, ParadataRecord, ResponseRecord

_ANNOTATIONS: dict[str, Any] = {
    **{f"response.{n}": f.rebuild_annotation() for n, f in ResponseRecord.model_fields.items()},
    **{f"paradata.{n}": f.rebuild_annotation() for n, f in ParadataRecord.model_fields.items()},
    **{f"answer.{n}": a for n, a in zip(RESPONSE_BOUNDS.items, Answer.__args__, strict=True)},
    **{f"event.{n}": a for n, a in zip(PARADATA_BOUNDS.items, Event.__args__, strict=True)},
}
_NESTED = {"response.answers", "paradata.events"}


def test_every_field_of_the_format_has_a_bound() -> None:
    assert set(RESPONSE_BOUNDS.line) == set(ResponseRecord.model_fields) - {"answers"}
    assert set(PARADATA_BOUNDS.line) == set(ParadataRecord.model_fields) - {"events"}
    assert len(RESPONSE_BOUNDS.items) == len(Answer.__args__)
    assert len(PARADATA_BOUNDS.items) == len(Event.__args__)


def _edges(bound: Bound) -> tuple[list[object], list[object]]:
    """Values just inside and just outside the bound."""
    if bound.kind == "text":
        inside: list[object] = ["x" * bound.high, "x" * bound.low]
        outside: list[object] = ["x" * (bound.high + 1), 5]
        return inside, outside + (["x" * (bound.low - 1)] if bound.low else [])
    if bound.kind == "integer":
        return [bound.low, bound.high], [bound.low - 1, bound.high + 1, "x"]
    if bound.kind == "sha256":
        return ["0" * 64], ["0" * 63, "A" * 64, "g" * 64]
    return list(bound.choices), ["draft"]


@pytest.mark.parametrize("name", sorted(set(_ANNOTATIONS) - _NESTED))
def test_a_bound_agrees_with_pydantic(name: str) -> None:
    annotation = _ANNOTATIONS[name]
    bound = bound_of(annotation)
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    inside, outside = _edges(bound)
    for value in inside:
        adapter.validate_python(value)
    for value in outside:
        with pytest.raises(ValidationError):
            adapter.validate_python(value)
    if bound.nullable:
        assert adapter.validate_python(None) is None
    else:
        with pytest.raises(ValidationError):
            adapter.validate_python(None)


@pytest.mark.parametrize(
    "annotation",
    [str, int, Annotated[str, Field(pattern="^a+$", max_length=3)], Annotated[int, Field(ge=0)],
     int | str | None],
)  # fmt: skip
def test_an_annotation_without_a_bound_is_refused(annotation: Any) -> None:
    with pytest.raises(TypeError, match="no bound"):
        bound_of(annotation)

"""`choice_filter` (cascading selects) turned into questions our model already has.

XLSForm filters a list by a column of the choices sheet: `state = ${state}` keeps the counties
whose `state` column equals the answer to `state`. The model has no choice filter, so the
import writes the form the way XLSForm's own "equivalent" cascading example does: one select
per answer of the parent question, each on the filtered list and relevant for that answer,
and a `calculate` with the question's own name holding whichever was answered, so every
`${county}` in the form still reads the chosen county. A literal filter (`pastel = 'yes'`)
becomes one filtered list. Other filters are refused with the forms that are supported.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

FILTER = re.compile(
    r"^\s*(?:(?P<col>[A-Za-z_][\w.-]*)\s*=\s*(?P<rhs>\$\{(?P<p1>\w+)\}|'(?P<lit>[^']*)')"
    r"|\$\{(?P<p2>\w+)\}\s*=\s*(?P<col2>[A-Za-z_][\w.-]*))\s*$"
)
SUPPORTED = "COLUMN = ${question} or COLUMN = 'value' (quoted)"
ROW_NAME = "_fieldsurvey_row_name"
"""Set on the elements made here: the name of the row they came from (for its row number)."""


class FilterError(ValueError):
    """A choice_filter this import cannot express; the message says what is supported."""


def expand(
    element: dict[str, Any], choices: dict[str, list[dict[str, Any]]], selects: dict[str, Any]
) -> Iterator[dict[str, Any]]:
    """The elements that replace `element` (a select with a `choice_filter`).

    `selects` are the form's select questions by name (as pyxform read them); new filtered
    lists are added to `choices`. Raises FilterError for a filter that is not supported.
    """
    source = element["choice_filter"]
    found = FILTER.match(source)
    if found is None or element.get("type") != "select one":
        why = SUPPORTED if found is None else "only on select_one questions"
        raise FilterError(f"choice_filter {source!r}: supported: {why}")
    column = found["col"] or found["col2"]
    parent_name = found["p1"] or found["p2"]
    list_name = element["list_name"]
    if parent_name is None:  # a literal: one filtered list
        yield _variant(element, choices, list_name, column, found["lit"], element["name"])
        return
    parent = selects.get(parent_name)
    if parent is None or parent.get("type") != "select one":
        raise FilterError(f"choice_filter {source!r}: ${{{parent_name}}} must be a select_one")
    values = list(dict.fromkeys(str(c["name"]) for c in choices[parent["list_name"]]))
    made: list[tuple[str, str]] = []
    for value in values:
        name = re.sub(r"\W", "_", f"{element['name']}_{value}").lower()
        variant = _variant(element, choices, list_name, column, value, name)
        if not choices[variant["list_name"]]:
            del choices[variant["list_name"]]
            continue  # no choice for this answer: nothing to ask
        bind = variant.setdefault("bind", {})
        asked = f"${{{parent_name}}} = '{value}'"
        own = element.get("bind", {}).get("relevant")
        bind["relevant"] = f"({own}) and {asked}" if own else asked
        made.append((value, name))
        yield variant
    answered = ", ".join(f"${{{name}}}" for _, name in made) or "''"
    calculate: dict[str, Any] = {
        "type": "calculate",
        "name": element["name"],
        ROW_NAME: element["name"],
    }
    calculate["bind"] = {"calculate": f"concat({answered}, '')"}
    if element.get("bind", {}).get("relevant"):
        calculate["bind"]["relevant"] = element["bind"]["relevant"]
    yield calculate


def _variant(
    element: dict[str, Any],
    choices: dict[str, list[dict[str, Any]]],
    list_name: str,
    column: str,
    value: str,
    name: str,
) -> dict[str, Any]:
    new_list = re.sub(r"\W", "_", f"{list_name}_{column}_{value}").lower()
    kept = [c for c in choices[list_name] if str(c.get(column, "")) == value]
    choices[new_list] = kept
    variant = copy.deepcopy(element)
    variant.pop("choice_filter")
    variant.update(name=name, list_name=new_list, itemset=new_list)
    variant[ROW_NAME] = element["name"]
    return variant


def selects_by_name(children: list[dict[str, Any]]) -> dict[str, Any]:
    """Every element of the form JSON by name (the parents a filter may read)."""
    found: dict[str, Any] = {}
    for element in children:
        found.setdefault(element.get("name", ""), element)
        found.update({k: v for k, v in selects_by_name(element.get("children", [])).items()
                      if k not in found})  # fmt: skip
    return found

"""SPSS (.sav) and Stata (.dta) with pyreadstat, labelled in the chosen language.

pyreadstat writes from a whole pandas DataFrame and offers no append, so the wide table is
held in memory as compact columns (float64 codes, strings) while it is built: ~25 MB per
10,000 responses of the bundled questionnaire. The paradata table is not: pyreadstat needed
1.1 GB to write 2.5 million events (20,000 interviews), so for these two formats paradata
goes to a CSV file beside the data, which SPSS and Stata both import.

Names are mapped to each format's rules (limits.py); select_one answers are numeric codes
1..n with value labels (a stored value the list no longer has gets the next code, labelled
with the value itself); Likert DK is 99, labelled, and user-missing in SPSS.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat

from fieldsurvey.dataout.files import DataOutError
from fieldsurvey.dataout.limits import Limits, fit, map_names
from fieldsurvey.dataout.table import Column, TableSource
from fieldsurvey.dataout.variables import DK_CODE, Variable
from fieldsurvey.questionnaire.texts import text_in

SAV_MAX_STRING_BYTES = 32_767


@dataclass
class Labels:
    """Labels fitted to the format, counting those that had to be shortened."""

    limits: Limits
    lang: str
    default: str
    shortened: list[str] = field(default_factory=list)

    def variable(self, variable: Variable) -> str:
        text = text_in(variable.label, self.lang, self.default)
        return self._fit(text, self.limits.variable_label_chars,
                         self.limits.variable_label_bytes, variable.name)  # fmt: skip

    def value(self, text: str, name: str) -> str:
        return self._fit(text, self.limits.value_label_chars,
                         self.limits.value_label_bytes, name)  # fmt: skip

    def _fit(self, text: str, chars: int | None, size: int | None, name: str) -> str:
        fitted = fit(text, chars, size)
        if fitted != text and name not in self.shortened:
            self.shortened.append(name)
        return fitted


def write_stat(path: Path, source: TableSource, limits: Limits) -> tuple[int, list[str]]:
    """Write the wide table; returns (responses, warnings)."""
    variables = source.variables
    labels = Labels(limits, source.lang, source.default_language)
    columns = [_Column(v, labels) for v in variables]
    for chunk in source.wide():
        for column, values in zip(columns, chunk, strict=True):
            column.add(values)
    names = map_names([v.name for v in variables], limits)
    # No second copy of any column: each keeps its dtype (object for text), where pandas 3
    # would copy text into Arrow strings (25 MiB more at the peak for 20,000 interviews,
    # measured) for pyreadstat to read back as Python strings.
    series = {}
    for name, column in zip(names, columns, strict=True):
        array = column.series()
        series[name] = pd.Series(array, dtype=array.dtype, copy=False)
    frame = pd.DataFrame(series, copy=False)
    value_labels = {
        name: {code: labels.value(text, c.variable.name) for code, text in c.texts.items()}
        for name, c in zip(names, columns, strict=True)
        if c.texts
    }
    column_labels: dict[str, str | None] = {
        n: labels.variable(v) for v, n in zip(variables, names, strict=True)
    }
    title = fit(source.title, limits.file_label_chars, limits.file_label_bytes)
    _write(path, frame, limits, title, column_labels, value_labels, variables, names)
    return len(frame), _warnings(labels)


def _write(
    path: Path,
    frame: pd.DataFrame,
    limits: Limits,
    title: str,
    column_labels: dict[str, str | None],
    value_labels: dict[str, dict[int | float, str]],
    variables: Sequence[Variable],
    names: Sequence[str],
) -> None:
    if limits.name == "sav":
        missing = {n: [DK_CODE] for v, n in zip(variables, names, strict=True)
                   if v.source == "likert"}  # fmt: skip
        pyreadstat.write_sav(frame, str(path), file_label=title, column_labels=column_labels,
                             variable_value_labels=value_labels,
                             missing_ranges=missing)  # type: ignore[arg-type]  # fmt: skip
    else:
        pyreadstat.write_dta(frame, str(path), file_label=title, column_labels=column_labels,
                             variable_value_labels=value_labels)  # fmt: skip


class _Column:
    """One variable's values, kept compact chunk by chunk (float64 codes and numbers)."""

    def __init__(self, variable: Variable, labels: Labels) -> None:
        self.variable = variable
        self.sav = labels.limits.name == "sav"
        shown = variable.coded or variable.source == "likert"
        self.texts: dict[int | float, str] = {
            v.code: text_in(v.label, labels.lang, labels.default) for v in variable.values
        } if shown else {}  # fmt: skip
        self.codes = {v.value: v.code for v in variable.values}
        self.parts: list[np.ndarray] = []
        self.seen: dict[object, object] = {}
        """Each distinct text once: sqlite3 hands every row its own copy of `Phnom Penh`."""

    def add(self, values: Column) -> None:
        kind = self.variable.kind
        if self.variable.coded:
            values = [None if x is None else self._code(str(x)) for x in values]
        if self.variable.coded or kind in ("int", "float"):
            self.parts.append(np.array([np.nan if x is None else x for x in values], np.float64))
            return
        if kind == "date":
            values = [None if x is None else self._date(str(x)) for x in values]
        elif kind == "datetime":
            values = [None if x is None else _naive_utc(str(x)) for x in values]
        elif kind == "text":
            if self.sav:
                _check_length(self.variable, values)
            values = [self.seen.setdefault(x, x) for x in values]
        array = np.empty(len(values), dtype=object)
        array[:] = values
        self.parts.append(array)

    def _date(self, text: str) -> object:
        """Dates repeat: each one parsed and held once."""
        if text not in self.seen:
            self.seen[text] = date.fromisoformat(text)
        return self.seen[text]

    def _code(self, value: str) -> int:
        """A choice's code; a value the list does not have gets the next one, labelled as is."""
        if value not in self.codes:
            self.codes[value] = code = max(self.codes.values(), default=0) + 1
            self.texts[code] = value
        return self.codes[value]

    def series(self) -> np.ndarray:
        """The whole column, once: the chunks are let go as it is made (not held twice)."""
        numeric = self.variable.coded or self.variable.kind in ("int", "float")
        parts, self.parts = self.parts, []
        return np.concatenate(parts) if parts else np.array([], np.float64 if numeric else object)


def _naive_utc(text: str) -> datetime:
    """Stored times are UTC; as Python datetimes (not a datetime64 column, which makes
    pyreadstat copy the whole table before writing)."""
    return datetime.fromisoformat(text).astimezone(UTC).replace(tzinfo=None)


def _check_length(variable: Variable, column: Column) -> None:
    for value in column:
        if isinstance(value, str) and len(value.encode("utf-8")) > SAV_MAX_STRING_BYTES:
            raise DataOutError(
                f"{variable.name}: an answer of {len(value.encode('utf-8'))} bytes; an "
                f"SPSS string holds {SAV_MAX_STRING_BYTES} at most (use --format csv or parquet)"
            )


def _warnings(labels: Labels) -> list[str]:
    if not labels.shortened:
        return []
    limits = labels.limits
    shown = ", ".join(labels.shortened[:5]) + (" ..." if len(labels.shortened) > 5 else "")
    return [
        f"{limits.name}: labels of {len(labels.shortened)} variables were longer than the "
        f"format holds and end with '…' ({shown}); the codebook has them in full"
    ]

"""The codebook: what each column of an export means, in CSV or Markdown.

One row per variable: its name in CSV/XLSX/Parquet and the names it has in SPSS and Stata
(mapped to their limits), its label in every questionnaire language, type, value codes and
labels, relevance expression, area, reverse coding and weight.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from fieldsurvey.dataout.limits import SPSS, STATA, map_names
from fieldsurvey.dataout.variables import Variable
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.safetext import csv_cell


def codebook_rows(
    variables: Sequence[Variable], languages: Sequence[str], default: str
) -> list[dict[str, str]]:
    names = [v.name for v in variables]
    sav, dta = map_names(names, SPSS), map_names(names, STATA)
    rows = []
    for variable, sav_name, dta_name in zip(variables, sav, dta, strict=True):
        row = {"variable": variable.name, "sav_name": sav_name, "dta_name": dta_name}
        row["type"] = variable.kind
        row["source"] = variable.source
        for lang in languages:
            row[f"label_{lang}"] = text_in(variable.label, lang, default)
        for lang in languages:
            row[f"values_{lang}"] = "; ".join(
                f"{v.code}={v.value}: {text_in(v.label, lang, default)}" for v in variable.values
            )
        row["relevant"] = variable.relevant or ""
        row["area"] = variable.area or ""
        row["reverse"] = "" if variable.reverse is None else str(variable.reverse).lower()
        row["weight"] = "" if variable.weight is None else f"{variable.weight:g}"
        rows.append(row)
    return rows


def write_codebook(
    path: Path,
    variables: Sequence[Variable],
    languages: Sequence[str],
    default: str,
    *,
    markdown: bool,
) -> None:
    """Markdown, or CSV (UTF-8, formula-neutralised)."""
    rows = codebook_rows(variables, languages, default)
    with path.open("w", encoding="utf-8", newline="") as handle:
        if markdown:
            handle.write(_markdown(rows))
            return
        writer = csv.writer(handle)
        writer.writerow(rows[0].keys() if rows else ["variable"])
        writer.writerows([csv_cell(value) for value in row.values()] for row in rows)


def _markdown(rows: list[dict[str, str]]) -> str:
    if not rows:
        return "# Codebook\n\nNo variables.\n"
    header = list(rows[0])
    lines = ["# Codebook", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        lines.append("| " + " | ".join(_cell(value) for value in row.values()) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """A Markdown table cell: pipes and HTML escaped, line breaks as spaces."""
    escaped = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
    return escaped.replace("\r", " ").replace("\n", " ")

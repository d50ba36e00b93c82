"""XLSForm import of a generated 500-question, 3-language form, against pyxform's own
conversion of the same file to an XForm, measured in the same run (#14: ratio <= 2).

Both read the same .xlsx from disk on each run; the two are interleaved so machine noise hits
both alike. Prints min and median of each and their ratios.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.expressions import _parse as cached_parse
from fieldsurvey.questionnaire.xlsform import read_xlsform
from fieldsurvey.questionnaire.xlsform.writer import write_xlsform

LANGUAGES = ["en", "zh", "km"]
WORDS = {"en": "Question", "zh": "问题", "km": "សំណួរ"}
RUNS = 9


def text(n: int, what: str = "") -> dict[str, str]:
    return {lang: f"{WORDS[lang]} {what}{n}" for lang in LANGUAGES}


def question(n: int) -> dict[str, Any]:
    kind = ("select_one", "integer", "text", "select_multiple", "decimal", "date")[n % 6]
    item: dict[str, Any] = {"type": kind, "id": f"q{n}", "label": text(n), "hint": text(n, "h")}
    if kind.startswith("select"):
        item["choices"] = f"list{n % 10}"
    if kind in ("integer", "decimal"):
        item.update(constraint=". >= 0 and . <= 1000", constraint_message=text(n, "c"))
    if n % 25:
        item["relevant"] = f"${{q{n - n % 25}}} != ''"
    item["required"] = n % 3 == 0
    return item


def form() -> Questionnaire:
    """400 questions in 16 groups of 25, and 4 areas of 25 Likert items: 500 in all."""
    lists = [
        {"id": f"list{i}", "choices": [{"value": f"c{j}", "label": text(j, "c")} for j in range(6)]}
        for i in range(10)
    ]
    scale = {
        "id": "agree5",
        "points": [{"value": v, "label": text(v, "p")} for v in range(1, 6)],
        "dk": {"value": "dk", "label": text(0, "dk")},
    }
    groups = [
        {"type": "group", "id": f"g{g}", "label": text(g, "g"),
         "items": [question(g * 25 + i) for i in range(25)]}
        for g in range(16)
    ]  # fmt: skip
    areas = [
        {"id": f"area{a}", "label": text(a, "a"),
         "items": [{"id": f"a{a}_{i}", "label": text(i, "i"), "reverse": i % 7 == 0}
                   for i in range(25)]}
        for a in range(4)
    ]  # fmt: skip
    survey = [*groups, *({"type": "area", "area": a["id"]} for a in areas)]
    return Questionnaire.model_validate(
        {"id": "bench", "version": "1", "title": text(0, "t"), "languages": LANGUAGES,
         "default_language": "en", "choice_lists": lists, "scales": [scale],
         "areas": areas, "survey": survey}
    )  # fmt: skip


def timed(action: Any) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    from pyxform.xls2xform import convert

    questionnaire = form()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.xlsx"
        write_xlsform(questionnaire, path)
        assert len(read_xlsform(path).questionnaire.questions) == 500
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(RUNS):
            cached_parse.cache_clear()  # measure real expression parsing, not the cache
            ours.append(timed(lambda: read_xlsform(path)))
            theirs.append(timed(lambda: convert(str(path), warnings=[])))
        size = path.stat().st_size
    print(f"form: 500 questions, 3 languages, {size:,} bytes; {RUNS} interleaved runs")
    print(f"pyxform convert to XForm (baseline): min {min(theirs):7.1f} ms  "
          f"median {statistics.median(theirs):7.1f} ms")  # fmt: skip
    print(f"fieldsurvey xlsform import:          min {min(ours):7.1f} ms  "
          f"median {statistics.median(ours):7.1f} ms")  # fmt: skip
    median = statistics.median(ours) / statistics.median(theirs)
    print(f"ratio: min {min(ours) / min(theirs):.2f}x  median {median:.2f}x  (target <= 2)")


if __name__ == "__main__":
    main()

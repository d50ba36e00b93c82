"""Min-n in a return file: no number about fewer respondents than scoring would show.

The supervisor's score report already suppresses small cells (scoring/areas.py's MIN_N), so
`return` checks its own report before writing it (a bug there must not leak to every device),
and `receive` checks it again, since a forged or hand-edited file must not show a device what
min-n hides. A cell leaks when it has a count under MIN_N with any number beside it, or is
marked suppressed yet carries a number.
"""

from __future__ import annotations

from collections.abc import Iterator

from fieldsurvey.scoring.areas import MIN_N
from fieldsurvey.scoring.report import AreaResult, ScoreReport


def leaks(report: ScoreReport) -> list[str]:
    """Where `report` shows what min-n should hide (empty: nothing)."""
    found = list(_area_leaks("areas", report.areas))
    for dimension, groups in report.groups.items():
        for value, group in groups.items():
            where = f"groups.{dimension}.{value}"
            small = group.responses is not None and group.responses < MIN_N
            if (group.status == "suppressed" and group.responses is not None) or (
                small and any(a.score is not None for a in group.areas)
            ):
                found.append(where)
            found += _area_leaks(f"{where}.areas", group.areas)
    for benefit in report.awareness:
        if benefit.rate is not None and (benefit.n is None or benefit.n < MIN_N):
            found.append(f"awareness.{benefit.id}")
    if (
        report.status == "ok"
        and report.responses < MIN_N
        and any(a.score is not None for a in report.areas)
    ):
        found.append("responses")
    return found


def _area_leaks(where: str, areas: list[AreaResult]) -> Iterator[str]:
    for area in areas:
        shown = area.score is not None or area.ci is not None or area.pct_satisfied is not None
        if shown and (area.status == "suppressed" or area.n is None or area.n < MIN_N):
            yield f"{where}.{area.id}"
        for item in area.items:
            if item.score is not None and (item.n is None or item.n < MIN_N):
                yield f"{where}.{area.id}.items.{item.id}"

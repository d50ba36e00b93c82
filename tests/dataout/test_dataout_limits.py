"""Names and labels fitted to SPSS and Stata: unique, within the limits, clusters kept whole."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from fieldsurvey.dataout.limits import SPSS, STATA, fit, map_names

NAMES = st.lists(st.from_regex(r"[a-z][a-z0-9_-]{0,70}", fullmatch=True), max_size=40)


def test_long_names_sharing_a_prefix_get_distinct_numbered_names() -> None:
    long = "preferred_channels_rank_proximity_point"
    names = [long, long[:32], long[:32] + "_other"]
    assert map_names(names, STATA) == [long[:32], long[:30] + "_2", long[:30] + "_3"]


def test_reserved_words_and_case_clashes() -> None:
    assert map_names(["in", "long", "x"], STATA) == ["in_2", "long_2", "x"]
    assert map_names(["to", "Ab", "ab"], SPSS) == ["to_2", "Ab", "ab_2"]


@given(NAMES)
def test_mapped_names_are_valid_unique_and_short(names: list[str]) -> None:
    for limits in (SPSS, STATA):
        mapped = map_names(names, limits)
        keys = [n.lower() if limits.case_insensitive else n for n in mapped]
        assert len(set(keys)) == len(mapped) == len(names)
        assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", n) for n in mapped)
        assert all(len(n) <= limits.name_chars for n in mapped)
        assert not {n.lower() for n in mapped} & limits.reserved


def test_fit_keeps_what_fits_and_marks_what_does_not() -> None:
    assert fit("Office", 80, None) == "Office"
    assert fit("a" * 100, 80, None) == "a" * 79 + "…"
    khmer = "ការិយាល័យ" * 20
    shortened = fit(khmer, None, 120)
    assert len(shortened.encode()) <= 120 and shortened.endswith("…")
    assert khmer.startswith(shortened[:-1])


@given(st.text(alphabet="ក្សាិយល័ ខ្មែរ社会保障ab", min_size=1, max_size=300))
def test_fit_never_ends_on_a_coeng_or_before_a_mark(text: str) -> None:
    for chars, size in ((80, None), (None, 120)):
        fitted = fit(text, chars, size)
        kept = fitted[:-1] if fitted.endswith("…") and fitted != text else fitted
        assert text.startswith(kept)
        assert chars is None or len(fitted) <= chars
        assert size is None or len(fitted.encode()) <= size
        if fitted != text:
            assert not kept.endswith("\u17d2")
            assert unicodedata.category(text[len(kept)])[0] != "M"

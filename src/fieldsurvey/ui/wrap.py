"""Text folded into narrow lines without splitting a character cluster.

Textual folds a word longer than its box at any character. Khmer writes a sentence without
spaces, and a fold between a consonant and its vowel sign or subscript consonant (ក្ | រ)
breaks the script: the sign is drawn alone at the start of the next line. Here lines break at
spaces where a line has any, else between grapheme clusters (wcwidth's segmentation, which
keeps a Khmer consonant with its coeng, subscript consonant and vowel signs), and each line is
measured as Textual measures it (`terminal_width`), so Textual has nothing left to fold.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from fieldsurvey.ui.formatting import terminal_width

HOME_NOTICE_CELLS = 22
"""Text cells of a notice on Home: its toast is 25 cells wide (home.tcss), less Textual's
border (1) and padding (1 on each side)."""

_WORDS = re.compile(r"\S+\s*")


def wrap_clusters(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells (a cluster wider than `width` on its own
    line), broken at spaces, else between clusters; its own line breaks are kept."""
    return [line for paragraph in text.split("\n") for line in _paragraph(paragraph, width)]


def _paragraph(text: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in _WORDS.findall(text):
        if terminal_width(line + word.rstrip()) <= width:
            line += word
            continue
        if line:
            lines.append(line.rstrip())
            line = ""
        for cluster in _clusters(word):  # a word longer than the line: fold it
            if line and terminal_width(line + cluster.rstrip()) > width:
                lines.append(line.rstrip())
                line = ""
            line += cluster
    return [*lines, line.rstrip()]


def _clusters(text: str) -> Iterator[str]:
    # Imported here: wcwidth's tables cost about 0.1 s, paid only when a word must be folded
    # or a label cut, not by every screen that imports this module.
    from wcwidth import iter_graphemes

    return iter_graphemes(text)


def home_notice(text: str) -> str:
    """`text` as a notice on Home: folded to its narrow toast between clusters."""
    return "\n".join(wrap_clusters(text, HOME_NOTICE_CELLS))


def cut_clusters(text: str, width: int) -> str:
    """`text` if it fits `width` cells, else as many whole clusters as fit before "…"."""
    if terminal_width(text) <= width:
        return text
    out = ""
    for cluster in _clusters(text):
        if terminal_width(out + cluster) > width - 1:
            break
        out += cluster
    return out.rstrip() + "…"


MARKS = ("! ", "* ")
"""A warning's and a note's mark at the start of a line of prose."""
_CLOSING = frozenset("，。、；：！？）」』】》")
"""Chinese punctuation that may not start a line: it goes down with the character before it."""


def wrap_hanging(line: str, width: int) -> list[str]:
    """A line of prose (a note, a warning, a list item) in lines of at most `width` cells,
    continuation lines indented under its text when it starts with a `! ` or `* ` mark, else
    two cells further than it. Broken at spaces, and anywhere between the clusters of Chinese
    (which has no spaces between words) or of a word wider than the line: lines are filled,
    not cut short before a long word."""
    spaces = len(line) - len(line.lstrip(" "))
    marked = line[spaces : spaces + 2] in MARKS
    prefix = line[: spaces + 2] if marked else line[:spaces]
    hang = " " * (len(prefix) if marked else spaces + 2)
    room = max(1, width - len(hang))
    rows: list[list[str]] = [[]]
    for unit in _units(line[len(prefix) :], room):
        row = rows[-1]
        left = width - len(prefix) if len(rows) == 1 else room
        if row and terminal_width("".join(row) + unit.rstrip()) > left:
            carried = [row.pop()] if unit[0] in _CLOSING and len(row) > 1 else []
            rows.append([*carried, unit] if unit.strip() else carried)
        else:
            row.append(unit)
    texts = ["".join(row).rstrip() for row in rows]
    return [prefix + texts[0], *(hang + text for text in texts[1:])]


def _units(text: str, room: int) -> Iterator[str]:
    """The pieces a line may break between: words with their trailing spaces, or the clusters
    of a word that is Chinese or wider than `room`."""
    for word in _WORDS.findall(text):
        if terminal_width(word.rstrip()) > room or any(_wide(char) for char in word):
            yield from _clusters(word)
        else:
            yield word


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"

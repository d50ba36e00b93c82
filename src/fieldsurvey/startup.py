"""Holding the cyclic garbage collector off while the program starts.

Start-up creates a few hundred thousand objects that live as long as the program: modules,
classes, Textual's styles, the questionnaire. CPython's collector runs a pass every 700 new
objects and a full pass, over all of them, every so often, and interpreter exit traverses them
all again. None of it is garbage. On the start-up bench (bench/bench_startup.py) that work was
0.15 s of a 0.75 s start. `hold` stops the collector at the entry point; `release` moves every
object made so far into the permanent generation (`gc.freeze`, never traversed again) and turns
the collector back on, so whatever runs afterwards is collected exactly as before.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """Stop cyclic collection until `release` (the program's entry point calls this first)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """Freeze what start-up made and collect normally from now on; harmless if not held."""
    global _held
    if _held:
        gc.freeze()
        gc.enable()
        _held = False

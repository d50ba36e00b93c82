"""Long jobs the CLI and the TUI both run: export and merge (later review, return, data exports).

Each job takes the store and plain arguments, reports progress through a callback, and turns
every failure a user can act on into `JobFailed` with one line of words (failures.py), so the
CLI prints it and a Textual worker posts it back to the screen; neither maps errors itself.
"""

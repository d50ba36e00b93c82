"""fieldsurvey: offline client-satisfaction surveys for social-security institutions."""

import sys

__version__ = "0.1.0"


def _import_sqlite_utils_without_numpy() -> None:
    """Import sqlite-utils with numpy hidden, so the app starts fast.

    sqlite-utils imports numpy (0.2-0.5 s, a third of the app's start-up) only to map numpy
    scalars to column types on insert, which fieldsurvey never does. Scoring imports numpy
    itself, later, when it is needed.
    """
    if "sqlite_utils" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes `import numpy` fail
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]


_import_sqlite_utils_without_numpy()

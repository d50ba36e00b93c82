"""PDF by headless Chromium printing the HTML report.

Why Chromium rather than WeasyPrint: it is the browser the report is checked in (the same
layout engine prints it), it shapes Khmer and Chinese with HarfBuzz as it does on screen, and
it is one Debian package; WeasyPrint would be a second renderer with its own CSS support and a
stack of native libraries (Pango, cairo) to install on every machine.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from fieldsurvey.dataout.files import DataOutError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
TIMEOUT_S = 120


def find_browser() -> str:
    """The Chromium executable, or DataOutError saying how to get one."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise DataOutError("--pdf needs headless Chromium (Debian: apt-get install chromium)")


def browser_command(browser: str, profile: Path, *extra: str) -> list[str]:
    """Chromium with the report's flags and an empty profile of its own."""
    return [browser, *FLAGS, f"--user-data-dir={profile}", *extra]


def print_pdf(html: Path, pdf: Path) -> None:
    """Print `html` (a file) to `pdf` in A4 as the page's @page rule says, without the
    browser's header and footer."""
    browser = find_browser()
    with tempfile.TemporaryDirectory(prefix="fieldsurvey-chromium-") as profile:
        command = browser_command(browser, Path(profile), "--no-pdf-header-footer",
                                  f"--print-to-pdf={pdf}", html.resolve().as_uri())  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as exc:
            raise DataOutError(f"{pdf}: Chromium did not finish in {TIMEOUT_S} s") from exc
    if done.returncode != 0 or not pdf.exists() or pdf.stat().st_size == 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise DataOutError(f"{pdf}: Chromium could not print the report ({detail[0]})")

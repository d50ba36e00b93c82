"""`fieldsurvey report`: a self-contained HTML page that headless Chromium renders without
errors, every chart with a size; a PDF in A4; small groups hidden; bad inputs refused."""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from dataout_helpers import out_files

from fieldsurvey.cli import main
from fieldsurvey.demo import make_demo_responses
from fieldsurvey.i18n import tr
from fieldsurvey.quality import assess
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.report.charts import SUPPRESSED
from fieldsurvey.report.pdf import browser_command, find_browser
from fieldsurvey.review.words import QUALITY_KINDS, REVIEW_STATES
from fieldsurvey.store.sqlite import open_store

MEASURE = """
<script>
window.addEventListener("error", e => { document.body.dataset.errors =
  (document.body.dataset.errors || "") + e.message + ";"; });
window.addEventListener("load", () => {
  const sizes = [...document.querySelectorAll("figure svg")].map(svg => {
    const box = svg.getBoundingClientRect(); return [box.width, box.height]; });
  document.body.dataset.sizes = JSON.stringify(sizes);
  document.body.dataset.done = "yes";
});
</script>
"""


def report(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["report", "--db", str(db), *args], catch_exceptions=False)


def render_in_chromium(html: Path) -> tuple[list[list[float]], str, str]:
    """Open a copy of the report with a measuring script; return the charts' sizes, the
    page's JavaScript errors and Chromium's console log."""
    probe = html.with_name("probe.html")
    probe.write_text(html.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"),
                     encoding="utf-8")  # fmt: skip
    with tempfile.TemporaryDirectory() as profile:
        command = browser_command(find_browser(), Path(profile), "--enable-logging=stderr",
                                  "--virtual-time-budget=5000", "--dump-dom",
                                  probe.as_uri())  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    body = re.search(r"<body([^>]*)>", done.stdout)
    assert body is not None and 'data-done="yes"' in body.group(1), done.stderr[-2000:]
    sizes = re.search(r'data-sizes="([^"]*)"', body.group(1))
    errors = re.search(r'data-errors="([^"]*)"', body.group(1))
    assert sizes is not None
    return (
        json.loads(sizes.group(1).replace("&quot;", '"')),
        errors.group(1) if errors else "",
        done.stderr,
    )


needs_chromium = pytest.mark.skipif(
    not any(Path(p).exists() for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser")),
    reason="Chromium is installed by .ci/run (Debian package chromium)",
)


@needs_chromium
@pytest.mark.parametrize("lang", ["en", "zh", "km"])
def test_report_renders_in_chromium_with_every_chart_sized(
    tmp_path: Path, survey_db_path: Path, lang: str
) -> None:
    out = tmp_path / "report.html"
    result = report(survey_db_path, "--out", str(out), "--lang", lang)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in html
    # self-contained: references only within the page (SVG clip paths and markers)
    assert not re.search(r"""(src|href)\s*=\s*"(?!#)|url\((?!#)|@import|<script""", html)
    charts = html.count("<figure><svg")
    assert charts >= 4  # areas, trend, quadrants, awareness (gaps when a group is big enough)
    sizes, errors, console = render_in_chromium(out)
    assert errors == ""
    assert "Uncaught" not in console and "Failed to load" not in console
    assert len(sizes) == charts and all(w > 300 and h > 50 for w, h in sizes), sizes
    assert tr("Area scores", lang) in html and tr("Methods", lang) in html
    if lang != "en":  # the page's own words come translated from the catalogue
        for english in ("Methods", "Client satisfaction report", "Data quality and review"):
            assert tr(english, lang) != english and english not in html


@needs_chromium
def test_pdf_is_a4(tmp_path: Path, survey_db_path: Path) -> None:
    out = tmp_path / "report.html"
    result = report(survey_db_path, "--out", str(out), "--pdf", "--lang", "km")
    assert result.exit_code == 0, result.output
    pdf = (tmp_path / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    boxes = re.findall(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in boxes)
    assert out_files(tmp_path) == ["report.html", "report.pdf"]


def test_trend_between_rounds_and_suppressed_office(
    tmp_path: Path, survey_db_path: Path, questionnaire: Questionnaire
) -> None:
    db = tmp_path / "small.db"
    database = open_store(db)
    database.set_setting("office", "Kep")
    database.set_setting("round", "2026-Q4")
    make_demo_responses(database, questionnaire, 7, seed=9, workers=1)
    database.close()
    out = tmp_path / "small.html"
    result = report(db, "--out", str(out), "--office", "Kep")
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td>([^<]*)</td><td class=\"num\">([^<]*)</td>", html)
    areas = [a.label["en"] for a in questionnaire.areas]
    assert [(label, "—") for label in areas] == [r for r in rows if r[0] in areas][:4]
    assert html.count(SUPPRESSED) >= 2 * len(areas)  # table and chart
    full = tmp_path / "full.html"
    assert report(survey_db_path, "--out", str(full), "--lang", "zh").exit_code == 0
    text = full.read_text(encoding="utf-8")
    assert '2026-Q3</th><th class="num">2026-Q4' in text
    assert "得分仅针对轮次 2026-Q4；数据包含轮次 2026-Q3, 2026-Q4。" in text  # notes in zh


def test_database_without_responses(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    open_store(db).close()
    out = tmp_path / "r.html"
    result = report(db, "--out", str(out), "--lang", "zh")
    assert result.exit_code == 0
    assert "no responses yet: the report says so" in result.stderr
    no_data = tr("No data: there are no completed interviews for this selection yet.", "zh")
    assert no_data in out.read_text(encoding="utf-8")


def cells(html: str, label: str) -> list[str]:
    """The numbers in the table rows whose first cell is `label`."""
    return re.findall(rf'<tr><td>{re.escape(label)}</td><td class="num">([^<]*)</td></tr>', html)


@pytest.mark.parametrize("lang", ["en", "km"])
def test_quality_and_review_counts(
    tmp_path: Path, survey_db_path: Path, questionnaire: Questionnaire, lang: str
) -> None:
    """The round's review states and quality flags, counted for the office asked, in words of
    the catalogue; the numbers those of the review log and of `fieldsurvey quality`."""
    out = tmp_path / "r.html"
    args = ("--round", "2026-Q3", "--office", "Phnom Penh", "--lang", lang)
    assert report(survey_db_path, "--out", str(out), *args).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert tr("Data quality and review", lang) in html
    want = {"pending": 35, "approved": 2, "has_issues": 1, "rejected": 2}  # the fixture's log
    for state, count in want.items():
        assert cells(html, tr(REVIEW_STATES[state], lang)) == [str(count)]
    database = open_store(survey_db_path)
    flagged = assess(database, questionnaire, "2026-Q3").interviews
    database.close()
    assert cells(html, tr("Flagged interviews", lang)) == [str(len(flagged))]
    for kind, word in QUALITY_KINDS.items():
        count = sum(any(f.kind == kind for f in i.flags) for i in flagged)
        assert cells(html, tr(word, lang)) == [str(count)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--round", "2020-Q1"], "error: --round 2020-Q1: no responses in round '2020-Q1'; "
                                 "rounds with data: 2026-Q3, 2026-Q4\n"),
        (["--office", "Kampot"], "error: --office Kampot: no responses (with data: Phnom Penh, "
                                 "Siem Reap)\n"),
        (["--lang", "fr"], "error: --lang fr: the questionnaire speaks en, zh, km\n"),
    ],
)  # fmt: skip
def test_bad_selection(tmp_path: Path, survey_db_path: Path, args: list[str], message: str) -> None:
    result = report(survey_db_path, "--out", str(tmp_path / "r.html"), *args)
    assert result.exit_code == 2
    assert result.stderr == message
    assert out_files(tmp_path) == []


def test_existing_file_and_missing_folder(tmp_path: Path, survey_db_path: Path) -> None:
    out = tmp_path / "r.html"
    out.write_text("keep", encoding="utf-8")
    result = report(survey_db_path, "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr == f"error: {out}: already exists; use --force to replace it\n"
    assert out.read_text(encoding="utf-8") == "keep"
    missing = tmp_path / "no" / "r.html"
    result = report(survey_db_path, "--out", str(missing))
    assert result.exit_code == 2
    assert result.stderr == f"error: {missing}: the folder {missing.parent} does not exist\n"

"""`fieldsurvey xlsform import|export` and `validate` on workbooks, through the CLI runner."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from fieldsurvey.cli import main
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import load_questionnaire


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_export_then_import_gives_the_same_questionnaire(tmp_path: Path) -> None:
    bundled = bundled_questionnaire_path()
    q = load_questionnaire(bundled)
    shown = f"client-satisfaction {q.version}, {len(q.questions)} questions"
    form, back = tmp_path / "cs.xlsx", tmp_path / "cs.yaml"
    result = run("xlsform", "export", str(bundled), "--out", str(form))
    assert (result.exit_code, result.stdout) == (0, f"{form}: {shown}\n")
    result = run("xlsform", "import", str(form), "--out", str(back))
    assert (result.exit_code, result.stderr) == (0, "")
    assert load_questionnaire(back) == load_questionnaire(bundled)
    assert run("validate", str(form), str(back)).stdout.splitlines() == [
        f"{form}: ok ({shown})",
        f"{back}: ok ({shown})",
    ]


def test_an_existing_output_is_kept_unless_forced(tmp_path: Path, plain_survey_path: Path) -> None:
    form = tmp_path / "plain.xlsx"
    form.write_bytes(b"keep me")
    result = run("xlsform", "export", str(plain_survey_path), "--out", str(form))
    assert result.exit_code == 2
    assert result.stderr == f"{form}: already exists (use --force to replace it)\n"
    assert form.read_bytes() == b"keep me"
    result = run("xlsform", "export", str(plain_survey_path), "--out", str(form), "--force")
    assert result.exit_code == 0
    assert load_questionnaire(form) == load_questionnaire(plain_survey_path)


def test_export_refuses_an_invalid_questionnaire(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n")
    out = tmp_path / "x.xlsx"
    result = run("xlsform", "export", str(bad), "--out", str(out))
    assert result.exit_code == 2 and result.stderr.startswith(f"{bad}:")
    assert not out.exists()


def test_a_workbook_runs_as_the_questionnaire(tmp_path: Path, plain_survey_path: Path) -> None:
    form = tmp_path / "plain.xlsx"
    assert run("xlsform", "export", str(plain_survey_path), "--out", str(form)).exit_code == 0
    db = str(tmp_path / "x.db")
    result = run("demo", "--responses", "2", "--db", db, "--questionnaire", str(form))
    assert result.exit_code == 0, result.output
    result = run("scores", "--db", db, "--questionnaire", str(form), "--format", "json")
    assert '"status": "nothing_to_score"' in result.stdout


def test_a_scale_and_a_choice_list_of_one_name_cannot_share_the_choices_sheet(
    tmp_path: Path,
) -> None:
    source = tmp_path / "clash.yaml"
    point = "{value: %d, label: {en: '%d'}}"
    source.write_text(
        "id: clash\nversion: '1'\ntitle: {en: Clash}\nlanguages: [en]\ndefault_language: en\n"
        "choice_lists: [{id: agree, choices: [{value: 'y', label: {en: Y}}]}]\n"
        f"scales: [{{id: agree, points: [{point % (1, 1)}, {point % (2, 2)}], "
        "dk: {value: dk, label: {en: DK}}}]\n"
        "survey: [{type: select_one, id: q, choices: agree, label: {en: Q}}]\n"
    )
    out = tmp_path / "clash.xlsx"
    result = run("xlsform", "export", str(source), "--out", str(out))
    assert result.exit_code == 2
    assert [p.name for p in tmp_path.iterdir()] == ["clash.yaml"]  # no workbook, no temp file
    assert result.stderr == f"{source}: choice lists and scales share the names ['agree']\n"

"""Two processes answering into one database at once: no "database is locked", nothing lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fieldsurvey.store.sqlite import open_store

ANSWERS = 200
WRITER = """
import sys
from fieldsurvey.engine import start_interview
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.sqlite import open_store

writer, database, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
label = {"en": "n"}
questionnaire = Questionnaire.model_validate({
    "id": "concurrency", "version": "1", "title": label, "languages": ["en"],
    "default_language": "en", "personas": [{"id": "worker", "label": label}],
    "scales": [{"id": "agree5", "points": [{"value": 1, "label": label},
               {"value": 2, "label": label}], "dk": {"value": "dk", "label": label}}],
    "survey": [{"type": "integer", "id": f"n{i}", "label": label} for i in range(count)],
})
interview = start_interview(open_store(database), questionnaire)
print("READY", interview.response_id, flush=True)
sys.stdin.readline()
for i in range(count):
    problem = interview.answer(f"n{i}", writer * 1000 + i)
    assert problem is None, problem
print("DONE", flush=True)
"""


def test_two_processes_answer_into_one_database(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    open_store(path).close()
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(writer), str(path), str(ANSWERS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for writer in (1, 2)
    ]
    response_ids = [int(w.stdout.readline().split()[1]) for w in writers]  # type: ignore[union-attr]
    for w in writers:
        w.stdin.write("GO\n")  # type: ignore[union-attr]
        w.stdin.flush()  # type: ignore[union-attr]
    results = [w.communicate(timeout=60) for w in writers]
    for w, (out, err) in zip(writers, results, strict=True):
        assert (w.returncode, out.strip(), err) == (0, "DONE", "")
    db = open_store(path)
    for writer, response_id in zip((1, 2), response_ids, strict=True):
        expected = {f"n{i}": writer * 1000 + i for i in range(ANSWERS)}
        assert db.load_answers(response_id) == expected

"""Cold start to the first screen: `fieldsurvey` on a 100k-response database vs Textual hello-world.

Each program runs in its own process on a pseudo-terminal of 80x24 and quits as soon as its
first screen is painted (`FIELDSURVEY_EXIT_AFTER_FIRST_SCREEN=1` for fieldsurvey, the same
`call_after_refresh(exit)` for hello-world). Runs alternate so both see the same machine state;
the medians are compared. Target: fieldsurvey <= 1.3x hello-world.

fieldsurvey starts as it does every day: its checked questionnaire is in the cache folder
(written by the warm-up run). `fieldsurvey_first_start` is reported beside it: the start after
the questionnaire file changed, which reads and checks the YAML first.

The database (100,000 complete responses with 10 answers each, plus a few drafts) is made once
with direct inserts into the schema and cached in bench/out/.

    uv run python bench/bench_startup.py [--runs 9] [--responses 100000]
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import statistics
import struct
import subprocess
import sys
import termios
import threading
import time
import uuid
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
TARGET_RATIO = 1.3

HELLO = """
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("Hello, world")

    def on_mount(self):
        self.call_after_refresh(self.exit)

Hello().run()
"""


def build_database(path: Path, responses: int) -> None:
    """100k responses written straight into the schema (the engine would take minutes)."""
    from fieldsurvey.paths import bundled_questionnaire_path
    from fieldsurvey.questionnaire import load_questionnaire, questionnaire_hash
    from fieldsurvey.store.sqlite import open_store

    questionnaire = load_questionnaire(bundled_questionnaire_path())
    digest = questionnaire_hash(questionnaire)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = open_store(tmp)
    device = db.device_id()
    for key, value in {"interviewer": "Bench", "office": "Bench office", "round": "R1"}.items():
        db.set_setting(key, value)
    conn = db.conn
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    stamp = "2026-01-15T09:00:00.000+00:00"
    personas = ["worker", "employer", "beneficiary"]
    rows = (
        (
            str(uuid.UUID(int=i)),
            questionnaire.id,
            questionnaire.version,
            digest,
            device,
            "en",
            personas[i % 3],
            "complete" if i >= 5 else "draft",
            stamp,
            stamp,
            stamp if i >= 5 else None,
            None if i % 4 else 1,
        )
        for i in range(responses)
    )
    conn.executemany(
        "INSERT INTO responses (uuid, questionnaire_id, questionnaire_version, "
        "questionnaire_hash, device_id, language, persona, status, started_at, updated_at, "
        "completed_at, exported_seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    items = [q for q in questionnaire.questions.values() if q.type == "likert"][:10]
    answers = (
        (response_id, item.id, str(1 + (response_id + n) % 5), stamp)
        for response_id in range(1, responses + 1)
        for n, item in enumerate(items)
    )
    conn.executemany(
        "INSERT INTO answers (response, question, value, answered_at) VALUES (?,?,?,?)", answers
    )
    conn.execute("COMMIT")
    db.close()
    tmp.rename(path)


def run_in_pty(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from spawn to exit, on an 80x24 pseudo-terminal whose output is drained."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    drained = threading.Thread(target=_drain, args=(master,), daemon=True)
    drained.start()
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    # wait() with a timeout polls with sleeps of up to 50 ms, which rounds every figure up to
    # the next 50 ms; a blocking wait returns at once, and a timer kills a program that hangs.
    watchdog = threading.Timer(60, process.kill)
    watchdog.start()
    code = process.wait()
    elapsed = time.perf_counter() - start
    watchdog.cancel()
    os.close(slave)
    drained.join(timeout=2)
    os.close(master)
    if code != 0:
        raise SystemExit(f"{argv} exited with {code}")
    return elapsed


def _drain(fd: int) -> None:
    while True:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def compile_bytecode() -> None:
    """Compile every module once, as a normal install has after its first run.

    With PYTHONDONTWRITEBYTECODE=1 (set in some sandboxes) no .pyc is ever written, so each
    start recompiles every module from source: 0.7 s of a 1.6 s start here, and far more for
    fieldsurvey's many modules than for hello-world's few. Both sides get compiled bytecode.
    """
    import compileall
    import sysconfig

    for folder in {
        sysconfig.get_paths()["purelib"],
        str(Path(__file__).resolve().parents[1] / "src"),
    }:
        compileall.compile_dir(folder, quiet=1, workers=2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--responses", type=int, default=100_000)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    db_path = OUT / f"startup-{args.responses}.db"
    if not db_path.exists():
        started = time.perf_counter()
        build_database(db_path, args.responses)
        print(f"built {db_path.name} in {time.perf_counter() - started:.1f} s")
    hello = OUT / "hello_world.py"
    hello.write_text(HELLO, encoding="utf-8")
    compile_bytecode()
    env = {**os.environ, "TERM": "xterm-256color", "FIELDSURVEY_EXIT_AFTER_FIRST_SCREEN": "1"}
    program = Path(sys.executable).with_name("fieldsurvey")
    commands = {
        "hello": [sys.executable, str(hello)],
        "fieldsurvey": [str(program), "--db", str(db_path)],
    }
    envs = {
        "hello": env,
        # Every start after the first reads the checked questionnaire from the cache folder.
        "fieldsurvey": {**env, "FIELDSURVEY_CACHE": str(OUT / "questionnaire-cache")},
    }
    # Reported, not judged: the first start after the questionnaire file (or fieldsurvey)
    # changed, which reads and checks the YAML before painting Home.
    commands["fieldsurvey_first_start"] = commands["fieldsurvey"]
    envs["fieldsurvey_first_start"] = {**env, "FIELDSURVEY_CACHE": ""}
    for name, argv in commands.items():  # warm the OS cache, bytecode and questionnaire cache
        run_in_pty(argv, envs[name])
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, argv in commands.items():
            times[name].append(run_in_pty(argv, envs[name]))
    medians = {name: statistics.median(values) for name, values in times.items()}
    ratio = medians["fieldsurvey"] / medians["hello"]
    result = {
        "ratio_first_start": round(medians["fieldsurvey_first_start"] / medians["hello"], 2),
        "responses": args.responses,
        "runs": args.runs,
        "median_s": {name: round(value, 3) for name, value in medians.items()},
        "min_s": {name: round(min(values), 3) for name, values in times.items()},
        "ratio": round(ratio, 2),
        "target": TARGET_RATIO,
        "ok": ratio <= TARGET_RATIO,
    }
    print(json.dumps(result, indent=2))
    (OUT / "bench_startup.json").write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

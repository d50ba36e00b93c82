"""Benchmark: files back to the field (issue #12's numbers).

    uv run python bench/bench_returns.py [--repeat 5] [--rebuild]

Builds once, cached under bench/out/returns/: 20 devices x 1,000 interviews of the bundled
questionnaire (sync_benchdata.py), merged into one supervisor database (20,000 responses),
5% of them rejected with a comment. Then, in turns, `--repeat` times:

- `return` for the 20 devices (one file for all of them, the office report in every
  language), against its baseline: one `score()` of the same database in one language (the
  scores `fieldsurvey scores` shows); target <= 2 s in all;
- `receive` on a device of a file returning 500 of its interviews and a questionnaire
  version, against its baseline: reading and verifying the same file without the database
  (`read_return`); target <= 1 s. Each turn receives into a fresh copy of the device.

With `--startup`, also the app's cold start to Home (as bench_startup.py measures it) on a
second device before and after it received the file (its ~50 interviews reopened, the office
report stored, the received version current), against Textual's hello-world in the same
runs; target <= 1.3x.

Prints min and median of each, and the median ratio to its baseline. The machine is shared:
compare ratios, not seconds, between runs.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import load_questionnaire
from fieldsurvey.questionnaire.loader import questionnaire_from_document
from fieldsurvey.questionnaire.yaml_source import parse_yaml
from fieldsurvey.returns.reader import read_return
from fieldsurvey.returns.receive import receive_return
from fieldsurvey.review import record_decision
from fieldsurvey.scoring import score
from fieldsurvey.services.returns import return_file
from fieldsurvey.store.published import publish
from fieldsurvey.store.sqlite import open_store
from fieldsurvey.sync import DEFAULT_LIMITS, merge_files
from fieldsurvey.sync.supervisor import self_identity, trust_supervisor
from sync_benchdata import OUT, make_device

DATA = OUT / "returns"
DEVICES, FILES = 20, DATA / "files"
SUPERVISOR = DATA / "supervisor.db"
DEVICE = DATA / "device-00.db"


def build() -> None:
    shutil.rmtree(DATA, ignore_errors=True)
    FILES.mkdir(parents=True)
    for n in range(DEVICES):
        make_device(DATA / f"device-{n:02d}.db", FILES, 1, 1000, seed=n)
    supervisor = open_store(SUPERVISOR)
    merge_files(supervisor, sorted(FILES.iterdir()))
    text = bundled_questionnaire_path().read_text(encoding="utf-8")
    bundled = questionnaire_from_document(parse_yaml(text), "bench").version
    text = text.replace(f'version: "{bundled}"', f'version: "{bundled}-bench"', 1)  # a new one
    publish(supervisor, questionnaire_from_document(parse_yaml(text), "bench"), text)
    device = open_store(DEVICE)
    rows = supervisor.execute(
        "SELECT uuid, device_id FROM responses WHERE is_head = 1 ORDER BY id"
    ).fetchall()
    own = [uuid for uuid, maker in rows if maker == device.device_id()][:500]
    others = [uuid for uuid, maker in rows if maker != device.device_id()][::20]
    for uuid in own + others:
        record_decision(supervisor, uuid, "rejected", "q: redo")
    trust_supervisor(device, self_identity(supervisor).public_key)
    device.close()
    supervisor.close()


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--startup", action="store_true")
    args = parser.parse_args()
    if args.rebuild or not SUPERVISOR.exists():
        build()
    questionnaire = load_questionnaire(bundled_questionnaire_path())
    supervisor = open_store(SUPERVISOR)
    out = DATA / "out.fsr"
    times: dict[str, list[float]] = {k: [] for k in ("return", "score", "receive", "read")}
    for turn in range(args.repeat):
        out.unlink(missing_ok=True)
        times["score"].append(timed(lambda: score(supervisor, questionnaire, lang="en")))
        times["return"].append(timed(lambda: return_file(supervisor, out, questionnaire)))
        data = out.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        times["read"].append(timed(partial(read_return, data, DEFAULT_LIMITS, digest)))
        copy = DATA / f"receive-{turn}.db"
        shutil.copy(DEVICE, copy)
        device = open_store(copy)
        times["receive"].append(timed(partial(receive_return, device, out)))
        device.close()
        copy.unlink()
    returned = read_return(out.read_bytes(), DEFAULT_LIMITS, "").manifest.counts.returned
    print(f"supervisor: 20,000 responses, {returned} interviews returned in one file")
    for job, base, target in (("return", "score", 2.0), ("receive", "read", 1.0)):
        ratio = statistics.median(a / b for a, b in zip(times[job], times[base], strict=True))
        print(
            f"{job:8s} min {min(times[job]):.3f} s, median {statistics.median(times[job]):.3f} s"
            f" (target <= {target} s); {base} min {min(times[base]):.3f} s, median "
            f"{statistics.median(times[base]):.3f} s; ratio {ratio:.2f}"
        )
    if args.startup:
        startup(out, args.repeat)


def startup(file: Path, runs: int) -> None:
    """Home before and after receiving `file`, against hello-world, in turns."""
    from bench_startup import HELLO, OUT, compile_bytecode, run_in_pty

    hello = OUT / "hello_world.py"
    hello.write_text(HELLO, encoding="utf-8")
    compile_bytecode()
    env = {**os.environ, "TERM": "xterm-256color", "FIELDSURVEY_EXIT_AFTER_FIRST_SCREEN": "1"}
    app = {**env, "FIELDSURVEY_CACHE": str(DATA / "questionnaire-cache")}
    program = [str(Path(sys.executable).with_name("fieldsurvey")), "--db"]
    commands = {"hello": ([sys.executable, str(hello)], env)}
    for name in ("before", "received"):
        db = DATA / f"startup-{name}.db"
        shutil.copy(DATA / "device-01.db", db)
        store = open_store(db)
        for key, value in {"interviewer": "Bench", "office": "Bench office"}.items():
            store.set_setting(key, value)  # no Settings screen first
        if name == "received":
            trust_supervisor(store, self_identity(open_store(SUPERVISOR)).public_key)
            print(f"device 2: {receive_return(store, file).reopened} interviews reopened")
        store.close()
        commands[name] = ([*program, str(db)], app)
    for argv, environ in commands.values():
        run_in_pty(argv, environ)  # warm the OS cache and the questionnaire cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (argv, environ) in commands.items():
            times[name].append(run_in_pty(argv, environ))
    for name, values in times.items():
        ratio = statistics.median(a / b for a, b in zip(values, times["hello"], strict=True))
        print(f"start {name:8s} min {min(values):.3f} s, median {statistics.median(values):.3f} s,"
              f" ratio to hello {ratio:.2f} (target <= 1.3)")  # fmt: skip


if __name__ == "__main__":
    main()

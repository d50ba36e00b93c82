"""The real thing: `fieldsurvey` in an 80x24 tmux pane, driven with send-keys like a person.

Skipped only when tmux is missing (`.ci/run` installs it). The first-run settings, a whole
interview (a field-list group, Likert items, a typed answer), finishing, and quitting are all
done with keys; the database is then read through the store API.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldsurvey.store.counts import home_counts
from fieldsurvey.store.sqlite import open_store

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

FORM = """\
id: tmux-form
version: "1"
title: {en: Front desk check, zh: 窗口检查}
languages: [en, zh]
default_language: en
consent: {question: consent}
personas:
  - {id: worker, label: {en: Worker, zh: 职工}}
  - {id: employer, label: {en: Employer, zh: 用人单位}}
choice_lists:
  - id: yes_no
    choices:
      - {value: "yes", label: {en: "Yes", zh: 是}}
      - {value: "no", label: {en: "No", zh: 否}}
  - id: personas
    choices:
      - {value: worker, label: {en: Worker, zh: 职工}}
      - {value: employer, label: {en: Employer, zh: 用人单位}}
  - id: channels
    choices:
      - {value: office, label: {en: Office visit, zh: 网点}}
      - {value: phone, label: {en: Hotline, zh: 热线}}
      - {value: web, label: {en: Website, zh: 网站}}
scales:
  - id: agree5
    points:
      - {value: 1, label: {en: Strongly disagree, zh: 非常不同意}}
      - {value: 2, label: {en: Disagree, zh: 不同意}}
      - {value: 3, label: {en: Neutral, zh: 中立}}
      - {value: 4, label: {en: Agree, zh: 同意}}
      - {value: 5, label: {en: Strongly agree, zh: 非常同意}}
    dk: {value: dk, label: {en: Don't know, zh: 不知道}}
survey:
  - {type: select_one, id: consent, label: {en: Do you agree?, zh: 同意吗？},
     choices: yes_no, required: true}
  - {type: select_one, id: persona, persona: true, label: {en: You are?, zh: 您是？},
     choices: personas, required: true}
  - type: group
    id: about
    field_list: true
    label: {en: About your visit, zh: 关于来访}
    items:
      - {type: integer, id: visits, label: {en: Visits this year?, zh: 今年来访次数？},
         required: true, constraint: ". >= 0 and . <= 100"}
      - {type: select_multiple, id: channels_used, label: {en: Channels used?, zh: 渠道？},
         choices: channels}
  - {type: likert, id: quick, label: {en: I was served quickly., zh: 办理很快。}, required: true}
  - {type: likert, id: polite, label: {en: Staff were polite., zh: 工作人员有礼貌。},
     required: true}
  - {type: text, id: comment, label: {en: Anything else?, zh: 其他意见？}}
"""


class Pane:
    """One tmux server (its own socket) with one 80x24 session running a command."""

    def __init__(self, socket: str, command: str, env: dict[str, str]) -> None:
        self.socket = socket
        exports = " ".join(f"{key}={value!s}" for key, value in env.items())
        self.tmux(
            "new-session", "-d", "-s", "fs", "-x", "80", "-y", "24", f"env {exports} {command}"
        )

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        return result.stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "fs", key)
            time.sleep(0.05)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "fs", "-l", text)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "fs")

    def styled(self) -> str:
        """The screen with its colours: a focus move changes these even when no text does."""
        return self.tmux("capture-pane", "-p", "-e", "-t", "fs")

    def key_then_settle(self, key: str, timeout: float = 20) -> None:
        """Send a key and wait until the screen has changed (a loaded machine lags the app):
        keys typed after Enter would otherwise land in the field Enter was leaving."""
        before = self.styled()
        self.keys(key)
        deadline = time.monotonic() + timeout
        while self.styled() == before and time.monotonic() < deadline:
            time.sleep(0.05)

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def alive(self) -> bool:
        return (
            subprocess.run(["tmux", "-L", self.socket, "has-session", "-t", "fs"], check=False)
        ).returncode == 0

    def gone(self, timeout: float = 10) -> bool:
        """Wait for the program (and so the session) to end; False if it is still running."""
        deadline = time.monotonic() + timeout
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        return not self.alive()

    def kill(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def pane_factory(tmp_path: Path) -> Iterator[list[Pane]]:
    panes: list[Pane] = []
    yield panes
    for pane in panes:
        pane.kill()


def test_an_interview_in_tmux_at_80x24(tmp_path: Path, pane_factory: list[Pane]) -> None:
    form = tmp_path / "form.yaml"
    form.write_text(FORM, encoding="utf-8")
    db_path = tmp_path / "tmux.db"
    program = Path(sys.executable).with_name("fieldsurvey")
    env = {"FIELDSURVEY_DB": str(db_path), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    pane = Pane(f"fs-{os.getpid()}", f"{program} --questionnaire {form}", env)
    pane_factory.append(pane)

    pane.wait_for("Before the first interview")
    pane.type("Ana Lim")
    pane.wait_for("Ana Lim")
    pane.key_then_settle("Enter")
    pane.type("Office 7")
    pane.keys("C-s")
    pane.wait_for("Start interview")

    pane.keys("n")
    pane.wait_for("Do you agree?")
    pane.keys("1")
    pane.wait_for("You are?")
    pane.keys("2")
    pane.wait_for("Visits this year?")
    pane.type("120")
    pane.keys("Enter")
    pane.wait_for("This answer is not valid")  # no message in the form: the engine's own
    pane.keys("BSpace", "BSpace", "BSpace")
    pane.type("3")
    pane.keys("Enter")  # on to the next question of the group
    pane.keys("1", "3", "Right")  # office and website, then next page
    shown = pane.wait_for("I was served quickly.")
    assert "1/" in shown or "answered" in shown
    pane.keys("5")
    pane.wait_for("Staff were polite.")
    pane.keys("Left")  # back: the first answer is shown
    pane.wait_for("(*) Strongly agree")
    pane.keys("4")  # changed, and on
    pane.wait_for("Staff were polite.")
    pane.keys("d")
    pane.wait_for("Anything else?")
    pane.type("Queue was long")
    pane.keys("Enter")
    pane.wait_for("Review answers")
    pane.keys("f")
    pane.wait_for("Finish this interview?")
    pane.keys("y")
    pane.wait_for("total 1")
    pane.keys("q")
    assert pane.gone()

    db = open_store(db_path)
    try:
        record = db.get_response(1)
        assert record is not None
        assert (record.status, record.persona, record.interviewer, record.office) == (
            "complete",
            "employer",
            "Ana Lim",
            "Office 7",
        )
        assert db.load_answers(1) == {
            "consent": "yes",
            "persona": "employer",
            "visits": 3,
            "channels_used": ["office", "web"],
            "quick": 4,
            "polite": "dk",
            "comment": "Queue was long",
        }
        assert home_counts(db).total == 1 and db.list_drafts() == []
        assert db.get_setting("interviewer") == "Ana Lim"
    finally:
        db.close()


def set_up(tmp_path: Path, form_text: str) -> tuple[Path, str, dict[str, str]]:
    """A database past the first-run settings, and the command and environment to run the app
    on it with `form_text`: (database path, command, environment)."""
    form = tmp_path / "form.yaml"
    form.write_text(form_text, encoding="utf-8")
    db_path = tmp_path / "tmux.db"
    db = open_store(db_path)
    for key, value in {"interviewer": "Ana", "office": "O7"}.items():
        db.set_setting(key, value)
    db.close()
    program = Path(sys.executable).with_name("fieldsurvey")
    env = {"FIELDSURVEY_DB": str(db_path), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    return db_path, f"{program} --questionnaire {form}", env


def test_ctrl_c_mid_interview_keeps_the_draft_and_the_next_start_offers_it(
    tmp_path: Path, pane_factory: list[Pane]
) -> None:
    _, command, env = set_up(tmp_path, FORM)
    first = Pane(f"fs-a-{os.getpid()}", command, env)
    pane_factory.append(first)
    first.wait_for("Start interview")
    first.keys("n")
    first.wait_for("Do you agree?")
    first.keys("1")
    first.wait_for("You are?")
    first.keys("1")
    first.wait_for("Visits this year?")
    first.keys("C-c")
    assert first.gone()

    second = Pane(f"fs-b-{os.getpid()}", command, env)
    pane_factory.append(second)
    shown = second.wait_for("2/")  # consent and persona, as the interview counts them
    assert "Worker" in shown  # the drafts list, filled by its workers
    second.keys("Enter")  # the draft list has focus: Enter resumes it
    second.wait_for("Visits this year?")


TYPING_FORM = """\
id: typing-form
version: "1"
title: {en: Typing check}
languages: [en]
default_language: en
survey:
  - {type: text, id: where, label: {en: Where did you wait?}, required: true}
  - {type: note, id: thanks, label: {en: Thank you.}}
"""


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it, children first (read from /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        parents[int(stat.parent.name)] = int(fields[1])
    found = [pid]
    for process in found:
        found += [child for child, parent in parents.items() if parent == process]
    return found[::-1]


def test_text_typed_before_enter_survives_a_killed_terminal(
    tmp_path: Path, pane_factory: list[Pane]
) -> None:
    """SIGKILL mid-word, no Enter: the words typed before the last pause are in the draft."""
    db_path, command, env = set_up(tmp_path, TYPING_FORM)
    pane = Pane(f"fs-k-{os.getpid()}", command, env)
    pane_factory.append(pane)
    pane.wait_for("Start interview")
    pane.keys("n")
    pane.wait_for("Where did you wait?")
    pane.type("bus stop near office")
    pane.wait_for("bus stop near office")
    time.sleep(1.5)  # the typing pause (0.4 s) and the commit, with room for a loaded machine
    pane.type(" and th")  # mid-word when the terminal dies: these keys may be lost
    pid = int(pane.tmux("list-panes", "-t", "fs", "-F", "#{pane_pid}").split()[0])
    for process in descendants(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(process, signal.SIGKILL)
    assert pane.gone()

    db = open_store(db_path)
    try:
        (draft,) = db.list_drafts()
        kept = db.load_answers(draft.id)["where"]
        assert isinstance(kept, str) and kept.startswith("bus stop near office")
    finally:
        db.close()

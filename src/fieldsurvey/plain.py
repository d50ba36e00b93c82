"""`fieldsurvey ask`: a plain, line-by-line interview on the same engine as the app.

For screen readers, SSH from a phone and terminals where a full-screen app fails: one
question at a time, asked with questionary prompts that read well aloud. Every answer is
committed by the engine before the next prompt; Ctrl+C or "save and quit" keeps the draft.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

import questionary
from questionary import Choice

from fieldsurvey.engine import Interview, resume_interview, start_interview
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import (
    LikertItem,
    Note,
    QuestionLike,
    Rank,
    SelectMultiple,
    SelectOne,
)
from fieldsurvey.questionnaire.rounds import EXAMPLE, RoundError, check_round
from fieldsurvey.store.interface import InterviewStore
from fieldsurvey.store.status import Status

UI_TEXT: dict[str, dict[str, str]] = {
    "back": {"en": "< Back", "zh": "< 上一题", "km": "< ត្រឡប់ក្រោយ"},
    "language": {"en": "Change language", "zh": "切换语言", "km": "ប្តូរភាសា"},
    "quit": {"en": "Save and quit", "zh": "保存并退出", "km": "រក្សាទុក ហើយចាកចេញ"},
    "continue": {"en": "Continue", "zh": "继续", "km": "បន្ត"},
    "skip": {"en": "(no answer)", "zh": "（不回答）", "km": "(មិនឆ្លើយ)"},
    "finish": {"en": "Finish the interview?", "zh": "结束访谈？", "km": "បញ្ចប់ការសម្ភាសន៍?"},
    "typed": {
        "en": "Type < to go back, :lang CODE to switch language, :q to save and quit",
        "zh": "输入 < 返回，:lang 代码 切换语言，:q 保存并退出",
        "km": "វាយ < ដើម្បីត្រឡប់ក្រោយ, :lang កូដ ដើម្បីប្តូរភាសា, :q ដើម្បីរក្សាទុក ហើយចាកចេញ",
    },
    "rank_next": {"en": "Next in order", "zh": "下一个", "km": "បន្ទាប់តាមលំដាប់"},
    "done": {"en": "Saved. Thank you.", "zh": "已保存。谢谢。", "km": "បានរក្សាទុក។ សូមអរគុណ។"},
    "refused": {
        "en": "No consent: the interview ends; only the refusal is kept.",
        "zh": "未同意：访谈结束，仅保留拒绝记录。",
        "km": "មិនយល់ព្រម៖ ការសម្ភាសន៍បញ្ចប់ រក្សាទុកតែការបដិសេធប៉ុណ្ណោះ។",
    },
    "suspended": {
        "en": "Draft kept: resume it with `fieldsurvey ask`.",
        "zh": "草稿已保存：用 `fieldsurvey ask` 继续。",
        "km": "សេចក្តីព្រាងត្រូវបានរក្សាទុក៖ បន្តវាដោយ `fieldsurvey ask`។",
    },
}


class Move(Enum):
    """What the interviewer asked for instead of (or after) an answer."""

    ANSWERED = "answered"
    BACK = "back"
    LANGUAGE = "language"
    REDRAW = "redraw"
    QUIT = "quit"


class PlainInterview:
    """Runs one interview with prompts; `say` prints a line (injected for tests)."""

    def __init__(self, interview: Interview, say: Callable[[str], None] = print) -> None:
        self.interview = interview
        self.say = say

    def ui(self, key: str) -> str:
        texts = UI_TEXT[key]
        return texts.get(self.interview.language, texts["en"])

    def run(self) -> str:
        """Ask until the interview is closed or the interviewer quits; returns the status."""
        interview = self.interview
        try:
            while interview.status is Status.DRAFT:
                if interview.page is None:
                    if not self._finish():
                        interview.back()
                    continue
                if self._ask_page() is Move.QUIT:
                    break
        except KeyboardInterrupt:
            pass
        if interview.status is Status.DRAFT:
            interview.suspend()
            self.say(self.ui("suspended"))
        else:
            self.say(self.ui("refused" if interview.status is Status.REFUSED else "done"))
        return interview.status

    def _ask_page(self) -> Move:
        progress = self.interview.progress()
        self.say(f"\n[{progress.answered}/{progress.relevant}]")
        for question in self.interview.page_items():
            move = self._ask_until_accepted(question)
            if move is Move.BACK:
                self.interview.back()
                return move
            if move is Move.LANGUAGE:
                self._choose_language()
            if move is not Move.ANSWERED:
                return move
        for problem in self.interview.next():
            self.say(f"! {problem.message}")
        return Move.ANSWERED

    def _ask_until_accepted(self, question: QuestionLike) -> Move:
        while True:
            move, value = self._prompt(question)
            if move is not Move.ANSWERED or _display_only(question):
                return move
            if value is None:
                problem = self.interview.clear(question.id)
            else:
                problem = self.interview.answer(question.id, value)
            if problem is None:
                return Move.ANSWERED
            self.say(f"! {problem.message}")

    def _prompt(self, question: QuestionLike) -> tuple[Move, object]:
        label = self.interview.text(getattr(question, "label", None))
        hint = self.interview.text(getattr(question, "hint", None))
        message = f"{label}\n  ({hint})" if hint else label
        if _display_only(question):
            if getattr(question, "read_only", False):
                message += f"\n  {self.interview.value(question.id)}"
            return self._select(message, [Choice(self.ui("continue"), value=None)], None)
        if isinstance(question, SelectOne | LikertItem):
            choices = self._choices(question)
            if not self.interview.is_required(question.id):
                choices.append(Choice(self.ui("skip"), value=None))
            return self._select(message, choices, self.interview.value(question.id))
        if isinstance(question, SelectMultiple):
            return self._checkbox(message, question)
        if isinstance(question, Rank):
            return self._rank(message, question)
        return self._typed(message, question)

    def _choices(self, question: SelectOne | SelectMultiple | Rank | LikertItem) -> list[Choice]:
        q = self.interview.questionnaire
        if isinstance(question, LikertItem):
            scale = q.scale_by_id[question.scale]
            text = self.interview.text
            points = [Choice(f"{p.value}  {text(p.label)}", p.value) for p in scale.points]
            return [*points, *(Choice(text(c.label), c.value) for c in scale.off_scale)]
        choice_list = q.choice_list_by_id[question.choices]
        return [Choice(self.interview.text(c.label), c.value) for c in choice_list.choices]

    def _navigation(self) -> list[Choice]:
        return [
            Choice(self.ui("back"), value=Move.BACK),
            Choice(self.ui("language"), value=Move.LANGUAGE),
            Choice(self.ui("quit"), value=Move.QUIT),
        ]

    def _select(self, message: str, choices: list[Choice], current: object) -> tuple[Move, object]:
        everything = [*choices, questionary.Separator(), *self._navigation()]
        default = next((c for c in choices if c.value == current), None)
        picked = questionary.select(message, everything, default=default).unsafe_ask()
        return (picked, None) if isinstance(picked, Move) else (Move.ANSWERED, picked)

    def _checkbox(self, message: str, question: SelectMultiple) -> tuple[Move, object]:
        stored = self.interview.value(question.id)
        current = stored if isinstance(stored, list) else []
        choices = self._choices(question)
        for choice in choices:
            choice.checked = choice.value in current
        picked = questionary.checkbox(message, choices).unsafe_ask()
        return Move.ANSWERED, picked or None

    def _rank(self, message: str, question: Rank) -> tuple[Move, object]:
        remaining = self._choices(question)
        order: list[str] = []
        while len(remaining) > 1:
            prompt = message if not order else f"{self.ui('rank_next')} ({len(order) + 1})"
            move, value = self._select(prompt, remaining, None)
            if move is not Move.ANSWERED:
                return move, None
            order.append(str(value))
            remaining = [c for c in remaining if c.value != value]
        return Move.ANSWERED, [*order, *(str(c.value) for c in remaining)]

    def _typed(self, message: str, question: QuestionLike) -> tuple[Move, object]:
        current = self.interview.value(question.id)
        default = "" if current is None else str(current)
        text = questionary.text(
            message, default=default, instruction=f"\n  {self.ui('typed')}\n  >"
        ).unsafe_ask()
        stripped = text.strip()
        if stripped == "<":
            return Move.BACK, None
        if stripped == ":q":
            return Move.QUIT, None
        if stripped.startswith(":lang"):
            code = stripped.removeprefix(":lang").strip()
            if code in self.interview.questionnaire.languages:
                self.interview.set_language(code)
                return Move.REDRAW, None
            return Move.LANGUAGE, None
        return Move.ANSWERED, stripped or None

    def _choose_language(self) -> None:
        languages = self.interview.questionnaire.languages
        picked = questionary.select(
            self.ui("language"), languages, default=self.interview.language
        ).unsafe_ask()
        self.interview.set_language(picked)

    def _finish(self) -> bool:
        """At the end of the form: confirm, then complete; problems send us back to them."""
        if not questionary.confirm(self.ui("finish"), default=True).unsafe_ask():
            return False
        problems = self.interview.complete()
        for problem in problems:
            self.say(f"! {problem.message}")
        if problems:
            self.interview.jump(problems[0].question)
        return True


def _round_is_set(store: InterviewStore, questionnaire: Questionnaire) -> bool:
    """Asked before ("" = no round) and, if given, in the fixed form."""
    value = store.get_setting("round")
    return value is not None and not (value and _round_problem(value, questionnaire))


def _ask_round(store: InterviewStore, questionnaire: Questionnaire) -> None:
    """Asked until it is in the fixed form (or left empty: no round)."""
    value = questionary.text(
        f"Survey round (e.g. {EXAMPLE}; Enter for none):",
        validate=lambda text: _round_problem(text, questionnaire) or True,
    ).unsafe_ask()
    store.set_setting("round", check_round(value, questionnaire.rounds) if value.strip() else "")


def _round_problem(text: str, questionnaire: Questionnaire) -> str | None:
    if not text.strip():
        return None
    try:
        check_round(text, questionnaire.rounds)
    except RoundError as exc:
        return str(exc)
    return None


def open_interview(
    store: InterviewStore, questionnaire: Questionnaire, lang: str | None, force_new: bool
) -> Interview:
    """Ask for interviewer, office and round on first use, then offer the drafts or start
    anew."""
    for key, prompt in (("interviewer", "Interviewer name"), ("office", "Office")):
        if not store.get_setting(key):
            value = questionary.text(f"{prompt}:").unsafe_ask().strip()
            if value:
                store.set_setting(key, value)
    if not _round_is_set(store, questionnaire):
        _ask_round(store, questionnaire)
    drafts = [] if force_new else store.list_drafts()
    chosen = None
    if drafts:
        options = [Choice("Start a new interview", value=None)]
        options += [
            Choice(
                f"Resume draft #{d.id}: {d.persona or 'no persona yet'}, "
                f"{d.answers} answers, last saved {d.updated_at[:16].replace('T', ' ')}",
                value=d.id,
            )
            for d in drafts
        ]
        chosen = questionary.select("Drafts on this device:", options).unsafe_ask()
    if chosen is None:
        return start_interview(store, questionnaire, language=lang)
    interview = resume_interview(store, chosen, [questionnaire])
    if lang:
        interview.set_language(lang)
    return interview


def _display_only(question: QuestionLike) -> bool:
    """A note, or a read-only question: shown, never answered."""
    return isinstance(question, Note) or bool(getattr(question, "read_only", False))

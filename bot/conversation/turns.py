"""One turn of a conversation, without the chat platform's I/O: a question, a reply in a thread, a button."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import TypeVar

from bot.analytics import snapshot
from bot.ask.answer import answer_question, default_llm
from bot.ask.question import COMPARE_GROUPS, Question, read
from bot.ask.reply import KeyNumber
from bot.ask.understand import lexicon_for, understand
from bot.config import Paths
from bot.conversation import memory
from bot.conversation.followup import follow_up
from bot.store.schema import connect

HOME_QUESTIONS = ("open-source", "chinese", "reasoning", "top models")
BUTTONS = (
    "last_3_months",
    "compare",
    "table",
    "why",
    "did_you_mean",
)  # what a click on an answer's buttons may ask for


# How a turn's question is answered: answer_question (the whole answer), or bot.ask.answer.answer_first (what to
# show at once, and the whole answer to follow); the turn gives back whatever it returns.
T = TypeVar("T")
Answering = Callable[[Question, Paths, snapshot.Data], T]


def answer_text(paths: Paths, text: str, answer: Answering = answer_question) -> tuple[Question, T]:
    """A fresh question (slash command or mention). Raises NotUnderstood / NoData for the user."""
    current = snapshot.current(paths)
    question = understand(text, paths, current, default_llm())
    return question, answer(question, paths, current)


def answer_in_thread(
    paths: Paths, channel: str, thread_ts: str, text: str, answer: Answering = answer_question
) -> tuple[Question, T] | None:
    """A reply in a thread the bot answered in, read against the thread's last question; None if not ours."""
    with connect(paths.db_path) as db:
        previous = memory.thread_question(db, channel, thread_ts)
    if previous is None:
        return None
    current = snapshot.current(paths)
    question = follow_up(previous, text, current.last_day, lexicon_for(current))
    return question, answer(question, paths, current)


def knows_thread(paths: Paths, channel: str, thread_ts: str) -> bool:
    """True if the bot has a conversation in this thread (it answered there)."""
    with connect(paths.db_path) as db:
        return memory.thread_question(db, channel, thread_ts) is not None


def answer_button(paths: Paths, action: str, value: str, answer: Answering = answer_question) -> tuple[Question, T]:
    """A click on one of an answer's buttons; the button carries the question it belongs to."""
    question = Question.from_json(value)
    current = snapshot.current(paths)
    if action == "last_3_months":
        start = current.last_day - timedelta(days=90)
        label = f"last 3 months of data ({start} to {current.last_day})"
        question = replace(question, start=start, end=current.last_day, period_label=label, view="chart")
    elif action == "compare" and question.topic in COMPARE_GROUPS:
        question = replace(question, compare=True, focus=COMPARE_GROUPS[question.topic], view="chart")
    elif action == "table":
        question = replace(question, view="table")
    elif action == "why":
        question = replace(question, view="why")
    elif action == "did_you_mean" and question.alternative:
        question = switch_topic(question, current)
    return question, answer(question, paths, current)


def switch_topic(question: Question, current: snapshot.Data) -> Question:
    """The close second reading the answer offered ("Did you mean ...?"), keeping the asked period and options."""
    switched = read(question.text, current.last_day, lexicon_for(current), question.alternative).question
    return replace(
        switched,
        start=question.start,
        end=question.end,
        period_label=question.period_label,
        top_n=question.top_n,
        alternative=(question.topic, question.model) if question.model else (question.topic,),
    )


def remember(paths: Paths, channel: str, thread_ts: str, question: Question) -> None:
    """Keep the thread's last question so that follow-ups survive a restart."""
    with connect(paths.db_path) as db:
        memory.remember_thread(db, channel, thread_ts, replace(question, view="chart"))


def claim_event(paths: Paths, event_id: str) -> bool:
    with connect(paths.db_path) as db:
        return memory.claim_event(db, event_id)


def finish_event(paths: Paths, event_id: str) -> None:
    with connect(paths.db_path) as db:
        memory.finish_event(db, event_id)


def headlines(paths: Paths) -> tuple[list[KeyNumber], str]:
    """The App Home numbers: the first key number of a few standing questions, and the data's as_of."""
    numbers = []
    for text in HOME_QUESTIONS:
        _, answer = answer_text(paths, text)
        numbers.append(answer.key_numbers[0])
    return numbers, snapshot.current(paths).as_of

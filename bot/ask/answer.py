"""The one answer function: question text in, Answer value out, cached per data version. The CLI, the chat
adapter and digests all call it."""

from __future__ import annotations

import threading
from collections import OrderedDict

from bot.analytics import snapshot
from bot.ask import pool, topics
from bot.ask.question import Question, model_index, parse
from bot.ask.reply import Answer, KeyNumber
from bot.config import Paths, paths_from_env
from bot.errors import AiTrendsError

CACHE_SIZE = 256
_cache: OrderedDict[tuple, Answer] = OrderedDict()
_lock = threading.Lock()
_computing: dict[tuple, threading.Lock] = {}


def clear_cache() -> None:
    """Forget cached answers (benchmarks measure the uncached path with it)."""
    with _lock:
        _cache.clear()


def help_answer(q: Question) -> Answer:
    """What can be asked, built from the same topic table the parser uses."""
    keys = [
        KeyNumber(
            t.name, t.summary, "e.g. " + "; ".join(t.examples[:2]), "rankings" if t.dimension else "study", ref="topic"
        )
        for t in topics.TOPICS
    ]
    return Answer(
        topic="help",
        question=q.text,
        headline="Ask about AI model usage: a topic, a period and options.",
        period="",
        key_numbers=keys,
        changes=[
            "Periods: since 2025-06, in 2025, Q3 2025, last 8 weeks, until 2025-09-30, from May to August 2025.",
            "Options: top N, vs / compare (e.g. china vs us), table.",
        ],
        method="Topics marked 'rankings' are computed from OpenRouter's daily rankings; 'study' topics quote the "
        "State of AI study (OpenRouter and a16z, Dec 2025).",
        citations=[],
    )


def answer_question(q: Question, paths: Paths | None = None, current: snapshot.Data | None = None) -> Answer:
    """Answer an already parsed question (follow-ups in a thread build one from context)."""
    if q.topic == "help":
        return help_answer(q)
    paths = paths or paths_from_env()
    current = current or snapshot.current(paths)
    key = (str(paths.db_path), current.version, current.refresh_marker, q.cache_key())
    found = _cached(key)
    if found:
        return found
    with _lock:
        computing = _computing.setdefault(key, threading.Lock())
    with computing:  # the same question asked at once is computed once; the others wait for it
        found = _cached(key)
        if found:
            return found
        result = pool.build(paths, q)
        with _lock:
            _cache[key] = result
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
            _computing.pop(key, None)
    return result


def _cached(key: tuple) -> Answer | None:
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    return None


def warm(paths: Paths | None = None, stop: threading.Event | None = None) -> int:
    """Compute the answers to every topic's examples ahead of time (run in the background at start-up); stops
    between two answers once `stop` is set."""
    done = 0
    for topic in topics.TOPICS:
        for example in topic.examples:
            if stop is not None and stop.is_set():
                return done
            try:
                ask(example, paths)
                done += 1
            except AiTrendsError:
                continue  # an example the current data cannot answer (e.g. a period not loaded yet)
    return done


def understand_and_answer(text: str, paths: Paths | None = None) -> tuple[Question, Answer]:
    """Parse a free-text question and answer it; the question comes back too (a conversation keeps it as its
    thread's context)."""
    paths = paths or paths_from_env()
    current = snapshot.current(paths)
    question = parse(text, current.last_day, model_index(current.model_names))
    return question, answer_question(question, paths, current)


def ask(text: str, paths: Paths | None = None) -> Answer:
    """Answer a free-text question. Raises NotUnderstood or NoData with a message fit for the user."""
    return understand_and_answer(text, paths)[1]

"""The one answer function: question text in, Answer value out, cached per data version. The CLI, the chat
adapter and digests all call it."""

from __future__ import annotations

import functools
import logging
import sqlite3
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor

from bot.analytics import snapshot
from bot.ask import pool, saved, topics
from bot.ask.question import Question
from bot.ask.reply import Answer, KeyNumber
from bot.ask.understand import understand
from bot.config import LlmSettings, Paths, llm_settings_from_env, paths_from_env
from bot.errors import AiTrendsError

log = logging.getLogger("ai-trends")
CACHE_SIZE = 256
MAX_TEXTS_REMEMBERED = 10_000
_cache: OrderedDict[tuple, Answer] = OrderedDict()
_lock = threading.Lock()
_computing: dict[tuple, threading.Lock] = {}
_texts_saved: set[tuple] = set()  # (store, version, marker, text key) already saved by this process
# Threads that wait for whole answers (the work is in the pool's processes): at most this many at once.
_FOLLOWING = ThreadPoolExecutor(max_workers=16, thread_name_prefix="whole-answer")


def clear_cache(paths: Paths | None = None) -> None:
    """Forget cached answers, and the answers saved in `paths`' store if given (benchmarks measure the
    computing path with it)."""
    with _lock:
        _cache.clear()
        _texts_saved.clear()
    if paths is not None:
        saved.forget(paths)


ASK_FREELY = (
    "Ask in your own words: every topic is scored against the whole question (its words, phrases, the shape of "
    "the question, and the models, vendors, places and languages the data knows), and a close second reading "
    "comes as a 'Did you mean ...?' offer."
)
COMBINE = (
    "Combine: 'chinese open-weight share', 'closed reasoning models', 'large open models'. Name a finding of the "
    "study and the answer leads with it: 'asia share of spend', 'deepseek tokens as an open model maker'."
)


def help_answer(q: Question) -> Answer:
    """What can be asked, built from the same topic table the parser uses."""
    keys = [
        KeyNumber(t.name, t.summary, f"e.g. {t.asked_as} or {t.examples[0]}", t.source_words, ref="topic")
        for t in topics.TOPICS
    ]
    return Answer(
        topic="help",
        question=q.text,
        headline="Ask about AI model usage in plain words: a topic, a period and options.",
        period="",
        key_numbers=keys,
        changes=[
            ASK_FREELY,
            COMBINE,
            "Periods: since 2025-06, in 2025, Q3 2025, last 8 weeks, until 2025-09-30, from May to August 2025.",
            "Options: top N, vs / compare (e.g. china vs us), table.",
        ],
        method="Topics marked 'rankings' are computed from OpenRouter's daily rankings and model list; 'study' "
        "topics quote the State of AI study (OpenRouter and a16z, Dec 2025).",
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
        result = _saved_or_built(paths, q, current)
        with _lock:
            _cache[key] = result
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
            _computing.pop(key, None)
    return result


def answer_first(
    q: Question, paths: Paths | None = None, current: snapshot.Data | None = None
) -> tuple[Answer, Future | None]:
    """What to show at once, and the whole answer to follow if it is still being built.

    An answer already cached or saved comes whole, with no future. Otherwise the answer's numbers and words are
    built in the fast lane (no chart drawn) while the whole answer is built beside them; the future gives it,
    chart included, once rendered. Views without a chart (table, why) always come whole."""
    if q.topic == "help" or q.view != "chart":
        return answer_question(q, paths, current), None
    paths = paths or paths_from_env()
    current = current or snapshot.current(paths)
    key = (str(paths.db_path), current.version, current.refresh_marker, q.cache_key())
    found = _cached(key) or saved.lookup(paths, saved.question_key(q.cache_key()))
    if found is not None:
        return found, None
    whole = _FOLLOWING.submit(answer_question, q, paths, current)
    return pool.build_text(paths, q), whole


def _saved_or_built(paths: Paths, q: Question, current: snapshot.Data) -> Answer:
    """An answer saved for this data version (by any process), else built now and saved for the next asker."""
    key = saved.question_key(q.cache_key())
    found = saved.lookup(paths, key)
    if found is not None:
        return found
    result = pool.build(paths, q)
    _save_quietly(paths, [key], result, current)
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


@functools.cache
def default_llm() -> LlmSettings:
    """The language model settings, read once from the environment."""
    return llm_settings_from_env()


def understand_and_answer(
    text: str, paths: Paths | None = None, llm: LlmSettings | None = None
) -> tuple[Question, Answer]:
    """Parse a free-text question and answer it; the question comes back too (a conversation keeps it as its
    thread's context)."""
    paths = paths or paths_from_env()
    current = snapshot.current(paths)
    question = understand(text, paths, current, llm or default_llm())
    answer = answer_question(question, paths, current)
    key = (str(paths.db_path), current.version, current.refresh_marker, saved.text_key(text))
    if question.topic != "help" and key not in _texts_saved:
        # The command line's next run of this text reads it back without parsing; once per text and data.
        _save_quietly(paths, [key[-1]], answer, current)
        with _lock:
            if len(_texts_saved) > MAX_TEXTS_REMEMBERED:
                _texts_saved.clear()
            _texts_saved.add(key)
    return question, answer


def _save_quietly(paths: Paths, keys: list[str], answer: Answer, current: snapshot.Data) -> None:
    try:
        saved.save(paths, keys, answer, current.version, current.refresh_marker)
    except sqlite3.Error as error:  # a busy or read-only store costs the next asker a rebuild, nothing more
        log.warning("could not save an answer: %s", error)


def ask(text: str, paths: Paths | None = None) -> Answer:
    """Answer a free-text question. Raises NotUnderstood or NoData with a message fit for the user."""
    return understand_and_answer(text, paths)[1]

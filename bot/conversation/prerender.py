"""Answers rendered before anyone asks: after each data change, every topic's default answer, its examples and its
buttons' answers (last 3 months, compare) are computed once and saved in the store, where the chat app finds them;
the first asker after a refresh pays nothing.

Claimed in the job table per data version, so of several workers one renders and the rest skip."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator

from bot.analytics import snapshot
from bot.ask import topics
from bot.ask.question import COMPARE_GROUPS
from bot.config import Paths
from bot.conversation.turns import answer_button, answer_text
from bot.errors import AiTrendsError
from bot.store import jobs
from bot.store.schema import connect

log = logging.getLogger("ai-trends.prerender")
JOB = "prerender"


def questions() -> Iterator[str]:
    """What people ask first: each topic by name and each of its examples."""
    for topic in topics.TOPICS:
        yield from dict.fromkeys((topic.name, *topic.examples))


def _with_buttons(paths: Paths, text: str) -> int:
    """Answer `text`, then what its answer's buttons would ask; the number of answers made."""
    question, _ = answer_text(paths, text)
    made = 1
    for action in ("last_3_months", "compare"):
        if action == "compare" and question.topic not in COMPARE_GROUPS:
            continue
        answer_button(paths, action, question.to_json())
        made += 1
    return made


def prerender(paths: Paths, stop: threading.Event | None = None) -> int | None:
    """Compute and save every common answer for the current data; the number of answers made, or None if `stop`
    was set first (a shutting-down worker leaves the rest to the next one)."""
    made = 0
    for text in questions():
        if stop is not None and stop.is_set():
            return None
        try:
            made += _with_buttons(paths, text)
        except AiTrendsError:
            continue  # an example the current data cannot answer (e.g. a period not loaded)
    return made


def prerender_if_new(
    paths: Paths, worker: str, clock: Callable[[], float] = time.time, stop: threading.Event | None = None
) -> str | None:
    """Prerender once per data version (claimed like a digest); a line for the log, or None if already done."""
    data = snapshot.current(paths)
    with connect(paths.db_path) as db:
        run = jobs.claim(db, JOB, f"{data.version}:{data.refresh_marker}", worker, now=clock())
    if run is None:
        return None
    started = time.perf_counter()
    made = prerender(paths, stop)
    with connect(paths.db_path) as db:
        if made is None:  # stopped: give the claim back so the next worker renders the rest
            jobs.release(db, run, "stopped", retry_in=0.0, now=clock())
            return "prerender stopped for shutdown; the next worker will finish it"
        jobs.advance(db, run, "done", now=clock())
    return f"prerendered {made} answers for data version {data.version} in {time.perf_counter() - started:.1f} s"

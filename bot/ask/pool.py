"""Build answers in worker processes, so that chart rendering (which holds the GIL) never delays the threads
of a server that must acknowledge a chat platform's request within seconds, and both cores render at once.

Two lanes: answers' text (numbers and words, no chart) in processes that the system schedules before the chart
renders, so an asker sees the numbers while the picture is still being drawn."""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from concurrent.futures import Executor, ProcessPoolExecutor

from bot.ask.question import Question
from bot.ask.reply import Answer
from bot.config import Paths

log = logging.getLogger("ai-trends")

# Without a pool (the CLI, tests), answers are built in the calling thread; never more than this many at once,
# since more only slows each one down.
INLINE_SLOTS = threading.BoundedSemaphore(2)
# Niceness: the server process (acknowledgements) first, then the text lane, then chart renders.
TEXT_NICE, CHART_NICE = 10, 15
_pool: Executor | None = None
_text_pool: Executor | None = None


def start_pool(workers: int = 2, paths: Paths | None = None) -> None:
    """Start the worker processes (forkserver: a clean process, not a fork of a threaded server). With `paths`,
    every process loads the data at once, in the background, so that no asker waits for it."""
    global _pool, _text_pool
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["bot.ask.routes"])
    _pool, _text_pool = (
        ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=os.nice, initargs=(nice,))
        for nice in (CHART_NICE, TEXT_NICE)
    )
    if paths is not None:
        for pool in (_pool, _text_pool):
            for _ in range(workers):  # processes start as work arrives: one task per process to start them all
                pool.submit(_load_data, paths)


def _load_data(paths: Paths) -> None:
    """Load the data (once per data version) before any question. A task, not the processes' initializer: an
    initializer that fails would break the pool for every later answer."""
    from bot.analytics import snapshot

    try:
        snapshot.current(paths)
    except Exception:  # noqa: BLE001 - the first question loads it again, and reports what went wrong
        log.warning("an answer worker could not load the data ahead of questions", exc_info=True)


def stop_pool(now: bool = False) -> None:
    """Stop the worker processes after the answers they are building, or at once (`now`: shutting down, and
    whoever waits for those answers has been dealt with)."""
    global _pool, _text_pool
    stopping, _pool, _text_pool = (_pool, _text_pool), None, None
    pools = [pool for pool in stopping if pool is not None]
    if not pools:
        return
    for pool in pools:
        if now:
            pool.shutdown(wait=False, cancel_futures=True)  # from here on no worker process can be started
        else:
            pool.shutdown(cancel_futures=True)
    if now:
        for process in multiprocessing.active_children():  # the pools' workers: this process starts no others
            process.terminate()


def build(paths: Paths, question: Question) -> Answer:
    """Build one answer: in a worker process when the pool runs, else here."""
    if _pool is not None:
        return _pool.submit(_build_here, paths, question).result()
    with INLINE_SLOTS:
        return _build_here(paths, question)


def build_text(paths: Paths, question: Question) -> Answer:
    """Build an answer's numbers and words without drawing its chart (its chart's PNG is b'')."""
    if _text_pool is not None:
        return _text_pool.submit(_build_text_here, paths, question).result()
    with INLINE_SLOTS:
        return _build_text_here(paths, question)


def _build_here(paths: Paths, question: Question) -> Answer:
    from bot.ask.routes import build_answer  # the worker process imports the core once, on first use

    return build_answer(paths, question)


def _build_text_here(paths: Paths, question: Question) -> Answer:
    from bot.charts import text_only

    with text_only():
        return _build_here(paths, question)

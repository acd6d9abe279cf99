"""Build answers in worker processes, so that chart rendering (which holds the GIL) never delays the threads
of a server that must acknowledge a chat platform's request within seconds, and both cores render at once."""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import Executor, ProcessPoolExecutor

from bot.ask.question import Question
from bot.ask.reply import Answer
from bot.config import Paths

# Without a pool (the CLI, tests), answers are built in the calling thread; never more than this many at once,
# since more only slows each one down.
INLINE_SLOTS = threading.BoundedSemaphore(2)
_pool: Executor | None = None


def start_pool(workers: int = 2) -> None:
    """Start the worker processes (forkserver: a clean process, not a fork of a threaded server)."""
    global _pool
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["bot.ask.routes"])
    _pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_lower_priority)


def _lower_priority() -> None:
    """Workers yield the CPU to the server process, whose requests must be acknowledged within 3 seconds."""
    os.nice(10)


def stop_pool(now: bool = False) -> None:
    """Stop the worker processes after the answers they are building, or at once (`now`: shutting down, and
    whoever waits for those answers has been dealt with)."""
    global _pool
    stopping, _pool = _pool, None
    if stopping is None:
        return
    if not now:
        stopping.shutdown(cancel_futures=True)
        return
    stopping.shutdown(wait=False, cancel_futures=True)  # from here on no worker process can be started
    for process in multiprocessing.active_children():  # the pool's workers: this process starts no others
        process.terminate()


def build(paths: Paths, question: Question) -> Answer:
    """Build one answer: in a worker process when the pool runs, else here."""
    if _pool is not None:
        return _pool.submit(_build_here, paths, question).result()
    with INLINE_SLOTS:
        return _build_here(paths, question)


def _build_here(paths: Paths, question: Question) -> Answer:
    from bot.ask.routes import build_answer  # the worker process imports the core once, on first use

    return build_answer(paths, question)

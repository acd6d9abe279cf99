"""`ai-trends worker`: run the digest round every minute (or once), until SIGTERM."""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import uuid
from datetime import UTC, datetime

from bot.config import WorkerSettings
from bot.digest_round import DigestRound, Pacer, Report
from handlers.app import build_client
from handlers.digest_poster import SlackPoster

log = logging.getLogger("ai-trends.worker")


def worker_id() -> str:
    """Names this process in the claims it takes (host, pid and a nonce, so a restarted pid is a new worker)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def run_round(settings: WorkerSettings, now: datetime | None = None, worker: str | None = None) -> Report:
    poster = SlackPoster(build_client(settings))
    round_ = DigestRound(
        settings.paths,
        poster,
        worker or worker_id(),
        now or datetime.now(UTC),
        pacer=Pacer(settings.channel_spacing),
        concurrency=settings.concurrency,
    )
    report = round_.run()
    log.info("digest round: %s", report.summary())
    return report


def run_worker(settings: WorkerSettings) -> None:
    """Rounds every `interval` seconds; SIGTERM lets the current round finish its posts, then exits."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    me = worker_id()
    log.info("ai-trends worker %s: a digest round every %.0f s", me, settings.interval)
    while not stop.is_set():
        try:
            run_round(settings, worker=me)
        except Exception:
            log.exception("digest round failed; trying again next round")
        stop.wait(settings.interval)
    log.info("ai-trends worker stopped")

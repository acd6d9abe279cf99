"""`ai-trends worker`: the scheduled jobs (the daily refresh, the digest round, then the watches) every minute or
once."""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import uuid
from datetime import UTC, datetime

from slack_sdk import WebClient
from slack_sdk.http_retry import RateLimitErrorRetryHandler, default_retry_handlers

from bot.config import openrouter_settings_from_env
from bot.digest.report import Report
from bot.digest.round import DigestRound
from bot.live.daily import refresh_if_due
from bot.watch.round import WatchReport, WatchRound
from handlers.pacing import Pacer
from handlers.poster import SlackPoster
from handlers.settings import WorkerSettings

log = logging.getLogger("ai-trends.worker")


def worker_id() -> str:
    """Names this process in the claims it takes (host, pid and a nonce, so a restarted pid is a new worker)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class SharedRetryAfter(RateLimitErrorRetryHandler):
    """Slack's Retry-After for chat.postMessage, honoured by every digest thread rather than only by the one that
    was told. Other methods have their own limits (conversations.history allows non-Marketplace apps one call a
    minute), so their 429s only hold the thread that made the call."""

    def __init__(self, pacer: Pacer) -> None:
        # More patient than the app's 3 retries: nobody is waiting on a digest, and 8 waits of Slack's usual
        # Retry-After still end well inside a run's lease.
        super().__init__(max_retry_count=8)
        self.pacer = pacer

    def prepare_for_next_attempt(self, *, state, request, response=None, error=None) -> None:
        if response is not None and request.url.rstrip("/").endswith("chat.postMessage"):
            value = next((v for k, v in response.headers.items() if k.lower() == "retry-after"), "1")
            self.pacer.hold(float(value[0] if isinstance(value, list) else value))
        super().prepare_for_next_attempt(state=state, request=request, response=response, error=error)


def worker_client(settings: WorkerSettings, pacer: Pacer) -> WebClient:
    retry = default_retry_handlers() + [SharedRetryAfter(pacer)]
    return WebClient(token=settings.bot_token, base_url=settings.api_url, retry_handlers=retry, timeout=10)


def pacer_for(settings: WorkerSettings) -> Pacer:
    return Pacer(settings.channel_spacing, settings.workspace_rate)


def run_round(
    settings: WorkerSettings, now: datetime | None = None, worker: str | None = None, pacer: Pacer | None = None
) -> Report:
    pacer = pacer or pacer_for(settings)
    round_ = DigestRound(
        settings.paths,
        SlackPoster(worker_client(settings, pacer), pacer),
        worker or worker_id(),
        now or datetime.now(UTC),
        concurrency=settings.concurrency,
    )
    report = round_.run()
    log.info("digest round: %s", report.summary())
    return report


def run_watches(settings: WorkerSettings, worker: str | None = None, pacer: Pacer | None = None) -> WatchReport:
    """Evaluate the watches on any new complete week and post their alerts, paced like the digests."""
    pacer = pacer or pacer_for(settings)
    poster = SlackPoster(worker_client(settings, pacer), pacer)
    report = WatchRound(settings.paths, poster, worker or worker_id(), concurrency=settings.concurrency).run()
    log.info("watch round: %s", report.summary())
    return report


def run_jobs(settings: WorkerSettings, now: datetime | None = None, worker: str | None = None) -> Report:
    """One pass: refresh the data if today's refresh is due (so a digest sees it), post the due digests, then
    check the watches against the new data; one pacer for both, so a channel never gets two posts at once."""
    now, worker = now or datetime.now(UTC), worker or worker_id()
    refreshed = refresh_if_due(settings.paths, openrouter_settings_from_env(), now, worker)
    if refreshed:
        log.info("%s", refreshed)
    pacer = pacer_for(settings)
    report = run_round(settings, now, worker, pacer)
    run_watches(settings, worker, pacer)
    return report


def run_worker(settings: WorkerSettings) -> None:
    """Passes every `interval` seconds; SIGTERM lets the current pass finish its posts, then exits."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    me = worker_id()
    if not openrouter_settings_from_env().api_key:
        log.info("OPENROUTER_API_KEY is not set: no daily refresh, digests use the data already loaded")
    log.info("ai-trends worker %s: scheduled jobs every %.0f s", me, settings.interval)
    while not stop.is_set():
        try:
            run_jobs(settings, worker=me)
        except Exception:
            log.exception("scheduled jobs failed; trying again next pass")
        stop.wait(settings.interval)
    log.info("ai-trends worker stopped")

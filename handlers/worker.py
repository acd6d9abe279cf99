"""`ai-trends worker`: the scheduled jobs (the daily refresh, the digest round, then the watches) every minute or
once."""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from datetime import UTC, datetime

from slack_sdk import WebClient
from slack_sdk.http_retry import RateLimitErrorRetryHandler, default_retry_handlers

from bot.config import openrouter_settings_from_env
from bot.conversation.prerender import prerender_if_new
from bot.digest.report import Report
from bot.digest.round import DigestRound
from bot.live.daily import refresh_if_due
from bot.watch.round import WatchReport, WatchRound
from handlers.lifecycle import Shutdown
from handlers.pacing import Pacer
from handlers.poster import WorkspacePosters
from handlers.settings import WorkerSettings
from handlers.workspaces import tokens_from

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


def worker_client(settings: WorkerSettings, pacer: Pacer, token: str | None = None) -> WebClient:
    """A Web API client for one workspace (`token`, default SLACK_BOT_TOKEN) whose posting 429s hold `pacer`."""
    retry = default_retry_handlers() + [SharedRetryAfter(pacer)]
    return WebClient(token=token or settings.bot_token, base_url=settings.api_url, retry_handlers=retry, timeout=10)


def posters(settings: WorkerSettings) -> WorkspacePosters:
    """One poster per workspace the rounds post to, each with its token and its own pacing (shared by the digest
    and the watch rounds of a pass, so a channel never gets two posts at once)."""
    return WorkspacePosters(
        tokens_from(settings),
        lambda token, pacer: worker_client(settings, pacer, token),
        lambda: Pacer(settings.channel_spacing, settings.workspace_rate),
    )


def run_round(
    settings: WorkerSettings,
    now: datetime | None = None,
    worker: str | None = None,
    stop: threading.Event | None = None,
    posting: WorkspacePosters | None = None,
) -> Report:
    round_ = DigestRound(
        settings.paths,
        posting or posters(settings),
        worker or worker_id(),
        now or datetime.now(UTC),
        concurrency=settings.concurrency,
        stop=stop,
    )
    report = round_.run()
    log.info("digest round: %s", report.summary())
    return report


def run_watches(
    settings: WorkerSettings,
    worker: str | None = None,
    stop: threading.Event | None = None,
    posting: WorkspacePosters | None = None,
) -> WatchReport:
    """Evaluate the watches on any new complete week and post their alerts, paced like the digests."""
    watch_round = WatchRound(
        settings.paths,
        posting or posters(settings),
        worker or worker_id(),
        concurrency=settings.concurrency,
        stop=stop,
    )
    report = watch_round.run()
    log.info("watch round: %s", report.summary())
    return report


def run_jobs(
    settings: WorkerSettings,
    now: datetime | None = None,
    worker: str | None = None,
    stop: threading.Event | None = None,
) -> Report:
    """One pass: refresh the data if today's refresh is due (so a digest sees it), post the due digests, check the
    watches against the new data (one poster per workspace for both), then render the common answers if the
    data changed since they were last rendered."""
    now, worker = now or datetime.now(UTC), worker or worker_id()
    refreshed = refresh_if_due(settings.paths, openrouter_settings_from_env(), now, worker)
    if refreshed:
        log.info("%s", refreshed)
    posting = posters(settings)
    report = run_round(settings, now, worker, stop, posting)
    run_watches(settings, worker, stop, posting)
    prerendered = prerender_if_new(settings.paths, worker, stop=stop)  # after the digests: they are due
    if prerendered:
        log.info("%s", prerendered)
    return report


def run_worker(settings: WorkerSettings, shutdown: Shutdown) -> None:
    """Passes every `interval` seconds until SIGTERM: the current pass finishes the messages it is sending, gives
    back the digests it has not started, and the process exits (within 10 s, see handlers/lifecycle.py)."""
    me = worker_id()
    if not openrouter_settings_from_env().api_key:
        log.info("OPENROUTER_API_KEY is not set: no daily refresh, digests use the data already loaded")
    log.info("ai-trends worker %s: scheduled jobs every %.0f s", me, settings.interval)
    while not shutdown.event.is_set():
        try:
            run_jobs(settings, worker=me, stop=shutdown.event)
        except Exception:
            log.exception("scheduled jobs failed; trying again next pass")
        shutdown.event.wait(settings.interval)
    log.info("ai-trends worker stopped")

"""Entry point: build the Bolt app from settings, register every listener group, serve Socket Mode or HTTP."""

from __future__ import annotations

import logging
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry import RateLimitErrorRetryHandler, default_retry_handlers

from bot.ask import pool
from bot.ask.answer import warm
from handlers import actions, commands, events, home
from handlers.errors import on_error
from handlers.settings import SlackSettings, slack_settings_from_env

log = logging.getLogger("ai-trends")


def build_client(settings: SlackSettings) -> WebClient:
    """One Web API client; 429s are retried after Slack's Retry-After, connection errors as the SDK does."""
    retry = default_retry_handlers() + [RateLimitErrorRetryHandler(max_retry_count=3)]
    return WebClient(token=settings.bot_token, base_url=settings.api_url, retry_handlers=retry, timeout=10)


def build_app(settings: SlackSettings) -> App:
    # process_before_response: each listener's ack function runs in the request thread and its response goes
    # out as soon as it returns; answers are lazy listeners on the executor, so acks never queue behind charts.
    app = App(
        client=build_client(settings),
        process_before_response=True,
        signing_secret=settings.signing_secret or "",
        request_verification_enabled=not settings.socket_mode,
        listener_executor=ThreadPoolExecutor(max_workers=16, thread_name_prefix="bolt"),
    )
    commands.register(app, settings.paths, settings.digest_admins)
    for group in (events, actions, home):
        group.register(app, settings.paths)
    app.error(on_error)
    return app


def _warm_up(settings: SlackSettings) -> None:
    started = time.perf_counter()
    count = warm(settings.paths)
    log.info("warm-up done: %d answers ready in %.1f s", count, time.perf_counter() - started)


def serve(settings: SlackSettings | None = None) -> None:
    """Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP on $PORT behind waitress."""
    settings = settings or slack_settings_from_env()
    pool.start_pool()
    app = build_app(settings)
    # Common questions are answered ahead of time so that the first askers get a chart in milliseconds.
    threading.Thread(target=_warm_up, args=(settings,), name="warm-up", daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # platforms stop processes with SIGTERM: exit cleanly
    try:
        _run(app, settings)
    finally:
        pool.stop_pool()


def _run(app: App, settings: SlackSettings) -> None:
    if settings.socket_mode:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        log.info("ai-trends: Socket Mode")
        SocketModeHandler(app, settings.app_token).start()
        return
    import waitress
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    log.info("ai-trends: HTTP mode on port %d, path /slack/events", settings.port)
    waitress.serve(SlackRequestHandler(app), host="0.0.0.0", port=settings.port, threads=16)

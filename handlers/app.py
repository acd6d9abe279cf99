"""Entry point: build the Bolt app from settings, register every listener group, serve Socket Mode or HTTP, and
stop quietly on SIGTERM (see handlers/lifecycle.py)."""

from __future__ import annotations

import json
import logging
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry import RateLimitErrorRetryHandler, default_retry_handlers

from bot import health
from bot.ask import pool
from bot.ask.answer import warm
from bot.config import health_max_data_age
from handlers import actions, commands, events, home
from handlers.errors import on_error
from handlers.inflight import IN_FLIGHT
from handlers.lifecycle import DEADLINE_SECONDS, GRACE_SECONDS, Shutdown
from handlers.settings import SlackSettings, slack_settings_from_env
from handlers.workspaces import installation_store, oauth_options, register_uninstalls

log = logging.getLogger("ai-trends")


def build_client(settings: SlackSettings) -> WebClient:
    """One Web API client; 429s are retried after Slack's Retry-After, connection errors as the SDK does. With
    several workspaces it has no token of its own: Bolt hands each listener a client with its workspace's."""
    retry = default_retry_handlers() + [RateLimitErrorRetryHandler(max_retry_count=3)]
    token = None if settings.many_workspaces else settings.bot_token  # SLACK_BOT_TOKEN then serves old digests only
    return WebClient(token=token, base_url=settings.api_url, retry_handlers=retry, timeout=10)


def build_app(settings: SlackSettings) -> App:
    # process_before_response: each listener's ack function runs in the request thread and its response goes
    # out as soon as it returns; answers are lazy listeners on the executor, so acks never queue behind charts.
    store = installation_store(settings.paths, settings.client_id) if settings.many_workspaces else None
    app = App(
        client=build_client(settings),
        process_before_response=True,
        signing_secret=settings.signing_secret or "",
        request_verification_enabled=not settings.socket_mode,
        listener_executor=IN_FLIGHT.executor(16),  # counts each request's work from its acknowledgement
        **(oauth_options(settings, store) if store else {}),
    )
    commands.register(app, settings.paths, settings.digest_admins)
    for group in (events, actions, home):
        group.register(app, settings.paths)
    register_uninstalls(app, settings.paths, store)
    app.error(on_error)
    return app


def wsgi_app(app: App, settings: SlackSettings):
    """What HTTP mode serves: Bolt at /slack/events (and /slack/install, /slack/oauth_redirect with several
    workspaces), and GET /healthz, unsigned (a platform's probe): 200 when healthy, 503 otherwise."""
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    bolt = SlackRequestHandler(app)

    def application(environ, start_response):
        if environ.get("PATH_INFO") != "/healthz" or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return bolt(environ, start_response)
        report = health.check(settings.paths, datetime.now(UTC), max_data_age_days=health_max_data_age())
        body = json.dumps(report, indent=2).encode()
        status = "200 OK" if report["healthy"] else "503 Service Unavailable"
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    return application


def _warm_up(settings: SlackSettings, stop: threading.Event) -> None:
    started = time.perf_counter()
    try:
        count = warm(settings.paths, stop)
    except Exception:
        if stop.is_set():  # the pool was stopped under it: nothing to report
            return
        log.exception("warm-up failed; answers are built on demand")
        return
    if stop.is_set():
        log.info("warm-up stopped for shutdown after %d answers", count)
        return
    log.info("warm-up done: %d answers ready in %.1f s", count, time.perf_counter() - started)


def serve(settings: SlackSettings | None = None, shutdown: Shutdown | None = None) -> None:
    """Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP on $PORT behind waitress, until SIGTERM: then it
    stops taking requests, finishes or hands back those in progress, stops the answer workers and returns."""
    settings = settings or slack_settings_from_env()
    shutdown = shutdown or Shutdown().install()
    pool.start_pool(paths=settings.paths)  # the workers load the data now, not on the first question
    app = build_app(settings)
    # Common questions are answered ahead of time so that the first askers get a chart in milliseconds.
    warming = threading.Thread(target=_warm_up, args=(settings, shutdown.event), name="warm-up", daemon=True)
    warming.start()
    stop_taking_requests = _start_serving(app, settings)
    shutdown.wait()
    stop_taking_requests()
    told = IN_FLIGHT.drain(shutdown.until(GRACE_SECONDS), shutdown.until(DEADLINE_SECONDS))
    pool.stop_pool(now=True)
    # The warm-up stops between answers; let it get there, so the interpreter never finalises under a thread
    # that is still inside pandas or matplotlib (which can abort the process).
    warming.join(timeout=max(0.0, shutdown.until(DEADLINE_SECONDS) - time.monotonic()))
    log.info("ai-trends stopped: %d asker(s) told to ask again", told)


def _start_serving(app: App, settings: SlackSettings):
    """Start receiving in the background; returns how to stop taking new requests (answers in progress go on)."""
    if settings.socket_mode:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        log.info("ai-trends: Socket Mode")
        handler = SocketModeHandler(app, settings.app_token)
        handler.connect()
        return handler.close
    import waitress

    # The app listens on a local port only; Slack talks to the front door, which acknowledges in a process of
    # its own and hands each request over (handlers/front.py).
    server = waitress.create_server(wsgi_app(app, settings), host="127.0.0.1", port=0, threads=16)
    threading.Thread(target=server.run, name="http", daemon=True).start()
    front = _start_front(settings.port, f"http://127.0.0.1:{server.effective_port}")
    log.info("ai-trends: HTTP mode on port %d: /slack/events, /healthz", settings.port)

    def stop_accepting() -> None:
        front.send_signal(signal.SIGTERM)  # it stops taking requests and hands over those it acknowledged
        try:
            front.wait(timeout=FRONT_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            front.kill()
        server.accepting = False  # the loop keeps sending the responses of requests already received
        server.pull_trigger()

    return stop_accepting


FRONT_STOP_SECONDS = 3.0


def _start_front(port: int, back: str) -> subprocess.Popen:
    """The front door's process, answering on `port` once it has started (the signing secret reaches it through
    the environment, never the command line)."""
    command = [sys.executable, "-m", "handlers.front", "--port", str(port), "--back", back]
    front = subprocess.Popen(command)
    deadline = time.monotonic() + 30
    while not _listening(port):
        if front.poll() is not None or time.monotonic() > deadline:
            front.kill()
            raise RuntimeError(f"the front door did not start on port {port}")
        time.sleep(0.05)
    return front


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0

"""Real Slack request bodies, signed the way Slack signs them, sent over HTTP to the app under test."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from urllib.parse import urlencode

import waitress

from bot.config import Paths
from handlers.app import build_app, wsgi_app
from handlers.settings import SlackSettings

SECRET = "test-signing-secret"
TOKEN = "xoxb-test-token-not-real"
USER = "U0USER001"


def sign(body: str, secret: str = SECRET, timestamp: int | None = None) -> dict:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


@dataclass
class Reply:
    status: int
    body: str
    seconds: float

    def json(self) -> dict:
        return json.loads(self.body)


class SlackClientForTests:
    """Sends what Slack would send: form-encoded commands and actions, JSON events."""

    def __init__(self, url: str, response_url: str) -> None:
        self.url = url
        self.response_url = response_url

    def post(self, body: str, content_type: str, headers: dict | None = None) -> Reply:
        request = urllib.request.Request(
            self.url,
            data=body.encode(),
            method="POST",
            headers={"Content-Type": content_type} | (headers if headers is not None else sign(body)),
        )
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return Reply(response.status, response.read().decode(), time.perf_counter() - start)
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.read().decode(), time.perf_counter() - start)

    def get(self, path: str, headers: dict | None = None) -> tuple[Reply, dict]:
        """An unsigned GET (a browser or a platform's probe) to `path` on the app; the reply and its headers."""
        url = self.url.removesuffix("/slack/events") + path
        opener = urllib.request.build_opener(_NoRedirect)
        start = time.perf_counter()
        try:
            with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
                reply = Reply(response.status, response.read().decode(), time.perf_counter() - start)
                return reply, dict(response.headers)
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.read().decode(), time.perf_counter() - start), dict(error.headers)

    def command_body(self, text: str, channel: str = "C0GENERAL", team: str = "T0001") -> str:
        return urlencode(
            {
                "token": "legacy-verification-token",
                "team_id": team,
                "team_domain": "example",
                "channel_id": channel,
                "channel_name": "general",
                "user_id": USER,
                "user_name": "ada",
                "command": "/ai-trends",
                "text": text,
                "api_app_id": "A0001",
                "is_enterprise_install": "false",
                "response_url": self.response_url,
                "trigger_id": "1.2.3",
            }
        )

    def command(self, text: str, channel: str = "C0GENERAL", headers: dict | None = None, team: str = "T0001") -> Reply:
        body = self.command_body(text, channel, team)
        return self.post(body, "application/x-www-form-urlencoded", headers if headers is not None else sign(body))

    def event(self, event: dict, event_id: str | None = None, retry: int | None = None, team: str = "T0001") -> Reply:
        envelope = {
            "token": "legacy-verification-token",
            "team_id": team,
            "api_app_id": "A0001",
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:12].upper()}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": team, "user_id": "UBOT0001", "is_bot": True}],
            "is_ext_shared_channel": False,
            "event_context": "4-eyJldCI6ImFwcF9tZW50aW9uIn0",
        }
        body = json.dumps(envelope)
        headers = sign(body) | (
            {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else {}
        )
        return self.post(body, "application/json", headers)

    def mention(
        self,
        text: str,
        ts: str,
        channel: str = "C0GENERAL",
        thread_ts: str | None = None,
        event_id: str | None = None,
        retry: int | None = None,
    ) -> Reply:
        event = {
            "type": "app_mention",
            "user": USER,
            "text": f"<@UBOT0001> {text}",
            "ts": ts,
            "channel": channel,
            "event_ts": ts,
        } | ({"thread_ts": thread_ts} if thread_ts else {})
        return self.event(event, event_id, retry)

    def message(self, text: str, ts: str, thread_ts: str | None, channel: str = "C0GENERAL", **extra) -> Reply:
        event = (
            {
                "type": "message",
                "user": USER,
                "text": text,
                "ts": ts,
                "channel": channel,
                "event_ts": ts,
                "channel_type": "channel",
            }
            | ({"thread_ts": thread_ts} if thread_ts else {})
            | extra
        )
        return self.event(event)

    def click(self, action_id: str, value: str, message_ts: str, channel: str = "C0GENERAL") -> Reply:
        payload = {
            "type": "block_actions",
            "user": {"id": USER, "username": "ada", "team_id": "T0001"},
            "api_app_id": "A0001",
            "token": "legacy-verification-token",
            "trigger_id": "1.2.3",
            "team": {"id": "T0001", "domain": "example"},
            "channel": {"id": channel, "name": "general"},
            "container": {"type": "message", "message_ts": message_ts, "channel_id": channel, "is_ephemeral": False},
            "message": {"type": "message", "ts": message_ts, "text": "answer", "user": "UBOT0001"},
            "response_url": self.response_url,
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": "b1",
                    "value": value,
                    "text": {"type": "plain_text", "text": "button"},
                    "action_ts": str(time.time()),
                }
            ],
        }
        body = urlencode({"payload": json.dumps(payload)})
        return self.post(body, "application/x-www-form-urlencoded", sign(body))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test reads the redirect itself


class RunningApp:
    """The Bolt app in HTTP mode behind waitress, on a free local port, talking to the fake Slack; `settings`
    override the single-workspace defaults (e.g. client_id and client_secret for several workspaces)."""

    def __init__(
        self, paths: Paths, api_url: str, response_url: str, admins: frozenset[str] = frozenset(), **settings
    ) -> None:
        self.settings = SlackSettings(
            **{
                "bot_token": TOKEN,
                "signing_secret": SECRET,
                "app_token": None,
                "api_url": api_url,
                "port": 0,
                "paths": paths,
                "digest_admins": admins,
            }
            | settings
        )
        self.app = build_app(self.settings)
        self.server = waitress.create_server(wsgi_app(self.app, self.settings), host="127.0.0.1", port=0, threads=24)
        self._stopping = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()
        self.client = SlackClientForTests(f"http://127.0.0.1:{self.server.effective_port}/slack/events", response_url)

    def _serve(self) -> None:
        try:
            self.server.run()
        except OSError:
            if not self._stopping:  # closing the sockets ends waitress's select loop with EBADF
                raise

    def stop(self) -> None:
        self._stopping = True
        self.server.close()


def serve_process(fake, tmp_path, extra_env: dict | None = None) -> tuple[subprocess.Popen, SlackClientForTests]:
    """`ai-trends serve` as its own process in HTTP mode against the fake Slack, once it answers on its port."""
    from bot.config import PROJECT_DIR

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "OPENROUTER_", "AI_TRENDS_"))}
    env = inherited | {
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "PORT": str(port),
        "AI_TRENDS_DB": str(tmp_path / "serve.db"),
    }
    command = [sys.executable, "-m", "handlers.cli", "serve"]
    process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env | (extra_env or {}), stderr=subprocess.PIPE, text=True)
    client = SlackClientForTests(f"http://127.0.0.1:{port}/slack/events", fake.response_url())
    deadline = time.monotonic() + 30
    while True:
        try:
            client.get("/healthz")
            return process, client
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError("serve did not start: " + process.stderr.read()) from None
            time.sleep(0.1)

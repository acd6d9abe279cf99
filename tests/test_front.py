"""The front door: it acknowledges what Slack sends at once, in its own process's time, and the app behind it
answers exactly as it would have; whatever only the app can reply to is passed through unchanged."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time

import pytest
import waitress

from bot.config import Paths
from handlers.front import Front
from tests.conftest import sample_data_dir
from tests.fake_slack import FakeSlack
from tests.slack_kit import SECRET, RunningApp, SlackClientForTests, sign


class Served:
    """A WSGI application behind waitress on a free local port."""

    def __init__(self, application) -> None:
        self.server = waitress.create_server(application, host="127.0.0.1", port=0, threads=8)
        self._closing = False
        threading.Thread(target=self._run, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.effective_port}"

    def _run(self) -> None:
        try:
            self.server.run()
        except OSError:
            if not self._closing:  # closing the sockets ends waitress's select loop with EBADF
                raise

    def close(self) -> None:
        self._closing = True
        with contextlib.suppress(OSError):  # waitress's loop may already have closed its sockets
            self.server.close()


@pytest.fixture
def fake():
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture
def app(fake, tmp_path):
    running = RunningApp(Paths(sample_data_dir(), tmp_path / "front.db"), fake.api_url, fake.response_url())
    yield running
    running.stop()


def front_for(back: str, fake) -> tuple[Front, Served, SlackClientForTests]:
    front = Front(SECRET, back)
    served = Served(front)
    return front, served, SlackClientForTests(served.url + "/slack/events", fake.response_url())


@pytest.fixture
def door(app, fake):
    front, served, client = front_for(app.client.url.removesuffix("/slack/events"), fake)
    yield client
    served.close()
    front.finish()


def test_a_command_is_acknowledged_then_answered_by_the_app(door, app, fake):
    reply = door.command("open-source")
    assert reply.status == 200 and reply.body == ""
    post = fake.wait_for("chat.postMessage")[0]
    assert post.params["channel"] == "C0GENERAL" and post.params["text"].startswith("Open weights:")


def test_help_is_acknowledged_with_the_same_reply_the_app_gives(door, app):
    through_front, from_app = door.command("help"), app.client.command("help")
    assert through_front.status == from_app.status == 200
    assert through_front.json() == from_app.json() and through_front.json()["blocks"]


def test_mentions_and_button_clicks_are_handed_over(door, fake):
    assert door.mention("how did reasoning models do this year?", ts="1700000100.000100").body == ""
    post = fake.wait_for("chat.postMessage")[0]
    assert post.params["thread_ts"] == "1700000100.000100" and post.params["text"].startswith("Reasoning:")
    actions = next(b for b in post.params["blocks"] if b["type"] == "actions")
    table = next(e for e in actions["elements"] if e["action_id"] == "ai_trends_table")
    assert door.click("ai_trends_table", table["value"], post.params["thread_ts"]).status == 200
    fake.wait_for("chat.postMessage", 2)


def test_what_only_the_app_can_reply_to_passes_through(door, app):
    body = json.dumps({"token": "t", "challenge": "c-123", "type": "url_verification"})
    reply = door.post(body, "application/json", sign(body))
    assert reply.status == 200 and reply.json()["challenge"] == "c-123"
    forged = door.command("open-source", headers=sign("something else"))
    assert forged.status == app.client.command("open-source", headers=sign("something else")).status == 401
    (health, _), (own, _) = door.get("/healthz"), app.client.get("/healthz")
    assert (health.status, json.loads(health.body)) == (own.status, json.loads(own.body))


def test_an_ack_never_waits_for_a_busy_app(fake):
    # An app that takes connections and never replies: the front door still acknowledges at once.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    front, served, client = front_for(f"http://127.0.0.1:{listener.getsockname()[1]}", fake)
    try:
        started = time.monotonic()
        replies = [client.command(f"open-source since 2025-0{month}") for month in range(1, 6)]
        assert [r.status for r in replies] == [200] * 5 and time.monotonic() - started < 2.0
    finally:
        served.close()
        listener.close()  # the hand-overs fail (logged), and the front door can finish
        front.finish()

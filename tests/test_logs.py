"""Operable logs: one line per handled request (kind, topic, outcome, milliseconds), JSON lines on request, and
never a token or key, whatever wrote the line."""

from __future__ import annotations

import json
import logging
import time

import pytest

from bot.config import Paths
from handlers.logs import HIDDEN, Redacting
from tests.conftest import sample_data_dir
from tests.fake_slack import FakeSlack
from tests.slack_kit import SECRET, TOKEN, RunningApp, serve_process

SECRETS = (TOKEN, SECRET)


def _record(message: str, *args, exc_info=None, **fields) -> logging.LogRecord:
    record = logging.LogRecord("ai-trends", logging.INFO, __file__, 1, message, args, exc_info)
    if fields:
        record.fields = fields
    return record


@pytest.mark.parametrize("as_json", [False, True])
def test_tokens_keys_and_secrets_never_reach_a_line(as_json):
    formatter = Redacting(as_json, SECRETS)
    try:
        raise RuntimeError(f"request failed with Authorization: Bearer {TOKEN}")
    except RuntimeError as error:
        failed = _record("calling %s", "chat.postMessage", exc_info=(type(error), error, error.__traceback__))
    lines = [
        formatter.format(_record("token %s and app token %s", TOKEN, "xapp-1-A0-123-abc")),
        formatter.format(_record("signed with %s", SECRET)),
        formatter.format(_record("OpenRouter key sk-or-v1-0123456789abcdef, refresh xoxe.xoxb-1-abc")),
        formatter.format(failed),
    ]
    for line in lines:
        assert TOKEN not in line and SECRET not in line and "sk-or-v1" not in line and "xapp-1" not in line
        assert HIDDEN in line
        if as_json:
            assert json.loads(line)["logger"] == "ai-trends"
    assert "RuntimeError" in lines[-1]  # the traceback itself stays


def test_json_lines_carry_a_requests_fields():
    line = Redacting(True, ()).format(_record("request", kind="command", topic="open-source", outcome="answered", ms=5))
    entry = json.loads(line)
    assert entry["kind"] == "command" and entry["topic"] == "open-source" and entry["ms"] == 5
    assert entry["level"] == "INFO" and entry["time"].endswith("+00:00")


def _requests(caplog) -> list[dict]:
    return [r.fields for r in caplog.records if r.name == "ai-trends.requests"]


def test_one_line_per_handled_request_with_kind_topic_outcome_and_ms(tmp_path, caplog):
    fake = FakeSlack().start()
    app = RunningApp(Paths(sample_data_dir(), tmp_path / "logs.db"), fake.api_url, fake.response_url())
    try:
        with caplog.at_level(logging.INFO):
            app.client.command("open-source")
            fake.wait_for("chat.postMessage")
            app.client.message("since 2025-08", ts="1700000001.000200", thread_ts=fake.posted()[0]["ts"])
            app.client.mention("reasoning", ts="1700000002.000100")
            app.client.command("opne sorce")
            app.client.message("hello", ts="1700000003.000200", thread_ts="1690000000.000100")  # someone else's
            app.client.event({"type": "app_home_opened", "user": "U0USER001", "tab": "home", "event_ts": "1.2"})
            deadline = time.monotonic() + 20
            while len(_requests(caplog)) < 6 and time.monotonic() < deadline:
                time.sleep(0.05)
    finally:
        app.stop()
        fake.stop()
    lines = {(r["kind"], r["topic"], r["outcome"]) for r in _requests(caplog)}
    assert lines == {
        ("command", "open-source", "answered"),
        ("follow-up", "open-source", "answered"),
        ("mention", "reasoning", "answered"),
        ("command", "-", "not-understood"),
        ("follow-up", "-", "not-our-thread"),
        ("home", "home", "published"),
    }
    assert len(_requests(caplog)) == 6 and all(r["ms"] >= 0 for r in _requests(caplog))


def test_a_served_request_cycle_logs_json_lines_without_any_secret(tmp_path):
    fake = FakeSlack().start()
    process, client = serve_process(fake, tmp_path, {"AI_TRENDS_LOG_FORMAT": "json"})
    try:
        client.command("open-source")
        fake.wait_for("chat.postMessage", timeout=30)
        actions = next(b for b in fake.posted()[0]["blocks"] if b["type"] == "actions")
        why = next(e["value"] for e in actions["elements"] if e["action_id"] == "ai_trends_why")
        client.click("ai_trends_why", why, fake.posted()[0]["ts"])
        client.mention("chinese", ts="1700000010.000100")
        fake.wait_for("chat.postMessage", 3, timeout=30)
        time.sleep(0.5)
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=20)
        fake.stop()
    lines = [json.loads(line) for line in stderr.splitlines() if line.strip()]  # every line is JSON
    kinds = sorted(entry["kind"] for entry in lines if entry["logger"] == "ai-trends.requests")
    assert kinds == ["button", "command", "mention"]
    assert all(entry["outcome"] == "answered" for entry in lines if entry.get("kind"))
    for secret in SECRETS:
        assert secret not in stderr

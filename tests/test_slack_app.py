"""The Slack app end to end: signed requests in Slack's formats over HTTP, a fake Slack Web API recording calls."""

from __future__ import annotations

import json
import time

import pytest

from bot.ask.answer import ask
from bot.config import Paths
from tests.conftest import sample_data_dir
from tests.fake_slack import FakeSlack
from tests.slack_kit import RunningApp, sign

CITATION = "Source: OpenRouter (openrouter.ai/rankings), as of 2026-09."


@pytest.fixture
def fake():
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture
def paths(tmp_path) -> Paths:
    return Paths(data_dir=sample_data_dir(), db_path=tmp_path / "slack.db")


@pytest.fixture
def running(fake, paths):
    app = RunningApp(paths, fake.api_url, fake.response_url())
    yield app
    app.stop()


def _blocks(call) -> list[dict]:
    blocks = call.params.get("blocks")
    return json.loads(blocks) if isinstance(blocks, str) else blocks


def _texts(blocks: list[dict]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_slash_command_acks_at_once_then_posts_the_numbers_and_then_the_chart(running, fake, paths):
    reply = running.client.command("open-source")
    assert reply.status == 200 and reply.body == ""
    post = fake.wait_for("chat.postMessage")[0]
    expected = ask("open-source", paths)
    assert post.params["channel"] == "C0GENERAL" and not post.params.get("thread_ts")
    assert post.params["text"].startswith(expected.headline)
    blocks = _blocks(post)
    assert not any(b["type"] == "image" for b in blocks) and "Drawing the chart" in _texts(blocks)
    assert expected.key_numbers[0].value in _texts(blocks) and CITATION in _texts(blocks)
    assert {e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]} >= {
        "ai_trends_last_3_months",
        "ai_trends_table",
        "ai_trends_why",
        "ai_trends_compare",
    }
    assert post.headers["Authorization"] == "Bearer xoxb-test-token-not-real"
    # The numbers went out before the chart was uploaded; the same message then gets the chart.
    update = fake.wait_for("chat.update")[0]
    methods = fake.methods()
    assert methods.index("chat.postMessage") < methods.index("files.getUploadURLExternal")
    assert update.params["ts"] == fake.posted("C0GENERAL")[0]["ts"]
    image = next(b for b in _blocks(update) if b["type"] == "image")
    upload = fake.of("files.completeUploadExternal")[0]
    file_id = json.loads(upload.params["files"])[0]["id"]
    assert image["slack_file"] == {"id": file_id} and image["alt_text"] == expected.chart.alt_text
    assert fake.files[file_id]["bytes"] == expected.chart.png and not upload.params.get("channel_id")
    assert "Drawing the chart" not in _texts(_blocks(update)) and expected.key_numbers[0].value in _texts(
        _blocks(update)
    )


def test_an_answer_already_built_goes_out_whole_with_its_chart(running, fake, paths):
    ask("reasoning", paths)  # built and saved for this data, as the worker's prerender does
    running.client.command("reasoning")
    post = fake.wait_for("chat.postMessage")[0]
    assert any(b["type"] == "image" for b in _blocks(post))
    time.sleep(0.3)
    assert fake.of("chat.update") == []


def test_help_is_the_ephemeral_ack(running, fake):
    reply = running.client.command("help")
    assert reply.status == 200
    text = _texts(reply.json()["blocks"])
    assert "open-source" in text and "tool-calls" in text
    time.sleep(0.2)
    assert fake.of("chat.postMessage") == []


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("opne sorce", "Did you mean: open-source?"),
        ("chinese since 2025-13", "'2025-13'"),
        ("open source in 2024", "No rankings data for 2024-01-01"),
    ],
)
def test_errors_go_to_the_asker_only(running, fake, text, says):
    running.client.command(text)
    response = fake.wait_for("response_url")[0]
    assert response.params["response_type"] == "ephemeral" and says in response.params["text"]
    assert fake.of("chat.postMessage") == []


def test_channel_without_the_bot_gets_a_private_answer_and_how_to_invite(running, fake):
    fake.member_of = set()
    running.client.command("reasoning", channel="C0ELSEWHERE")
    response = fake.wait_for("response_url")[0]
    text = _texts(response.params["blocks"])
    assert response.params["response_type"] == "ephemeral"
    assert "/invite @ai-trends" in text and "Reasoning:" in response.params["text"]


def test_slack_errors_are_explained_in_plain_words(running, fake):
    fake.fail("chat.postMessage", "is_archived")
    running.client.command("vendors")
    response = fake.wait_for("response_url")[0]
    assert response.params["text"] == "That channel is archived."


@pytest.mark.parametrize(
    "headers",
    [
        sign("something else"),
        sign("x", secret="wrong"),
        {"X-Slack-Request-Timestamp": "1", "X-Slack-Signature": "v0=00"},
    ],
)
def test_forged_or_stale_requests_are_rejected(running, fake, headers):
    body = running.client.command_body("open-source")
    reply = running.client.post(body, "application/x-www-form-urlencoded", headers)
    assert reply.status == 401
    time.sleep(0.2)
    assert set(fake.methods()) <= {"auth.test"}


def test_stale_but_correctly_signed_request_is_rejected(running, fake):
    body = running.client.command_body("open-source")
    reply = running.client.post(body, "application/x-www-form-urlencoded", sign(body, timestamp=int(time.time()) - 600))
    assert reply.status == 401


def test_url_verification_and_ssl_check(running):
    body = json.dumps({"token": "t", "challenge": "c-123", "type": "url_verification"})
    reply = running.client.post(body, "application/json", sign(body))
    assert reply.status == 200 and reply.json()["challenge"] == "c-123"
    body = "ssl_check=1&token=legacy-verification-token"
    assert running.client.post(body, "application/x-www-form-urlencoded", sign(body)).status == 200


def test_mention_is_answered_in_a_thread_on_that_message(running, fake):
    assert running.client.mention("how did reasoning models do this year?", ts="1700000100.000100").status == 200
    post = fake.wait_for("chat.postMessage")[0]
    assert post.params["thread_ts"] == "1700000100.000100"
    assert post.params["text"].startswith("Reasoning:")


def test_a_retried_event_is_answered_once_even_after_a_restart(running, fake, paths):
    running.client.mention("open source", ts="1700000200.000100", event_id="Ev0RETRY")
    fake.wait_for("chat.postMessage")
    running.client.mention("open source", ts="1700000200.000100", event_id="Ev0RETRY", retry=1)
    running.stop()
    again = RunningApp(paths, fake.api_url, fake.response_url())
    try:
        again.client.mention("open source", ts="1700000200.000100", event_id="Ev0RETRY", retry=2)
        time.sleep(0.5)
    finally:
        again.stop()
    assert len(fake.of("chat.postMessage")) == 1


def test_mention_also_delivered_as_a_message_is_answered_once(running, fake):
    ts = "1700000300.000100"
    running.client.mention("chinese", ts=ts, thread_ts="1700000299.000001")
    running.client.message("<@UBOT0001> chinese", ts=ts, thread_ts="1700000299.000001")
    fake.wait_for("chat.postMessage")
    time.sleep(0.5)
    assert len(fake.of("chat.postMessage")) == 1


def _ask_in_thread(running, fake, text: str = "chinese models") -> str:
    thread = "1700000400.000100"
    running.client.mention(text, ts=thread)
    fake.wait_for("chat.postMessage")
    return thread


@pytest.mark.parametrize(
    ("reply", "expect"),
    [
        ("since 2025-08", "2025-08-25 to 2025-11-28"),
        ("and in Europe?", "Europe: "),
        ("and reasoning models?", "Reasoning: "),
        ("top 3", "led the week of 2025-11-24"),
    ],
)
def test_thread_follow_ups_need_no_mention(running, fake, reply, expect):
    thread = _ask_in_thread(running, fake)
    running.client.message(reply, ts="1700000401.000100", thread_ts=thread)
    follow = fake.wait_for("chat.postMessage", 2)[1]
    assert follow.params["thread_ts"] == thread
    assert expect in follow.params["text"] or expect in _texts(_blocks(follow))


def test_why_shows_method_and_sources(running, fake):
    thread = _ask_in_thread(running, fake)
    running.client.message("why?", ts="1700000402.000100", thread_ts=thread)
    text = _texts(_blocks(fake.wait_for("chat.postMessage", 2)[1]))
    assert "How this was worked out" in text and "openrouter.ai/rankings" in text


def test_follow_up_context_survives_a_restart(running, fake, paths):
    thread = _ask_in_thread(running, fake)
    running.stop()
    again = RunningApp(paths, fake.api_url, fake.response_url())
    try:
        again.client.message("last 3 months", ts="1700000403.000100", thread_ts=thread)
        follow = fake.wait_for("chat.postMessage", 2)[1]
    finally:
        again.stop()
    assert follow.params["text"].startswith("China:") and "last 3 months of data" in _texts(_blocks(follow))


@pytest.mark.parametrize(
    "event",
    [
        {"bot_id": "B0OTHER", "text": "since 2025-08"},
        {"subtype": "message_changed", "text": "since 2025-08"},
        {"subtype": "message_deleted", "text": ""},
        {"user": "UBOT0001", "text": "since 2025-08"},
    ],
)
def test_own_messages_other_bots_edits_and_deletions_are_ignored(running, fake, event):
    thread = _ask_in_thread(running, fake)
    running.client.message(event.pop("text"), ts="1700000404.000100", thread_ts=thread, **event)
    time.sleep(0.5)
    assert len(fake.of("chat.postMessage")) == 1


def test_replies_in_other_threads_are_left_alone(running, fake):
    running.client.message("since 2025-08", ts="1700000500.000200", thread_ts="1700000500.000100")
    time.sleep(0.5)
    assert fake.of("chat.postMessage") == []


def test_buttons_answer_in_the_thread(running, fake):
    running.client.command("chinese")
    post = fake.wait_for("chat.postMessage")[0]
    buttons = {e["action_id"]: e["value"] for b in _blocks(post) if b["type"] == "actions" for e in b["elements"]}
    ts = "1700000000.000001"
    assert running.client.click("ai_trends_table", buttons["ai_trends_table"], ts).status == 200
    table = fake.wait_for("chat.postMessage", 2)[1]
    (native,) = [b for b in _blocks(table) if b["type"] == "data_table"]
    assert table.params["thread_ts"] == ts and native["rows"][0][0] == {"type": "raw_text", "text": "week"}
    running.client.click("ai_trends_compare", buttons["ai_trends_compare"], ts)
    compare = fake.wait_for("chat.postMessage", 3)[2]
    assert "US share, latest week" in _texts(_blocks(compare))


def test_a_workspace_that_refuses_the_native_table_gets_the_monospace_one(running, fake):
    fake.refused_blocks = {"data_table"}
    running.client.command("vendors table")
    refused, posted = fake.wait_for("chat.postMessage", 2)
    assert refused.status == 200 and "data_table" in _texts(_blocks(refused))
    assert "```week" in _texts(_blocks(posted)) and len(fake.posted()) == 1


def test_chart_shown_once_slack_has_processed_it(running, fake):
    fake.file_ready_after = 2
    running.client.command("open-source")
    updates = fake.wait_for("chat.update", 3)
    time.sleep(0.3)
    assert len(fake.of("chat.update")) == 3  # two refusals while processing, then the chart
    assert any(b["type"] == "image" for b in _blocks(updates[-1]))
    assert any(b["type"] == "image" for b in fake.posted("C0GENERAL")[0]["blocks"])


def test_chart_goes_to_the_thread_when_slack_never_shows_it(running, fake):
    fake.file_ready_after = 1000
    running.client.command("open-source")
    uploads = fake.wait_for("files.completeUploadExternal", 2, timeout=15)
    (message,) = fake.posted("C0GENERAL", top_level=True)
    assert not any(b["type"] == "image" for b in message["blocks"])
    assert "Drawing the chart" not in _texts(message["blocks"])  # the note went when the chart went elsewhere
    assert uploads[1].params["channel_id"] == "C0GENERAL" and uploads[1].params["thread_ts"] == message["ts"]


def test_rate_limited_post_is_retried_after_retry_after(running, fake):
    fake.rate_limit("chat.postMessage", retry_after=1)
    running.client.command("volume")
    posts = fake.wait_for("chat.postMessage", 2, timeout=15)
    assert posts[1].at - posts[0].at >= 0.9
    time.sleep(0.3)
    assert len(fake.of("chat.postMessage")) == 2


def test_app_home_shows_headline_numbers(running, fake, paths):
    running.client.event(
        {
            "type": "app_home_opened",
            "user": "U0USER001",
            "channel": "D0001",
            "tab": "home",
            "event_ts": "1700000600.000100",
        }
    )
    view = fake.wait_for("views.publish")[0].params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    text = _texts(view["blocks"])
    assert ask("open-source", paths).key_numbers[0].value in text and CITATION.removesuffix(".") in text


def test_mentioning_help_shows_help_in_the_thread(running, fake):
    running.client.mention("help", ts="1700000700.000100")
    post = fake.wait_for("chat.postMessage")[0]
    assert post.params["thread_ts"] == "1700000700.000100" and "tool-calls" in _texts(_blocks(post))


def test_serve_runs_http_mode_as_the_procfile_says(fake, tmp_path):
    """`ai-trends serve` (the Procfile's web process) answers signed requests on $PORT and stops on SIGTERM."""
    import os
    import socket
    import subprocess
    import sys

    from bot.config import PROJECT_DIR
    from tests.slack_kit import SECRET, TOKEN, SlackClientForTests

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "PORT": str(port),
        "AI_TRENDS_DB": str(tmp_path / "serve.db"),
    }
    env.pop("SLACK_APP_TOKEN", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "handlers.cli", "serve"], cwd=PROJECT_DIR, env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        client = SlackClientForTests(f"http://127.0.0.1:{port}/slack/events", fake.response_url())
        deadline = time.monotonic() + 30
        while True:
            try:
                reply = client.command("help")
                break
            except OSError:
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        assert reply.status == 200 and "open-source" in reply.body
        assert client.command("open-source").status == 200
        assert fake.wait_for("chat.postMessage", timeout=30)[0].params["text"].startswith("Open weights:")
    finally:
        process.terminate()
        assert process.wait(timeout=20) == 0
    assert TOKEN not in process.stderr.read()  # the token is never logged


def test_a_slow_slack_api_never_delays_the_ack(running, fake):
    fake.delays["files.getUploadURLExternal"] = 1.5
    reply = running.client.command("reasoning")
    assert reply.status == 200 and reply.seconds < 1.0
    post = fake.wait_for("chat.postMessage")[0]
    assert post.params["text"].startswith("Reasoning:")


def test_a_close_second_reading_is_a_button_that_answers_it(running, fake):
    running.client.command("how many tokens did deepseek serve in total")  # China's share, or DeepSeek's?
    post = fake.wait_for("chat.postMessage")[0]
    assert post.params["text"].startswith("China: ")
    buttons = {e["action_id"]: e for b in _blocks(post) if b["type"] == "actions" for e in b["elements"]}
    offer = buttons["ai_trends_did_you_mean"]
    assert offer["text"]["text"] == "Did you mean: Vendors?"
    ts = "1700000000.000002"
    assert running.client.click("ai_trends_did_you_mean", offer["value"], ts).status == 200
    answer = fake.wait_for("chat.postMessage", 2)[1]
    assert answer.params["thread_ts"] == ts and answer.params["text"].startswith("DeepSeek: ")
    back = {e["action_id"]: e for b in _blocks(answer) if b["type"] == "actions" for e in b["elements"]}
    assert back["ai_trends_did_you_mean"]["text"]["text"] == "Did you mean: Models by country of origin?"


def test_a_named_finding_leads_the_message(running, fake):
    running.client.command("asia share of spend")
    post = fake.wait_for("chat.postMessage")[0]
    first = _blocks(post)[0]["text"]["text"]
    assert first.startswith("*From the State of AI study*") and "Asia share of total spend: ~13% of spend" in first
    assert post.params["text"].startswith("Asia share of total spend: ~13% of spend")

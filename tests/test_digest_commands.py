"""`/ai-trends digest ...` over signed HTTP: subscribe, status, preview, off, permissions and bad input."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.config import Paths
from bot.digest import subscriptions
from bot.digest.commands import DigestRequest, parse_request
from bot.digest.schedule import BadSchedule
from bot.errors import NotUnderstood
from bot.store.schema import connect
from tests.conftest import sample_data_dir
from tests.fake_slack import FakeSlack
from tests.slack_kit import USER, RunningApp


@pytest.fixture
def fake():
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture
def paths(tmp_path) -> Paths:
    return Paths(data_dir=sample_data_dir(), db_path=tmp_path / "commands.db")


@pytest.fixture
def running(fake, paths):
    app = RunningApp(paths, fake.api_url, fake.response_url())
    yield app
    app.stop()


def replies(fake: FakeSlack, count: int = 1) -> list[dict]:
    return [call.params for call in fake.wait_for("response_url", count)]


def stored(paths: Paths, channel: str = "C0GENERAL") -> subscriptions.Subscription | None:
    with connect(paths.db_path) as db:
        return subscriptions.get(db, channel)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("digest", DigestRequest("status")),
        ("digest on", DigestRequest("on")),
        ("digest off", DigestRequest("off")),
        ("Digest preview", DigestRequest("preview")),
        (
            "digest on friday 16:30 Europe/Berlin",
            DigestRequest("on", 4, datetime(2000, 1, 1, 16, 30).time(), "Europe/Berlin"),
        ),
        (
            "digest on open-source chinese top-models",
            DigestRequest("on", topics=("open-source", "chinese", "top-models")),
        ),
        (
            "digest on at 9am on Tuesdays, china",
            DigestRequest("on", 1, datetime(2000, 1, 1, 9).time(), topics=("chinese",)),
        ),
    ],
)
def test_digest_requests_are_read(text, expected):
    assert parse_request(text) == expected


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("digest sometimes", NotUnderstood, "I don't know `digest sometimes`"),
        ("digest on chinse", NotUnderstood, "Did you mean `chinese`?"),
        ("digest on friday 25:00", BadSchedule, "'25:00' is not a time of day"),
        ("digest on Europe/Berln", BadSchedule, "Did you mean Europe/Berlin"),
    ],
)
def test_bad_digest_requests_say_what_was_wrong(text, error, message):
    with pytest.raises(error, match=message):
        parse_request(text)


def test_digest_on_with_a_schedule_subscribes_and_tells_the_channel_when(running, fake, paths):
    assert running.client.command("digest on friday 16:30 Europe/Berlin chinese").status == 200
    (reply,) = replies(fake)
    assert reply["response_type"] == "in_channel"
    sub = stored(paths)
    assert sub.schedule.describe() == "Fridays at 16:30 (Europe/Berlin)" and sub.topics == ("chinese",)
    assert sub.created_by == USER
    assert "Fridays at 16:30 (Europe/Berlin)" in reply["text"] and "UTC)" in reply["text"]


def test_digest_on_defaults_to_monday_9_in_the_askers_timezone(running, fake, paths):
    fake.user_tz[USER] = "America/New_York"
    running.client.command("digest on")
    replies(fake)
    sub = stored(paths)
    assert sub.schedule.describe() == "Mondays at 09:00 (America/New_York)"
    assert sub.topics == subscriptions.DIGEST_TOPICS
    assert fake.of("users.info")[0].params["user"] == USER


def test_digest_status_shows_the_next_run_in_the_channels_timezone_and_utc(running, fake, paths):
    running.client.command("digest on monday 09:00 Asia/Kolkata")
    replies(fake)
    running.client.command("digest status")
    status = replies(fake, 2)[1]
    assert status["response_type"] == "ephemeral"
    assert "Next digest: Mon" in status["text"] and "09:00 IST (03:30 UTC)" in status["text"]


def test_digest_on_where_the_bot_is_not_a_member_saves_nothing_and_says_how_to_invite(running, fake, paths):
    fake.member_of = set()
    running.client.command("digest on")
    (reply,) = replies(fake)
    assert reply["response_type"] == "ephemeral" and "/invite @ai-trends" in reply["text"]
    assert stored(paths) is None


def test_with_an_admin_list_only_admins_may_change_a_digest(fake, paths):
    app = RunningApp(paths, fake.api_url, fake.response_url(), admins=frozenset({"U0ADMIN"}))
    try:
        app.client.command("digest on")
        (reply,) = replies(fake)
    finally:
        app.stop()
    assert reply["response_type"] == "ephemeral" and "Only ai-trends admins" in reply["text"]
    assert stored(paths) is None


def test_digest_off_and_status_without_a_subscription(running, fake, paths):
    for count, text in enumerate(("digest on", "digest off", "digest status"), start=1):
        running.client.command(text)
        replies(fake, count)  # each answer arrives before the next command: lazy listeners run concurrently
    on, off, status = replies(fake, 3)
    assert "turned off the weekly AI usage digest" in off["text"] and stored(paths) is None
    assert "This channel has no weekly digest" in status["text"]


def test_digest_preview_shows_the_digest_only_to_the_asker(running, fake):
    running.client.command("digest preview")
    (reply,) = replies(fake)
    assert reply["response_type"] == "ephemeral"
    blocks = reply["blocks"] if isinstance(reply["blocks"], list) else json.loads(reply["blocks"])
    text = json.dumps(blocks)
    assert "Weekly AI usage digest" in text and "as of 2026-09" in text
    assert any(b["type"] == "image" for b in blocks) and not fake.posted()


def test_a_bad_schedule_is_answered_privately_with_what_was_understood(running, fake, paths):
    running.client.command("digest on friday 25:00")
    (reply,) = replies(fake)
    assert reply["response_type"] == "ephemeral" and "'25:00' is not a time of day" in reply["text"]
    assert stored(paths) is None


def test_app_home_lists_the_subscriptions(running, fake, paths):
    running.client.command("digest on friday 16:30 Europe/Berlin")
    replies(fake)
    running.client.event({"type": "app_home_opened", "user": USER, "channel": "D1", "tab": "home", "event_ts": "1.2"})
    view = fake.wait_for("views.publish")[0].params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    text = json.dumps(view["blocks"])
    assert "Weekly digests" in text and "<#C0GENERAL>" in text and "Fridays at 16:30 (Europe/Berlin)" in text
    assert "Next digest:" in text


def test_the_first_digest_comes_next_week_when_this_weeks_time_has_passed(paths):
    from bot.digest.commands import turn_on
    from handlers.blocks.digest import subscribed_text

    tuesday = datetime(2026, 12, 8, 12, tzinfo=UTC)
    text = subscribed_text("U1", turn_on(paths, "C1", "U1", DigestRequest("on"), "Europe/Berlin", tuesday))
    assert "First digest: Mon 14 Dec 2026, 09:00 CET (08:00 UTC)" in text

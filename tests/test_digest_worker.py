"""The digest worker against the fake Slack over real HTTP: due digests go out exactly once, whatever happens."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time

import pytest

from bot.config import Paths
from bot.digest import subscriptions
from bot.digest.content import build
from bot.digest.messages import Message
from bot.digest.round import DigestRound, marker
from bot.digest.schedule import Schedule
from bot.store import jobs
from bot.store.build import ensure_built
from bot.store.schema import connect
from handlers.pacing import Pacer
from handlers.poster import SlackPoster
from handlers.settings import WorkerSettings
from handlers.worker import worker_client
from tests.conftest import sample_data_dir
from tests.fake_slack import FakeSlack

CITATION = "Source: OpenRouter (openrouter.ai/rankings), as of 2026-09. Licensed under CC BY 4.0."
MONDAY_9_BERLIN = Schedule(0, clock_time(9), "Europe/Berlin")
SINCE = datetime(2026, 12, 1, tzinfo=UTC)  # subscribed on a Tuesday: the first digest is owed on 2026-12-07
DUE = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)  # Monday 09:00 in Berlin (CET)
AFTER = DUE + timedelta(minutes=1)


@pytest.fixture
def fake():
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture
def paths(tmp_path) -> Paths:
    return Paths(data_dir=sample_data_dir(), db_path=tmp_path / "digest.db")


def settings(paths: Paths, fake: FakeSlack) -> WorkerSettings:
    return WorkerSettings("xoxb-test-token", fake.api_url, paths, interval=60, concurrency=4, channel_spacing=0.0)


def subscribe(paths: Paths, *channels: str, topics=subscriptions.DIGEST_TOPICS, schedule=MONDAY_9_BERLIN) -> None:
    with connect(paths.db_path) as db:
        for channel in channels:
            owner = "U" + channel[1:]
            subscriptions.save(db, subscriptions.Subscription(channel, schedule, tuple(topics), owner, SINCE))


def run(paths, fake, now=AFTER, worker="worker-1", clock=time.time, spacing=0.0):
    """One round as `ai-trends worker` runs it, with a controllable clock for leases and `now` for schedules."""
    pacer = Pacer(spacing)
    poster = SlackPoster(worker_client(settings(paths, fake), pacer), pacer)
    return DigestRound(paths, lambda workspace: poster, worker, now, clock=clock, concurrency=4).run()


def blocks_text(message: dict) -> str:
    return json.dumps(message["blocks"], ensure_ascii=False)


def step_of(paths, channel, period="2026-W50") -> str | None:
    with connect(paths.db_path) as db:
        row = jobs.run_row(db, f"digest:{channel}", period)
    return row and row["step"]


def test_a_due_digest_is_posted_once_with_chart_numbers_citation_and_details_in_its_thread(paths, fake):
    subscribe(paths, "C1")
    assert run(paths, fake, now=DUE - timedelta(minutes=1)).posted == 0  # not yet due
    report = run(paths, fake)
    assert report.posted == 1
    (main,) = fake.posted("C1", top_level=True)
    expected = build(paths, subscriptions.DIGEST_TOPICS)
    text = blocks_text(main)
    for number in expected.numbers:
        assert number.value in text and number.period in text
    assert "week of 2025-11-24 (5 of 7 days)" in main["text"] and CITATION in text
    image = next(b for b in main["blocks"] if b["type"] == "image")
    assert fake.files[image["slack_file"]["id"]]["bytes"] == expected.chart.png
    assert main["metadata"]["event_payload"] == {"job": "digest:C1", "period": "2026-W50", "part": "main"}
    (details,) = fake.posted("C1", thread_ts=main["ts"])
    assert details["thread_ts"] == main["ts"]
    assert sum(b["type"] == "image" for b in details["blocks"]) == len(subscriptions.DIGEST_TOPICS)
    assert step_of(paths, "C1") == "done"
    assert run(paths, fake, now=AFTER + timedelta(hours=1)).posted == 0  # never twice in one week
    assert len(fake.posted("C1")) == 2


def test_one_render_and_one_upload_per_chart_are_shared_by_every_channel_with_the_same_digest(paths, fake):
    subscribe(paths, "C1", "C2", "C3")
    subscribe(paths, "C4", topics=("chinese",))
    report = run(paths, fake)
    assert report.posted == 4 and report.renders == 2
    # all topics: the digest chart + 5 topic charts; chinese only: its own digest chart (one series), while its
    # topic chart is the very chart the all-topics digest already uploaded
    assert report.uploads == len(fake.of("files.completeUploadExternal")) == 7
    images = {
        b["slack_file"]["id"] for c in ("C1", "C2", "C3") for b in fake.posted(c)[0]["blocks"] if "slack_file" in b
    }
    assert len(images) == 1


def test_a_thread_reply_to_the_digest_is_answered_as_a_follow_up(paths, fake):
    from bot import conversation

    subscribe(paths, "C1")
    run(paths, fake)
    (main,) = fake.posted("C1", top_level=True)
    question, answer = conversation.answer_in_thread(paths, "C1", main["ts"], "and reasoning models?")
    assert question.topic == "reasoning" and "Reasoning" in answer.headline


def test_two_workers_at_once_post_each_digest_once(paths, fake):
    channels = [f"C{i}" for i in range(1, 7)]
    subscribe(paths, *channels)
    reports = []
    workers = [threading.Thread(target=lambda w=w: reports.append(run(paths, fake, worker=w))) for w in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sum(r.posted for r in reports) == 6
    for channel in channels:
        assert len(fake.posted(channel, top_level=True)) == 1 and len(fake.posted(channel)) == 2


def test_a_worker_that_died_after_claiming_is_taken_over_once_its_lease_runs_out(paths, fake):
    subscribe(paths, "C1")
    with connect(paths.db_path) as db:
        assert jobs.claim(db, "digest:C1", "2026-W50", "dead-worker") is not None
    assert run(paths, fake).taken_by_others == 1 and fake.posted() == []  # its lease is still live
    later = lambda: time.time() + jobs.LEASE_SECONDS + 1  # noqa: E731
    assert run(paths, fake, clock=later).posted == 1
    assert len(fake.posted("C1", top_level=True)) == 1


def test_a_worker_that_died_after_slack_took_its_message_is_not_repeated(paths, fake):
    """Killed between Slack accepting the post and recording it: the successor finds it by its metadata."""
    subscribe(paths, "C1")
    poster = SlackPoster(worker_client(settings(paths, fake), Pacer(0)), Pacer(0))
    with connect(paths.db_path) as db:
        run_ = jobs.claim(db, "digest:C1", "2026-W50", "dead-worker")
        run_ = jobs.advance(db, run_, "sending:main")
    poster.post("C1", Message("main", note="the digest"), None, marker(run_, "main"))
    later = lambda: time.time() + jobs.LEASE_SECONDS + 1  # noqa: E731
    assert run(paths, fake, clock=later).posted == 1
    (main,) = fake.posted("C1", top_level=True)
    assert main["text"] == "the digest"  # not posted again
    assert len(fake.posted("C1", thread_ts=main["ts"])) == 1  # the details followed in its thread
    assert fake.of("conversations.history")


def test_a_worker_that_died_before_slack_got_its_message_is_completed_once(paths, fake):
    subscribe(paths, "C1")
    with connect(paths.db_path) as db:
        jobs.advance(db, jobs.claim(db, "digest:C1", "2026-W50", "dead-worker"), "sending:main")
    later = lambda: time.time() + jobs.LEASE_SECONDS + 1  # noqa: E731
    assert run(paths, fake, clock=later).posted == 1
    assert len(fake.posted("C1", top_level=True)) == 1 and step_of(paths, "C1") == "done"


def test_unchanged_data_is_said_instead_of_repeating_last_weeks_numbers(paths, fake):
    subscribe(paths, "C1")
    run(paths, fake)
    report = run(paths, fake, now=AFTER + timedelta(days=7))
    assert report.unchanged == 1 and report.posted == 0
    note = fake.posted("C1", top_level=True)[-1]
    assert "No new usage data since the last digest (2026-W50)" in note["text"]
    assert "still end on 2025-11-28 (as of 2026-09)" in note["text"]
    assert len(fake.posted("C1")) == 3  # digest + details, then the one-line note and no details


def test_a_429_storm_still_delivers_each_digest_exactly_once(paths, fake):
    subscribe(paths, "C1", "C2", "C3")
    fake.rate_limit("chat.postMessage", retry_after=0, times=14)
    clock_offset = [0.0]
    for _ in range(8):
        run(paths, fake, clock=lambda: time.time() + clock_offset[0])
        clock_offset[0] += 3600  # past any retry delay
        if all(step_of(paths, c) == "done" for c in ("C1", "C2", "C3")):
            break
    for channel in ("C1", "C2", "C3"):
        assert step_of(paths, channel) == "done"
        assert len(fake.posted(channel, top_level=True)) == 1 and len(fake.posted(channel)) == 2


def test_posts_respect_one_message_per_second_per_channel(paths, fake):
    fake.channel_spacing = 1.0  # the fake answers 429 to a faster second message
    subscribe(paths, "C1", "C2")
    assert run(paths, fake, spacing=1.0).posted == 2
    assert not any(c for c in fake.calls if c.method == "chat.postMessage" and c.params.get("channel") == "ratelimited")
    for channel in ("C1", "C2"):
        main, details = sorted(fake.posted(channel), key=lambda m: float(m["ts"]))
        assert float(details["ts"]) - float(main["ts"]) >= 0.99
    assert len(fake.of("chat.postMessage")) == 4  # no 429 was needed


@pytest.mark.parametrize(
    ("setup", "code", "words"),
    [
        (lambda fake: setattr(fake, "member_of", {"C1"}), "not_in_channel", "not a member"),
        (lambda fake: fake.archived.add("C2"), "is_archived", "archived"),
    ],
)
def test_a_channel_that_fails_for_good_is_paused_its_owner_told_and_others_still_served(
    paths, fake, setup, code, words
):
    subscribe(paths, "C1", "C2")
    setup(fake)
    report = run(paths, fake)
    assert report.posted == 1 and report.paused == 1
    with connect(paths.db_path) as db:
        paused = subscriptions.get(db, "C2")
    assert paused.state == "paused" and words in paused.paused_reason
    assert step_of(paths, "C2") == "failed"
    (dm,) = fake.posted("U2")
    assert "paused the weekly AI usage digest for <#C2>" in dm["text"] and words in dm["text"]
    assert len(fake.posted("C1")) == 2
    assert run(paths, fake, now=AFTER + timedelta(days=7)).paused == 0  # a paused channel is left alone


def test_a_revoked_token_pauses_subscriptions_instead_of_retrying_forever(paths, fake, caplog):
    subscribe(paths, "C1")
    fake.revoked = True
    with caplog.at_level(logging.WARNING):
        assert run(paths, fake).paused == 1
    with connect(paths.db_path) as db:
        assert "revoked" in subscriptions.get(db, "C1").paused_reason
    assert "xoxb-test-token" not in caplog.text


def test_a_digest_missed_while_the_worker_was_down_is_posted_late_within_its_week(paths, fake):
    subscribe(paths, "C1")
    wednesday = DUE + timedelta(days=2)
    assert run(paths, fake, now=wednesday).posted == 1


def test_a_digest_missed_for_a_whole_week_is_skipped_with_a_log_line(paths, fake, caplog):
    subscribe(paths, "C1")
    next_monday = DUE + timedelta(days=7, hours=-1)  # 08:00 in Berlin: the next week, before its digest is due
    with caplog.at_level(logging.WARNING):
        report = run(paths, fake, now=next_monday)
    assert report.skipped_missed == 1 and report.posted == 0 and fake.posted() == []
    assert "digest for C1, 2026-W50" in caplog.text and "missed" in caplog.text
    assert step_of(paths, "C1") == "skipped"
    assert run(paths, fake, now=next_monday + timedelta(hours=2)).posted == 1  # the next one is on time


def worker_process(paths: Paths, fake: FakeSlack, now: datetime | None, **env: str) -> subprocess.Popen:
    """`ai-trends worker --once` as of `now` (or, with no `now`, the worker's own loop) as its own process, as the
    Procfile's worker would run it; `env` adds settings."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "OPENROUTER_"))}  # no network
    env = (
        inherited
        | {
            "SLACK_BOT_TOKEN": "xoxb-test-token",
            "SLACK_API_URL": fake.api_url,
            "AI_TRENDS_DATA": str(paths.data_dir),
            "AI_TRENDS_DB": str(paths.db_path),
            "AI_TRENDS_CHANNEL_SPACING": "0",
        }
        | env
    )
    once = ["--once", "--now", now.isoformat()] if now else []
    command = [sys.executable, "-m", "handlers.cli", "worker", *once]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_worker_processes_against_one_database_post_each_digest_once(paths, fake):
    ensure_built(paths)
    channels = [f"C{i}" for i in range(1, 5)]
    subscribe(paths, *channels)
    processes = [worker_process(paths, fake, AFTER) for _ in range(2)]
    outputs = [p.communicate(timeout=60) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    assert sum(int(out.split("posted ")[1].split(",")[0]) for out, _ in outputs) == 4
    for channel in channels:
        assert len(fake.posted(channel, top_level=True)) == 1 and len(fake.posted(channel)) == 2
    assert "xoxb-test-token" not in "".join(out + err for out, err in outputs)


def test_a_worker_killed_while_slack_takes_its_post_leaves_exactly_one_digest(paths, fake):
    ensure_built(paths)
    subscribe(paths, "C1")
    fake.delays["chat.postMessage"] = 2.0  # the post is in flight long enough to kill the worker during it
    process = worker_process(paths, fake, AFTER)
    deadline = time.monotonic() + 30
    while step_of(paths, "C1") != "sending:main" and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    fake.delays.clear()
    time.sleep(2.0)  # Slack still completes the request the dead worker sent
    assert len(fake.posted("C1")) == 1 and step_of(paths, "C1") == "sending:main"
    later = lambda: time.time() + jobs.LEASE_SECONDS + 1  # noqa: E731
    assert run(paths, fake, clock=later).posted == 1
    assert len(fake.posted("C1", top_level=True)) == 1 and len(fake.posted("C1")) == 2
    assert step_of(paths, "C1") == "done"


def test_worker_without_a_token_says_which_variable_is_missing(paths):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    done = subprocess.run(
        [sys.executable, "-m", "handlers.cli", "worker", "--once"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and "SLACK_BOT_TOKEN is not set" in done.stderr


def test_a_workspace_wide_cap_slows_the_whole_round_instead_of_losing_digests(paths, fake):
    """Slack does not publish its workspace cap: a 429 holds every thread and halves the pace."""
    fake.workspace_per_second = 4
    channels = [f"C{i}" for i in range(1, 7)]
    subscribe(paths, *channels)
    report = run(paths, fake)
    assert report.posted == 6 and report.retry_later == 0
    for channel in channels:
        assert len(fake.posted(channel)) == 2
    refused = [c for c in fake.of("chat.postMessage") if c.status == 429]
    assert len(refused) <= 3  # the first refusal sets the pace for everyone


def test_only_posting_429s_hold_every_thread(paths, fake):
    """A 429 from conversations.history (one call a minute for most apps) must not stall the round's posts."""
    pacer = Pacer(0.0)
    poster = SlackPoster(worker_client(settings(paths, fake), pacer), pacer)
    fake.rate_limit("conversations.history", retry_after=0)
    poster.find("C1", {"event_payload": {}}, 0.0, None)
    assert pacer._held_until == 0.0
    fake.rate_limit("chat.postMessage", retry_after=0)
    poster.post("C1", Message("main", note="hello"), None, {"event_type": "t", "event_payload": {}})
    assert pacer._held_until > 0.0

"""The watch round against the fake Slack over real HTTP: each crossing is posted once, with its value, week, chart,
citation and how to stop it, whatever happens: unchanged data, partial weeks, two workers, a killed worker."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.config import Paths
from bot.digest.delivery import marker
from bot.store import jobs
from bot.store.schema import connect
from bot.watch import commands, watches
from bot.watch.alerts import Alert, AlertMessage, render_chart
from bot.watch.evaluate import evaluate
from bot.watch.round import MARKER_TYPE, WatchRound
from handlers.pacing import Pacer
from handlers.poster import SlackPoster
from handlers.settings import WorkerSettings
from handlers.worker import worker_client
from tests.fake_slack import FakeSlack
from tests.watch_kit import CITATION, CUT, add_days
from tests.watch_reference import expected, open_weights, raw, share

CROSSED = date(2025, 8, 4)  # the first complete week above 35% (37.3%)
WEEK_END = date(2025, 8, 10)  # its Sunday: the day that completes it


@pytest.fixture
def paths(watch_paths) -> Paths:
    return watch_paths


@pytest.fixture
def fake():
    server = FakeSlack().start()
    yield server
    server.stop()


def settings(paths: Paths, fake: FakeSlack) -> WorkerSettings:
    return WorkerSettings("xoxb-test-token", fake.api_url, paths, interval=60, concurrency=4, channel_spacing=0.0)


def watch(paths: Paths, text: str, channel: str = "C1") -> int:
    """Set a watch as a confirmed `/ai-trends watch` does; its number."""
    preview = commands.preview(paths, text)
    now = datetime(2025, 7, 30, 12, tzinfo=UTC)
    return commands.confirm(paths, channel, "U" + channel[1:], preview.condition, preview.request, now).watch.id


def run(paths, fake, worker="worker-1", clock=time.time, spacing=0.0):
    pacer = Pacer(spacing)
    poster = SlackPoster(worker_client(settings(paths, fake), pacer), pacer)
    return WatchRound(paths, lambda workspace: poster, worker, clock=clock, concurrency=4).run()


def step_of(paths: Paths, watch_id: int, week: date = CROSSED) -> str | None:
    with connect(paths.db_path) as db:
        row = jobs.run_row(db, f"watch:{watch_id}", week.isoformat())
    return row and row["step"]


def test_a_crossing_is_posted_once_with_value_week_chart_citation_and_how_to_stop(paths, fake):
    number = watch(paths, "open-source above 35%")
    assert run(paths, fake).found == 0 and fake.posted() == []  # no new complete week yet
    add_days(paths, CUT, date(2025, 8, 9))  # up to Saturday: the week of 2025-08-04 is still partial
    assert run(paths, fake).found == 0 and fake.posted() == []  # partial weeks never fire
    add_days(paths, date(2025, 8, 9), WEEK_END)
    report = run(paths, fake)
    assert report.found == 1 and report.posted == 1
    (post,) = fake.posted("C1")
    value, before = open_weights()[CROSSED], open_weights()[date(2025, 7, 28)]
    assert before <= 35 < value
    text = json.dumps(post["blocks"], ensure_ascii=False)
    assert f"Watch {number}: Open-weight share of tokens rose above 35%" in post["text"]
    assert f"{value:.1f}% in the week of 2025-08-04, after {before:.1f}% in the week of 2025-07-28" in text
    assert CITATION in text and f"`/ai-trends watch off {number}`" in text
    image = next(b for b in post["blocks"] if b["type"] == "image")
    with connect(paths.db_path) as db:
        alert = Alert.from_json(db.execute("SELECT payload FROM watch_alerts").fetchone()[0])
    assert fake.files[image["slack_file"]["id"]]["bytes"] == render_chart(alert).png
    assert alert.chart["levels"] == {"Watch level (35%)": 35.0} and alert.chart["x"][-1] == "2025-08-04"
    assert post["metadata"]["event_payload"] == {"job": f"watch:{number}", "period": "2025-08-04", "part": "main"}
    assert step_of(paths, number) == "done"
    assert run(paths, fake).posted == 0 and len(fake.posted()) == 1  # the same data never posts twice
    add_days(paths, WEEK_END, date(2025, 8, 17))  # 38.0%: still above, no new crossing
    assert run(paths, fake).found == 0 and len(fake.posted()) == 1


def test_each_kind_posts_its_crossing_with_the_numbers_pandas_gives(paths, fake):
    df = raw()
    chinese = watch(paths, "chinese above 30%", "C2")
    entrants = watch(paths, "new model in top 10", "C3")
    add_days(paths, CUT, WEEK_END)
    assert run(paths, fake).posted == 2
    china = share(df["named"] & (df["origin"] == "China"))
    (post,) = fake.posted("C2")
    assert f"Watch {chinese}: Chinese models' share of tokens rose above 30%" in post["text"]
    assert f"{china[CROSSED]:.1f}% in the week of 2025-08-04" in post["text"]
    (post,) = fake.posted("C3")
    assert f"Watch {entrants}: New in the top 10 for the first time" in post["text"]


def test_two_workers_at_once_post_each_crossing_once(paths, fake):
    numbers = [watch(paths, "open-source above 35%", f"C{i}") for i in range(1, 5)]
    add_days(paths, CUT, WEEK_END)
    reports = []
    workers = [threading.Thread(target=lambda w=w: reports.append(run(paths, fake, worker=w))) for w in "ab"]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sum(r.found for r in reports) == 4 and sum(r.posted for r in reports) == 4
    for i, number in enumerate(numbers, start=1):
        assert len(fake.posted(f"C{i}")) == 1 and step_of(paths, number) == "done"
    assert sum(r.uploads for r in reports) <= 2  # one chart, uploaded once per round that needed it


def test_a_worker_that_died_after_slack_took_its_alert_is_not_repeated(paths, fake):
    number = watch(paths, "open-source above 35%")
    add_days(paths, CUT, WEEK_END)
    assert evaluate(paths) == 1
    with connect(paths.db_path) as db:
        ((_, week, payload),) = [(w.id, wk, p) for w, wk, p in watches.pending(db)]
        run_ = jobs.advance(db, jobs.claim(db, f"watch:{number}", week, "dead-worker"), "sending:main")
    poster = SlackPoster(worker_client(settings(paths, fake), Pacer(0)), Pacer(0))
    poster.post("C1", AlertMessage(Alert.from_json(payload)), None, marker(run_, "main", MARKER_TYPE))
    later = lambda: time.time() + jobs.LEASE_SECONDS + 1  # noqa: E731
    assert run(paths, fake).taken_by_others == 1  # its lease is still live
    assert run(paths, fake, clock=later).posted == 1
    assert len(fake.posted("C1")) == 1 and fake.of("conversations.history") and step_of(paths, number) == "done"


def worker_process(paths: Paths, fake: FakeSlack) -> subprocess.Popen:
    """`ai-trends worker --once` as its own process: refresh (no key: skipped), digests (none), watches."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "OPENROUTER_"))}
    env = inherited | {
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_API_URL": fake.api_url,
        "AI_TRENDS_DATA": str(paths.data_dir),
        "AI_TRENDS_DB": str(paths.db_path),
        "AI_TRENDS_CHANNEL_SPACING": "0",
    }
    command = [sys.executable, "-m", "handlers.cli", "worker", "--once"]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_worker_killed_while_slack_takes_its_alert_leaves_exactly_one(paths, fake):
    number = watch(paths, "open-source above 35%")
    add_days(paths, CUT, WEEK_END)
    fake.delays["chat.postMessage"] = 2.0  # the post is in flight long enough to kill the worker during it
    process = worker_process(paths, fake)
    deadline = time.monotonic() + 60
    while step_of(paths, number) != "sending:main" and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    fake.delays.clear()
    time.sleep(2.0)  # Slack still completes the request the dead worker sent
    assert len(fake.posted("C1")) == 1 and step_of(paths, number) == "sending:main"
    later = lambda: time.time() + jobs.LEASE_SECONDS + 1  # noqa: E731
    assert run(paths, fake, clock=later).posted == 1
    assert len(fake.posted("C1")) == 1 and step_of(paths, number) == "done"


def test_two_worker_processes_post_each_alert_once(paths, fake):
    numbers = [watch(paths, "open-source above 35%", f"C{i}") for i in range(1, 4)]
    add_days(paths, CUT, WEEK_END)
    processes = [worker_process(paths, fake) for _ in range(2)]
    outputs = [p.communicate(timeout=90) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    for i, number in enumerate(numbers, start=1):
        assert len(fake.posted(f"C{i}")) == 1 and step_of(paths, number) == "done"
    assert "xoxb-test-token" not in "".join(out + err for out, err in outputs)


def test_a_channel_the_bot_left_pauses_its_watch_tells_its_owner_and_others_are_served(paths, fake):
    kept, lost = watch(paths, "open-source above 35%", "C1"), watch(paths, "open-source above 35%", "C2")
    fake.member_of = {"C1"}
    add_days(paths, CUT, WEEK_END)
    report = run(paths, fake)
    assert report.posted == 1 and report.paused == 1 and len(fake.posted("C1")) == 1
    with connect(paths.db_path) as db:
        paused = {w.id: w for w in watches.every(db)}[lost]
    assert paused.status == "paused" and "not a member" in paused.paused_reason and step_of(paths, lost) == "failed"
    (note,) = fake.posted("U2")
    assert f"I paused watch {lost} in <#C2>" in note["text"] and "not a member" in note["text"]
    assert step_of(paths, kept) == "done"


def test_a_429_storm_still_delivers_each_alert_exactly_once(paths, fake):
    numbers = [watch(paths, "open-source above 35%", f"C{i}") for i in range(1, 4)]
    add_days(paths, CUT, WEEK_END)
    fake.rate_limit("chat.postMessage", retry_after=0, times=12)
    offset = [0.0]
    for _ in range(8):
        run(paths, fake, clock=lambda: time.time() + offset[0])
        offset[0] += 3600  # past any retry delay
        if all(step_of(paths, n) == "done" for n in numbers):
            break
    for i, number in enumerate(numbers, start=1):
        assert step_of(paths, number) == "done" and len(fake.posted(f"C{i}")) == 1


def test_alerts_in_one_channel_are_paced_one_a_second(paths, fake):
    fake.channel_spacing = 1.0  # the fake answers 429 to a faster second message
    for text in ("open-source above 35%", "chinese above 30%", "reasoning rises 5 pts"):
        watch(paths, text)
    add_days(paths, CUT, WEEK_END)
    assert run(paths, fake, spacing=1.0).posted == 3
    stamps = sorted(float(m["ts"]) for m in fake.posted("C1"))
    assert all(b - a >= 0.99 for a, b in zip(stamps, stamps[1:], strict=False))
    assert all(c.status == 200 for c in fake.of("chat.postMessage"))  # no 429 was needed


def test_a_stopped_watch_never_posts_its_queued_alert(paths, fake):
    number = watch(paths, "open-source above 35%")
    add_days(paths, CUT, WEEK_END)
    assert evaluate(paths) == 1
    commands.stop(paths, "C1", "U1", number)
    assert run(paths, fake).posted == 0 and fake.posted() == []


STORE_REPLAY = ["open-source above 35%", "chinese below 20%", "reasoning moves 5 pts", "gemini 2.5 flash enters top 3"]


def test_week_by_week_through_the_store_each_kind_queues_the_weeks_pandas_says(paths):
    """A refresh a week (Wednesday to Wednesday, so the latest week is always partial) for three months: the states
    kept in the store between data versions fire each crossing once, in the week the reference says."""
    numbers = {text: watch(paths, text) for text in STORE_REPLAY + ["new model in top 3"]}
    day = CUT
    while day < date(2025, 10, 29):
        add_days(paths, day, day + timedelta(days=7))
        day += timedelta(days=7)
        evaluate(paths)
    with connect(paths.db_path) as db:
        queued = db.execute("SELECT watch_id, week FROM watch_alerts ORDER BY week").fetchall()
    for text, number in numbers.items():
        want = expected(text, (CUT, day))
        assert want, f"{text!r} should cross between {CUT} and {day}"
        assert [date.fromisoformat(week) for n, week in queued if n == number] == want, text

"""Quiet, safe shutdown: real `ai-trends serve` and `ai-trends worker` processes get a real SIGTERM during warm-up,
while answers are being built, and mid-digest. Each exits within 10 s without a traceback, and every command it
had acknowledged is answered or its asker is told to ask again."""

from __future__ import annotations

import signal
import subprocess
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time

import pytest

from bot.config import Paths
from bot.digest import subscriptions
from bot.digest.schedule import Schedule
from bot.store import jobs
from bot.store.build import ensure_built
from bot.store.schema import connect
from handlers.inflight import RESTARTING
from handlers.lifecycle import GRACE_SECONDS
from handlers.settings import WorkerSettings
from handlers.worker import run_round
from tests.conftest import sample_data_dir
from tests.fake_slack import FakeSlack
from tests.slack_kit import serve_process
from tests.test_digest_worker import worker_process

LIMIT = 10.0  # seconds: what Docker and Kubernetes wait after SIGTERM before they kill


@pytest.fixture
def fake():
    server = FakeSlack().start()
    yield server
    server.stop()


def stop(process: subprocess.Popen) -> tuple[int, float, str]:
    """SIGTERM, then (exit code, seconds it took, everything the process wrote to stderr)."""
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        _, stderr = process.communicate(timeout=LIMIT + 5)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    return process.returncode, time.monotonic() - started, stderr or ""


def assert_quiet(code: int, seconds: float, stderr: str) -> None:
    assert seconds < LIMIT, f"took {seconds:.1f} s to stop"
    assert code == 0, stderr
    assert "Traceback" not in stderr and "cannot schedule new futures" not in stderr, stderr


def test_sigterm_during_warm_up(fake, tmp_path):
    process, _ = serve_process(fake, tmp_path)
    code, seconds, stderr = stop(process)
    assert "warm-up done" not in stderr  # it was stopped half-way, which is the moment under test
    assert_quiet(code, seconds, stderr)
    assert "SIGTERM received: stopping" in stderr and "ai-trends stopped" in stderr


def _answered_or_told(fake: FakeSlack, name: str, channel: str) -> str:
    if fake.posted(channel):
        return "answered"
    told = [c for c in fake.of("response_url") if c.params["_name"] == name]
    return "told" if told and told[0].params["text"] == RESTARTING else "nothing"


def test_sigterm_while_answers_are_being_built(fake, tmp_path):
    process, client = serve_process(fake, tmp_path)
    asked = {"open-source": "C0OPEN", "chinese": "C0CHINA", "reasoning": "C0REASON"}
    for topic, channel in asked.items():
        client.response_url = fake.response_url(topic)
        assert client.command(topic, channel=channel).status == 200  # acknowledged: it must not be lost
    assert_quiet(*stop(process))
    outcomes = {topic: _answered_or_told(fake, topic, channel) for topic, channel in asked.items()}
    assert set(outcomes.values()) <= {"answered", "told"}, outcomes


def test_a_chart_that_cannot_finish_in_time_leaves_the_asker_with_the_numbers(fake, tmp_path):
    """The numbers go out before the chart is drawn; a chart stuck on a slow upload never holds the stop."""
    fake.delays["files.getUploadURLExternal"] = 30.0  # the chart's upload hangs past the grace period
    process, client = serve_process(fake, tmp_path)
    client.response_url = fake.response_url("slow")
    assert client.command("volume", channel="C0SLOW").status == 200
    fake.wait_for("chat.postMessage", timeout=30)
    code, seconds, stderr = stop(process)
    assert_quiet(code, seconds, stderr)
    assert seconds < GRACE_SECONDS + 1.5  # the chart is let go at the end of the grace period, not waited for
    (message,) = fake.posted("C0SLOW")
    assert message["text"].startswith("The ranked models processed") and "ai-trends stopped" in stderr
    assert not fake.of("response_url")  # the asker has the numbers: nobody is told to ask again
    assert "answered-without-chart" in stderr


def test_sigterm_mid_digest_gives_back_what_is_left_and_the_next_worker_finishes_once(fake, tmp_path):
    paths = Paths(sample_data_dir(), tmp_path / "worker.db")
    ensure_built(paths)
    today = datetime.now(UTC)
    schedule = Schedule(today.weekday(), clock_time(0, 0), "UTC")  # due since midnight UTC today
    channels = [f"C{i}" for i in range(1, 5)]
    with connect(paths.db_path) as db:
        for channel in channels:
            sub = subscriptions.Subscription(channel, schedule, ("open-source",), "U" + channel, today - timedelta(1))
            subscriptions.save(db, sub)
    fake.delays["chat.postMessage"] = 2.0  # every post is in flight for a while
    process = worker_process(paths, fake, None, AI_TRENDS_DIGEST_CONCURRENCY="2")  # its loop, as deployed
    period = subscriptions.current_slot(schedule, today).period
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with connect(paths.db_path) as db:
            steps = [(jobs.run_row(db, f"digest:{c}", period) or {}).get("step") for c in channels]
        if "sending:main" in steps:
            break
        time.sleep(0.05)
    code, seconds, stderr = stop(process)
    assert_quiet(code, seconds, stderr)
    assert "interrupted" in stderr and "ai-trends worker stopped" in stderr
    assert len(fake.posted()) < 2 * len(channels)  # it did stop half-way

    fake.delays.clear()
    settings = WorkerSettings("xoxb-test-token", fake.api_url, paths, 60, concurrency=4, channel_spacing=0.0)
    run_round(settings, datetime.now(UTC), worker="successor")  # no lease to wait for: the runs were given back
    for channel in channels:
        assert len(fake.posted(channel, top_level=True)) == 1 and len(fake.posted(channel)) == 2, channel

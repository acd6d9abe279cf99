"""Health: GET /healthz in HTTP mode (no signature) and `ai-trends health` for any process, from the store."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from bot import health
from bot.config import Paths
from bot.store.build import ensure_built
from handlers import cli
from handlers.settings import WorkerSettings
from handlers.worker import run_round
from tests.conftest import sample_data_dir
from tests.fake_slack import FakeSlack
from tests.slack_kit import RunningApp

NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
NEWEST = "2025-11-28"  # the bundled sample's last day


@pytest.fixture
def paths(tmp_path) -> Paths:
    return Paths(data_dir=sample_data_dir(), db_path=tmp_path / "health.db")


def test_a_store_not_built_yet_is_unhealthy(paths):
    report = health.check(paths, NOW)
    assert report["healthy"] is False and "not been built" in report["problems"][0]
    assert report["store"] == {"path": str(paths.db_path), "readable": False}


def test_a_built_store_reports_its_data_version_newest_day_and_age(paths):
    version = ensure_built(paths)
    report = health.check(paths, NOW)
    assert report["healthy"] is True and report["problems"] == []
    assert report["store"] == {"path": str(paths.db_path), "readable": True, "data_version": version}
    age = (NOW.date() - date.fromisoformat(NEWEST)).days
    assert report["data"] == {"rows": 1071, "newest_day": NEWEST, "age_days": age, "as_of": "2026-09"}
    assert report["refresh"] == {"last_success": None, "last_failure": None, "failing": False}
    assert report["digest"]["last_round"] is None


def test_old_data_is_unhealthy_only_when_a_limit_is_set(paths):
    ensure_built(paths)
    age = (NOW.date() - date.fromisoformat(NEWEST)).days
    assert health.check(paths, NOW, max_data_age_days=age)["healthy"] is True
    report = health.check(paths, NOW, max_data_age_days=age - 1)
    assert report["healthy"] is False and f"{NEWEST}, is more than {age - 1} days old" in report["problems"][0]


def test_an_unreadable_store_is_unhealthy(paths):
    paths.db_path.write_bytes(b"this is not a SQLite database" * 100)
    report = health.check(paths, NOW)
    assert report["healthy"] is False and "cannot be read" in report["problems"][0]


def test_digest_rounds_are_reported_and_a_worker_without_recent_ones_is_unhealthy(paths):
    fake = FakeSlack().start()
    try:
        settings = WorkerSettings("xoxb-test", fake.api_url, paths, interval=60, concurrency=1, channel_spacing=0)
        run_round(settings, NOW, worker="w1")
    finally:
        fake.stop()
    now = datetime.now(UTC)
    report = health.check(paths, now, max_round_age=300)
    assert report["healthy"] is True and report["digest"]["summary"].startswith("posted 0,")
    assert 0 <= report["digest"]["age_seconds"] < 60
    later = health.check(paths, now + timedelta(minutes=10), max_round_age=300)
    assert later["healthy"] is False and "no digest round has finished in the last 300 s" in later["problems"]


def test_ai_trends_health_prints_the_report_and_exits_0_or_1(paths, monkeypatch, capsys):
    monkeypatch.setenv("AI_TRENDS_DB", str(paths.db_path))
    monkeypatch.setenv("AI_TRENDS_DATA", str(paths.data_dir))
    assert cli.main(["health"]) == 1
    assert json.loads(capsys.readouterr().out)["healthy"] is False
    ensure_built(paths)
    assert cli.main(["health"]) == 0
    assert json.loads(capsys.readouterr().out)["data"]["newest_day"] == NEWEST
    assert cli.main(["health", "--worker"]) == 1  # no digest round has run yet
    assert "no digest round" in capsys.readouterr().out
    monkeypatch.setenv("AI_TRENDS_HEALTH_MAX_AGE_DAYS", "30")
    assert cli.main(["health"]) == 1


def test_healthz_answers_without_a_signature_200_or_503(paths):
    fake = FakeSlack().start()
    app = RunningApp(paths, fake.api_url, fake.response_url())
    try:
        reply, headers = app.client.get("/healthz")
        assert reply.status == 503 and headers["Content-Type"] == "application/json"
        assert json.loads(reply.body)["problems"]
        ensure_built(paths)
        reply, _ = app.client.get("/healthz")
        report = json.loads(reply.body)
        assert reply.status == 200 and report["healthy"] and report["data"]["newest_day"] == NEWEST
        assert app.client.get("/slack/events")[0].status == 404  # Bolt's paths stay as they were
    finally:
        app.stop()
        fake.stop()

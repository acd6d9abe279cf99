"""The worker's daily refresh: once per UTC day after OpenRouter publishes, claimed so workers never both run it."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

from bot.config import OpenRouterSettings
from bot.digest.content import build
from bot.live.daily import refresh_if_due
from bot.store.schema import connect
from handlers.blocks.digest import main_blocks, main_text
from tests.fake_openrouter import Scripted, synthetic_days
from tests.refresh_kit import TEXT_SLUGS, settings_for

MORNING = datetime(2025, 3, 1, 2, 31, tzinfo=UTC)  # after 02:30 UTC: the day's refresh is due


def rows(paths) -> int:
    with connect(paths.db_path) as db:
        return db.execute("SELECT COUNT(*) FROM rankings WHERE source = 'api:rankings-daily'").fetchone()[0]


def test_refresh_runs_once_a_day_after_publication(own_data, fake):
    fake.days = synthetic_days(date(2025, 2, 26), date(2025, 2, 28), TEXT_SLUGS[:50])
    settings = settings_for(fake, min_interval=0.0, backoff=0.0)
    assert refresh_if_due(own_data, settings, MORNING - timedelta(minutes=2), "w1") is None
    assert fake.requests == [] and rows(own_data) == 0
    line = refresh_if_due(own_data, settings, MORNING, "w1")
    assert line.startswith("refresh: Asked OpenRouter for 2025-01-01..2025-02-28") and rows(own_data) == 3 * 51
    asked = len(fake.requests)
    assert refresh_if_due(own_data, settings, MORNING + timedelta(hours=1), "w2") is None  # done for today
    assert len(fake.requests) == asked
    assert refresh_if_due(own_data, settings, MORNING + timedelta(days=1), "w2") is not None  # the next day


def test_a_failed_refresh_is_retried_later_the_same_day_and_changes_nothing(own_data, fake):
    fake.days = synthetic_days(date(2025, 2, 26), date(2025, 2, 28), TEXT_SLUGS[:50])
    fake.script = [Scripted(status=500)] * 5
    settings = settings_for(fake, min_interval=0.0, backoff=0.0)
    line = refresh_if_due(own_data, settings, MORNING, "w1")
    assert line.startswith("refresh failed (attempt 1 of 4)") and "HTTP 500" in line and rows(own_data) == 0
    assert refresh_if_due(own_data, settings, MORNING, "w1") is None  # backing off
    stale = build(own_data, ("open-source",))  # a digest posted meanwhile says how old its numbers may be
    assert stale.stale_note.startswith("Data may be out of date: the last refresh from OpenRouter failed")
    assert stale.stale_note in main_text(stale) and stale.stale_note in str(main_blocks(stale, None))
    later = lambda: time.time() + 901  # noqa: E731
    assert refresh_if_due(own_data, settings, MORNING, "w1", clock=later).startswith("refresh: ")
    assert rows(own_data) == 3 * 51


def test_without_a_key_the_worker_does_not_refresh(own_data, fake):
    assert refresh_if_due(own_data, OpenRouterSettings(api_key=None, api_url=fake.url), MORNING, "w1") is None
    assert fake.requests == []

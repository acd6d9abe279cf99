"""Shared pieces for the refresh tests: settings for the fake OpenRouter, a fake clock and a store content snapshot."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date

from bot.config import OpenRouterSettings, Paths
from bot.live.refresh import refresh
from bot.store.schema import connect
from tests.conftest import DATA_DIR
from tests.fake_openrouter import FakeOpenRouter

KEY = "sk-or-v1-test-0123456789abcdef"
TODAY = date(2025, 3, 1)  # a first run asks for 2025-01-01..2025-02-28
CATALOGUE = list(csv.DictReader((DATA_DIR / "model-catalogue.csv").open()))
TEXT_SLUGS = sorted(r["slug"] for r in CATALOGUE if r["kind"] == "text" and r["stealth"] == "0")
# Bookkeeping a failed refresh is allowed to touch; everything else must stay exactly as it was.
BOOKKEEPING = {"refresh_runs", "api_requests", "migrations"}


class Clock:
    """Monotonic time that only moves when the client sleeps; records every sleep."""

    def __init__(self) -> None:
        self.t = 0.0
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.t += seconds


def settings_for(fake: FakeOpenRouter, **overrides) -> OpenRouterSettings:
    return replace(OpenRouterSettings(api_key=KEY, api_url=fake.url, window_days=20), **overrides)


def run(paths: Paths, fake: FakeOpenRouter, today: date = TODAY, clock: Clock | None = None, **overrides):
    clock = clock or Clock()
    return refresh(paths, settings_for(fake, **overrides), today=today, sleep=clock.sleep, clock=clock.now)


def content(paths: Paths) -> dict[str, list[tuple]]:
    """Every table's rows, sorted: equal snapshots mean nothing the bot reads has changed."""
    with connect(paths.db_path) as db:
        names = [n for n in db.table_names() if n not in BOOKKEEPING]
        return {name: sorted(map(tuple, db.execute(f"SELECT * FROM [{name}]").fetchall())) for name in names}


def stored_day(paths: Paths, day: str) -> dict[str, int]:
    with connect(paths.db_path) as db:
        rows = db.execute("SELECT model_permaslug, total_tokens FROM rankings WHERE date = :d", {"d": day})
        return dict(rows.fetchall())


def data_version(paths: Paths) -> int:
    with connect(paths.db_path) as db:
        return int(db.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()[0])

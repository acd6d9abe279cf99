"""The worker's daily refresh from OpenRouter: once per UTC day, claimed like a digest so two workers don't both
spend the Data API's daily budget."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from datetime import time as clock_time

from bot.config import OpenRouterSettings, Paths
from bot.errors import RefreshFailed
from bot.live.refresh import refresh
from bot.store import jobs
from bot.store.schema import connect

log = logging.getLogger("ai-trends.refresh")

JOB = "refresh"
# OpenRouter publishes a completed UTC day in the small hours (its as_of reads 02:00Z); ask after that.
REFRESH_AFTER = clock_time(2, 30)
MAX_ATTEMPTS = 4  # then the day is left to tomorrow's run, which re-pulls the missing days anyway


def refresh_if_due(
    paths: Paths, settings: OpenRouterSettings, now: datetime, worker: str, clock: Callable[[], float] = time.time
) -> str | None:
    """Refresh once per UTC day after REFRESH_AFTER; a line for the log, or None when there was nothing to do."""
    if not settings.api_key or now.time() < REFRESH_AFTER:
        return None
    with connect(paths.db_path) as db:
        run = jobs.claim(db, JOB, now.date().isoformat(), worker, now=clock())
    if run is None:
        return None
    try:
        result = refresh(paths, settings, today=now.date())
    except RefreshFailed as failure:
        with connect(paths.db_path) as db:
            if run.attempts >= MAX_ATTEMPTS:
                jobs.advance(db, run, "failed", now=clock(), error=str(failure))
            else:
                jobs.release(db, run, str(failure), retry_in=900.0 * run.attempts, now=clock())
        return f"refresh failed (attempt {run.attempts} of {MAX_ATTEMPTS}): {failure}"
    with connect(paths.db_path) as db:
        jobs.advance(db, run, "done", now=clock())
    return "refresh: " + result.summary().replace("\n", " ")

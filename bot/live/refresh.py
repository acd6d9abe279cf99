"""Refresh the store from OpenRouter's Data API: fetch and validate every window, then write all in one transaction.

The worker calls `refresh(paths, settings)` once a day, after the UTC day has completed."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import sqlite_utils

from bot.config import OpenRouterSettings, Paths, openrouter_settings_from_env
from bot.errors import RefreshFailed
from bot.live import responses, runs
from bot.live.client import Client
from bot.store import catalogue
from bot.store.build import API_SOURCE, bump_version, ensure_built
from bot.store.schema import connect, get_meta, set_meta

log = logging.getLogger("ai-trends.refresh")
settings_from_env = openrouter_settings_from_env  # the worker's entry: OPENROUTER_API_KEY, OPENROUTER_API_URL
INSERT_ROW = (
    "INSERT INTO rankings (date, model_permaslug, total_tokens, source, as_of) "
    "VALUES (:date, :model_permaslug, :total_tokens, :source, :as_of)"
)


@dataclass(frozen=True)
class RefreshResult:
    start_date: str | None
    end_date: str | None
    requests: int
    days: int  # days the API returned
    rows_fetched: int
    rows_changed: int  # rows added, restated or removed from a restated day
    new_models: list[str] = field(default_factory=list)
    as_of: str | None = None
    data_version: int = 0
    changed: bool = False
    models_failure: str | None = None  # the model list failed: the rankings were kept, new slugs stay Unknown
    left_unknown: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """What changed, for the operator (the CLI prints it; the worker can log it)."""
        if self.start_date is None:
            return "Nothing to ask for: no UTC day since 2025-01-01 has completed yet."
        return "\n".join(
            [
                f"Asked OpenRouter for {self.start_date}..{self.end_date} ({self.requests} requests): "
                f"{self.days} days, {self.rows_fetched} rows, as of {self.as_of or '-'}.",
                f"{self.rows_changed} rows added or restated; {self._new_models_text()}.",
                f"Data version {self.data_version}{'' if self.changed else ' (unchanged: nothing new)'}.",
                *self._models_failure_text(),
            ]
        )

    def _models_failure_text(self) -> list[str]:
        if not self.models_failure:
            return []
        waiting = f"{len(self.left_unknown)} ranked models without a catalogue row stay Unknown"
        return [
            f"The model list could not be read ({self.models_failure}); the rankings were kept and {waiting} "
            "until a refresh reads it."
        ]

    def _new_models_text(self) -> str:
        text = f"{len(self.new_models)} new models classified by inference"
        if not self.new_models:
            return text
        shown = ", ".join(self.new_models[:10]) + (", ..." if len(self.new_models) > 10 else "")
        return f"{text} ({shown})"


def refresh(
    paths: Paths,
    settings: OpenRouterSettings | None = None,
    today: date | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> RefreshResult:
    """Pull new and restated days and the model list; write everything or nothing. Raises RefreshFailed."""
    settings = settings or settings_from_env()
    if not settings.api_key:
        raise RefreshFailed("OPENROUTER_API_KEY is not set: create a key at https://openrouter.ai/settings/keys")
    today = today or datetime.now(UTC).date()
    started = runs.now()
    ensure_built(paths)
    client = Client(settings, _spender(paths, today, settings.daily_budget), sleep, clock)
    try:
        return _refresh(paths, settings, today, client, started)
    except RefreshFailed as exc:
        runs.record_failure(paths.db_path, started, client.requests, client.redact(str(exc)))
        raise RefreshFailed(client.redact(str(exc))) from None
    except Exception as exc:  # a bug or a store error: still recorded, so db status and answers show the failure
        runs.record_failure(paths.db_path, started, client.requests, client.redact(f"{type(exc).__name__}: {exc}"))
        raise


def _spender(paths: Paths, today: date, budget: int) -> Callable[[], None]:
    return lambda: runs.spend_request(paths.db_path, today.isoformat(), budget)


def _refresh(paths: Paths, settings: OpenRouterSettings, today: date, client: Client, started: str) -> RefreshResult:
    with connect(paths.db_path) as db:
        last = db.execute("SELECT MAX(date) FROM rankings WHERE source = :s", {"s": API_SOURCE}).fetchone()[0]
        used = runs.requests_on(db, today.isoformat())
    span = responses.refresh_range(date.fromisoformat(last) if last else None, today)
    if span is None:
        return RefreshResult(None, None, 0, 0, 0, 0)
    windows = responses.windows(*span, settings.window_days)
    if used + len(windows) > settings.daily_budget:
        raise RefreshFailed(
            f"{len(windows)} requests needed but only {settings.daily_budget - used} of today's "
            f"{settings.daily_budget} Data API requests are left; try tomorrow"
        )
    fetched = [_fetch_window(client, w) for w in windows]
    entries, models_failure = _fetch_models(client)
    with connect(paths.db_path) as db, db.atomic():
        return _write(db, span, fetched, entries, client.requests, started, models_failure)


def _fetch_models(client: Client) -> tuple[list[dict] | None, str | None]:
    """The model list, or why it failed: a failure must not throw away a good rankings pull."""
    try:
        return responses.parse_models(client.get_json(responses.MODELS_PATH, {}, "models", auth=False)), None
    except RefreshFailed as exc:
        log.warning("refresh: %s; new models stay Unknown until the next refresh", exc)
        return None, str(exc)


def _fetch_window(client: Client, window: responses.Window) -> responses.WindowRows:
    params = {"start_date": window.start.isoformat(), "end_date": window.end.isoformat()}
    return responses.parse_rankings(client.get_json(responses.RANKINGS_PATH, params, str(window)), window)


def _write(
    db: sqlite_utils.Database,
    span: tuple[date, date],
    fetched: list[responses.WindowRows],
    entries: list[dict],
    requests: int,
    started: str,
    models_failure: str | None = None,
) -> RefreshResult:
    rows = [row for part in fetched for row in part.rows]
    rows_changed = sum(_replace_day(db, day, day_rows) for day, day_rows in _by_day(rows).items())
    ranked = {row[0] for row in db.execute("SELECT DISTINCT model_permaslug FROM rankings")}
    needing = catalogue.slugs_needing_rows(db, ranked)
    models_changed, new_models = False, []
    if entries is not None:  # without the model list, classifying now would guess: new slugs stay Unknown
        inferred = catalogue.infer_rows(db, needing, entries)
        models_changed = catalogue.inferred_differs(db, inferred)
        new_models = catalogue.save_inferred(db, inferred)
    inferred_slugs = catalogue.stored_inferred(db).keys()
    unclassified = [slug for slug in needing if slug not in inferred_slugs]
    as_of = max((part.as_of for part in fetched if part.rows), default=None)
    if as_of and as_of > (get_meta(db, "as_of") or ""):
        set_meta(db, "as_of", as_of)
    changed = bool(rows_changed or models_changed)
    if changed:
        bump_version(db)
    result = RefreshResult(
        span[0].isoformat(),
        span[1].isoformat(),
        requests,
        len({row["date"] for row in rows}),
        len(rows),
        rows_changed,
        new_models,
        as_of,
        int(get_meta(db, "data_version") or 0),
        changed,
        models_failure,
        unclassified if models_failure else [],
    )
    runs.record_run(db, _run_record(result, started))
    return result


def _by_day(rows: list[dict]) -> dict[str, list[dict]]:
    days: dict[str, list[dict]] = {}
    for row in rows:
        days.setdefault(row["date"], []).append(row)
    return days


def _replace_day(db: sqlite_utils.Database, day: str, rows: list[dict]) -> int:
    """Make the stored day exactly the API's day (its top 50 change when restated); return rows that differ."""
    stored = {
        slug: (tokens, as_of)
        for slug, tokens, as_of in db.execute(
            "SELECT model_permaslug, total_tokens, as_of FROM rankings WHERE date = :d", {"d": day}
        )
    }
    if stored and max(as_of for _, as_of in stored.values()) > rows[0]["as_of"]:
        return 0  # the store holds a newer statement of this day (e.g. an import): newer as_of wins
    fresh = {row["model_permaslug"]: row["total_tokens"] for row in rows}
    old = {slug: tokens for slug, (tokens, _) in stored.items()}
    if fresh == old:
        return 0
    db.execute("DELETE FROM rankings WHERE date = :d", {"d": day})
    db.conn.executemany(INSERT_ROW, [{**row, "source": API_SOURCE} for row in rows])
    added_or_restated = sum(1 for slug, tokens in fresh.items() if old.get(slug) != tokens)
    return added_or_restated + len(old.keys() - fresh.keys())


def _run_record(result: RefreshResult, started: str) -> dict:
    return {
        "started_at": started,
        "finished_at": runs.now(),
        "ok": 1,
        "start_date": result.start_date,
        "end_date": result.end_date,
        "days": result.days,
        "rows_changed": result.rows_changed,
        "new_models": len(result.new_models),
        "as_of": result.as_of,
        "requests": result.requests,
    }

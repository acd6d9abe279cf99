"""The store's schema, one migration at a time. Append only: a released migration is never edited, so every store
reaches the same schema whatever version it started from."""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils


def _create_core_tables(db: sqlite_utils.Database) -> None:
    db["rankings"].create(
        {"date": str, "model_permaslug": str, "total_tokens": int, "source": str, "as_of": str},
        pk=("date", "model_permaslug"),
    )
    db["rankings"].create_index(["date"])
    db["models"].create(
        {
            "slug": str,
            "canonical": str,
            "name": str,
            "vendor": str,
            "origin": str,
            "open_weights": int,
            "open_from": str,
            "params_b": float,
            "size_class": str,
            "reasoning": int,
            "kind": str,
            "stealth": int,
            "revealed_as": str,
            "evidence": str,
        },
        pk="slug",
    )
    db["figures"].create(
        {
            "id": str,
            "topic": str,
            "metric": str,
            "segment": str,
            "period_text": str,
            "period_start": str,
            "period_end": str,
            "value_text": str,
            "comparator": str,
            "value": float,
            "value_high": float,
            "unit": str,
            "confidence": str,
            "confidence_text": str,
            "statable": int,
            "disputed": int,
            "sources": str,
            "source": str,
        },
        pk="id",
    )
    db["sources"].create(
        {"name": str, "kind": str, "sha256": str, "rows": int, "as_of": str, "loaded_at": str},
        pk="name",
    )
    db["meta"].create({"key": str, "value": str}, pk="key")


def _create_conversation_tables(db: sqlite_utils.Database) -> None:
    db["threads"].create(
        {"channel": str, "thread_ts": str, "question": str, "updated_at": float}, pk=("channel", "thread_ts")
    )
    db["events"].create({"event_id": str, "state": str, "claimed_at": float}, pk="event_id")
    db["events"].create_index(["claimed_at"])


def _create_schedule_tables(db: sqlite_utils.Database) -> None:
    db["subscriptions"].create(
        {
            "channel": str,
            "weekday": int,
            "at": str,
            "tz": str,
            "topics": str,
            "created_by": str,
            "created_at": str,
            "state": str,
            "paused_reason": str,
        },
        pk="channel",
    )
    # One row per scheduled job and period: the claim that makes each delivery happen exactly once.
    db["job_runs"].create(
        {
            "job": str,
            "period": str,
            "step": str,
            "claimed_by": str,
            "claimed_at": float,
            "attempts": int,
            "not_before": float,
            "ts": str,
            "stamp": str,
            "error": str,
            "updated_at": float,
        },
        pk=("job", "period"),
    )


INFERRED_MODEL_COLUMNS = {
    "slug": str,
    "canonical": str,
    "name": str,
    "vendor": str,
    "origin": str,
    "open_weights": int,
    "open_from": str,
    "params_b": float,
    "size_class": str,
    "reasoning": int,
    "kind": str,
    "stealth": int,
    "revealed_as": str,
    "evidence": str,
    "created": str,
    "hugging_face_id": str,
    "context_length": int,
    "prompt_price": float,
    "completion_price": float,
    "in_models_api": int,
}


def _create_live_data_tables(db: sqlite_utils.Database) -> None:
    """Live refresh from OpenRouter's Data API: inferred catalogue rows, refresh runs and the request budget.

    Inferred rows live in their own table because a rebuild from data/ empties `models`; they are copied into
    `models` (flagged `inferred`) wherever data/model-catalogue.csv has no hand-checked row for the slug."""
    db["models"].add_column("inferred", int, not_null_default=0)
    db["models_inferred"].create(INFERRED_MODEL_COLUMNS, pk="slug")
    db["refresh_runs"].create(
        {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "ok": int,
            "start_date": str,
            "end_date": str,
            "days": int,
            "rows_changed": int,
            "new_models": int,
            "as_of": str,
            "requests": int,
            "error": str,
        },
        pk="id",
    )
    # Kept out of meta: requests spent by a failed refresh still count against the day's budget.
    db["api_requests"].create({"day": str, "requests": int}, pk="day")


MODEL_LIST_COLUMNS = {
    "canonical_slug": str,
    "model_id": str,
    "name": str,
    "vendor": str,
    "created_at": str,
    "context_length": int,
    "price_prompt": float,  # USD per token, as OpenRouter lists it
    "price_completion": float,
    "hugging_face_id": str,
    "reasoning": int,
    "modality": str,
    "first_seen": str,
    "last_seen": str,
    "active": int,
    "source": str,
}


def _create_model_list_and_saved_answers(db: sqlite_utils.Database) -> None:
    """OpenRouter's /api/v1/models, accumulated: what it proves (a Hugging Face id means open weights) and prices.
    And answers saved per data version, so a question asked again (even by a new process) needs no computing."""
    db["model_list"].create(MODEL_LIST_COLUMNS, pk="canonical_slug")
    db["saved_answers"].create(
        {"key": str, "version": int, "marker": int, "record": str, "png": bytes, "saved_at": float}, pk="key"
    )


def _create_watch_tables(db: sqlite_utils.Database) -> None:
    """Watches: a channel's condition on the market with its state (armed, last complete week evaluated), and the
    alerts found for them, each delivered exactly once through job_runs ('watch:<id>', the crossing's week).

    AUTOINCREMENT: a stopped watch's number is never given to a new one, so its finished job runs never shadow
    the new watch's alerts. `request` is the confirmation's token: a second click saves nothing new. `team` is
    the workspace, for posting with its token."""
    db.execute(
        """CREATE TABLE watches (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            channel TEXT NOT NULL,
            team TEXT,
            condition TEXT NOT NULL,
            description TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            request TEXT UNIQUE,
            state TEXT NOT NULL DEFAULT 'active',
            paused_reason TEXT,
            armed INTEGER NOT NULL,
            last_week TEXT NOT NULL
        )"""
    )
    db["watches"].create_index(["channel"])
    db["watch_alerts"].create(
        {"watch_id": int, "week": str, "payload": str, "created_at": float}, pk=("watch_id", "week")
    )


# Append only: a released migration is never edited, so every store reaches the same schema.
MIGRATIONS: list[tuple[int, str, Callable[[sqlite_utils.Database], None]]] = [
    (1, "core tables: rankings, models, figures, sources, meta", _create_core_tables),
    (2, "conversation state: thread context and handled events", _create_conversation_tables),
    (3, "weekly digests: channel subscriptions and exactly-once job runs", _create_schedule_tables),
    (4, "live data: inferred models, refresh runs, Data API request budget", _create_live_data_tables),
    (5, "OpenRouter's model list (prices, Hugging Face ids) and saved answers", _create_model_list_and_saved_answers),
    # 6 and 7 are reserved for other branches (issues 10 and 12); the runner applies what is missing by version.
    (8, "watches: channel conditions on the market, their state and their alerts", _create_watch_tables),
]

"""The first four migrations: rankings, models, figures and meta; conversation state; digests' subscriptions and
job runs; live data (inferred models, refresh runs, the request budget). Released: never edit them."""

from __future__ import annotations

import sqlite_utils


def create_core_tables(db: sqlite_utils.Database) -> None:
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


def create_conversation_tables(db: sqlite_utils.Database) -> None:
    db["threads"].create(
        {"channel": str, "thread_ts": str, "question": str, "updated_at": float}, pk=("channel", "thread_ts")
    )
    db["events"].create({"event_id": str, "state": str, "claimed_at": float}, pk="event_id")
    db["events"].create_index(["claimed_at"])


def create_schedule_tables(db: sqlite_utils.Database) -> None:
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


def create_live_data_tables(db: sqlite_utils.Database) -> None:
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

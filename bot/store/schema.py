"""The SQLite store: one connection per unit of work, WAL mode, and the schema migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

BUSY_TIMEOUT_MS = 5000


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


def _add_workspaces(db: sqlite_utils.Database) -> None:
    """Several workspaces in one store: each subscription belongs to the workspace it was made in, whose own
    token posts its digests (NULL: made before this migration, in the single workspace of that time)."""
    db["subscriptions"].add_column("workspace", str)
    db["subscriptions"].create_index(["workspace"])


# Append only: a released migration is never edited, so every store reaches the same schema.
MIGRATIONS: list[tuple[int, str, Callable[[sqlite_utils.Database], None]]] = [
    (1, "core tables: rankings, models, figures, sources, meta", _create_core_tables),
    (2, "conversation state: thread context and handled events", _create_conversation_tables),
    (3, "weekly digests: channel subscriptions and exactly-once job runs", _create_schedule_tables),
    (4, "live data: inferred models, refresh runs, Data API request budget", _create_live_data_tables),
    (7, "several workspaces: the workspace of each digest subscription", _add_workspaces),
]


def migrate(db: sqlite_utils.Database) -> int:
    """Apply pending migrations in order; return the schema version reached."""
    db.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    done = {row[0] for row in db.execute("SELECT version FROM migrations").fetchall()}
    for version, name, apply in MIGRATIONS:
        if version in done:
            continue
        with db.atomic():
            apply(db)
            db.execute(
                "INSERT INTO migrations (version, name, applied_at) VALUES (:v, :n, :t)",
                {"v": version, "n": name, "t": datetime.now(UTC).isoformat(timespec="seconds")},
            )
    return max(v for v, _, _ in MIGRATIONS)


@contextmanager
def connect(db_path: Path) -> Iterator[sqlite_utils.Database]:
    """Open the store for one unit of work (sqlite3 connections must not cross threads)."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db = sqlite_utils.Database(conn)
    if db.journal_mode != "wal":
        db.enable_wal()
    try:
        migrate(db)
        yield db
    finally:
        conn.close()


def prepare(db_path: Path) -> None:
    """Create or migrate the store, in WAL mode, before another library opens the same file (its readers then
    never block our writers)."""
    with connect(db_path):
        pass


def get_meta(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = :k", {"k": key}).fetchone()
    return row[0] if row else None


def set_meta(db: sqlite_utils.Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO meta (key, value) VALUES (:k, :v) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        {"k": key, "v": value},
    )

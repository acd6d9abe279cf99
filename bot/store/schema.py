"""The SQLite store: one connection per unit of work, WAL mode, and the schema migrations."""

from __future__ import annotations

import fcntl
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from bot.store.migrations import INFERRED_MODEL_COLUMNS, MIGRATIONS

__all__ = ["INFERRED_MODEL_COLUMNS", "MIGRATIONS", "connect", "get_meta", "migrate", "one_builder", "set_meta"]

BUSY_TIMEOUT_MS = 5000


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
def one_builder(db_path: Path) -> Iterator[None]:
    """Hold the store's build lock: one process or thread at a time sets up, migrates or rebuilds a store file.

    Whoever waited must check again inside: the one before it has usually done the work. (SQLite's own locks
    cannot serve here: a check made before a write transaction goes stale, and a server's workers all start on
    a new store together.)"""
    with open(db_path.with_name(db_path.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _set_up(db: sqlite_utils.Database) -> bool:
    done = db.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'migrations'").fetchone()[0]
    if db.journal_mode != "wal" or not done:
        return False
    applied = {row[0] for row in db.execute("SELECT version FROM migrations")}
    return applied >= {version for version, _, _ in MIGRATIONS}


@contextmanager
def connect(db_path: Path) -> Iterator[sqlite_utils.Database]:
    """Open the store for one unit of work (sqlite3 connections must not cross threads)."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db = sqlite_utils.Database(conn)
    try:
        if not _set_up(db):
            with one_builder(db_path):
                if db.journal_mode != "wal":
                    db.enable_wal()
                migrate(db)
        yield db
    finally:
        conn.close()


def get_meta(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = :k", {"k": key}).fetchone()
    return row[0] if row else None


def set_meta(db: sqlite_utils.Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO meta (key, value) VALUES (:k, :v) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        {"k": key, "v": value},
    )


def prepare(db_path: Path) -> None:
    """Create or migrate the store, in WAL mode, before another library opens the same file (its readers then
    never block our writers)."""
    with connect(db_path):
        pass

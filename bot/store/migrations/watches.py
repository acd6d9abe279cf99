"""Migration 8: watches (a channel's condition on the market and its state) and the alerts found for them."""

from __future__ import annotations

import sqlite_utils


def create_watch_tables(db: sqlite_utils.Database) -> None:
    """Watches: a channel's condition on the market with its state (armed, last complete week evaluated), and the
    alerts found for them, each delivered exactly once through job_runs ('watch:<id>', the crossing's week).

    AUTOINCREMENT: a stopped watch's number is never given to a new one, so its finished job runs never shadow
    the new watch's alerts. `request` is the confirmation's token: a second click saves nothing new. `workspace` is
    the chat workspace it was made in, whose token posts its alerts."""
    db.execute(
        """CREATE TABLE watches (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            channel TEXT NOT NULL,
            workspace TEXT,
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

"""Watches in the store: save, list, stop and pause them, keep their state, and queue their alerts."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime

import sqlite_utils

from bot.store.jobs import FINAL_STEPS
from bot.watch.conditions import Condition
from bot.watch.rules import State

MAX_PER_CHANNEL = 25  # a channel's watches each post on their own: more than this is noise, not a watch list


@dataclass(frozen=True)
class Watch:
    id: int
    channel: str
    condition: Condition
    created_by: str
    created_at: datetime
    state: State
    workspace: str | None = None  # the chat workspace it was made in (its token posts it)
    status: str = "active"  # or "paused"
    paused_reason: str | None = None

    @property
    def job(self) -> str:
        return f"watch:{self.id}"


def _week(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _from_row(row: dict) -> Watch:
    return Watch(
        row["id"],
        row["channel"],
        Condition.from_json(row["condition"]),
        row["created_by"],
        datetime.fromisoformat(row["created_at"]),
        State(bool(row["armed"]), _week(row["last_week"])),
        row["workspace"],
        row["state"],
        row["paused_reason"],
    )


def add(
    db: sqlite_utils.Database, channel: str, condition: Condition, user: str, now: datetime, state: State, **extra
) -> tuple[Watch, bool]:
    """Save a watch; (the watch, True) — or the watch saved earlier with the same `request` token, False."""
    request = extra.get("request")
    if request and (found := _one(db, "SELECT * FROM watches WHERE request = :r", {"r": request})):
        return found, False
    cursor = db.execute(
        """INSERT INTO watches (channel, workspace, condition, description, created_by, created_at, request, armed,
        last_week) VALUES (:channel, :workspace, :condition, :description, :user, :at, :request, :armed, :week)""",
        {
            "channel": channel,
            "workspace": extra.get("workspace"),
            "condition": condition.to_json(),
            "description": condition.describe(),
            "user": user,
            "at": now.isoformat(),
            "request": request,
            "armed": int(state.armed),
            "week": state.last_week.isoformat() if state.last_week else "",
        },
    )
    db.conn.commit()
    return _one(db, "SELECT * FROM watches WHERE id = :id", {"id": cursor.lastrowid}), True


def _one(db: sqlite_utils.Database, sql: str, params: dict) -> Watch | None:
    rows = list(db.query(sql, params))
    return _from_row(rows[0]) if rows else None


def count(db: sqlite_utils.Database, channel: str) -> int:
    return db.execute("SELECT COUNT(*) FROM watches WHERE channel = :c", {"c": channel}).fetchone()[0]


def in_channel(db: sqlite_utils.Database, channel: str) -> list[Watch]:
    return [_from_row(r) for r in db.query("SELECT * FROM watches WHERE channel = :c ORDER BY id", {"c": channel})]


def every(db: sqlite_utils.Database, workspace: str | None = None) -> list[Watch]:
    """Every watch, or those of one workspace (with those made before workspaces were recorded)."""
    if workspace is None:
        return [_from_row(r) for r in db.query("SELECT * FROM watches ORDER BY channel, id")]
    rows = db.query(
        "SELECT * FROM watches WHERE workspace = :w OR workspace IS NULL ORDER BY channel, id", {"w": workspace}
    )
    return [_from_row(r) for r in rows]


def active(db: sqlite_utils.Database) -> list[Watch]:
    return [_from_row(r) for r in db.query("SELECT * FROM watches WHERE state = 'active' ORDER BY id")]


def remove(db: sqlite_utils.Database, channel: str, watch_id: int) -> Watch | None:
    """Stop a watch of this channel (another channel's number stops nothing); its queued alerts go with it."""
    found = _one(db, "SELECT * FROM watches WHERE id = :id AND channel = :c", {"id": watch_id, "c": channel})
    if found:
        db.execute("DELETE FROM watches WHERE id = :id", {"id": watch_id})
        db.execute("DELETE FROM watch_alerts WHERE watch_id = :id", {"id": watch_id})
        db.conn.commit()
    return found


def pause(db: sqlite_utils.Database, watch_id: int, reason: str) -> None:
    db.execute("UPDATE watches SET state = 'paused', paused_reason = :r WHERE id = :id", {"id": watch_id, "r": reason})
    db.conn.commit()


def last_fired(db: sqlite_utils.Database, watch_id: int) -> str | None:
    row = db.execute("SELECT MAX(week) FROM watch_alerts WHERE watch_id = :id", {"id": watch_id}).fetchone()
    return row[0]


def behind(db: sqlite_utils.Database, latest: date) -> bool:
    """Some active watch has not seen the latest complete week yet (so there is something to evaluate)."""
    row = db.execute(
        "SELECT 1 FROM watches WHERE state = 'active' AND last_week < :w LIMIT 1", {"w": latest.isoformat()}
    ).fetchone()
    return row is not None


def save_states(db: sqlite_utils.Database, states: list[tuple[int, State]], alerts: list[tuple[int, str, str]]):
    """Write the evaluated states and queue the alerts found (watch id, week, payload) — inside the caller's
    transaction, so an alert is queued exactly when the state that records its week is."""
    db.conn.executemany(
        "UPDATE watches SET armed = ?, last_week = ? WHERE id = ?",
        [(int(s.armed), s.last_week.isoformat() if s.last_week else "", i) for i, s in states],
    )
    db.conn.executemany(
        "INSERT OR IGNORE INTO watch_alerts (watch_id, week, payload, created_at) VALUES (?, ?, ?, ?)",
        [(i, week, payload, time.time()) for i, week, payload in alerts],
    )


def pending(db: sqlite_utils.Database) -> list[tuple[Watch, str, str]]:
    """Alerts of active watches not delivered yet (no finished job run), oldest week first."""
    rows = db.query(
        f"""SELECT w.*, a.week AS alert_week, a.payload AS alert_payload FROM watch_alerts a
        JOIN watches w ON w.id = a.watch_id
        LEFT JOIN job_runs j ON j.job = 'watch:' || a.watch_id AND j.period = a.week
        WHERE w.state = 'active' AND (j.step IS NULL OR j.step NOT IN {FINAL_STEPS})
        ORDER BY a.week, a.watch_id"""
    )
    return [(_from_row(r), r["alert_week"], r["alert_payload"]) for r in rows]

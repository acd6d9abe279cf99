"""Channel subscriptions to the weekly digest: stored in SQLite, and which of them are due at a given instant."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, time

import sqlite_utils

from bot.digest.schedule import Schedule, Slot, current_slot, next_slot, previous_slot
from bot.store import jobs

DIGEST_TOPICS = ("open-source", "chinese", "reasoning", "volume", "top-models")
DEFAULT_WEEKDAY, DEFAULT_TIME = 0, time(9, 0)


@dataclass(frozen=True)
class Subscription:
    channel: str
    schedule: Schedule
    topics: tuple[str, ...]
    created_by: str
    since: datetime  # set or last changed: occurrences before this are not owed
    state: str = "active"  # or "paused"
    paused_reason: str | None = None
    workspace: str | None = None  # the chat workspace it was made in (its token posts it); None: the only one

    @property
    def job(self) -> str:
        return f"digest:{self.channel}"


def _from_row(row: dict) -> Subscription:
    return Subscription(
        row["channel"],
        Schedule(row["weekday"], time.fromisoformat(row["at"]), row["tz"]),
        tuple(json.loads(row["topics"])),
        row["created_by"],
        datetime.fromisoformat(row["created_at"]),
        row["state"],
        row["paused_reason"],
        row["workspace"],
    )


def save(db: sqlite_utils.Database, sub: Subscription) -> None:
    """Create or replace a channel's subscription (active again, even if it was paused)."""
    db["subscriptions"].upsert(
        {
            "channel": sub.channel,
            "weekday": sub.schedule.weekday,
            "at": sub.schedule.at.strftime("%H:%M"),
            "tz": sub.schedule.tz,
            "topics": json.dumps(list(sub.topics)),
            "created_by": sub.created_by,
            "created_at": sub.since.astimezone(UTC).isoformat(),
            "state": sub.state,
            "paused_reason": sub.paused_reason,
            "workspace": sub.workspace,
        },
        pk="channel",
    )
    db.conn.commit()


def get(db: sqlite_utils.Database, channel: str) -> Subscription | None:
    rows = list(db.query("SELECT * FROM subscriptions WHERE channel = :c", {"c": channel}))
    return _from_row(rows[0]) if rows else None


def every(db: sqlite_utils.Database, workspace: str | None = None) -> list[Subscription]:
    """Every subscription, or those of one workspace (with those made before workspaces were recorded)."""
    if workspace is None:
        return [_from_row(row) for row in db.query("SELECT * FROM subscriptions ORDER BY channel")]
    rows = db.query(
        "SELECT * FROM subscriptions WHERE workspace = :w OR workspace IS NULL ORDER BY channel", {"w": workspace}
    )
    return [_from_row(row) for row in rows]


def remove(db: sqlite_utils.Database, channel: str) -> bool:
    cursor = db.execute("DELETE FROM subscriptions WHERE channel = :c", {"c": channel})
    db.conn.commit()
    return cursor.rowcount == 1


def pause(db: sqlite_utils.Database, channel: str, reason: str) -> None:
    db.execute(
        "UPDATE subscriptions SET state = 'paused', paused_reason = :r WHERE channel = :c", {"c": channel, "r": reason}
    )
    db.conn.commit()


def pause_workspace(db: sqlite_utils.Database, workspace: str, reason: str, with_unassigned: bool = False) -> int:
    """Pause every active subscription of a workspace (the app was removed from it); how many were paused.
    `with_unassigned` also pauses those made before workspaces were recorded (one workspace was served then)."""
    unassigned = " OR workspace IS NULL" if with_unassigned else ""
    cursor = db.execute(
        f"UPDATE subscriptions SET state = 'paused', paused_reason = :r WHERE state = 'active' "
        f"AND (workspace = :w{unassigned})",
        {"w": workspace, "r": reason},
    )
    db.conn.commit()
    return cursor.rowcount


@dataclass(frozen=True)
class Owed:
    subscription: Subscription
    slot: Slot


def _open(db: sqlite_utils.Database, sub: Subscription, slot: Slot) -> bool:
    """The slot is owed to the channel: not before the subscription began and not finished yet."""
    if slot.due < sub.since:
        return False
    row = jobs.run_row(db, sub.job, slot.period)
    return row is None or row["step"] not in jobs.FINAL_STEPS


def due(db: sqlite_utils.Database, now: datetime) -> tuple[list[Owed], list[Owed]]:
    """(digests to post now, digests of a past week that were never finished and must be closed with a log line)."""
    to_post, missed = [], []
    for sub in every(db):
        if sub.state != "active":
            continue
        slot = current_slot(sub.schedule, now)
        if slot.due <= now and _open(db, sub, slot):
            to_post.append(Owed(sub, slot))
        last_week = previous_slot(sub.schedule, now)
        if _open(db, sub, last_week):
            missed.append(Owed(sub, last_week))
    return to_post, missed


def upcoming(db: sqlite_utils.Database, sub: Subscription, now: datetime) -> Slot:
    """The next digest this channel will get (this week's if it is still owed)."""
    done = frozenset(jobs.finished_periods(db, sub.job))
    return next_slot(sub.schedule, now, sub.since, done)


def may_change(user: str, admins: frozenset[str]) -> bool:
    """Any member of the channel may change its digest, unless an admin allow-list is configured."""
    return not admins or user in admins

"""What the bot remembers between requests: each thread's last question, and the events already handled."""

from __future__ import annotations

import time

import sqlite_utils

from bot.ask.question import Question

# A claim older than this belongs to a process that died mid-answer; the platform's retry may take it over.
STALE_CLAIM_SECONDS = 60
KEEP_EVENTS_SECONDS = 7 * 24 * 3600


def remember_thread(db: sqlite_utils.Database, channel: str, thread_ts: str, question: Question) -> None:
    db.execute(
        "INSERT INTO threads (channel, thread_ts, question, updated_at) VALUES (:c, :t, :q, :now) "
        "ON CONFLICT(channel, thread_ts) DO UPDATE SET question = excluded.question, updated_at = excluded.updated_at",
        {"c": channel, "t": thread_ts, "q": question.to_json(), "now": time.time()},
    )
    db.conn.commit()


def thread_question(db: sqlite_utils.Database, channel: str, thread_ts: str) -> Question | None:
    row = db.execute(
        "SELECT question FROM threads WHERE channel = :c AND thread_ts = :t", {"c": channel, "t": thread_ts}
    ).fetchone()
    return Question.from_json(row[0]) if row else None


def claim_event(db: sqlite_utils.Database, event_id: str, now: float | None = None) -> bool:
    """True for the first delivery of an event (or a retry after the first handler died); False otherwise."""
    now = time.time() if now is None else now
    cursor = db.execute(
        "INSERT INTO events (event_id, state, claimed_at) VALUES (:id, 'processing', :now) "
        "ON CONFLICT(event_id) DO UPDATE SET claimed_at = :now "
        "WHERE events.state = 'processing' AND events.claimed_at < :stale",
        {"id": event_id, "now": now, "stale": now - STALE_CLAIM_SECONDS},
    )
    db.conn.commit()
    return cursor.rowcount == 1


def finish_event(db: sqlite_utils.Database, event_id: str, now: float | None = None) -> None:
    """Mark an event answered; also forget events older than a week so the table stays small."""
    now = time.time() if now is None else now
    db.execute("UPDATE events SET state = 'done' WHERE event_id = :id", {"id": event_id})
    db.execute("DELETE FROM events WHERE claimed_at < :old", {"old": now - KEEP_EVENTS_SECONDS})
    db.conn.commit()

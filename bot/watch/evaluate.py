"""Evaluate every active watch over the complete weeks it has not seen yet, and queue what fired.

One write transaction for all of them: the new states and the alerts found are committed together, so a worker
killed half-way leaves nothing half-done, and a second worker waits for the lock and then finds nothing new."""

from __future__ import annotations

from bot.analytics.snapshot import Data, current
from bot.config import Paths
from bot.store.schema import connect
from bot.watch import alerts, rules, watches
from bot.watch.weeks import Weeks, weeks_of


def check(watch: watches.Watch, weeks: Weeks, data: Data) -> tuple[rules.State, alerts.Alert | None]:
    """One watch against the data: its new state, and an alert if it fired in the weeks it had not seen."""
    state, crossings = rules.advance(watch.condition, watch.state, weeks)
    alert = alerts.build(watch.id, watch.condition, crossings, weeks, data) if crossings else None
    return state, alert


def evaluate(paths: Paths, data: Data | None = None) -> int:
    """Evaluate the watches behind the latest complete week; the number of alerts queued."""
    data = data or current(paths)
    weeks = weeks_of(data)
    if weeks.latest is None:
        return 0
    with connect(paths.db_path) as db:
        if not watches.behind(db, weeks.latest):
            return 0  # nothing new since the last evaluation: the data has no new complete week
        db.conn.commit()
        db.execute("BEGIN IMMEDIATE")  # the write lock first, then read: no two workers evaluate the same weeks
        try:
            states, queued = [], []
            for watch in watches.active(db):
                state, alert = check(watch, weeks, data)
                if state != watch.state:
                    states.append((watch.id, state))
                if alert:
                    queued.append((watch.id, alert.week, alert.to_json()))
            watches.save_states(db, states, queued)
            db.conn.commit()
        except BaseException:
            db.conn.rollback()
            raise
    return len(queued)

"""Is this deployment healthy? The store answers, its data is loaded (and fresh enough, when a limit is set), and,
for a worker, digest rounds keep finishing. Read only from the store, so any process can report it.

Imports `bot.store` and `bot.live` (the refresh log) only."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from bot.config import Paths
from bot.live import runs
from bot.store import jobs
from bot.store.schema import connect, get_meta


def _read(paths: Paths, now: datetime) -> dict:
    with connect(paths.db_path) as db:
        newest, as_of, rows = db.execute("SELECT MAX(date), MAX(as_of), COUNT(*) FROM rankings").fetchone()
        success, failure = runs.last_run(db, ok=True), runs.last_run(db, ok=False)
        last_round = jobs.last_round(db, "digest")
        version = get_meta(db, "data_version")
    failing = bool(failure and (success is None or failure["id"] > success["id"]))
    finished = last_round and datetime.fromisoformat(last_round["finished_at"])
    return {
        "store": {"path": str(paths.db_path), "readable": True, "data_version": int(version) if version else None},
        "data": {
            "rows": rows,
            "newest_day": newest,
            "age_days": (now.date() - date.fromisoformat(newest)).days if newest else None,
            "as_of": as_of,
        },
        "refresh": {
            "last_success": success and success["finished_at"],
            "last_failure": failure and failure["finished_at"],
            "failing": failing,
        },
        "digest": {
            "last_round": last_round and last_round["finished_at"],
            "age_seconds": finished and round((now - finished).total_seconds()),
            "summary": last_round and last_round["summary"],
        },
    }


def check(
    paths: Paths, now: datetime, max_data_age_days: int | None = None, max_round_age: float | None = None
) -> dict:
    """The health report; `healthy` is False, with `problems` saying why, when the store cannot be read or holds
    no data, when the newest day is older than `max_data_age_days`, or no digest round finished in
    `max_round_age` seconds (both checked only when given)."""
    if not paths.db_path.is_file():
        report = {"store": {"path": str(paths.db_path), "readable": False}}
        problems = ["the store has not been built yet (it is built on the first question or digest round)"]
    else:
        try:
            report, problems = _read(paths, now), []
        except sqlite3.Error as error:
            report = {"store": {"path": str(paths.db_path), "readable": False}}
            problems = [f"the store cannot be read: {error}"]
    data, rounds = report.get("data"), report.get("digest")
    if data and not data["rows"]:
        problems.append("the store holds no rankings")
    if data and max_data_age_days is not None and (data["age_days"] or 0) > max_data_age_days:
        problems.append(f"the newest day, {data['newest_day']}, is more than {max_data_age_days} days old")
    never = rounds is not None and rounds["age_seconds"] is None
    if rounds is not None and max_round_age is not None and (never or rounds["age_seconds"] > max_round_age):
        problems.append(f"no digest round has finished in the last {max_round_age:.0f} s")
    return {"healthy": not problems, "problems": problems} | report

"""What refreshes did (successes and failures, for `db status` and stale-data notes) and the daily request budget."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from bot.errors import RefreshFailed
from bot.store.schema import connect

RUN_FIELDS = [
    "started_at",
    "finished_at",
    "ok",
    "start_date",
    "end_date",
    "days",
    "rows_changed",
    "new_models",
    "as_of",
    "requests",
    "error",
]
INSERT_RUN = f"INSERT INTO refresh_runs ({', '.join(RUN_FIELDS)}) VALUES ({', '.join(':' + f for f in RUN_FIELDS)})"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def requests_on(db: sqlite_utils.Database, day: str) -> int:
    row = db.execute("SELECT requests FROM api_requests WHERE day = :d", {"d": day}).fetchone()
    return row[0] if row else 0


def spend_request(db_path: Path, day: str, budget: int) -> None:
    """Count one Data API request against the UTC day's budget, committed at once so every run shares it."""
    with connect(db_path) as db, db.atomic():
        used = requests_on(db, day)
        if used >= budget:
            raise RefreshFailed(f"the Data API budget of {budget} requests for {day} (UTC) is used up; try tomorrow")
        db.execute(
            "INSERT INTO api_requests (day, requests) VALUES (:d, 1) "
            "ON CONFLICT(day) DO UPDATE SET requests = requests + 1",
            {"d": day},
        )


def record_run(db: sqlite_utils.Database, run: dict) -> None:
    db.execute(INSERT_RUN, {field: run.get(field) for field in RUN_FIELDS})


def record_failure(db_path: Path, started_at: str, requests: int, error: str) -> None:
    """A failed refresh leaves the data alone; only this row says it happened (db status, stale-data notes)."""
    with connect(db_path) as db, db.atomic():
        record_run(db, {"started_at": started_at, "finished_at": now(), "ok": 0, "requests": requests, "error": error})


def last_run(db: sqlite_utils.Database, ok: bool | None = None) -> dict | None:
    where, params = ("WHERE ok = :ok", {"ok": int(ok)}) if ok is not None else ("", {})
    rows = list(db.query(f"SELECT * FROM refresh_runs {where} ORDER BY id DESC LIMIT 1", params))
    return rows[0] if rows else None

"""How old the live data is: a note for answers when the last refresh failed, and the refresh lines of db status."""

from __future__ import annotations

from datetime import date

import sqlite_utils

from bot.live import runs


def stale_note(db: sqlite_utils.Database) -> str | None:
    """Said with every rankings answer while the latest refresh attempt has failed (answers use the last good data)."""
    failure = runs.last_run(db, ok=False)
    success = runs.last_run(db, ok=True)
    if failure is None or (success is not None and success["id"] > failure["id"]):
        return None
    newest = db.execute("SELECT MAX(date) FROM rankings").fetchone()[0]
    attempted = failure["finished_at"][:10]
    behind = (date.fromisoformat(attempted) - date.fromisoformat(newest)).days if newest else None
    days = f"{behind} day{'' if behind == 1 else 's'}"
    age = f"; the newest day here is {newest}, {days} before that attempt" if behind is not None else ""
    return f"Data may be out of date: the last refresh from OpenRouter failed ({failure['finished_at']}){age}."


def live_status(db: sqlite_utils.Database, today: str) -> dict:
    """The refresh side of `db status`: last success, last failure, today's Data API requests."""
    success = runs.last_run(db, ok=True)
    failure = runs.last_run(db, ok=False)
    return {
        "last_refresh": success and {k: success[k] for k in ("finished_at", "start_date", "end_date", "as_of")},
        "last_failure": failure and {k: failure[k] for k in ("finished_at", "error")},
        "failing": stale_note(db) is not None,
        "requests_today": runs.requests_on(db, today),
    }


def format_live(live: dict, budget: int) -> list[str]:
    ok, failed = live["last_refresh"], live["last_failure"]
    if ok:
        lines = [
            f"Live data: last refreshed {ok['finished_at']} ({ok['start_date']}..{ok['end_date']}, as of {ok['as_of']})"
        ]
    else:
        lines = ["Live data: never refreshed from OpenRouter's Data API (run `ai-trends refresh`)"]
    if failed and live["failing"]:
        lines.append(f"Last refresh FAILED at {failed['finished_at']}: {failed['error']}")
    lines.append(f"Data API requests today (UTC): {live['requests_today']} of {budget}")
    return lines

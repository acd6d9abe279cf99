"""The Data API's rankings-daily and models responses: which windows to ask for, and whole-response validation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.errors import RefreshFailed
from bot.store.loaders import FIRST_RANKINGS_DAY, SLUG

RANKINGS_PATH = "/api/v1/datasets/rankings-daily"
MODELS_PATH = "/api/v1/models"
RESTATED_DAYS = 3  # OpenRouter may restate the most recent days, so every refresh asks for them again
MAX_ROWS_PER_DAY = 51  # the top 50 and one 'other'


@dataclass(frozen=True)
class Window:
    start: date
    end: date

    def __str__(self) -> str:
        return f"rankings-daily {self.start}..{self.end}"


@dataclass(frozen=True)
class WindowRows:
    window: Window
    rows: list[dict]  # date, model_permaslug, total_tokens (int), as_of
    as_of: str


def refresh_range(last_api_day: date | None, today: date) -> tuple[date, date] | None:
    """From the last stored day (re-asking the last 3) or 2025-01-01, to the latest completed UTC day."""
    end = today - timedelta(days=1)
    start = FIRST_RANKINGS_DAY if last_api_day is None else last_api_day - timedelta(days=RESTATED_DAYS - 1)
    start = max(start, FIRST_RANKINGS_DAY)
    return (start, end) if start <= end else None


def windows(start: date, end: date, days: int) -> list[Window]:
    """Consecutive windows of at most `days` days covering start..end."""
    out, current = [], start
    while current <= end:
        last = min(current + timedelta(days=days - 1), end)
        out.append(Window(current, last))
        current = last + timedelta(days=1)
    return out


def _day(text: object) -> date | None:
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _tokens(value: object) -> int | None:
    """total_tokens arrives as a number or as a string of digits."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str) and re.fullmatch(r"\d+", value.strip()):
        return int(value)
    return None


def _meta(payload: object, window: Window) -> str:
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        raise RefreshFailed(f"{window}: the response has no 'data' list")
    meta = payload.get("meta")
    if not isinstance(meta, dict) or not isinstance(meta.get("as_of"), str) or not meta["as_of"].strip():
        raise RefreshFailed(f"{window}: the response has no meta.as_of")
    asked = (window.start.isoformat(), window.end.isoformat())
    got = (meta.get("start_date"), meta.get("end_date"))
    if got != asked:
        raise RefreshFailed(f"{window}: the response covers {got[0]}..{got[1]}, not the window asked for")
    return meta["as_of"].strip()


def _row(item: object, index: int, window: Window, as_of: str) -> dict:
    def bad(reason: str) -> RefreshFailed:
        return RefreshFailed(f"{window}: data[{index}]: {reason}")

    if not isinstance(item, dict):
        raise bad("is not an object")
    day = _day(item.get("date"))
    if day is None or not window.start <= day <= window.end:
        raise bad(f"date {item.get('date')!r} is not a day in the window")
    slug = item.get("model_permaslug")
    if not isinstance(slug, str) or not SLUG.match(slug):
        raise bad(f"model_permaslug {slug!r} is not of the form vendor/model or 'other'")
    tokens = _tokens(item.get("total_tokens"))
    if tokens is None:
        raise bad(f"total_tokens {item.get('total_tokens')!r} is not a non-negative whole number")
    return {"date": day.isoformat(), "model_permaslug": slug, "total_tokens": tokens, "as_of": as_of}


def parse_rankings(payload: object, window: Window) -> WindowRows:
    """Validate one rankings-daily response whole; any problem raises RefreshFailed naming the window and row."""
    as_of = _meta(payload, window)
    rows, seen, per_day = [], set(), {}
    for index, item in enumerate(payload["data"]):
        row = _row(item, index, window, as_of)
        key = (row["date"], row["model_permaslug"])
        if key in seen:
            raise RefreshFailed(f"{window}: data[{index}]: {key[1]} appears twice on {key[0]}")
        seen.add(key)
        per_day[row["date"]] = per_day.get(row["date"], 0) + 1
        if per_day[row["date"]] > MAX_ROWS_PER_DAY:
            raise RefreshFailed(f"{window}: more than {MAX_ROWS_PER_DAY} rows on {row['date']}")
        rows.append(row)
    return WindowRows(window, rows, as_of)


def parse_models(payload: object) -> list[dict]:
    """The /api/v1/models list; every entry needs an id, the other fields are read where present."""
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        raise RefreshFailed("models: the response has no 'data' list")
    entries = payload["data"]
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or "/" not in entry["id"]:
            raise RefreshFailed(f"models: data[{index}] has no model id of the form vendor/model")
    return entries

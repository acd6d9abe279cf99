"""Everything an answer reads, loaded once per data version and shared by every question."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from bot.analytics import load_frame
from bot.config import Paths
from bot.live.freshness import stale_note
from bot.store.build import store_state
from bot.store.schema import connect


@dataclass(frozen=True)
class Data:
    version: int
    frame: pd.DataFrame
    figures: dict[str, dict]
    as_of: str
    first_day: date
    last_day: date
    days: int
    model_names: tuple[tuple[str, str], ...]  # (display name, canonical slug) of every text model
    refresh_marker: int = 0  # id of the latest refresh attempt: a failed one changes the note, not the data
    stale_note: str | None = None
    prices: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)  # slug -> USD per token
    prices_seen: str | None = None  # the last day OpenRouter's model list (and so the prices) was read

    def figure(self, figure_id: str) -> dict:
        return self.figures[figure_id]


def _model_names(db) -> tuple[tuple[str, str], ...]:
    rows = db.execute("SELECT name, canonical FROM models WHERE kind = 'text' ORDER BY slug")
    return tuple((name, canonical) for name, canonical in rows)


def _prices(db) -> tuple[dict[str, tuple[float | None, float | None]], str | None]:
    """List prices (prompt, completion) per canonical slug from OpenRouter's model list, and when it was read."""
    rows = db.execute("SELECT canonical_slug, price_prompt, price_completion FROM model_list").fetchall()
    seen = db.execute("SELECT MAX(last_seen) FROM model_list").fetchone()[0]
    return {slug: (prompt, completion) for slug, prompt, completion in rows}, seen


def _load(paths: Paths, version: int, marker: int) -> Data:
    with connect(paths.db_path) as db:
        note = stale_note(db)
        frame = load_frame(db)
        figures = {row["id"]: row for row in db["figures"].rows}
        as_of = db.execute("SELECT MAX(as_of) FROM rankings").fetchone()[0] or "unknown"
        names = _model_names(db)
        prices, seen = _prices(db)
    if frame.empty:
        first = last = date.today()
    else:
        first, last = frame["date"].min().date(), frame["date"].max().date()
    days = frame["date"].nunique()
    return Data(version, frame, figures, as_of, first, last, days, names, marker, note, prices, seen)


_lock = threading.Lock()
_cache: dict[str, Data] = {}


def current(paths: Paths) -> Data:
    """The data for the store's current version, rebuilt from data/ if the bundled files changed."""
    version, marker = store_state(paths)
    key = str(paths.db_path)
    with _lock:
        cached = _cache.get(key)
        if cached is None or (cached.version, cached.refresh_marker) != (version, marker):
            cached = _cache[key] = _load(paths, version, marker)
        return cached

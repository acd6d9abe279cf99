"""Everything an answer reads, loaded once per data version and shared by every question."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

import pandas as pd

from bot.analytics import load_frame
from bot.build import store_state
from bot.config import Paths
from bot.freshness import stale_note
from bot.question import normalise
from bot.store import connect


@dataclass(frozen=True)
class Data:
    version: int
    frame: pd.DataFrame
    figures: dict[str, dict]
    as_of: str
    first_day: date
    last_day: date
    days: int
    model_index: dict[str, str]
    refresh_marker: int = 0  # id of the latest refresh attempt: a failed one changes the note, not the data
    stale_note: str | None = None

    def figure(self, figure_id: str) -> dict:
        return self.figures[figure_id]


def _model_index(db) -> dict[str, str]:
    """Phrases that name a model (display name, slug without vendor, slug without date) -> display name."""
    index: dict[str, str] = {}
    for name, canonical in db.execute("SELECT name, canonical FROM models WHERE kind = 'text' ORDER BY slug"):
        tail = canonical.split("/", 1)[1]
        for phrase in (name, tail, tail.rsplit("-", 1)[0] if tail[-8:].isdigit() else None):
            if phrase and len(normalise(phrase)) >= 4:
                index.setdefault(normalise(phrase), name)
    return index


def _load(paths: Paths, version: int, marker: int) -> Data:
    with connect(paths.db_path) as db:
        note = stale_note(db)
        frame = load_frame(db)
        figures = {row["id"]: row for row in db["figures"].rows}
        as_of = db.execute("SELECT MAX(as_of) FROM rankings").fetchone()[0] or "unknown"
        index = _model_index(db)
    if frame.empty:
        first = last = date.today()
    else:
        first, last = frame["date"].min().date(), frame["date"].max().date()
    return Data(version, frame, figures, as_of, first, last, frame["date"].nunique(), index, marker, note)


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

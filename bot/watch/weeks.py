"""The complete weeks of one data version and what watches read from them: shares, weekly changes, model ranks
and first entries into a top N. Built once per data version and shared by every watch."""

from __future__ import annotations

import bisect
import threading
from datetime import date, timedelta

import numpy as np
import pandas as pd

from bot.analytics import LONG_TAIL, UNKNOWN, weekly_shares
from bot.analytics.snapshot import Data
from bot.analytics.week_sums import DAYS_PER_WEEK, days_per_week

WEEK = timedelta(days=7)


class Weeks:
    """Complete weeks (7 days of data) in order; partial weeks and weeks without data are never read, so they
    can never make a watch fire. Tables are computed on first use and kept (thread-safe)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.days = days_per_week(frame["date"]) if len(frame) else pd.Series(dtype=int)
        complete = self.days[self.days >= DAYS_PER_WEEK].index
        self.complete: list[date] = [week.date() for week in complete]
        self._index = pd.DatetimeIndex(complete)
        self._position = {week: i for i, week in enumerate(self.complete)}
        self._tables: dict[tuple, object] = {}
        self._lock = threading.RLock()

    def _cached(self, key: tuple, make):
        with self._lock:
            if key not in self._tables:
                self._tables[key] = make()
            return self._tables[key]

    @property
    def latest(self) -> date | None:
        return self.complete[-1] if self.complete else None

    def after(self, week: date | None) -> range:
        """Positions of the complete weeks later than `week` (all of them when `week` is None)."""
        return range(0 if week is None else bisect.bisect_right(self.complete, week), len(self.complete))

    def position(self, week: date) -> int | None:
        return self._position.get(week)

    def shares(self, dimension: str) -> pd.DataFrame:
        """Percent share per complete week (rows) and group (columns); 0 where a group had no tokens."""

        def make() -> pd.DataFrame:
            table = weekly_shares(self.frame, dimension).shares if len(self.frame) else pd.DataFrame()
            return table.reindex(self._index).fillna(0.0)

        return self._cached(("shares", dimension), make)

    def groups(self, dimension: str) -> list[str]:
        return [g for g in self.shares(dimension).columns if g not in (LONG_TAIL, UNKNOWN)]

    def share(self, dimension: str, group: str) -> np.ndarray:
        """One group's share in every complete week (zeros if it never had tokens)."""

        def make() -> np.ndarray:
            table = self.shares(dimension)
            return table[group].to_numpy(float) if group in table else np.zeros(len(self.complete))

        return self._cached(("share", dimension, group), make)

    def change(self, dimension: str, group: str) -> np.ndarray:
        """Week-over-week change in points; NaN where the calendar week before is not complete (a gap or a
        partial week gives no week-over-week change)."""

        def make() -> np.ndarray:
            values = self.share(dimension, group)
            out = np.full(len(values), np.nan)
            for i in range(1, len(values)):
                if self.complete[i] - self.complete[i - 1] == WEEK:
                    out[i] = values[i] - values[i - 1]
            return out

        return self._cached(("change", dimension, group), make)

    def ranks(self) -> pd.DataFrame:
        """Each model's rank by share in each complete week (1 = most tokens); NaN where it had none."""

        def make() -> pd.DataFrame:
            table = self.shares("model").drop(columns=[LONG_TAIL], errors="ignore")
            return table.where(table > 0).rank(axis=1, ascending=False, method="min")

        return self._cached(("ranks",), make)

    def rank(self, model: str) -> np.ndarray:
        def make() -> np.ndarray:
            table = self.ranks()
            return table[model].to_numpy(float) if model in table else np.full(len(self.complete), np.nan)

        return self._cached(("rank", model), make)

    def nth_share(self, n: int) -> np.ndarray:
        """The share of the week's n-th biggest model: the line a model must stay above to stay in the top n."""

        def make() -> np.ndarray:
            table = self.shares("model").drop(columns=[LONG_TAIL], errors="ignore").to_numpy(float)
            if table.shape[1] < n:
                return np.zeros(len(self.complete))
            return -np.sort(-table, axis=1)[:, n - 1]

        return self._cached(("nth", n), make)

    def first_in_top(self, n: int) -> dict[date, list[str]]:
        """The complete week in which each model was first among the top n, grouped by week."""

        def make() -> dict[date, list[str]]:
            inside = self.ranks() <= n
            seen = inside.any(axis=0)
            first = inside.loc[:, seen].idxmax(axis=0)
            out: dict[date, list[str]] = {}
            for model, week in first.sort_values(kind="stable").items():
                out.setdefault(week.date(), []).append(model)
            return out

        return self._cached(("first", n), make)

    def unknown(self, dimension: str, week: date) -> float:
        """The share without evidence for this dimension in that week (said beside a share, never folded in)."""
        table = self.shares(dimension)
        i = self.position(week)
        return float(table[UNKNOWN].iloc[i]) if UNKNOWN in table and i is not None else 0.0


_lock = threading.Lock()
_cache: dict[tuple, Weeks] = {}


def weeks_of(data: Data) -> Weeks:
    """The data version's Weeks, built once and shared (commands and the worker read the same tables)."""
    key = (data.version, data.refresh_marker, id(data.frame))
    with _lock:
        if key not in _cache:
            _cache.clear()
            _cache[key] = Weeks(data.frame)
        return _cache[key]

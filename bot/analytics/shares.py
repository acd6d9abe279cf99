"""Weekly and whole-period token shares and volumes (ISO weeks, UTC, Monday start)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from bot.analytics.frame import group_labels
from bot.analytics.week_sums import days_per_week, week_label_sums


@dataclass(frozen=True)
class WeeklyShares:
    """Share of tokens (percent) per week and group, with how many days each week holds."""

    dimension: str
    shares: pd.DataFrame  # index: week start; columns: groups; values: percent
    tokens: pd.Series  # denominator tokens per week
    days: pd.Series  # distinct days of data per week

    @property
    def complete(self) -> pd.Series:
        return self.days >= 7


def filter_period(frame: pd.DataFrame, start: date | None, end: date | None) -> pd.DataFrame:
    """Rows from start to end (inclusive). load_frame sorts by date, so that is a slice, not a mask and a copy."""
    dates = frame["date"]
    if dates.is_monotonic_increasing:
        first = dates.searchsorted(pd.Timestamp(start), side="left") if start else 0
        last = dates.searchsorted(pd.Timestamp(end), side="right") if end else len(frame)
        return frame.iloc[first:last]
    mask = pd.Series(True, index=frame.index)
    if start:
        mask &= frame["date"] >= pd.Timestamp(start)
    if end:
        mask &= frame["date"] <= pd.Timestamp(end)
    return frame[mask]


def weekly_shares(frame: pd.DataFrame, dimension: str) -> WeeklyShares:
    """Weekly percent shares; for 'size' the denominator is open-weight tokens, else all text tokens + long tail."""
    columns = [frame["week"], group_labels(frame, dimension), frame["tokens"], frame["date"]]
    if dimension == "size":
        keep = frame["open"] & ~frame["is_other"]
        columns = [column[keep] for column in columns]  # four columns, not a copy of the whole frame
    weeks, labels, tokens, dates = columns
    sums = week_label_sums(weeks, labels, tokens)
    totals = sums.sum(axis=1)
    shares = sums.div(totals, axis=0) * 100
    days = days_per_week(dates).reindex(shares.index)
    return WeeklyShares(dimension, shares, totals, days)


def period_shares(frame: pd.DataFrame, dimension: str) -> pd.Series:
    """Percent share of each group over the whole filtered period (token-weighted)."""
    if dimension == "size":
        frame = frame[frame["open"] & ~frame["is_other"]]
    totals = frame.groupby(group_labels(frame, dimension), observed=True)["tokens"].sum()
    totals.index = pd.Index(list(totals.index), dtype=object)
    return (totals / totals.sum() * 100).sort_values(ascending=False)


def daily_volume(frame: pd.DataFrame) -> pd.Series:
    """Total tokens per day (all text models plus the long tail)."""
    return frame.groupby("date")["tokens"].sum()


def weekly_volume(frame: pd.DataFrame) -> pd.DataFrame:
    """Per week: total tokens, days present and average tokens per day (comparable across partial weeks)."""
    per_week = frame.groupby("week").agg(tokens=("tokens", "sum"), days=("date", "nunique"))
    per_week["per_day"] = per_week["tokens"] / per_week["days"]
    return per_week

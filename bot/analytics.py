"""Weekly token shares and rankings computed from the store (ISO weeks, UTC, Monday start)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import sqlite_utils

from bot.week_sums import days_per_week, week_label_sums

LONG_TAIL = "Long tail (other)"
UNCLASSIFIED = "Not yet classified"
DIMENSIONS = ("open", "origin", "reasoning", "vendor", "model", "size")

FRAME_SQL = """
SELECT r.date, r.model_permaslug AS slug, r.total_tokens AS tokens, r.as_of,
       m.canonical, m.name, m.vendor, m.origin, m.open_weights, m.open_from, m.size_class,
       m.reasoning, m.kind, m.stealth
FROM rankings r LEFT JOIN models m ON m.slug = r.model_permaslug
ORDER BY r.date, r.model_permaslug
"""


def load_frame(db: sqlite_utils.Database) -> pd.DataFrame:
    """Rankings joined with the catalogue; embeddings and other non-text models are dropped."""
    frame = pd.read_sql_query(FRAME_SQL, db.conn)
    frame["date"] = pd.to_datetime(frame["date"])
    frame = frame[frame["kind"].isna() | (frame["kind"] == "text")].copy()
    frame["is_other"] = frame["slug"] == "other"
    frame["classified"] = frame["canonical"].notna()
    # Weights published after launch count as closed until the day they appeared.
    opened_later = frame["open_from"].notna() & (frame["date"] < pd.to_datetime(frame["open_from"]))
    frame["open"] = (frame["open_weights"] == 1) & ~opened_later
    frame["week"] = frame["date"] - pd.to_timedelta(frame["date"].dt.day_of_week, unit="D")
    frame["model"] = frame["name"].fillna(frame["slug"])
    # Each row's label per dimension, computed once per data version as categories, so an answer's weekly
    # sums are one bincount (benchmarks/bench_refresh.py: 1.8M rows in well under 100 ms).
    for dimension in DIMENSIONS:
        frame[_label_column(dimension)] = pd.Categorical(_labels(frame, dimension))
    return frame


def _label_column(dimension: str) -> str:
    return f"label_{dimension}"


def _bucket(frame: pd.DataFrame, labels: pd.Series) -> pd.Series:
    """Give the long tail and unknown slugs their own named buckets instead of dropping them."""
    labels = labels.astype(object).where(frame["classified"], UNCLASSIFIED)
    return labels.where(~frame["is_other"], LONG_TAIL)


def group_labels(frame: pd.DataFrame, dimension: str) -> pd.Series:
    """One label per row for a share dimension (categorical; NaN where a row has none)."""
    column = _label_column(dimension)
    if column in frame:
        return frame[column]
    return pd.Series(pd.Categorical(_labels(frame, dimension)), index=frame.index)


def _labels(frame: pd.DataFrame, dimension: str) -> pd.Series:
    if dimension == "open":
        return _bucket(frame, frame["open"].map({True: "Open weights", False: "Closed"}))
    if dimension == "origin":
        return _bucket(frame, frame["origin"].replace({"other": "Other origin"}).fillna("Other origin"))
    if dimension == "reasoning":
        return _bucket(frame, frame["reasoning"].map({1: "Reasoning", 0: "Non-reasoning"}))
    if dimension == "vendor":
        return _bucket(frame, frame["vendor"])
    if dimension == "model":
        return _bucket(frame, frame["model"])
    if dimension == "size":
        names = {"small": "Small (<15B)", "medium": "Medium (15-70B)", "large": "Large (>70B)"}
        return frame["size_class"].map(names).fillna("Size not public")
    raise ValueError(f"unknown dimension {dimension}")


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


@dataclass(frozen=True)
class TopModel:
    rank: int
    model: str
    vendor: str
    share: float
    previous_share: float | None
    previous_rank: int | None

    @property
    def is_new(self) -> bool:
        return self.previous_rank is None


def top_models(
    frame: pd.DataFrame, n: int, weekly: WeeklyShares | None = None
) -> tuple[pd.Timestamp, pd.Timestamp | None, list[TopModel]]:
    """Top-n models (variants merged) in the latest week, with change against the previous week in the data.

    `weekly` is the frame's model shares when the caller has them already."""
    weekly = weekly or weekly_shares(frame, "model")
    weeks = list(weekly.shares.index)
    latest = weeks[-1]
    previous = weeks[-2] if len(weeks) > 1 else None
    now = weekly.shares.loc[latest].drop([LONG_TAIL, UNCLASSIFIED], errors="ignore").sort_values(ascending=False)
    before_rank = {}
    if previous is not None:
        before = weekly.shares.loc[previous].drop([LONG_TAIL, UNCLASSIFIED], errors="ignore")
        before = before[before > 0].sort_values(ascending=False)
        before_rank = {name: i + 1 for i, name in enumerate(before.index)}
    vendors = frame.drop_duplicates("model").set_index("model")["vendor"]
    rows = []
    for rank, (name, share) in enumerate(now.head(n).items(), start=1):
        prev_share = weekly.shares.loc[previous, name] if previous is not None and name in before_rank else None
        rows.append(
            TopModel(
                rank,
                name,
                vendors.get(name) or "",
                float(share),
                None if prev_share is None else float(prev_share),
                before_rank.get(name),
            )
        )
    return latest, previous, rows

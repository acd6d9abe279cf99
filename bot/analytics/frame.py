"""The rankings joined with the catalogue, one row per (day, slug), with each row's label per share dimension."""

from __future__ import annotations

import pandas as pd
import sqlite_utils

LONG_TAIL = "Long tail (other)"
UNKNOWN = "Unknown"  # no evidence for this dimension: said as such, never folded into Closed or Other origin
STEALTH = "Stealth (unrevealed)"  # a cloaked model whose maker nobody has revealed yet
NOT_CLASSIFIED = (UNKNOWN, STEALTH, LONG_TAIL)  # buckets that are not groups of the dimension itself
DIMENSIONS = ("open", "origin", "reasoning", "vendor", "model", "size")

FRAME_SQL = """
SELECT r.date, r.model_permaslug AS slug, r.total_tokens AS tokens, r.as_of,
       m.canonical, m.name, m.vendor, m.origin, m.open_weights, m.open_from, m.size_class,
       m.reasoning, m.kind, m.stealth, m.revealed_as
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
    frame["unrevealed"] = (frame["stealth"] == 1) & frame["revealed_as"].isna()
    # Weights published after launch count as closed until the day they appeared.
    opened_later = frame["open_from"].notna() & (frame["date"] < pd.to_datetime(frame["open_from"]))
    frame["open"] = (frame["open_weights"] == 1) & ~opened_later
    frame["closed"] = (frame["open_weights"] == 0) | ((frame["open_weights"] == 1) & opened_later)
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
    """Name every row's bucket: the long tail, an unrevealed stealth model, and a row without evidence for this
    dimension (no catalogue row, or a blank field) each get their own, so no share is silently inflated."""
    labels = labels.astype(object).where(labels.notna() & frame["classified"], UNKNOWN)
    labels = labels.where(~frame["unrevealed"], STEALTH)
    return labels.where(~frame["is_other"], LONG_TAIL)


def group_labels(frame: pd.DataFrame, dimension: str) -> pd.Series:
    """One label per row for a share dimension (categorical; NaN where a row has none)."""
    column = _label_column(dimension)
    if column in frame:
        return frame[column]
    return pd.Series(pd.Categorical(_labels(frame, dimension)), index=frame.index)


SIZE_NAMES = {"small": "Small (<15B)", "medium": "Medium (15-70B)", "large": "Large (>70B)"}
ORIGIN_NAMES = {
    "China": "China",
    "US": "US",
    "Europe": "Europe",
    "other": "Other origin",
    "community": "Community fine-tunes",
}


def _labels(frame: pd.DataFrame, dimension: str) -> pd.Series:
    if dimension == "open":
        known = frame["open"] | frame["closed"]
        return _bucket(frame, frame["open"].map({True: "Open weights", False: "Closed"}).where(known))
    if dimension == "origin":
        return _bucket(frame, frame["origin"].map(ORIGIN_NAMES))
    if dimension == "reasoning":
        return _bucket(frame, frame["reasoning"].map({1: "Reasoning", 0: "Non-reasoning"}))
    if dimension == "vendor":
        return _bucket(frame, frame["vendor"])
    if dimension == "model":
        # A model's own share is known even before anyone classifies it: its name, or else its slug.
        return frame["model"].where(~frame["is_other"], LONG_TAIL)
    if dimension == "size":
        # Only open-weight rows are sized (weekly_shares filters them); an open model of unpublished size is Unknown.
        return frame["size_class"].map(SIZE_NAMES).fillna(UNKNOWN)
    raise ValueError(f"unknown dimension {dimension}")

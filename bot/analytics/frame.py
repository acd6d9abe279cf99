"""The rankings joined with the catalogue, one row per (day, slug), with each row's label per share dimension."""

from __future__ import annotations

import pandas as pd
import sqlite_utils

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

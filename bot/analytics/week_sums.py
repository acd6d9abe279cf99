"""Tokens per (week, label) with one bincount instead of a pandas groupby: 20x faster on millions of rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

DAYS_PER_WEEK = 7


def week_label_sums(weeks: pd.Series, labels: pd.Series, tokens: pd.Series) -> pd.DataFrame:
    """Sum tokens per week (rows) and label (columns) for weeks and labels that occur; rows without a label are
    left out, as groupby would. `labels` must be categorical (load_frame makes them so once per data version).

    Sums go through float64, exact while a cell stays under 2**53 tokens (~9e15; a whole week today is ~1e13)."""
    codes = labels.cat.codes.to_numpy()
    keep = codes >= 0
    codes = codes[keep]
    day_numbers = weeks.to_numpy()[keep].astype("datetime64[D]").astype(np.int64)
    if day_numbers.size == 0:
        return pd.DataFrame(index=pd.DatetimeIndex([], name=weeks.name), dtype=np.int64)
    first = day_numbers.min()
    week_numbers = (day_numbers - first) // DAYS_PER_WEEK  # weeks start on Monday, so this is exact
    width = len(labels.cat.categories)
    cells = week_numbers * width + codes
    size = int(week_numbers.max() + 1) * width
    sums = np.bincount(cells, weights=tokens.to_numpy()[keep].astype(np.float64), minlength=size)
    seen = np.bincount(cells, minlength=size).reshape(-1, width)
    table = np.rint(sums).astype(np.int64).reshape(-1, width)
    rows, cols = seen.any(axis=1), seen.any(axis=0)
    index = pd.DatetimeIndex(
        (first + np.flatnonzero(rows) * DAYS_PER_WEEK).astype("datetime64[D]"), name=weeks.name
    ).as_unit(weeks.dt.unit)
    columns = pd.Index(list(labels.cat.categories[cols]), dtype=object)
    return pd.DataFrame(table[rows][:, cols], index=index, columns=columns)


def days_per_week(dates: pd.Series) -> pd.Series:
    """Distinct days of data in each week (Monday start), from the distinct dates only."""
    unique = pd.Series(pd.unique(dates))
    weeks = unique - pd.to_timedelta(unique.dt.day_of_week, unit="D")
    return weeks.value_counts().sort_index()

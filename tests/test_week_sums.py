"""The bincount weekly sums against a plain pandas groupby: same weeks, labels and whole-number totals."""

from __future__ import annotations

import numpy as np
import pandas as pd

from bot.week_sums import days_per_week, week_label_sums


def _frame(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.to_datetime("2025-01-01") + pd.to_timedelta(rng.integers(0, 120, 5000), unit="D")
    dates = dates[(dates < pd.Timestamp("2025-02-03")) | (dates >= pd.Timestamp("2025-02-17"))]  # a gap of 2 weeks
    labels = rng.choice(["A", "B", "C", None], len(dates), p=[0.5, 0.3, 0.15, 0.05])
    frame = pd.DataFrame({"date": dates, "label": labels, "tokens": rng.integers(0, 10**12, len(dates))})
    frame["week"] = frame["date"] - pd.to_timedelta(frame["date"].dt.day_of_week, unit="D")
    return frame


def test_week_label_sums_equal_a_groupby():
    for seed in range(3):
        frame = _frame(seed)
        expected = frame.groupby(["week", "label"])["tokens"].sum().unstack(fill_value=0)
        got = week_label_sums(frame["week"], frame["label"].astype("category"), frame["tokens"])
        assert list(got.index) == list(expected.index) and list(got.columns) == list(expected.columns)
        assert (got.to_numpy() == expected.to_numpy()).all()
        assert pd.Timestamp("2025-02-03") not in got.index  # a week without data is a gap, not a zero


def test_a_label_absent_from_the_rows_is_not_a_column_and_days_count_distinct_dates():
    frame = _frame(7)
    labels = pd.Series(pd.Categorical(frame["label"], categories=["A", "B", "C", "never"]), index=frame.index)
    assert "never" not in week_label_sums(frame["week"], labels, frame["tokens"]).columns
    expected = frame.groupby("week")["date"].nunique()
    assert days_per_week(frame["date"]).to_dict() == expected.to_dict()

"""The fast paths of the weekly shares (bincount sums, days per week, period slices) against plain pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd

from bot.analytics.week_sums import days_per_week, week_label_sums


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


def test_filter_period_slices_a_sorted_frame_exactly_as_a_mask_would():
    from datetime import date

    from bot.analytics import filter_period

    frame = _frame(3).sort_values("date", kind="stable").reset_index(drop=True)
    for start, end in [(date(2025, 1, 10), date(2025, 2, 20)), (None, date(2025, 1, 5)), (date(2025, 4, 1), None)]:
        mask = pd.Series(True, index=frame.index)
        if start:
            mask &= frame["date"] >= pd.Timestamp(start)
        if end:
            mask &= frame["date"] <= pd.Timestamp(end)
        assert filter_period(frame, start, end).equals(frame[mask])
        shuffled = frame.sample(frac=1, random_state=1)  # unsorted: the mask path
        assert filter_period(shuffled, start, end).sort_index().equals(frame[mask])

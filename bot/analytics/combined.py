"""Shares of a combination of groups across dimensions ('Chinese' and 'open weights'): weekly and over a period,
always of all tokens (the long tail stays in the denominator), with each group alone for comparison."""

from __future__ import annotations

import numpy as np
import pandas as pd

from bot.analytics.frame import group_labels


def _mask(frame: pd.DataFrame, groups: tuple[tuple[str, str], ...]) -> np.ndarray:
    """Rows that are in every (dimension, group) given."""
    mask = np.ones(len(frame), dtype=bool)
    for dimension, group in groups:
        mask &= (group_labels(frame, dimension) == group).to_numpy()
    return mask


def weekly_combined(frame: pd.DataFrame, series: dict[str, tuple[tuple[str, str], ...]]) -> pd.DataFrame:
    """Weekly percent of all tokens held by the rows of each named combination (columns: the series' names)."""
    tokens = frame["tokens"].to_numpy(dtype=np.float64)
    weeks = frame["week"]
    totals = pd.Series(tokens, index=frame.index).groupby(weeks).sum()
    columns = {
        name: pd.Series(np.where(_mask(frame, groups), tokens, 0.0), index=frame.index).groupby(weeks).sum()
        for name, groups in series.items()
    }
    return pd.DataFrame(columns).div(totals, axis=0) * 100


def period_combined(frame: pd.DataFrame, groups: tuple[tuple[str, str], ...]) -> float:
    """Percent of all tokens in the period held by rows in every group given."""
    tokens = frame["tokens"].to_numpy(dtype=np.float64)
    total = tokens.sum()
    return float(tokens[_mask(frame, groups)].sum() / total * 100) if total else 0.0

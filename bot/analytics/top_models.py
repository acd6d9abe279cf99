"""The most used models of the latest week, with their change against the week before."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from bot.analytics.frame import LONG_TAIL
from bot.analytics.shares import WeeklyShares, weekly_shares


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
    now = weekly.shares.loc[latest].drop([LONG_TAIL], errors="ignore").sort_values(ascending=False)
    before_rank = {}
    if previous is not None:
        before = weekly.shares.loc[previous].drop([LONG_TAIL], errors="ignore")
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

"""Numbers from the rankings: the joined frame, weekly and period shares, volumes, top models, and the data
snapshot every answer reads (loaded once per data version).

Owns no tables; reads the store (`bot.store`) and the refresh log's staleness note (`bot.live`). Imported by
`bot.ask` and `bot.digest`, never the other way round."""

from bot.analytics.combined import period_combined, weekly_combined
from bot.analytics.frame import (
    DIMENSIONS,
    LONG_TAIL,
    NOT_CLASSIFIED,
    STEALTH,
    UNKNOWN,
    group_labels,
    load_frame,
)
from bot.analytics.shares import (
    WeeklyShares,
    daily_volume,
    filter_period,
    period_shares,
    weekly_shares,
    weekly_volume,
)
from bot.analytics.top_models import TopModel, top_models

__all__ = [
    "DIMENSIONS",
    "LONG_TAIL",
    "NOT_CLASSIFIED",
    "STEALTH",
    "UNKNOWN",
    "TopModel",
    "WeeklyShares",
    "daily_volume",
    "filter_period",
    "group_labels",
    "load_frame",
    "period_combined",
    "period_shares",
    "top_models",
    "weekly_combined",
    "weekly_shares",
    "weekly_volume",
]

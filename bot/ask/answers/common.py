"""What every rankings answer shares: the rows of the asked period, its as_of, labels and the long tail."""

from __future__ import annotations

from datetime import date

import pandas as pd

from bot import analytics
from bot.analytics.snapshot import Data
from bot.ask.formatting import pct, span
from bot.ask.question import Question
from bot.ask.reply import KeyNumber
from bot.errors import NoData

SOURCE = "OpenRouter rankings"
MAX_KEYS = 4  # a short answer: the rest is in the chart and the table
METHOD = (
    "Weekly shares (ISO weeks, UTC) of OpenRouter's daily top-50 rankings plus the 'other' row, which is the "
    "unclassified long tail and stays in every denominator. Model variants (:free, :beta, :thinking) are merged; "
    "embedding models are left out; stealth models count as what they were revealed to be. Partial weeks are "
    "shares of the days present, never read as drops. The rankings cover top models only, so shares are not "
    "directly the study's whole-platform figures."
)


def select(data: Data, q: Question) -> pd.DataFrame:
    """The rankings rows in the asked period, or NoData naming what the store holds."""
    frame = analytics.filter_period(data.frame, q.start, q.end)
    if frame.empty:
        asked = q.period_label or "that period"
        raise NoData(
            f"No rankings data for {asked}. The store holds {data.days} days from "
            f"{span(data.first_day, data.last_day)} (as of {data.as_of})."
        )
    return frame


def as_of_of(frame: pd.DataFrame) -> str:
    """Cite the as_of of the rows actually used, not the newest in the store."""
    return str(frame["as_of"].max())


def period_text(frame: pd.DataFrame) -> str:
    days = frame["date"].dt.date
    weeks = frame["week"].nunique()
    return f"{span(days.min(), days.max())} ({days.nunique()} days of data in {weeks} weeks)"


def weeks_of(index) -> list[date]:
    return [pd.Timestamp(w).date() for w in index]


def long_tail_key(shares: pd.DataFrame, week, label: str) -> KeyNumber:
    """Every share says how big the unclassified long tail ('other' row) was in its denominator."""
    tail = float(shares.loc[week].get(analytics.LONG_TAIL, 0.0))
    return KeyNumber("Long tail ('other' row, unclassified)", pct(tail), label, SOURCE)


def coverage_key(shares: pd.DataFrame, week, label: str) -> KeyNumber:
    """What a share answer cannot attribute, said beside its numbers: the long tail ('other' row), models without
    evidence for this dimension (Unknown) and unrevealed stealth models, each as its share of the week."""
    parts = [("Long tail ('other')", analytics.LONG_TAIL), ("Unknown", analytics.UNKNOWN)]
    if float(shares.loc[week].get(analytics.STEALTH, 0.0)) > 0:
        parts.append(("Stealth", analytics.STEALTH))
    parts = [(name, column) for name, column in parts if column in shares or column == analytics.UNKNOWN]
    names = " / ".join(name for name, _ in parts)
    values = " / ".join(pct(float(shares.loc[week].get(column, 0.0))) for _, column in parts)
    return KeyNumber(names, values, label, SOURCE)


def weekly_table(shares: pd.DataFrame, days: pd.Series) -> list[list[str]]:
    header = ["week", "days"] + list(shares.columns)
    rows = [
        [pd.Timestamp(w).date().isoformat(), str(int(days[w]))] + [f"{v:.1f}" for v in shares.loc[w]]
        for w in shares.index
    ]
    return [header] + rows


def understood(q: Question) -> str:
    parts = [f"topic {q.topic}" + (f" ({q.model})" if q.model else "")]
    if q.period_label:
        parts.append(q.period_label)
    if q.top_n:
        parts.append(f"top {q.top_n}")
    if q.compare:
        parts.append("compare " + " vs ".join(q.focus))
    return "; ".join(parts)

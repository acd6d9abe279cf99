"""The study's figures that the rankings can measure, each recomputed from the rankings over the closest period.

The study saw all of OpenRouter's traffic from 2024-11-03 to 2025-11-30; the rankings name only each day's top 50
models (the rest is the 'other' row, which cannot be classified) and start on 2025-01-01. So each comparison
says which period it used and why the two numbers may differ."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

import pandas as pd

from bot.analytics.measurable import SPECS, Mask, Spec
from bot.analytics.shares import filter_period
from bot.store.periods import STUDY_END


@dataclass(frozen=True)
class Comparison:
    figure_id: str
    short: str  # a chart label: what is compared and when
    measure: str  # what the rankings value is, in words
    value: float
    unit: str  # "%", "tokens a day" or "tokens"
    start: date  # the rankings days used
    end: date
    why: tuple[str, ...]  # why the two numbers may differ
    detail: str = ""  # for a change: where it started and ended


def _weekly(frame: pd.DataFrame, mask: Mask) -> pd.Series:
    """Percent share of each week's tokens (every week with data, partial ones as shares of their days)."""
    totals = frame.groupby("week")["tokens"].sum()
    part = frame.loc[mask(frame)].groupby("week")["tokens"].sum().reindex(totals.index, fill_value=0)
    return part / totals * 100


def _span(frame: pd.DataFrame) -> tuple[date, date]:
    return frame["date"].min().date(), frame["date"].max().date()


FIRST_WEEKS = pd.Timedelta(days=31)  # January 2025, the rankings' first month


def _size_change(frame: pd.DataFrame, spec: Spec) -> tuple[float, str]:
    """A size class's share of the open-weight tokens in the first month of the days and in the last."""
    sized = frame[frame["open"] & ~frame["is_other"]]
    first, last = sized["date"].min(), sized["date"].max()
    shares = []
    for part in (sized[sized["date"] < first + FIRST_WEEKS], sized[sized["date"] > last - FIRST_WEEKS]):
        shares.append(float(part.loc[spec.mask(part), "tokens"].sum() / part["tokens"].sum() * 100))
    return shares[1] - shares[0], f"{shares[0]:.1f}% to {shares[1]:.1f}%"


def _measure(frame: pd.DataFrame, spec: Spec) -> float:
    if spec.statistic == "share":
        return float(frame.loc[spec.mask(frame), "tokens"].sum() / frame["tokens"].sum() * 100)
    if spec.statistic == "weekly-mean":
        return float(_weekly(frame, spec.mask).mean())
    if spec.statistic == "weekly-max":
        return float(_weekly(frame, spec.mask).max())
    if spec.statistic == "first-weeks":
        return float(_weekly(frame, spec.mask).min())
    if spec.statistic == "per-day":
        return float(frame.groupby("date")["tokens"].sum().mean())
    return float(frame.loc[spec.mask(frame), "tokens"].sum())


def _days(frame: pd.DataFrame, spec: Spec, figure: dict) -> pd.DataFrame:
    """The rankings days closest to the figure's period (its overlap with the series, else the series' start)."""
    start = date.fromisoformat(figure["period_start"]) if figure["period_start"] else None
    end = min(date.fromisoformat(figure["period_end"]), STUDY_END) if figure["period_end"] else STUDY_END
    if spec.statistic == "first-weeks":
        first = frame["date"].min()
        return filter_period(frame, first.date(), (first + FIRST_WEEKS - pd.Timedelta(days=1)).date())
    return filter_period(frame, start, end)


def _unit(spec: Spec) -> str:
    return {"per-day": "tokens a day", "tokens": "tokens", "size-change": "pts"}.get(spec.statistic, "%")


def compute(frame: pd.DataFrame, figures: dict[str, dict]) -> list[Comparison]:
    """One comparison per measurable figure the store holds as the study's own statement."""
    out = []
    for spec in SPECS:
        figure = figures.get(spec.figure_id)
        if not figure or not figure["statable"]:
            continue
        days = _days(frame, spec, figure)
        if days.empty:
            continue
        start, end = _span(days)
        if spec.statistic == "size-change":
            value, detail = _size_change(days, spec)
        else:
            value, detail = _measure(days, spec), ""
        out.append(
            Comparison(spec.figure_id, spec.short, spec.measure, value, _unit(spec), start, end, spec.why, detail)
        )
    return out


_lock = threading.Lock()
_cache: dict[tuple[int, int], list[Comparison]] = {}


def comparisons(version: int, frame: pd.DataFrame, figures: dict[str, dict]) -> list[Comparison]:
    """compute(), once per data version (every answer that quotes the study shows them)."""
    key = (version, id(frame))
    with _lock:
        if key not in _cache:
            _cache.clear()
            _cache[key] = compute(frame, figures)
        return _cache[key]

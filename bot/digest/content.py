"""The weekly digest's content: the latest week's headline numbers against the week before, movers, one chart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from bot import analytics, charts
from bot.analytics.snapshot import Data, current
from bot.analytics.week_sums import days_per_week
from bot.ask import cite
from bot.ask.answer import understand_and_answer
from bot.ask.answers.common import SOURCE, weeks_of
from bot.ask.formatting import pct, points_change, tokens, week_label
from bot.ask.question import Question
from bot.ask.reply import Answer, Chart, Citation, KeyNumber
from bot.config import Paths

CHART_WEEKS = 12  # the digest's chart shows the recent trend, not the whole series
# Share topics: (dimension, group, how the number is named)
SHARES = {
    "open-source": ("open", "Open weights", "Open-weight models' share"),
    "chinese": ("origin", "China", "Chinese models' share"),
    "reasoning": ("reasoning", "Reasoning", "Reasoning models' share"),
}
UNKNOWN_NAMES = {"open-source": "open weights", "chinese": "origin", "reasoning": "reasoning"}


@dataclass(frozen=True)
class Digest:
    topics: tuple[str, ...]
    stamp: str  # which data the numbers come from: a digest with the same stamp would repeat itself
    as_of: str
    last_day: date
    headline: str
    numbers: list[KeyNumber]
    movers: list[str]
    chart: Chart
    citations: list[Citation]
    details: list[tuple[Question, Answer]]  # the thread: one answer per topic, each with its own chart
    stale_note: str | None = None  # said while refreshes from OpenRouter fail: how old the numbers are
    coverage: str | None = None  # how much of the week is long tail or Unknown, beside the shares

    @property
    def follow_up_question(self) -> Question:
        """What a reply in the digest's thread is read against."""
        return self.details[0][0]


def data_stamp(data: Data) -> str:
    return f"{data.last_day.isoformat()}|{data.as_of}"


@dataclass(frozen=True)
class Weeks:
    latest: pd.Timestamp
    previous: pd.Timestamp | None
    latest_label: str
    previous_label: str | None
    days: pd.Series  # distinct days of data per week with data

    @property
    def period(self) -> str:
        return self.latest_label + (f", vs the {self.previous_label}" if self.previous_label else "")


def _weeks(frame: pd.DataFrame) -> Weeks:
    days = days_per_week(frame["date"])
    latest = days.index[-1]
    previous = days.index[-2] if len(days) > 1 else None
    previous_label = None
    if previous is not None:
        previous_label = week_label(previous, int(days[previous]))
        if previous != latest - timedelta(days=7):
            previous_label += " (the latest earlier week with data)"
    return Weeks(latest, previous, week_label(latest, int(days[latest])), previous_label, days)


def _share_number(frame: pd.DataFrame, weeks: Weeks, topic: str) -> tuple[KeyNumber, pd.Series, float]:
    """The topic's headline share with its change, the weekly series, and the latest week's Unknown share."""
    dimension, group, label = SHARES[topic]
    shares = analytics.weekly_shares(frame, dimension).shares
    series = shares[group] if group in shares else pd.Series(0.0, index=shares.index)
    now = float(series[weeks.latest])
    value = pct(now)
    if weeks.previous is not None:
        value += f" ({points_change(now, float(series[weeks.previous]))})"
    unknown = float(shares.loc[weeks.latest].get(analytics.UNKNOWN, 0.0))
    return KeyNumber(label, value, weeks.period, SOURCE), series, unknown


def _coverage(frame: pd.DataFrame, weeks: Weeks, unknown: dict[str, float]) -> str:
    """What the week's shares cannot attribute: the long tail, and per dimension the models without evidence."""
    week = frame[frame["week"] == weeks.latest]
    tail = week.loc[week["is_other"], "tokens"].sum() / week["tokens"].sum() * 100
    parts = [f"{name} {pct(share)}" for name, share in unknown.items()]
    unknown_text = f"; Unknown (no evidence): {', '.join(parts)}" if parts else ""
    return f"Not attributable in the {weeks.latest_label}: long tail ('other') {pct(tail)}{unknown_text}."


def _volume_number(frame: pd.DataFrame, weeks: Weeks) -> KeyNumber:
    per_day = analytics.weekly_volume(frame)["per_day"]
    now = float(per_day[weeks.latest])
    value = f"{tokens(now)} a day"
    if weeks.previous is not None:
        change = now / float(per_day[weeks.previous]) - 1
        value += f" ({'up' if change >= 0 else 'down'} {abs(change) * 100:.0f}%)"
    return KeyNumber("Tokens per day (weekly average)", value, weeks.period, SOURCE)


def _movers(frame: pd.DataFrame, weeks: Weeks) -> list[str]:
    """The biggest riser and faller in the top 10, and models new to it, against the previous week with data."""
    _, previous, rows = analytics.top_models(frame, 10)
    if previous is None:
        return [f"Top 10 in the {weeks.latest_label}: " + ", ".join(r.model for r in rows) + "."]
    lines = []
    moved = sorted((r for r in rows if r.previous_share is not None), key=lambda r: r.share - r.previous_share)
    for r in (moved[-1:] + moved[:1]) if moved else []:
        change = points_change(r.share, r.previous_share)
        lines.append(f"{r.model} (#{r.rank}): {pct(r.previous_share)} → {pct(r.share)} ({change})")
    new = [f"{r.model} (#{r.rank})" for r in rows if r.is_new]
    lines.append("New in the top 10: " + (", ".join(new) if new else "none") + ".")
    return lines


def _chart(series: dict[str, pd.Series], weeks: Weeks, as_of: str) -> Chart:
    days = weeks.days.tail(CHART_WEEKS)
    x = weeks_of(days.index)
    values = {name: [round(float(s.get(w, 0.0)), 2) for w in days.index] for name, s in series.items()}
    title = "Shares of tokens, recent weeks"
    subtitle = f"{week_label(days.index[0])} to {weeks.latest_label}"
    fig = charts.lines(
        x,
        values,
        [d < 7 for d in days],
        title=title,
        subtitle=subtitle,
        source=cite.openrouter(as_of).text,
        ylabel="Share of tokens (%)",
        value_format="{:.1f}%",
    )
    latest = "; ".join(f"{name} {v[-1]:.1f}%" for name, v in values.items())
    alt = f"{title}, {subtitle}. Latest week: {latest}."
    return Chart(charts.render_png(fig), title, "lines", alt, [d.isoformat() for d in x], values)


def build(paths: Paths, topics: tuple[str, ...], data: Data | None = None) -> Digest:
    """The digest for the latest week in the store; the same topics and data always give the same digest."""
    data = data or current(paths)
    frame = data.frame
    weeks = _weeks(frame)
    as_of = str(frame["as_of"].max())
    numbers, series, unknown = [], {}, {}
    for topic in topics:
        if topic in SHARES:
            number, values, unknown[UNKNOWN_NAMES[topic]] = _share_number(frame, weeks, topic)
            numbers.append(number)
            series[number.label.removesuffix("' share").removesuffix(" share")] = values
        elif topic == "volume":
            numbers.append(_volume_number(frame, weeks))
    movers = _movers(frame, weeks) if "top-models" in topics else []
    details = [understand_and_answer(topic, paths) for topic in topics]
    chart = _chart(series, weeks, as_of) if series else details[0][1].chart
    headline = f"AI usage this week: the {weeks.latest_label}, data through {data.last_day.isoformat()}"
    coverage = _coverage(frame, weeks, unknown) if unknown else None
    return Digest(
        topics,
        data_stamp(data),
        as_of,
        data.last_day,
        headline,
        numbers,
        movers,
        chart,
        [cite.openrouter(as_of)],
        details,
        data.stale_note,
        coverage,
    )


def unchanged_text(data: Data, last_period: str) -> str:
    """Said instead of a digest when no new data arrived since the last one: old numbers are not news."""
    return (
        f"No new usage data since the last digest ({last_period}): the rankings still end on "
        f"{data.last_day.isoformat()} (as of {data.as_of}). I'll post again once newer data is loaded."
    )

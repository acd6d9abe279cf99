"""Token volume from the rankings: tokens per day, averaged per week so partial weeks stay comparable."""

from __future__ import annotations

import pandas as pd

from bot import analytics, charts
from bot.analytics.snapshot import Data
from bot.ask import cite, topics
from bot.ask.answers.common import (
    SOURCE,
    as_of_of,
    period_text,
    select,
    understood,
    weeks_of,
)
from bot.ask.formatting import tokens, week_label
from bot.ask.question import Question
from bot.ask.reply import Answer, Chart, KeyNumber
from bot.ask.study import anchor_key_numbers, chart_anchors


def _scale(largest: float) -> tuple[float, str, str]:
    """Trillions once the series reaches a trillion a day (the axis stays short), billions before."""
    return (1e12, "trillions", "T") if largest >= 1e12 else (1e9, "billions", "B")


def volume_answer(data: Data, q: Question) -> Answer:
    """Tokens per day, averaged per week so that partial weeks stay comparable."""
    frame = select(data, q)
    as_of = as_of_of(frame)
    weekly = analytics.weekly_volume(frame)
    first, last = weekly.index[0], weekly.index[-1]
    last_label = week_label(last, int(weekly.loc[last, "days"]))
    now = float(weekly.loc[last, "per_day"])
    headline = f"The ranked models processed {tokens(now)} tokens a day on average in the {last_label}"
    changes = []
    if first != last:
        before = float(weekly.loc[first, "per_day"])
        headline += f", {now / before:.1f}x the {tokens(before)} a day of the {week_label(first)}"
    daily = analytics.daily_volume(frame)
    keys = [
        KeyNumber("Tokens per day, latest week (average)", tokens(now), last_label, SOURCE),
        KeyNumber("Busiest day", tokens(float(daily.max())), daily.idxmax().date().isoformat(), SOURCE),
        KeyNumber("Tokens in the period", tokens(float(daily.sum())), period_text(frame), SOURCE),
    ]
    weeks = weeks_of(weekly.index)
    scale, unit, short = _scale(float(weekly["per_day"].max()))
    values = [round(float(v) / scale, 2) for v in weekly["per_day"]]
    anchors = chart_anchors(data, topics.get("volume").anchors, weeks[0], weeks[-1], scale=scale)
    period = period_text(frame)
    fig = charts.lines(
        weeks,
        {f"Tokens per day ({unit})": values},
        [d < 7 for d in weekly["days"]],
        title="Token volume of the ranked models",
        subtitle=period,
        source=cite.openrouter(as_of).text,
        ylabel=f"{unit.capitalize()} of tokens a day (weekly avg.)",
        value_format="{:.1f}" + short if scale == 1e12 else "{:.0f}" + short,
        anchors=anchors,
    )
    alt = f"Token volume of the ranked models: average tokens per day by week, {period}; latest {tokens(now)} a day."
    chart = Chart(
        charts.render_png(fig),
        "Token volume of the ranked models",
        "lines",
        alt,
        [w.isoformat() for w in weeks],
        {f"{unit} of tokens per day": values},
        [a.to_dict() for a in anchors],
    )
    table = [["week", "days", "tokens", "tokens per day"]] + [
        [pd.Timestamp(w).date().isoformat(), str(int(r.days)), str(int(r.tokens)), str(int(r.per_day))]
        for w, r in weekly.iterrows()
    ]
    method = (
        "Tokens of every text model in the daily rankings plus the long tail ('other' row; embedding models "
        "left out), summed per day; weeks show the average per day over the days present, so a partial week "
        "does not look like a drop."
    )
    return Answer(
        q.topic,
        q.text,
        headline + ".",
        period,
        keys,
        changes,
        method,
        [cite.openrouter(as_of), cite.study(["platform-scale"])],
        chart,
        table,
        understood(q),
        anchor_key_numbers(data, topics.get("volume").anchors),
    )

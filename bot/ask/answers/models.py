"""Model answers from the rankings: the top N of the latest week with movers, and one model by name."""

from __future__ import annotations

from bot import analytics, charts
from bot.analytics.snapshot import Data
from bot.ask import cite, topics
from bot.ask.answers.common import (
    METHOD,
    SOURCE,
    as_of_of,
    long_tail_key,
    period_text,
    select,
    understood,
    weekly_table,
    weeks_of,
)
from bot.ask.formatting import pct, points_change, week_label
from bot.ask.question import Question
from bot.ask.reply import Answer, Chart, KeyNumber
from bot.ask.study import anchor_key_numbers
from bot.errors import NoData, NotUnderstood


def top_models_answer(data: Data, q: Question) -> Answer:
    """The latest week's leaders with week-over-week change and new entrants."""
    frame = select(data, q)
    as_of = as_of_of(frame)
    n = q.top_n or 10
    # The comparison week may fall before the asked period ('top models last week' still shows movers).
    compared = analytics.filter_period(data.frame, None, q.end)
    weekly = analytics.weekly_shares(compared, "model")
    latest, previous, rows = analytics.top_models(compared, n, weekly)
    days = int(frame.loc[frame["week"] == latest, "date"].nunique())
    latest_label = week_label(latest, days)
    prev_label = week_label(previous) if previous is not None else None
    leader = rows[0]
    headline = f"{leader.model} ({leader.vendor}) led the {latest_label} with {pct(leader.share)} of tokens"
    new = [r.model for r in rows if r.is_new]
    changes = []
    if prev_label:
        changes.append(f"Compared with the {prev_label} (the previous week in the data).")
        movers = sorted((r for r in rows if r.previous_share is not None), key=lambda r: r.share - r.previous_share)
        for r in (movers[-1:] + movers[:1]) if movers else []:
            changes.append(
                f"{r.model}: {pct(r.previous_share)} → {pct(r.share)} ({points_change(r.share, r.previous_share)})"
            )
        if new:
            changes.append(f"New in the top {n}: {', '.join(new)}.")
    keys = [KeyNumber(f"#{r.rank} {r.model}", pct(r.share), latest_label, SOURCE) for r in rows[:3]]
    keys.append(long_tail_key(weekly.shares, latest, latest_label))
    labels = [f"{r.rank}. {r.model}" + (" (new)" if r.is_new and prev_label else "") for r in rows]
    value_labels = [
        f"{r.share:.1f}%" + (f" ({points_change(r.share, r.previous_share)})" if r.previous_share is not None else "")
        for r in rows
    ]
    title = f"Top {n} models by share of tokens"
    subtitle = latest_label + (f"; change and (new) vs the {prev_label}" if prev_label else "")
    fig = charts.bars(
        labels,
        [r.share for r in rows],
        title=title,
        subtitle=subtitle,
        source=cite.openrouter(as_of).text,
        ylabel="Share of tokens (%)",
        value_labels=value_labels,
    )
    alt = f"{title}, {latest_label}: " + "; ".join(f"{r.model} {r.share:.1f}%" for r in rows)
    shares = {"share": [round(r.share, 2) for r in rows]}
    chart = Chart(charts.render_png(fig), title, "bars", alt, [r.model for r in rows], shares)
    table = [["rank", "model", "vendor", "share %", "previous share %"]] + [
        [str(r.rank), r.model, r.vendor, f"{r.share:.1f}", f"{r.previous_share:.1f}" if r.previous_share else ""]
        for r in rows
    ]
    return Answer(
        q.topic,
        q.text,
        headline + ".",
        period_text(frame),
        keys,
        changes,
        METHOD,
        [cite.openrouter(as_of), cite.study(["top-models"])],
        chart,
        table,
        understood(q),
        anchor_key_numbers(data, topics.get("top-models").anchors),
    )


def model_answer(data: Data, q: Question) -> Answer:
    """One model's weekly share and rank."""
    frame = select(data, q)
    as_of = as_of_of(frame)
    weekly = analytics.weekly_shares(frame, "model")
    if q.model not in weekly.shares:
        raise NoData(f"{q.model} is not in the rankings for {period_text(frame)}.")
    share = weekly.shares[q.model]
    ranks = weekly.shares.drop(columns=[analytics.LONG_TAIL], errors="ignore").rank(
        axis=1, ascending=False, method="min"
    )[q.model]
    last = share.index[-1]
    last_label = week_label(last, int(weekly.days[last]))
    present = share[share > 0]
    info = frame[frame["model"] == q.model].iloc[0]
    vendor = info["vendor"] if isinstance(info["vendor"], str) else "vendor not classified"
    if share[last] > 0:
        headline = f"{q.model} ({vendor}) had {pct(float(share[last]))} of tokens in the {last_label}"
        headline += f", rank {int(ranks[last])}"
        latest = KeyNumber("Share, latest week", pct(float(share[last])), last_label, SOURCE)
    else:
        # Outside the day's top 50 a model's tokens are in the 'other' row: its share is unknown, not zero.
        seen = present.index[-1]
        headline = (
            f"{q.model} ({vendor}) was not in the daily top 50 in the {last_label}; its last week in the "
            f"rankings was the {week_label(seen)}, with {pct(float(present[seen]))} of tokens"
        )
        latest = KeyNumber("Share, latest week", "below the top 50 (in 'other')", last_label, SOURCE)
    keys = [
        latest,
        KeyNumber(
            "Peak weekly share",
            pct(float(present.max())) if len(present) else "0.0%",
            week_label(present.idxmax()) if len(present) else "-",
            SOURCE,
        ),
        long_tail_key(weekly.shares, last, last_label),
    ]
    weeks = weeks_of(share.index)
    partial = [d < 7 for d in weekly.days]
    values = [round(float(v), 2) if v > 0 else None for v in share]
    period = period_text(frame)
    fig = charts.lines(
        weeks,
        {q.model: values},
        partial,
        title=f"{q.model}: share of tokens",
        subtitle=period,
        source=cite.openrouter(as_of).text,
        ylabel="Share of tokens (%)",
        value_format="{:.1f}%",
    )
    alt = f"{q.model}: share of tokens by week, {period}; latest {float(share[last]):.1f}%."
    chart = Chart(
        charts.render_png(fig),
        f"{q.model}: share of tokens",
        "lines",
        alt,
        [w.isoformat() for w in weeks],
        {q.model: values},
    )
    return Answer(
        q.topic,
        q.text,
        headline + ".",
        period,
        keys,
        [],
        METHOD,
        [cite.openrouter(as_of)],
        chart,
        weekly_table(weekly.shares[[q.model]], weekly.days),
        understood(q),
    )


def which_model(data: Data, q: Question) -> Answer:
    """'model' alone names no model: say so, with the latest week's leaders to try."""
    weekly = analytics.weekly_shares(data.frame, "model")
    _, _, rows = analytics.top_models(data.frame, 3, weekly)
    names = [r.model for r in rows]
    raise NotUnderstood(
        "Which model? Name one as the rankings do, e.g. " + ", ".join(names) + ", or ask for the top models.",
        ["model", "top-models"],
        [*names, "top models"],
    )

"""Answers computed from the OpenRouter rankings, with the study's anchor figures beside them."""

from __future__ import annotations

from datetime import date

import pandas as pd

from bot import analytics, charts, cite, topics
from bot.data import Data
from bot.errors import NoData
from bot.formatting import pct, points_change, span, tokens, week_label
from bot.question import Question
from bot.reply import Answer, Chart, KeyNumber
from bot.study import anchor_key_numbers, chart_anchors

SOURCE = "OpenRouter rankings"
MAX_KEYS = 4  # a short answer: the rest is in the chart and the table
MAX_GROUPS = 6  # beyond this, a stacked chart stops being readable at Slack's preview size
TITLES = {
    "open": "Open-weight vs closed models: share of tokens",
    "origin": "Models by country of origin: share of tokens",
    "reasoning": "Reasoning vs non-reasoning models: share of tokens",
    "size": "Open-weight models by size: share of open-weight tokens",
    "vendor": "Vendors: share of tokens",
}
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


def _as_of(frame: pd.DataFrame) -> str:
    """Cite the as_of of the rows actually used, not the newest in the store."""
    return str(frame["as_of"].max())


def _period_text(frame: pd.DataFrame) -> str:
    days = frame["date"].dt.date
    weeks = frame["week"].nunique()
    return f"{span(days.min(), days.max())} ({days.nunique()} days of data in {weeks} weeks)"


def _weeks(index) -> list[date]:
    return [pd.Timestamp(w).date() for w in index]


def _limit_groups(shares: pd.DataFrame, keep: tuple[str, ...]) -> pd.DataFrame:
    """Keep the biggest groups (and any the user named); fold the rest into 'Other vendors'."""
    fixed = [c for c in (analytics.LONG_TAIL, analytics.UNCLASSIFIED) if c in shares]
    ranked = [c for c in shares.sum().sort_values(ascending=False).index if c not in fixed]
    chosen = list(dict.fromkeys([k for k in keep if k in shares] + ranked))[:MAX_GROUPS]
    rest = [c for c in ranked if c not in chosen]
    out = shares[chosen].copy()
    if rest:
        out["Other vendors"] = shares[rest].sum(axis=1)
    for column in fixed:
        out[column] = shares[column]
    return out


def _share_chart(
    data: Data,
    as_of: str,
    q: Question,
    weekly: analytics.WeeklyShares,
    shown: pd.DataFrame,
    focus: str | None,
    period: str,
) -> Chart:
    topic = topics.get(q.topic)
    weeks = _weeks(shown.index)
    order = _stack_order(shown, focus)
    series = {name: [round(float(v), 2) for v in shown[name]] for name in order}
    partial = [not c for c in weekly.complete]
    anchors = chart_anchors(data, topic.anchors, weeks[0], weeks[-1])
    kwargs = dict(
        title=TITLES[topic.dimension],
        subtitle=period,
        source=cite.openrouter(as_of).text + " Diamonds: State of AI study figures.",
    )
    if q.compare and len(q.focus) >= 2:
        fig = charts.lines(
            weeks,
            {g: series[g] for g in q.focus if g in series},
            partial,
            ylabel="Share of tokens (%)",
            anchors=anchors,
            **kwargs,
        )
        kind = "lines"
    else:
        fig = charts.stacked_share(weeks, series, partial, label_series=focus, anchors=anchors, **kwargs)
        kind = "stacked-share"
    latest = ", ".join(f"{name} {values[-1]:.1f}%" for name, values in series.items())
    alt = f"{TITLES[topic.dimension]}, {period}. Latest week: {latest}."
    return Chart(
        charts.render_png(fig),
        TITLES[topic.dimension],
        kind,
        alt,
        [w.isoformat() for w in weeks],
        series,
        [vars(a) | {"start": a.start.isoformat(), "end": a.end.isoformat()} for a in anchors],
    )


def _stack_order(shares: pd.DataFrame, focus: str | None) -> list[str]:
    """The focus group at the bottom (easiest to read), then by size, the unclassified buckets on top."""
    muted = [c for c in (analytics.UNCLASSIFIED, "Other vendors", analytics.LONG_TAIL) if c in shares]
    ranked = [c for c in shares.mean().sort_values(ascending=False).index if c not in muted and c != focus]
    return ([focus] if focus in shares else []) + ranked + muted


def _focus_group(q: Question, shares: pd.DataFrame) -> str:
    for group in q.focus:
        if group in shares:
            return group
    named = [c for c in shares.columns if c not in (analytics.LONG_TAIL, analytics.UNCLASSIFIED)]
    return max(named, key=lambda c: shares[c].iloc[-1])


def share_answer(data: Data, q: Question) -> Answer:
    """Open/closed, origin, reasoning, size and vendor shares."""
    topic = topics.get(q.topic)
    frame = select(data, q)
    as_of = _as_of(frame)
    weekly = analytics.weekly_shares(frame, topic.dimension)
    shown = _limit_groups(weekly.shares, q.focus) if topic.dimension == "vendor" else weekly.shares
    focus = _focus_group(q, shown)
    period = _period_text(frame)
    first, last = weekly.shares.index[0], weekly.shares.index[-1]
    last_label = week_label(last, int(weekly.days[last]))
    overall = analytics.period_shares(frame, topic.dimension)
    now = float(shown.loc[last, focus])
    headline = f"{focus}: {pct(now)} of {_denominator(topic.dimension)} in the {last_label}"
    changes = []
    if first != last:
        before = float(shown.loc[first, focus])
        first_label = week_label(first, int(weekly.days[first]))
        headline += f", {points_change(now, before)} from {pct(before)} in the {first_label}"
        changes = _movers(shown, first, last)
    keys = [
        KeyNumber(f"{g} share, latest week", pct(float(shown.loc[last, g])), last_label, SOURCE)
        for g in (q.focus or (focus,))
        if g in shown
    ][:2]
    keys.append(KeyNumber(f"{focus} share, whole period", pct(float(overall.get(focus, 0.0))), period, SOURCE))
    keys += _extra_keys(q, frame, last, last_label)
    if topic.dimension != "size":  # size shares are of open-weight tokens, which the long tail cannot be split into
        keys = keys[: MAX_KEYS - 1] + [_long_tail_key(weekly.shares, last, last_label)]
    return Answer(
        topic=q.topic,
        question=q.text,
        headline=headline + ".",
        period=period,
        key_numbers=keys[:MAX_KEYS],
        changes=changes,
        method=METHOD + _size_note(topic.dimension) + _stealth_note(frame),
        citations=_citations(data, as_of, topic),
        chart=_share_chart(data, as_of, q, weekly, shown, focus, period),
        table=_table(shown, weekly.days),
        understood=_understood(q),
        study_figures=anchor_key_numbers(data, topic.anchors + topic.study_keys)[:3],
    )


def _stealth_note(frame: pd.DataFrame) -> str:
    """Say how much of the period rests on a stealth model's later reveal."""
    share = frame.loc[frame["stealth"] == 1, "tokens"].sum() / frame["tokens"].sum() * 100
    return f" Stealth models in this period: {pct(float(share))} of tokens." if share > 0 else ""


def _long_tail_key(shares: pd.DataFrame, week, label: str) -> KeyNumber:
    """Every share says how big the unclassified long tail ('other' row) was in its denominator."""
    tail = float(shares.loc[week].get(analytics.LONG_TAIL, 0.0))
    return KeyNumber("Long tail ('other' row, unclassified)", pct(tail), label, SOURCE)


def _denominator(dimension: str) -> str:
    return "open-weight tokens among the ranked models" if dimension == "size" else "tokens"


def _size_note(dimension: str) -> str:
    if dimension != "size":
        return ""
    return (
        " Size shares are of open-weight tokens in the top 50 only (the long tail cannot be sized); small < 15B, "
        "medium 15-70B, large > 70B total parameters, as the study defines them."
    )


def _extra_keys(q: Question, frame: pd.DataFrame, last, last_label: str) -> list[KeyNumber]:
    """For origin: the Chinese open-weight share, the measure the study's own figures use."""
    if q.topic != "chinese":
        return []
    week = frame[frame["week"] == last]
    cn_open = week.loc[(week["origin"] == "China") & week["open"], "tokens"].sum() / week["tokens"].sum() * 100
    return [KeyNumber("Chinese open-weight models, latest week", pct(float(cn_open)), last_label, SOURCE)]


def _movers(shares: pd.DataFrame, first, last) -> list[str]:
    diff = (shares.loc[last] - shares.loc[first]).sort_values()
    lines = []
    for name in [diff.index[-1], diff.index[0]]:
        change = float(diff[name])
        if abs(change) >= 0.1 and name not in (analytics.LONG_TAIL,):
            lines.append(
                f"{name}: {pct(float(shares.loc[first, name]))} → {pct(float(shares.loc[last, name]))} "
                f"({points_change(float(shares.loc[last, name]), float(shares.loc[first, name]))})"
            )
    return list(dict.fromkeys(lines))


def _table(shares: pd.DataFrame, days: pd.Series) -> list[list[str]]:
    header = ["week", "days"] + list(shares.columns)
    rows = [
        [pd.Timestamp(w).date().isoformat(), str(int(days[w]))] + [f"{v:.1f}" for v in shares.loc[w]]
        for w in shares.index
    ]
    return [header] + rows


def _citations(data: Data, as_of: str, topic: topics.Topic) -> list:
    out = [cite.openrouter(as_of)]
    if topic.anchors:
        out.append(cite.study([data.figure(f)["topic"] for f in topic.anchors if f in data.figures]))
    if topic.dimension in ("open", "size"):
        out.append(cite.labels())
    return out


def _understood(q: Question) -> str:
    parts = [f"topic {q.topic}" + (f" ({q.model})" if q.model else "")]
    if q.period_label:
        parts.append(q.period_label)
    if q.top_n:
        parts.append(f"top {q.top_n}")
    if q.compare:
        parts.append("compare " + " vs ".join(q.focus))
    return "; ".join(parts)


def top_models_answer(data: Data, q: Question) -> Answer:
    """The latest week's leaders with week-over-week change and new entrants."""
    frame = select(data, q)
    as_of = _as_of(frame)
    n = q.top_n or 10
    # The comparison week may fall before the asked period ('top models last week' still shows movers).
    compared = analytics.filter_period(data.frame, None, q.end)
    latest, previous, rows = analytics.top_models(compared, n)
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
    keys.append(_long_tail_key(analytics.weekly_shares(compared, "model").shares, latest, latest_label))
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
        _period_text(frame),
        keys,
        changes,
        METHOD,
        [cite.openrouter(as_of), cite.study(["top-models"])],
        chart,
        table,
        _understood(q),
        anchor_key_numbers(data, topics.get("top-models").anchors),
    )


def model_answer(data: Data, q: Question) -> Answer:
    """One model's weekly share and rank."""
    frame = select(data, q)
    as_of = _as_of(frame)
    weekly = analytics.weekly_shares(frame, "model")
    if q.model not in weekly.shares:
        raise NoData(f"{q.model} is not in the rankings for {_period_text(frame)}.")
    share = weekly.shares[q.model]
    ranks = weekly.shares.drop(columns=[analytics.LONG_TAIL, analytics.UNCLASSIFIED], errors="ignore").rank(
        axis=1, ascending=False, method="min"
    )[q.model]
    last = share.index[-1]
    last_label = week_label(last, int(weekly.days[last]))
    present = share[share > 0]
    info = frame[frame["model"] == q.model].iloc[0]
    headline = f"{q.model} ({info['vendor']}) had {pct(float(share[last]))} of tokens in the {last_label}"
    if share[last] > 0:
        headline += f", rank {int(ranks[last])}"
    keys = [
        KeyNumber("Share, latest week", pct(float(share[last])), last_label, SOURCE),
        KeyNumber(
            "Peak weekly share",
            pct(float(present.max())) if len(present) else "0.0%",
            week_label(present.idxmax()) if len(present) else "-",
            SOURCE,
        ),
        _long_tail_key(weekly.shares, last, last_label),
    ]
    weeks = _weeks(share.index)
    partial = [d < 7 for d in weekly.days]
    values = [round(float(v), 2) if v > 0 else None for v in share]
    period = _period_text(frame)
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
        _table(weekly.shares[[q.model]], weekly.days),
        _understood(q),
    )


def volume_answer(data: Data, q: Question) -> Answer:
    """Tokens per day, averaged per week so that partial weeks stay comparable."""
    frame = select(data, q)
    as_of = _as_of(frame)
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
        KeyNumber("Tokens in the period", tokens(float(daily.sum())), _period_text(frame), SOURCE),
    ]
    weeks = _weeks(weekly.index)
    values = [round(float(v) / 1e9, 2) for v in weekly["per_day"]]
    anchors = chart_anchors(data, topics.get("volume").anchors, weeks[0], weeks[-1], scale=1e9)
    period = _period_text(frame)
    fig = charts.lines(
        weeks,
        {"Tokens per day (billions)": values},
        [d < 7 for d in weekly["days"]],
        title="Token volume of the ranked models",
        subtitle=period,
        source=cite.openrouter(as_of).text,
        ylabel="Billion tokens per day (weekly average)",
        value_format="{:.0f}B",
        anchors=anchors,
    )
    alt = f"Token volume of the ranked models: average tokens per day by week, {period}; latest {tokens(now)} a day."
    chart = Chart(
        charts.render_png(fig),
        "Token volume of the ranked models",
        "lines",
        alt,
        [w.isoformat() for w in weeks],
        {"billion tokens per day": values},
        [vars(a) | {"start": a.start.isoformat(), "end": a.end.isoformat()} for a in anchors],
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
        _understood(q),
        anchor_key_numbers(data, topics.get("volume").anchors),
    )

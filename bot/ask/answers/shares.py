"""Share answers from the rankings: open vs closed, origin, reasoning, size and vendors, with the study beside them."""

from __future__ import annotations

import pandas as pd

from bot import analytics, charts
from bot.analytics.snapshot import Data
from bot.ask import cite, topics
from bot.ask.answers.common import (
    MAX_KEYS,
    METHOD,
    SOURCE,
    as_of_of,
    coverage_key,
    period_text,
    select,
    understood,
    weekly_table,
    weeks_of,
)
from bot.ask.formatting import pct, points_change, week_label
from bot.ask.question import Question
from bot.ask.reply import Answer, Chart, KeyNumber
from bot.ask.study import anchor_key_numbers, chart_anchors

MAX_GROUPS = 8  # the palette's colours; beyond this a stacked chart stops being readable in a chat preview
OTHER_VENDORS = "Other vendors"
RECENT_WEEKS, RECENT_LEADERS = 13, 5  # the last quarter's five biggest vendors are always shown
TITLES = {
    "open": "Open-weight vs closed models: share of tokens",
    "origin": "Models by country of origin: share of tokens",
    "reasoning": "Reasoning vs non-reasoning models: share of tokens",
    "size": "Open-weight models by size: share of open-weight tokens",
    "vendor": "Vendors: share of tokens",
}


def _limit_groups(shares: pd.DataFrame, keep: tuple[str, ...]) -> pd.DataFrame:
    """Keep the groups the user named, today's leaders and the period's, up to MAX_GROUPS; fold the rest into
    'Other vendors'. Over two years the leaders change, so the recent weeks choose first."""
    fixed = [c for c in analytics.NOT_CLASSIFIED if c in shares]
    ranked = [c for c in shares.sum().sort_values(ascending=False).index if c not in fixed]
    recent = [c for c in shares.tail(RECENT_WEEKS).mean().sort_values(ascending=False).index if c not in fixed]
    named = [k for k in keep if k in shares]
    chosen = list(dict.fromkeys(named + recent[:RECENT_LEADERS] + ranked))[:MAX_GROUPS]
    rest = [c for c in ranked if c not in chosen]
    out = shares[chosen].copy()
    if rest:
        out[OTHER_VENDORS] = shares[rest].sum(axis=1)
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
    weeks = weeks_of(shown.index)
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
        [a.to_dict() for a in anchors],
    )


def _stack_order(shares: pd.DataFrame, focus: str | None) -> list[str]:
    """The focus group at the bottom (easiest to read), then by size, the unclassified buckets on top."""
    muted = [c for c in (OTHER_VENDORS, *analytics.NOT_CLASSIFIED) if c in shares]
    ranked = [c for c in shares.mean().sort_values(ascending=False).index if c not in muted and c != focus]
    return ([focus] if focus in shares else []) + ranked + muted


def _focus_group(q: Question, shares: pd.DataFrame) -> str:
    for group in q.focus:
        if group in shares:
            return group
    named = [c for c in shares.columns if c not in (*analytics.NOT_CLASSIFIED, OTHER_VENDORS)]
    return max(named, key=lambda c: shares[c].iloc[-1])


def share_answer(data: Data, q: Question) -> Answer:
    """Open/closed, origin, reasoning, size and vendor shares."""
    topic = topics.get(q.topic)
    frame = select(data, q)
    as_of = as_of_of(frame)
    weekly = analytics.weekly_shares(frame, topic.dimension)
    shown = _limit_groups(weekly.shares, q.focus) if topic.dimension == "vendor" else weekly.shares
    focus = _focus_group(q, shown)
    period = period_text(frame)
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
    keys = keys[: MAX_KEYS - 1] + [coverage_key(weekly.shares, last, last_label)]
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
        table=weekly_table(shown, weekly.days),
        understood=understood(q),
        study_figures=anchor_key_numbers(data, topic.anchors + topic.study_keys)[:3],
    )


def _stealth_note(frame: pd.DataFrame) -> str:
    """Say how much of the period rests on a stealth model's later reveal."""
    share = frame.loc[frame["stealth"] == 1, "tokens"].sum() / frame["tokens"].sum() * 100
    return f" Stealth models in this period: {pct(float(share))} of tokens." if share > 0 else ""


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


def _citations(data: Data, as_of: str, topic: topics.Topic) -> list:
    out = [cite.openrouter(as_of)]
    if topic.anchors:
        out.append(cite.study([data.figure(f)["topic"] for f in topic.anchors if f in data.figures]))
    if topic.dimension in ("open", "size"):
        out.append(cite.labels())
    return out

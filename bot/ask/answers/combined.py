"""Answers for a combination of share dimensions ('chinese open-weight share', 'closed reasoning models'): the
share of all tokens held by models in every group named, week by week, beside each group alone."""

from __future__ import annotations

import pandas as pd

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
from bot.ask.groups import GROUP_WORDS
from bot.ask.question import Question
from bot.ask.reply import Answer, Chart, KeyNumber
from bot.ask.study import anchor_key_numbers, chart_anchors
from bot.ask.words import normalise, stems
from bot.store.search import expand

DIMENSION_OF_TOPIC = {t.name: t.dimension for t in topics.TOPICS if t.dimension}


def combined_label(groups: tuple[tuple[str, str], ...]) -> str:
    """'China + Open weights' for the rows in both groups."""
    return " + ".join(group for _, group in groups)


def combined_answer(data: Data, q: Question) -> Answer:
    """Weekly share of all tokens of the models in every group the question names."""
    frame = select(data, q)
    as_of = as_of_of(frame)
    dimension = DIMENSION_OF_TOPIC[q.topic]
    combos = {combined_label(((dimension, g), *q.within)): ((dimension, g), *q.within) for g in q.focus[:2]}
    alone = {g: ((d, g),) for d, g in [(dimension, q.focus[0]), *q.within]}
    shares = analytics.weekly_combined(frame, combos | {k: v for k, v in alone.items() if k not in combos})
    weekly = analytics.weekly_shares(frame, dimension)
    first, last = shares.index[0], shares.index[-1]
    last_label = week_label(last, int(weekly.days[last]))
    main = next(iter(combos))
    now = float(shares.loc[last, main])
    headline = f"{main}: {pct(now)} of all tokens in the {last_label}"
    if first != last:
        before = float(shares.loc[first, main])
        headline += f", {points_change(now, before)} from {pct(before)} in the {week_label(first)}"
    period = period_text(frame)
    keys = [
        KeyNumber(f"{name} share, latest week", pct(float(shares.loc[last, name])), last_label, SOURCE)
        for name in combos
    ]
    keys.append(
        KeyNumber(f"{main} share, whole period", pct(analytics.period_combined(frame, combos[main])), period, SOURCE)
    )
    keys.append(
        KeyNumber(
            f"{q.focus[0]} (all) share, latest week", pct(float(shares.loc[last, q.focus[0]])), last_label, SOURCE
        )
    )
    keys = keys[:3] + [long_tail_key(weekly.shares, last, last_label)]
    figures = _matching_figures(data, q, dimension)
    return Answer(
        topic=q.topic,
        question=q.text,
        headline=headline + ".",
        period=period,
        key_numbers=keys,
        changes=[
            f"{name}: {pct(float(shares.loc[first, name]))} → {pct(float(shares.loc[last, name]))}"
            for name in shares.columns
            if first != last
        ],
        method=METHOD + f" Combined: the share of all tokens held by models that are {_both(combos[main])} at once; "
        "each group alone is shown beside it.",
        citations=_citations(data, as_of, q, dimension, figures),
        chart=_chart(data, as_of, shares, weekly, figures, period),
        table=weekly_table(shares, weekly.days),
        understood=understood(q) + "; within " + ", ".join(g for _, g in q.within),
        study_figures=anchor_key_numbers(data, tuple(figures)),
    )


def _both(groups: tuple[tuple[str, str], ...]) -> str:
    return " and ".join(group for _, group in groups)


def _matching_figures(data: Data, q: Question, dimension: str) -> list[str]:
    """The topic's study figures about this very combination: their segment names every group ('Chinese OSS')."""
    topic = topics.get(q.topic)
    wanted = [(dimension, q.focus[0]), *q.within]
    words = {
        group: {stems(w)[0] for w, g in GROUP_WORDS.get(d, {}).items() if g == group and len(w.split()) == 1}
        for d, group in wanted
    }
    out = []
    for fid in topic.anchors + topic.study_keys:
        row = data.figures.get(fid)
        held = set(stems(normalise(expand(row["segment"])))) if row else set()
        if row and all(w & held for w in words.values()):
            out.append(fid)
    return out


def _chart(data: Data, as_of: str, shares: pd.DataFrame, weekly, figures: list[str], period: str) -> Chart:
    weeks = weeks_of(shares.index)
    series = {name: [round(float(v), 2) for v in shares[name]] for name in shares.columns}
    anchors = chart_anchors(data, tuple(figures), weeks[0], weeks[-1])
    title = f"{shares.columns[0]}: share of all tokens"
    fig = charts.lines(
        weeks,
        series,
        [not c for c in weekly.complete.reindex(shares.index).fillna(False)],
        title=title,
        subtitle=period,
        source=cite.openrouter(as_of).text + (" Diamonds: State of AI study figures." if anchors else ""),
        ylabel="Share of all tokens (%)",
        value_format="{:.1f}%",
        anchors=anchors,
    )
    latest = ", ".join(f"{name} {values[-1]:.1f}%" for name, values in series.items())
    alt = f"{title}, {period}. Latest week: {latest}."
    return Chart(
        charts.render_png(fig),
        title,
        "lines",
        alt,
        [w.isoformat() for w in weeks],
        series,
        [a.to_dict() for a in anchors],
    )


def _citations(data: Data, as_of: str, q: Question, dimension: str, figures: list[str]) -> list:
    out = [cite.openrouter(as_of)]
    if figures:
        out.append(cite.study([data.figure(f)["topic"] for f in figures]))
    if "open" in {dimension, *(d for d, _ in q.within)}:
        out.append(cite.labels())
    return out

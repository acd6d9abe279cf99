"""Prices against usage: the list price of the period's most used models beside their share of tokens (the study's
elasticity picture drawn from real prices), with the study's own price findings beside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pandas as pd

from bot import analytics, charts
from bot.analytics.snapshot import Data
from bot.ask import cite, topics
from bot.ask.answers.common import SOURCE, as_of_of, period_text, select, understood
from bot.ask.formatting import pct
from bot.ask.question import Question
from bot.ask.reply import Answer, Chart, KeyNumber
from bot.ask.study import anchor_key_numbers
from bot.errors import NoData

TOP = 20
DEFAULT_DAYS = 28  # without a period: the last four weeks, which the model list's prices describe best
PER_MILLION = 1e6


@dataclass(frozen=True)
class Priced:
    model: str
    vendor: str
    share: float  # percent of the period's tokens
    prompt: float | None  # USD per million prompt tokens (list price)
    completion: float | None


def _period(data: Data, q: Question) -> pd.DataFrame:
    if q.start or q.end:
        return select(data, q)
    start = data.last_day - timedelta(days=DEFAULT_DAYS - 1)
    return analytics.filter_period(data.frame, start, data.last_day)


def _priced(frame: pd.DataFrame, prices: dict) -> list[Priced]:
    """The TOP models of the period by tokens (variants merged), each with its paid endpoint's list price."""
    ranked = frame[~frame["is_other"]].assign(key=lambda f: f["canonical"].fillna(f["slug"]))
    tokens = ranked.groupby("key")["tokens"].sum().nlargest(TOP)
    names = ranked.drop_duplicates("key").set_index("key")
    out = []
    for key, used in tokens.items():
        prompt, completion = prices.get(key, (None, None))
        out.append(
            Priced(
                str(names.at[key, "model"]),
                str(names.at[key, "vendor"] or "unknown vendor"),
                float(used / frame["tokens"].sum() * 100),
                None if prompt is None else prompt * PER_MILLION,
                None if completion is None else completion * PER_MILLION,
            )
        )
    return out


def _money(value: float | None) -> str:
    return "no listed price" if value is None else f"${value:.2f}" if value >= 0.1 else f"${value:.3f}"


def _weighted_price(rows: list[Priced]) -> float:
    paid = [r for r in rows if r.prompt is not None]
    return sum(r.prompt * r.share for r in paid) / sum(r.share for r in paid)


def _rank_correlation(rows: list[Priced]) -> float:
    """Spearman's rank correlation between price and share among the priced, paid models."""
    paid = pd.DataFrame([(r.prompt, r.share) for r in rows if r.prompt], columns=["price", "share"])
    return float(paid["price"].rank().corr(paid["share"].rank()))


def _strength(correlation: float) -> str:
    size = abs(correlation)
    return "weak" if size < 0.3 else "moderate" if size < 0.6 else "strong"


def _reading(correlation: float) -> str:
    """What the correlation says in words: a negative one means the cheaper models get more of the tokens."""
    if abs(correlation) < 0.3:
        return "usage barely follows price"
    side = "cheaper" if correlation < 0 else "dearer"
    return f"the {side} models get more of the tokens, a {_strength(correlation)} tendency"


def _chart(rows: list[Priced], period: str, as_of: str, seen: str | None) -> Chart:
    paid = [r for r in rows if r.prompt]
    title = f"List price against usage, top {TOP} models"
    fig = charts.scatter(
        [r.model for r in paid],
        [r.prompt for r in paid],
        [r.share for r in paid],
        title=title,
        subtitle=f"{period}; prices as listed {seen or 'in the model list'}",
        source=cite.openrouter(as_of).text,
        xlabel="List price, USD per million prompt tokens (log scale)",
        ylabel="Share of tokens (%, log scale)",
        x_format="${:g}",
    )
    alt = f"{title}: " + "; ".join(f"{r.model} {_money(r.prompt)} per 1M, {r.share:.1f}%" for r in paid)
    series = {"price per 1M prompt tokens": [r.prompt for r in paid], "share %": [round(r.share, 2) for r in paid]}
    return Chart(charts.render_png(fig), title, "scatter", alt, [r.model for r in paid], series)


def pricing_answer(data: Data, q: Question) -> Answer:
    """Real list prices of the most used models beside their share, and the study's price findings."""
    frame = _period(data, q)
    rows = _priced(frame, data.prices)
    paid = [r for r in rows if r.prompt]
    if len(paid) < 3:
        raise NoData(f"The model list has prices for too few of the most used models in {period_text(frame)}.")
    as_of, period = as_of_of(frame), period_text(frame)
    cheap, dear = min(paid, key=lambda r: r.prompt), max(paid, key=lambda r: r.prompt)
    free = float(frame.loc[frame["slug"].str.endswith(":free"), "tokens"].sum() / frame["tokens"].sum() * 100)
    unpriced = sum(r.share for r in rows if r.prompt is None)
    correlation = _rank_correlation(rows)
    keys = [
        KeyNumber("Token-weighted list price, top models", f"{_money(_weighted_price(rows))} per 1M prompt tokens",
                  period, SOURCE),
        KeyNumber("Price range among them", f"{_money(cheap.prompt)} ({cheap.model}) to {_money(dear.prompt)} "
                  f"({dear.model})", period, SOURCE),
        KeyNumber("Rank correlation of price and share", f"{correlation:+.2f} ({_strength(correlation)})", period,
                  SOURCE),
        KeyNumber("Free (:free) endpoints / top models with no listed price", f"{pct(free)} / {pct(unpriced)} of "
                  "tokens", period, SOURCE),
    ]  # fmt: skip
    table = [["model", "vendor", "share %", "USD per 1M prompt", "USD per 1M completion"]] + [
        [r.model, r.vendor, f"{r.share:.2f}", _money(r.prompt), _money(r.completion)] for r in rows
    ]
    method = (
        f"The {TOP} models with the most tokens in the period (variants such as :free merged into their model), each "
        "with the list price of its paid endpoint from OpenRouter's model list as read on "
        f"{data.prices_seen or 'its last day'}; earlier prices may have differed, and a model delisted before then "
        "has no listed price. Shares are of all tokens in the period, the long tail included. A correlation near zero "
        "means usage barely follows price, as the study found."
    )
    headline = (
        f"The most used models cost {_money(cheap.prompt)} to {_money(dear.prompt)} per million prompt tokens; "
        f"{_reading(correlation)} (rank correlation {correlation:+.2f})"
    )
    return Answer(
        q.topic,
        q.text,
        headline + ".",
        period,
        keys,
        [],
        method,
        [cite.openrouter(as_of), cite.study(["pricing"])],
        _chart(rows, period, as_of, data.prices_seen),
        table,
        understood(q),
        anchor_key_numbers(data, topics.get("pricing").study_keys),
    )

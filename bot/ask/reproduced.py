"""The study's figures beside the rankings' own value: how each comparison is written, and whether they agree."""

from __future__ import annotations

from bot.analytics.reproduce import Comparison, comparisons
from bot.analytics.snapshot import Data
from bot.ask.formatting import pct, span, tokens

SCALES = {"trillion": 1e12}  # a study unit such as 'trillion tokens' scales its stated number
CLOSE_POINTS, CLOSE_RATIO = 2.0, 0.10  # an approximate figure 'agrees' within 2 points or 10%


def for_data(data: Data) -> dict[str, Comparison]:
    """Every measurable figure's comparison for this data version, by figure id."""
    return {c.figure_id: c for c in comparisons(data.version, data.frame, data.figures)}


def rankings_value(c: Comparison) -> str:
    if c.unit == "%":
        return pct(c.value)
    if c.unit == "tokens a day":
        return f"{tokens(c.value)} a day"
    if c.unit == "tokens":
        return f"{tokens(c.value)} tokens"
    return f"{c.detail} ({'up' if c.value > 0 else 'down'} {abs(c.value):.1f} pts)"


def study_number(figure: dict) -> float | None:
    """The figure's stated number on the rankings' scale (percent, tokens), or None for words."""
    if figure["value"] is None:
        return None
    first_word = (figure["unit"].split() or [""])[0]
    return figure["value"] * SCALES.get(first_word, 1.0)


def difference(c: Comparison, figure: dict) -> str:
    """Rankings minus study: points for shares, a ratio for token counts, the direction for trends."""
    stated = study_number(figure)
    if c.unit == "pts" or stated is None:
        return "a direction, not a number"
    if c.unit == "%":
        return f"{c.value - stated:+.1f} pts"
    return f"{c.value / stated:.2f}x"


def agrees(c: Comparison, figure: dict) -> bool:
    """Whether the rankings' value is consistent with the figure as the study states it."""
    stated = study_number(figure)
    if stated is None:
        words = figure["value_text"].lower()
        return (c.value < 0) if "declin" in words else (c.value > 0) if "ris" in words else False
    if figure["comparator"] == ">":
        return c.value > stated
    if figure["comparator"] == "<":
        return c.value < stated
    gap = abs(c.value - stated)
    return gap <= CLOSE_POINTS if c.unit == "%" else gap <= CLOSE_RATIO * stated


def beside(c: Comparison) -> str:
    """The rankings' counterpart as a short clause, for an answer that quotes the study's figure."""
    return f"rankings: {rankings_value(c)}, {span(c.start, c.end)}"

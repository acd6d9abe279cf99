"""Charts as PNG bytes: stacked shares, trend lines, bars and study points, all 800x460 px with their source.

Imports nothing from the rest of bot/: it knows neither the store nor questions. Answers and digests pass in
plain lists and get a matplotlib Figure back, which `render_png` rasterises. Inside `text_only()` no figure is
drawn and `render_png` gives empty bytes: an answer's numbers and words can go out before its picture."""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from bot.charts import bars as _bars
from bot.charts import raster, trends
from bot.charts import scatter as _scatter
from bot.charts.style import MUTED, PALETTE, Anchor, colours

_TEXT_ONLY = contextvars.ContextVar("ai_trends_text_only", default=False)


@contextmanager
def text_only() -> Iterator[None]:
    """Within this block charts are not drawn: every chart function returns None and renders as b''."""
    token = _TEXT_ONLY.set(True)
    try:
        yield
    finally:
        _TEXT_ONLY.reset(token)


def _drawn(make: Callable) -> Callable:
    @functools.wraps(make)
    def draw(*args, **kwargs):
        return None if _TEXT_ONLY.get() else make(*args, **kwargs)

    return draw


def render_png(fig) -> bytes:
    """Rasterise a figure to PNG bytes (no bytes for a figure not drawn, in text_only())."""
    return b"" if fig is None else raster.render_png(fig)


bars = _drawn(_bars.bars)
paired_bars = _drawn(_bars.paired_bars)
points = _drawn(_bars.points)
scatter = _drawn(_scatter.scatter)
lines = _drawn(trends.lines)
stacked_share = _drawn(trends.stacked_share)

__all__ = [
    "MUTED",
    "PALETTE",
    "Anchor",
    "bars",
    "colours",
    "lines",
    "paired_bars",
    "points",
    "render_png",
    "scatter",
    "stacked_share",
    "text_only",
]

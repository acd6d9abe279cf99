"""Charts as PNG bytes: stacked shares, trend lines, bars and study points, all 800x460 px with their source.

Imports nothing from the rest of bot/: it knows neither the store nor questions. Answers and digests pass in
plain lists and get a matplotlib Figure back, which `render_png` rasterises."""

from bot.charts.bars import bars, paired_bars, points
from bot.charts.raster import render_png
from bot.charts.scatter import scatter
from bot.charts.style import MUTED, PALETTE, Anchor, colours
from bot.charts.trends import lines, stacked_share

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
]

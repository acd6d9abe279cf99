"""A scatter of two quantities per item on log scales, the biggest items named (e.g. price against usage)."""

from __future__ import annotations

import math

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from bot.charts.style import PALETTE, new_frame

NAMED = 8  # more names than this overlap at a chat preview's size


def scatter(
    labels: list[str],
    x: list[float],
    y: list[float],
    *,
    title: str,
    subtitle: str,
    source: str,
    xlabel: str,
    ylabel: str,
    x_format: str = "{:g}",
) -> Figure:
    """One point per item on log-log axes; the NAMED largest by y carry their label."""
    fig, ax = new_frame(title, subtitle, source, ylabel, margins="inside")
    ax.scatter(x, y, s=36, color=PALETTE[0], alpha=0.8, zorder=3)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: x_format.format(v)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}%"))
    ax.set_xlabel(xlabel, fontsize=9)
    ax.grid(axis="x", alpha=0.3)
    placed: list[tuple[float, float]] = []
    for i in sorted(range(len(y)), key=lambda i: y[i], reverse=True)[:NAMED]:
        spot = (math.log10(x[i]), math.log10(y[i]))
        # A label near an earlier one goes below its point instead of over the other's text.
        crowded = any(abs(spot[0] - a) < 0.45 and abs(spot[1] - b) < 0.1 for a, b in placed)
        ax.annotate(labels[i], (x[i], y[i]), xytext=(5, -11 if crowded else 3), textcoords="offset points", fontsize=8)
        placed.append(spot)
    ax.margins(x=0.25, y=0.2)
    return fig

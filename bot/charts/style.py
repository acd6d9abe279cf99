"""What every chart shares: size, palette, the frame with title, period and source, study anchors, PNG output.

matplotlib's object API only (no pyplot: it keeps global state and is not thread-safe)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date

import matplotlib
import matplotlib.dates as mdates
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
MUTED = {
    "Long tail (other)": "#BBBBBB",
    "Unknown": "#FFFFFF",
    "Stealth (unrevealed)": "#DDDDDD",
    "Other vendors": "#999999",
}
# Buckets that are not groups of the dimension are drawn apart from the palette: white with grey hatching for
# Unknown (no evidence), dots for unrevealed stealth models, plain grey for the long tail.
HATCHES = {"Unknown": "////", "Stealth (unrevealed)": ".."}
HATCH_EDGE = "#777777"
# matplotlib's defaults name colours by cycle position ('C0'), which it resolves anew for every patch, line and
# legend handle (about 1 ms each, a quarter of a render); plain hex defaults cost nothing. Every colour we draw
# with is given explicitly, so only the unused defaults change.
matplotlib.rcParams.update({"patch.facecolor": PALETTE[0], "lines.color": PALETTE[0]})
SIZE = (8.0, 4.6)  # inches at 100 dpi: 800x460 px, legible in a chat preview ~360 px wide
DPI = 100


@dataclass(frozen=True)
class Anchor:
    """A study figure drawn as a point with its period, never joined to the series."""

    label: str
    value: float
    start: date
    end: date
    low: float | None = None
    high: float | None = None

    @property
    def middle(self) -> date:
        return self.start + (self.end - self.start) / 2

    def to_dict(self) -> dict:
        """JSON-ready, for the series behind a chart."""
        return vars(self) | {"start": self.start.isoformat(), "end": self.end.isoformat()}


def colours(names: list[str]) -> dict[str, str]:
    out, free = {}, iter(PALETTE)
    for name in names:
        out[name] = MUTED.get(name) or next(free, "#666666")
    return out


# Fixed margins (fractions of the figure) instead of constrained layout, which cost a third of each render.
# Right margin leaves room for a legend outside the axes; bar charts need a wide left margin for their names.
MARGINS = {
    "legend": dict(left=0.08, right=0.72, top=0.86, bottom=0.17),
    "inside": dict(left=0.08, right=0.90, top=0.86, bottom=0.17),
    "names": dict(left=0.30, right=0.90, top=0.86, bottom=0.15),
    "names-legend": dict(left=0.27, right=0.74, top=0.86, bottom=0.15),
}


def new_frame(title: str, subtitle: str, source: str, ylabel: str, margins: str = "legend") -> tuple[Figure, object]:
    fig = Figure(figsize=SIZE, dpi=DPI)
    fig.subplots_adjust(**MARGINS[margins])
    ax = fig.add_subplot()
    # Title and period sit at the figure's left edge, so a wide left margin (bar names) cannot push them off.
    fig.text(0.01, 0.975, title, fontsize=13, ha="left", va="top")
    fig.text(0.01, 0.915, subtitle, fontsize=10, color="#333333", ha="left", va="top")
    ax.set_ylabel(ylabel, fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", alpha=0.3)
    fig.text(0.01, 0.005, textwrap.fill(source, 140), fontsize=7.5, color="#444444", ha="left", va="bottom")
    return fig, ax


def _on_dates(anchor: Anchor) -> tuple[object, object, object]:
    """A study figure on a date axis: at the middle of its period, the bar spanning the whole period."""
    half = (anchor.end - anchor.start) / 2
    return anchor.middle, half, half


def draw_anchors(ax, anchors: list[Anchor], place=_on_dates) -> None:
    """Each study figure is its own point with its period as a bar; `place` maps it onto the x axis or skips it."""
    offsets = label_offsets(anchors)
    legend = "Study figure (bar = its period)"
    for anchor, offset in zip(anchors, offsets, strict=True):
        spot = place(anchor)
        if spot is None:
            continue
        x, left, right = spot
        yerr = None
        if anchor.low is not None and anchor.high is not None:
            yerr = [[anchor.value - anchor.low], [anchor.high - anchor.value]]
        ax.errorbar(
            [x],
            [anchor.value],
            xerr=[[left], [right]],
            yerr=yerr,
            fmt="D",
            color="#000000",
            markersize=6,
            capsize=3,
            linewidth=1.2,
            zorder=5,
            label=legend,
        )
        legend = None
        ax.annotate(
            anchor.label,
            (x, anchor.value),
            xytext=offset,
            textcoords="offset points",
            fontsize=8,
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8},
        )


def label_offsets(anchors: list[Anchor]) -> list[tuple[int, int]]:
    """Labels go above their point; of two points at nearly the same place, the lower one's label goes below."""
    above, below = (6, 6), (6, -14)
    offsets = [above] * len(anchors)
    for i, a in enumerate(anchors):
        for j, b in enumerate(anchors[:i]):
            if abs((a.middle - b.middle).days) < 45 and abs(a.value - b.value) < 0.06 * max(a.value, b.value, 1):
                lower = i if a.value < b.value else j
                offsets[lower] = below
    return offsets


def date_axis(ax) -> None:
    """Ticks that never run into each other at a chat preview's size: over most of a year or more, a small tick
    each month and a label each quarter ('2025', 'Apr', 'Jul' ...); over a few months, one label a month."""
    first, last = ax.get_xlim()
    days = last - first
    if days <= 60:
        major = mdates.AutoDateLocator(minticks=3, maxticks=7)
    else:
        months = _month_starts(first, last)
        # Fixed positions instead of MonthLocator, whose rrule costs several ms on every draw.
        major = FixedLocator([m for m, month in months if days <= 270 or month in (1, 4, 7, 10)])
        if days > 270:
            ax.xaxis.set_minor_locator(FixedLocator([m for m, _ in months]))
    ax.xaxis.set_major_locator(major)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(major, show_offset=False))


def _month_starts(first: float, last: float) -> list[tuple[float, int]]:
    """(position, month number) of every first day of a month between two date-axis positions."""
    day = mdates.num2date(first).date().replace(day=1)
    out = []
    while (position := mdates.date2num(day)) <= last:
        if position >= first:
            out.append((position, day.month))
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out

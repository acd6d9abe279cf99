"""Charts with matplotlib's object API (no pyplot: it keeps global state and is not thread-safe)."""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from datetime import date, timedelta

import matplotlib.dates as mdates
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
MUTED = {
    "Long tail (other)": "#BBBBBB",
    "Not yet classified": "#DDDDDD",
    "Other vendors": "#999999",
    "Size not public": "#CCCCCC",
}
SIZE = (8.0, 4.6)  # inches at 100 dpi: 800x460 px, legible in Slack's ~360 px preview
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
}


def _frame(title: str, subtitle: str, source: str, ylabel: str, margins: str = "legend") -> tuple[Figure, object]:
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


def _draw_anchors(ax, anchors: list[Anchor], place=_on_dates) -> None:
    """Each study figure is its own point with its period as a bar; `place` maps it onto the x axis or skips it."""
    offsets = _label_offsets(anchors)
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


def _label_offsets(anchors: list[Anchor]) -> list[tuple[int, int]]:
    """Labels go above their point; of two points at nearly the same place, the lower one's label goes below."""
    above, below = (6, 6), (6, -14)
    offsets = [above] * len(anchors)
    for i, a in enumerate(anchors):
        for j, b in enumerate(anchors[:i]):
            if abs((a.middle - b.middle).days) < 45 and abs(a.value - b.value) < 0.06 * max(a.value, b.value, 1):
                lower = i if a.value < b.value else j
                offsets[lower] = below
    return offsets


def _date_axis(ax, fmt: str = "%Y-%m-%d") -> None:
    """At most seven date ticks, so labels never run into each other at Slack's preview size."""
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=7))
    ax.xaxis.set_major_formatter(mdates.DateFormatter(fmt))


def _contiguous(weeks: list[date]) -> bool:
    return all((b - a) == timedelta(days=7) for a, b in zip(weeks, weeks[1:], strict=False))


def stacked_share(
    weeks: list[date],
    series: dict[str, list[float]],
    partial: list[bool],
    *,
    title: str,
    subtitle: str,
    source: str,
    label_series: str | None,
    anchors: list[Anchor] = (),
) -> Figure:
    """Stacked shares per week: an area when weeks are contiguous, one bar per week when the data has gaps."""
    fig, ax = _frame(title, subtitle, source, "Share of tokens (%)")
    names = list(series)
    palette = colours(names)
    if _contiguous(weeks) and len(weeks) > 1:
        ax.stackplot(weeks, *[series[n] for n in names], labels=names, colors=[palette[n] for n in names], alpha=0.9)
        for week, is_partial in zip(weeks, partial, strict=True):
            if is_partial:
                ax.axvspan(week, week + timedelta(days=7), color="#FFFFFF", alpha=0.45, hatch="//", linewidth=0)
        _draw_anchors(ax, list(anchors))
        _date_axis(ax)
        ax.set_xlabel("Week (ISO, Monday start, UTC); hatched = partial week", fontsize=9)
        x_last = weeks[-1]
    else:
        _gapped_bars(ax, weeks, series, partial, palette, list(anchors))
        x_last = len(weeks) - 1
    if label_series in series:
        below = sum(series[n][-1] for n in names[: names.index(label_series)])
        value = series[label_series][-1]
        ax.annotate(
            f"{label_series}: {value:.1f}%",
            (x_last, below + value / 2),
            xytext=(30, 0),
            textcoords="offset points",
            fontsize=9,
            fontweight="bold",
            va="center",
        )
    ax.set_ylim(0, 100)
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return fig


def _gapped_bars(
    ax, weeks: list[date], series: dict[str, list[float]], partial: list[bool], palette: dict, anchors: list[Anchor]
) -> None:
    """Only the weeks that have data, side by side; a study figure spans the weeks its period covers."""
    positions = list(range(len(weeks)))
    bottom = [0.0] * len(weeks)
    for name, values in series.items():
        ax.bar(
            positions,
            values,
            bottom=bottom,
            width=0.7,
            label=name,
            color=palette[name],
            edgecolor="white",
            linewidth=0.5,
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ticks = [f"{w.isoformat()}{'*' if p else ''}" for w, p in zip(weeks, partial, strict=True)]
    ax.set_xticks(positions, ticks, fontsize=8, rotation=30 if len(weeks) > 6 else 0)
    ax.set_xlabel("Weeks with data (ISO, Monday start, UTC); * = partial week; gaps are not shown", fontsize=9)

    def place(anchor: Anchor):
        inside = [p for p, w in zip(positions, weeks, strict=True) if anchor.start <= w <= anchor.end]
        if not inside:
            return None
        left, right = min(inside) - 0.45, max(inside) + 0.45
        return (left + right) / 2, (right - left) / 2, (right - left) / 2

    _draw_anchors(ax, anchors, place)


def lines(
    x: list[date],
    series: dict[str, list[float | None]],
    partial: list[bool],
    *,
    title: str,
    subtitle: str,
    source: str,
    ylabel: str,
    value_format: str = "{:.1f}",
    anchors: list[Anchor] = (),
) -> Figure:
    """Trend lines; partial weeks get hollow markers, and gaps in the data break the line."""
    fig, ax = _frame(title, subtitle, source, ylabel, margins="inside")
    palette = colours(list(series))
    for name, values in series.items():
        segments = _split_on_gaps(x, values)
        for i, (xs, ys) in enumerate(segments):
            ax.plot(xs, ys, color=palette[name], linewidth=2, label=name if i == 0 else None)
        for xi, yi, is_partial in zip(x, values, partial, strict=True):
            if yi is not None:
                ax.plot(
                    [xi],
                    [yi],
                    marker="o",
                    color=palette[name],
                    markerfacecolor="white" if is_partial else palette[name],
                    markersize=6,
                )
        last = next(((xi, yi) for xi, yi in zip(reversed(x), reversed(values), strict=True) if yi is not None), None)
        if last:
            ax.annotate(
                value_format.format(last[1]),
                last,
                xytext=(6, 0),
                textcoords="offset points",
                fontsize=9,
                fontweight="bold",
                va="center",
            )
    _draw_anchors(ax, list(anchors))
    ax.set_ylim(bottom=0)
    ax.set_xlabel("Week (ISO, Monday start, UTC); hollow marker = partial week", fontsize=9)
    _date_axis(ax)
    ax.set_xlim(x[0] - timedelta(days=4), x[-1] + timedelta(days=10))
    ax.legend(fontsize=8, loc="upper left", frameon=False)
    return fig


def _split_on_gaps(x: list[date], values: list[float | None]) -> list[tuple[list, list]]:
    """Consecutive weeks form one segment; a missing week starts a new one, so gaps are never bridged."""
    segments: list[tuple[list, list]] = []
    previous = None
    for xi, yi in zip(x, values, strict=True):
        if yi is None:
            previous = None
            continue
        if previous is None or (xi - previous) > timedelta(days=7):
            segments.append(([], []))
        segments[-1][0].append(xi)
        segments[-1][1].append(yi)
        previous = xi
    return segments


def bars(
    labels: list[str],
    values: list[float],
    *,
    title: str,
    subtitle: str,
    source: str,
    ylabel: str,
    value_labels: list[str] | None = None,
    log: bool = False,
) -> Figure:
    """Horizontal bars, largest first, each labelled with its value as stated."""
    fig, ax = _frame(title, subtitle, source, "", margins="names")
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, values, color=PALETTE[0])
    ax.set_yticks(positions, labels, fontsize=9)
    ax.set_xlabel(ylabel, fontsize=9)
    ax.grid(axis="y", alpha=0)
    ax.grid(axis="x", alpha=0.3)
    if log:
        ax.set_xscale("log")
    for pos, value, text in zip(positions, values, value_labels or [f"{v:g}" for v in values], strict=True):
        ax.annotate(text, (value, pos), xytext=(4, 0), textcoords="offset points", va="center", fontsize=9)
    ax.margins(x=0.15)
    return fig


def points(anchors: list[Anchor], groups: list[str], *, title: str, subtitle: str, source: str, ylabel: str) -> Figure:
    """Study figures over time: one marker per figure with its period, grouped by colour, never joined."""
    fig, ax = _frame(title, subtitle, source, ylabel)
    palette = colours(list(dict.fromkeys(groups)))
    seen = set()
    offsets = _label_offsets(anchors)
    for i, (anchor, group) in enumerate(zip(anchors, groups, strict=True)):
        half = (anchor.end - anchor.start) / 2
        ax.errorbar(
            [anchor.middle],
            [anchor.value],
            xerr=[[half], [half]],
            fmt="D",
            color=palette[group],
            capsize=3,
            markersize=7,
            label=None if group in seen else group,
        )
        seen.add(group)
        ax.annotate(
            anchor.label, (anchor.middle, anchor.value), xytext=offsets[i], textcoords="offset points", fontsize=8
        )
    ax.set_ylim(bottom=0)
    ax.set_xlabel("Period each figure covers (bar = its span)", fontsize=9)
    _date_axis(ax, "%Y-%m")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return fig


def render_png(fig: Figure) -> bytes:
    """Rasterise a figure to PNG bytes."""
    buffer = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buffer)
    return buffer.getvalue()

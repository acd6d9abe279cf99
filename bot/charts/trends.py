"""Charts over weeks: stacked shares (an area, or bars where the data has gaps) and trend lines."""

from __future__ import annotations

from datetime import date, timedelta

from matplotlib.figure import Figure

from bot.charts.style import HATCH_EDGE, HATCHES, Anchor, colours, date_axis, draw_anchors, new_frame

DENSE = 30  # points beyond which a line's filled markers shrink so the line stays readable


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
    fig, ax = new_frame(title, subtitle, source, "Share of tokens (%)")
    names = list(series)
    palette = colours(names)
    if _contiguous(weeks) and len(weeks) > 1:
        areas = ax.stackplot(weeks, *[series[n] for n in names], labels=names, colors=[palette[n] for n in names])
        for name, area in zip(names, areas, strict=True):
            _mark_bucket(area, name)
        for week, is_partial in zip(weeks, partial, strict=True):
            if is_partial:
                ax.axvspan(week, week + timedelta(days=7), color="#FFFFFF", alpha=0.45, hatch="//", linewidth=0)
        draw_anchors(ax, list(anchors))
        date_axis(ax)
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
            xytext=(14, 0),
            textcoords="offset points",
            fontsize=9,
            fontweight="bold",
            va="center",
            arrowprops={"arrowstyle": "-", "color": "#333333", "linewidth": 0.8},
        )
    ax.set_ylim(0, 100)
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return fig


def _mark_bucket(artist, name: str) -> None:
    """Unknown and stealth parts are hatched, so they never read as one more group of the dimension."""
    if name in HATCHES:
        artist.set_hatch(HATCHES[name])
        artist.set_edgecolor(HATCH_EDGE)
        artist.set_linewidth(0)


def _gapped_bars(
    ax, weeks: list[date], series: dict[str, list[float]], partial: list[bool], palette: dict, anchors: list[Anchor]
) -> None:
    """Only the weeks that have data, side by side; a study figure spans the weeks its period covers."""
    positions = list(range(len(weeks)))
    bottom = [0.0] * len(weeks)
    for name, values in series.items():
        bars = ax.bar(
            positions,
            values,
            bottom=bottom,
            width=0.7,
            label=name,
            color=palette[name],
            edgecolor="white",
            linewidth=0.5,
        )
        for bar in bars:
            _mark_bucket(bar, name)
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

    draw_anchors(ax, anchors, place)


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
    levels: dict[str, float] | None = None,
) -> Figure:
    """Trend lines; partial weeks get hollow markers, and gaps in the data break the line. `levels` are drawn as
    dashed horizontal lines (a watch's threshold), named in the legend."""
    fig, ax = new_frame(title, subtitle, source, ylabel, margins="inside")
    for name, value in (levels or {}).items():
        ax.axhline(value, color="#555555", linestyle="--", linewidth=1.2, label=name)
    palette = colours(list(series))
    for name, values in series.items():
        segments = _split_on_gaps(x, values)
        for i, (xs, ys) in enumerate(segments):
            ax.plot(xs, ys, color=palette[name], linewidth=2, label=name if i == 0 else None)
        # Two artists per series, not one per point: complete weeks filled, partial weeks hollow (and always
        # visible, so a partial week is never read as a drop even on a two-year line).
        size = 6 if len(x) <= DENSE else 2.5
        for hollow in (False, True):
            points = [(xi, yi) for xi, yi, p in zip(x, values, partial, strict=True) if yi is not None and p == hollow]
            if points:
                ax.plot(
                    *zip(*points, strict=True),
                    linestyle="none",
                    marker="o",
                    color=palette[name],
                    markerfacecolor="white" if hollow else palette[name],
                    markersize=5 if hollow else size,
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
    draw_anchors(ax, list(anchors))
    ax.set_ylim(bottom=0)
    ax.set_xlabel("Week (ISO, Monday start, UTC); hollow marker = partial week", fontsize=9)
    ax.set_xlim(x[0] - timedelta(days=4), x[-1] + timedelta(days=10))
    date_axis(ax)  # after the limits: the ticks depend on the span shown, not on where the line has values
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

"""Charts of single values: horizontal bars, and study figures as points over the periods they cover."""

from __future__ import annotations

from matplotlib.figure import Figure

from bot.charts.style import PALETTE, Anchor, colours, date_axis, label_offsets, new_frame


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
    fig, ax = new_frame(title, subtitle, source, "", margins="names")
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
    fig, ax = new_frame(title, subtitle, source, ylabel)
    palette = colours(list(dict.fromkeys(groups)))
    seen = set()
    offsets = label_offsets(anchors)
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
    date_axis(ax)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return fig


def paired_bars(
    labels: list[str],
    pairs: dict[str, list[float | None]],
    *,
    title: str,
    subtitle: str,
    source: str,
    xlabel: str,
    texts: dict[str, list[str]] | None = None,
) -> Figure:
    """Two values per label side by side (e.g. the study's figure and the rankings' own), each bar labelled with
    its value, or with `texts` where a value is stated loosely ('>50', '≈1/3')."""
    fig, ax = new_frame(title, subtitle, source, "", margins="names-legend")
    palette = colours(list(pairs))
    height = 0.8 / len(pairs)
    positions = list(range(len(labels)))[::-1]
    for i, (name, values) in enumerate(pairs.items()):
        ys = [p + (len(pairs) / 2 - i - 0.5) * height for p in positions]
        words = (texts or {}).get(name) or [f"{v:.1f}" if v is not None else "" for v in values]
        drawn = [(y, v, w) for y, v, w in zip(ys, values, words, strict=True) if v is not None]
        ax.barh([y for y, _, _ in drawn], [v for _, v, _ in drawn], height=height, color=palette[name], label=name)
        for y, value, word in drawn:
            ax.annotate(word, (value, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(positions, labels, fontsize=9)
    ax.set_xlabel(xlabel, fontsize=9)
    ax.grid(axis="y", alpha=0)
    ax.grid(axis="x", alpha=0.3)
    ax.margins(x=0.12)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return fig

"""Charts: the series, labels, study points and source line a reader sees, and real PNG bytes."""

from __future__ import annotations

import struct
from datetime import date

import pytest

from bot import charts
from bot.ask.answer import ask
from bot.ask.topics import TOPICS

WEEKS = [date(2025, 1, 6), date(2025, 1, 13), date(2025, 1, 20)]
GAPPED = [date(2025, 1, 6), date(2025, 5, 12), date(2025, 8, 25)]
SERIES = {"Open weights": [20.0, 25.0, 30.0], "Closed": [75.0, 70.0, 64.0], "Long tail (other)": [5.0, 5.0, 6.0]}
ANCHOR = charts.Anchor("Study: ≈1/3", 33.3, date(2025, 1, 1), date(2025, 1, 31))


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def _texts(fig) -> str:
    ax = fig.axes[0]
    parts = [ax.get_ylabel(), ax.get_xlabel()] + [t.get_text() for t in fig.texts]
    parts += [t.get_text() for t in ax.texts] + [t.get_text() for t in ax.get_legend().get_texts()]
    return "\n".join(parts)


@pytest.mark.parametrize("weeks", [WEEKS, GAPPED])
def test_stacked_share_shows_series_period_source_and_latest_value(weeks):
    fig = charts.stacked_share(
        weeks,
        SERIES,
        [False, False, True],
        title="Open vs closed",
        subtitle="2025-01",
        source="Source: OpenRouter (openrouter.ai/rankings), as of 2026-09.",
        label_series="Open weights",
        anchors=[ANCHOR],
    )
    text = _texts(fig)
    for expected in [
        "Open vs closed",
        "2025-01",
        "Share of tokens (%)",
        "as of 2026-09",
        "Open weights: 30.0%",
        "Study: ≈1/3",
        *SERIES,
    ]:
        assert expected in text
    assert "partial week" in fig.axes[0].get_xlabel()
    assert _png_size(charts.render_png(fig)) == (800, 460)


def test_gapped_weeks_are_bars_with_partial_weeks_marked():
    fig = charts.stacked_share(
        GAPPED, SERIES, [False, False, True], title="t", subtitle="s", source="src", label_series=None
    )
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks == ["2025-01-06", "2025-05-12", "2025-08-25*"]
    assert "gaps are not shown" in fig.axes[0].get_xlabel()


def test_study_figures_are_points_never_joined_lines():
    fig = charts.lines(
        WEEKS,
        {"Share": [1.0, 2.0, 3.0]},
        [False] * 3,
        title="t",
        subtitle="s",
        source="src",
        ylabel="%",
        anchors=[ANCHOR, charts.Anchor("Study: >50%", 50, date(2025, 1, 10), date(2025, 1, 20))],
    )
    diamonds = [line for line in fig.axes[0].lines if line.get_marker() == "D"]
    assert len(diamonds) == 2
    assert all(line.get_linestyle() == "None" and len(line.get_xdata()) == 1 for line in diamonds)


def test_lines_break_at_gaps_in_the_data():
    fig = charts.lines(
        GAPPED, {"Share": [1.0, 2.0, 3.0]}, [False] * 3, title="t", subtitle="s", source="src", ylabel="%"
    )
    drawn = [line for line in fig.axes[0].lines if line.get_linestyle() not in ("None", "none", "")]
    joined = [line for line in drawn if len(line.get_xdata()) > 1]
    assert drawn and joined == []  # three weeks months apart: no line pretends to know what happened between them


@pytest.mark.parametrize("topic", [t for t in TOPICS if t.name not in ("model", "tool-calls")], ids=lambda t: t.name)
def test_every_charted_topic_renders_a_png_with_alt_text(built_paths, topic):
    answer = ask(topic.examples[0], built_paths)
    assert _png_size(answer.chart.png) == (800, 460)
    assert answer.chart.alt_text and answer.chart.title in answer.chart.alt_text
    assert answer.chart.series and all(len(v) > 0 for v in answer.chart.series.values())


def test_share_chart_series_are_the_groups_of_the_topic(built_paths):
    answer = ask("chinese", built_paths)
    assert set(answer.chart.series) == {
        "China",
        "US",
        "Europe",
        "Other origin",
        "Community fine-tunes",
        "Long tail (other)",
    }
    assert list(answer.chart.series)[0] == "China"  # the asked-about group sits at the bottom of the stack
    assert {a["label"] for a in answer.chart.anchors} >= {"Study: 13.0% Chinese OSS avg"}

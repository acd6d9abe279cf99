"""A watch's alert: the crossing with its numbers and weeks, earlier crossings found in the same check, the data's
as_of, and the chart's series (kept with the alert, so every worker posts the same chart for it)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date

from bot import charts
from bot.analytics.snapshot import Data
from bot.ask import cite
from bot.ask.formatting import pct, week_label
from bot.ask.reply import Chart
from bot.watch import wording
from bot.watch.conditions import Condition
from bot.watch.rules import Crossing
from bot.watch.weeks import Weeks

CHART_WEEKS = 12  # complete weeks up to the crossing: the recent trend and the line it crossed
MAX_ENTRANTS_DRAWN = 4
UNKNOWN_NAMES = {
    "open": "open weights",
    "origin": "origin",
    "reasoning": "reasoning",
    "vendor": "vendor",
    "size": "size",
}


@dataclass(frozen=True)
class Alert:
    watch_id: int
    week: str  # the crossing's week (its Monday): one alert per (watch, week)
    condition: str  # the condition as understood
    headline: str
    detail: str
    as_of: str
    earlier: list[str] = field(default_factory=list)  # crossings in earlier weeks found by the same check
    note: str | None = None  # the share without evidence that week, beside the number
    chart: dict = field(default_factory=dict)  # x, series, levels, title, subtitle, ylabel

    @property
    def citation(self) -> str:
        return cite.openrouter(self.as_of).text

    def text(self) -> str:
        """Plain text: the notification and what a screen reader says."""
        lines = [self.headline, self.detail]
        if self.earlier:
            lines.append("Earlier crossings found in the same check: " + "; ".join(self.earlier) + ".")
        return "\n".join(lines + ([self.note] if self.note else []) + [self.citation])

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Alert:
        return cls(**json.loads(text))


@dataclass(frozen=True)
class AlertMessage:
    """The message a watch posts: the alert, with its chart's uploaded file id under 'main'."""

    alert: Alert
    files: dict[str, str | None] = field(default_factory=dict)
    part: str = "main"


def _chart_spec(condition: Condition, crossing: Crossing, weeks: Weeks) -> dict:
    end = weeks.position(crossing.week) + 1
    start = max(0, end - CHART_WEEKS)
    window = slice(start, end)
    series: dict[str, list[float]] = {}
    levels = {}
    ylabel = "Share of tokens (%)"
    if condition.kind in ("above", "below", "move"):
        series[condition.group] = weeks.share(condition.dimension, condition.group)[window]
        if condition.kind != "move":
            levels[f"Watch level ({condition.level:g}%)"] = condition.level
        if condition.dimension == "size":
            ylabel = "Share of open-weight tokens (%)"
        title = condition.subject
    else:
        names = [condition.group] if condition.group else [m for m, _, _ in crossing.models][:MAX_ENTRANTS_DRAWN]
        for name in names:
            series[name] = weeks.share("model", name)[window]
        series[f"#{condition.top} model's share"] = weeks.nth_share(condition.top)[window]
        title = f"{' and '.join(names)} against the top {condition.top} line"
    first, last = weeks.complete[start], weeks.complete[end - 1]
    return {
        "x": [w.isoformat() for w in weeks.complete[window]],
        "series": {name: [round(float(v), 2) for v in values] for name, values in series.items()},
        "levels": levels,
        "title": title,
        "subtitle": f"Complete weeks (partial weeks left out), {week_label(first)} to {week_label(last)}",
        "ylabel": ylabel,
    }


def _note(condition: Condition, crossing: Crossing, weeks: Weeks) -> str | None:
    if condition.dimension not in UNKNOWN_NAMES or condition.kind not in ("above", "below", "move"):
        return None
    unknown = weeks.unknown(condition.dimension, crossing.week)
    if unknown < 0.05:
        return None
    what = UNKNOWN_NAMES[condition.dimension]
    return f"Unknown (no evidence for {what}) in the {week_label(crossing.week)}: {pct(unknown)}, counted in no group."


def build(watch_id: int, condition: Condition, crossings: list[Crossing], weeks: Weeks, data: Data) -> Alert:
    """One alert for the crossings one check found: the latest is the news, earlier ones are listed with it, so
    a check that covers several weeks (after downtime or a backfill) posts one message, not a flood."""
    latest = crossings[-1]
    return Alert(
        watch_id,
        latest.week.isoformat(),
        condition.describe(),
        f"Watch {watch_id}: {condition.describe(past=True)}",
        wording.detail(condition, latest),
        data.as_of,
        [wording.short(condition, c) for c in crossings[:-1]],
        _note(condition, latest, weeks),
        _chart_spec(condition, latest, weeks),
    )


def chart_of(alert: Alert, png: bytes = b"") -> Chart:
    """The alert's chart as a value: title, alt text and series (with `png` once rendered)."""
    spec = alert.chart
    latest = "; ".join(f"{name} {values[-1]:.1f}%" for name, values in spec["series"].items())
    alt = f"{spec['title']}. {spec['subtitle']}. In the {week_label(date.fromisoformat(spec['x'][-1]))}: {latest}."
    if spec["levels"]:
        alt += " Dashed: " + ", ".join(spec["levels"]) + "."
    return Chart(png, spec["title"], "lines", alt, spec["x"], spec["series"])


def render_chart(alert: Alert) -> Chart:
    """The alert's chart as a PNG: its series over the recent complete weeks, the watch's level dashed."""
    spec = alert.chart
    x = [date.fromisoformat(d) for d in spec["x"]]
    fig = charts.lines(
        x,
        spec["series"],
        [False] * len(x),
        title=spec["title"],
        subtitle=spec["subtitle"],
        source=alert.citation,
        ylabel=spec["ylabel"],
        value_format="{:.1f}%",
        levels=spec["levels"],
    )
    return chart_of(alert, charts.render_png(fig))

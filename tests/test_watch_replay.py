"""Watches replayed over the bundled full series, a few days at a time as refreshes would bring it: each kind fires
in exactly the weeks that plain pandas over the raw CSV and the catalogue says it should, once per crossing, and
never in a partial week (the series' first and last weeks, and the weeks of 2025-06-15 and 2025-07-15, which lack
a day)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from bot.analytics import filter_period
from bot.analytics.snapshot import current
from bot.watch import alerts, rules
from bot.watch.parse import parse_condition
from bot.watch.weeks import Weeks
from tests.watch_reference import complete_weeks, expected, open_weights

CREATED = date(2025, 2, 5)  # the watches are set on a Wednesday: the latest complete week is 2025-01-27
STEP = timedelta(days=5)  # each step ends on another weekday, so most steps leave the latest week partial


WATCHES = [
    "open-source above 35%",
    "open-source above 25%",
    "chinese below 20%",
    "reasoning moves 5 pts",
    "reasoning falls 3 pts",
    "google above 30%",
    "claude 3.7 sonnet leaves top 5",
    "gemini 2.5 flash enters top 3",
    "new model in top 10",
    "new model in top 3",
]


@pytest.fixture(scope="module")
def replay(full_paths) -> dict[str, list[date]]:
    """Every watch set on CREATED, then evaluated after each step of new data, as the worker does."""
    data = current(full_paths)
    frame = data.frame
    first = Weeks(filter_period(frame, None, CREATED))
    states = {}
    for text in WATCHES:
        condition = parse_condition(text, data, first)
        states[text] = (condition, rules.start(condition, first))
    fired = {text: [] for text in WATCHES}
    cutoff = CREATED
    while cutoff < data.last_day:
        cutoff = min(cutoff + STEP, data.last_day)
        weeks = Weeks(filter_period(frame, None, cutoff))
        for text, (condition, state) in states.items():
            state, crossings = rules.advance(condition, state, weeks)
            states[text] = (condition, state)
            for crossing in crossings:
                assert weeks.days[pd.Timestamp(crossing.week)] == 7, f"{text} fired in a partial week"
                assert crossing.week + timedelta(days=6) <= cutoff
                fired[text].append(crossing.week)
    return fired


@pytest.mark.parametrize("text", WATCHES)
def test_each_watch_fires_in_exactly_the_weeks_pandas_says(replay, text):
    want = expected(text, (CREATED, date(2026, 9, 17)))
    assert want, f"pick a line {text!r} crosses in the series"
    assert replay[text] == want


def test_no_watch_ever_fires_in_a_partial_or_missing_week(replay):
    partial = {date(2024, 12, 30), date(2025, 6, 9), date(2025, 7, 14), date(2026, 9, 14)}
    assert not partial & set(complete_weeks())  # the raw data agrees these weeks are partial
    fired = {week for weeks in replay.values() for week in weeks}
    assert fired and not fired & partial and fired <= set(complete_weeks())


def test_a_check_after_months_without_one_posts_one_alert_naming_every_crossing(full_paths):
    """A first evaluation after a big backfill: one alert, the latest crossing as the news, earlier ones listed."""
    data = current(full_paths)
    first, everything = Weeks(filter_period(data.frame, None, CREATED)), Weeks(data.frame)
    condition = parse_condition("open-source above 35%", data, everything)
    _, crossings = rules.advance(condition, rules.start(condition, first), everything)
    alert = alerts.build(7, condition, crossings, everything, data)
    want = expected("open-source above 35%", (CREATED, date(2026, 9, 17)))
    assert alert.week == want[-1].isoformat() and len(alert.earlier) == len(want) - 1
    latest = open_weights()[want[-1]]
    assert f"{latest:.1f}% in the week of {want[-1].isoformat()}" in alert.detail
    assert alert.chart["x"][-1] == want[-1].isoformat() and alert.chart["levels"] == {"Watch level (35%)": 35.0}
    assert alert.chart["series"]["Open weights"][-1] == pytest.approx(latest, abs=0.01)

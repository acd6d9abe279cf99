"""The digest's numbers against an independent pandas computation over the raw sample."""

from __future__ import annotations

import pandas as pd
import pytest

from bot.digest.content import build
from bot.digest.subscriptions import DIGEST_TOPICS
from tests.test_numbers import _is_open, _weekly_share

LATEST, PREVIOUS = "2025-W48", "2025-W35"  # the sample's last two weeks with data (24 Nov and 25 Aug 2025)


@pytest.fixture(scope="module")
def digest(built_paths):
    return build(built_paths, DIGEST_TOPICS)


def _change(now: float, before: float) -> str:
    if abs(now - before) < 0.05:
        return "unchanged"
    return f"{'up' if now > before else 'down'} {abs(now - before):.1f} pts"


@pytest.mark.parametrize(
    ("label", "mask"),
    [
        ("Open-weight models' share", _is_open),
        ("Chinese models' share", lambda raw: raw["origin"] == "China"),
        ("Reasoning models' share", lambda raw: raw["reasoning"] == 1),
    ],
)
def test_share_numbers_and_their_change_match_pandas(digest, raw, label, mask):
    shares = _weekly_share(raw, mask(raw))
    number = next(k for k in digest.numbers if k.label == label)
    now, before = shares[LATEST], shares[PREVIOUS]
    assert number.value == f"{now:.1f}% ({_change(now, before)})"
    assert number.period.startswith("week of 2025-11-24 (5 of 7 days), vs the week of 2025-08-25")


def test_volume_is_tokens_per_day_against_the_previous_week_with_data(digest, raw):
    per_week = raw.groupby("iso_week").agg(tokens=("total_tokens", "sum"), days=("date", "nunique"))
    per_day = per_week["tokens"] / per_week["days"]
    number = next(k for k in digest.numbers if k.label.startswith("Tokens per day"))
    change = per_day[LATEST] / per_day[PREVIOUS] - 1
    assert number.value == f"{per_day[LATEST] / 1e12:.2f}T a day (up {change * 100:.0f}%)"


def test_new_entrants_are_models_absent_from_the_previous_weeks_ranking(digest, raw):
    named = raw[raw["model_permaslug"] != "other"].assign(model=lambda f: f["name"].fillna(f["model_permaslug"]))
    latest = named[named["iso_week"] == LATEST].groupby("model")["total_tokens"].sum().nlargest(10)
    before = set(named[named["iso_week"] == PREVIOUS]["model"])
    expected = [m for m in latest.index if m not in before]
    line = next(line for line in digest.movers if line.startswith("New in the top 10"))
    assert [part.split(" (#")[0] for part in line.removeprefix("New in the top 10: ").split(", ")] == expected


def test_the_chart_shows_the_same_shares_as_the_numbers(digest):
    latest = {name: values[-1] for name, values in digest.chart.series.items()}
    assert latest["Open-weight models"] == pytest.approx(float(digest.numbers[0].value.split("%")[0]), abs=0.05)
    assert digest.chart.x[-1] == pd.Timestamp("2025-11-24").date().isoformat()
    assert digest.stamp == "2025-11-28|2026-09"


def test_the_digest_says_how_much_of_the_week_is_long_tail_and_unknown(digest, raw):
    week = raw[raw["iso_week"] == LATEST]
    tail = week.loc[week["model_permaslug"] == "other", "total_tokens"].sum() / week["total_tokens"].sum() * 100
    no_origin = week.loc[(week["model_permaslug"] != "other") & week["origin"].isna(), "total_tokens"].sum()
    assert f"long tail ('other') {tail:.1f}%" in digest.coverage
    assert f"origin {no_origin / week['total_tokens'].sum() * 100:.1f}%" in digest.coverage
    assert digest.coverage.startswith("Not attributable in the week of 2025-11-24")

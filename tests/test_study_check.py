"""The study's figures beside the rankings' own values, each rankings value recomputed here with plain pandas over
the raw CSV files of the full series."""

from __future__ import annotations

import pandas as pd
import pytest

from bot.ask.answer import ask
from tests.conftest import DATA_DIR, FULL_SERIES

WINDOW = ("2025-01-01", "2025-11-30")  # the study window, from the day the rankings start


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    rankings = pd.read_csv(FULL_SERIES, parse_dates=["date"])
    catalogue = pd.read_csv(DATA_DIR / "model-catalogue.csv")
    merged = rankings.merge(catalogue, how="left", left_on="model_permaslug", right_on="slug")
    merged = merged[(merged["model_permaslug"] == "other") | (merged["kind"] == "text")].copy()
    opened = pd.to_datetime(merged["open_from"])
    later = opened.notna() & (merged["date"] < opened)
    merged["is_open"] = (merged["open_weights"] == 1) & ~later
    merged["is_closed"] = (merged["open_weights"] == 0) | ((merged["open_weights"] == 1) & later)
    merged["week"] = merged["date"].dt.to_period("W-SUN")
    return merged


def _days(raw: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    return raw[(raw["date"] >= start) & (raw["date"] <= end)]


def _share(part: pd.DataFrame, mask: pd.Series) -> float:
    return part.loc[mask, "total_tokens"].sum() / part["total_tokens"].sum() * 100


def _weekly_mean(part: pd.DataFrame, mask: pd.Series) -> float:
    totals = part.groupby("week")["total_tokens"].sum()
    return (part[mask].groupby("week")["total_tokens"].sum().reindex(totals.index, fill_value=0) / totals).mean() * 100


@pytest.fixture(scope="module")
def answer(full_paths):
    return ask("study vs rankings", full_paths)


def _rankings_value(answer, label: str) -> str:
    numbers = answer.key_numbers + answer.study_figures
    (number,) = [k for k in numbers if k.label == label]
    return number.value.split("; rankings ")[1].split(" (")[0]


def test_open_weight_shares_match_pandas(answer, raw):
    nov = _days(raw, "2025-11-01", "2025-11-30")
    assert _rankings_value(answer, "Open weights, late 2025") == f"{_share(nov, nov['is_open']):.1f}%"
    window = _days(raw, *WINDOW)
    assert _rankings_value(answer, "Open weights, average") == f"{_weekly_mean(window, window['is_open']):.1f}%"


def test_chinese_and_rest_of_world_shares_match_pandas(answer, raw):
    window = _days(raw, *WINDOW)
    chinese = window["is_open"] & (window["origin"] == "China")
    rest_open = window["is_open"] & window["origin"].notna() & (window["origin"] != "China")
    rest_closed = window["is_closed"] & window["origin"].notna() & (window["origin"] != "China")
    assert _rankings_value(answer, "Chinese open weights, average") == f"{_weekly_mean(window, chinese):.1f}%"
    assert _rankings_value(answer, "Other open weights, average") == f"{_weekly_mean(window, rest_open):.1f}%"
    assert _rankings_value(answer, "Closed, not Chinese, average") == f"{_weekly_mean(window, rest_closed):.1f}%"
    weekly = window[chinese].groupby("week")["total_tokens"].sum() / window.groupby("week")["total_tokens"].sum()
    assert _rankings_value(answer, "Chinese open weights, peak") == f"{weekly.max() * 100:.1f}%"
    january = _days(raw, "2025-01-01", "2025-01-31")
    low = january[january["is_open"] & (january["origin"] == "China")].groupby("week")["total_tokens"].sum()
    low = (low / january.groupby("week")["total_tokens"].sum()).min() * 100
    assert _rankings_value(answer, "Chinese open weights, low") == f"{low:.1f}%"


def test_reasoning_volume_and_deepseek_match_pandas(answer, raw):
    nov = _days(raw, "2025-11-01", "2025-11-30")
    assert _rankings_value(answer, "Reasoning models, late 2025") == f"{_share(nov, nov['reasoning'] == 1):.1f}%"
    last_week = _days(raw, "2025-11-24", "2025-11-30")
    per_day = last_week.groupby("date")["total_tokens"].sum().mean()
    assert _rankings_value(answer, "Tokens a day, late Nov 2025") == f"{per_day / 1e12:.2f}T a day"
    window = _days(raw, *WINDOW)
    deepseek = window.loc[window["is_open"] & (window["vendor"] == "DeepSeek"), "total_tokens"].sum()
    assert _rankings_value(answer, "DeepSeek open-weight tokens") == f"{deepseek / 1e12:.2f}T tokens"


def test_size_trend_matches_pandas(answer, raw):
    window = _days(raw, *WINDOW)
    sized = window[window["is_open"] & (window["model_permaslug"] != "other")]
    first = sized[sized["date"] <= "2025-01-31"]
    last = sized[sized["date"] >= "2025-10-31"]
    start, end = (_share(p, p["size_class"] == "small") for p in (first, last))
    assert _rankings_value(answer, "Small open models, trend").startswith(f"{start:.1f}% to {end:.1f}%")


def test_every_comparison_says_its_periods_the_difference_and_why(answer):
    assert len(answer.key_numbers + answer.study_figures) == 12 and len(answer.table) == 13
    for number in answer.key_numbers + answer.study_figures:
        assert "study: " in number.period and "rankings: " in number.period
        assert ("agrees)" in number.value) != ("differs)" in number.value)
    for row in answer.table[1:]:
        assert "top 50" in row[-1] or "all traffic" in row[-1]
    assert {c.key for c in answer.citations} == {"study", "openrouter", "labels"}
    assert set(answer.chart.series) == {"Study (as stated)", "Rankings (closest period)"}
    assert answer.chart.x[0] == "Open weights, late 2025" and answer.chart.png[:4] == b"\x89PNG"


def test_share_answers_say_the_rankings_value_beside_the_study(full_paths, raw):
    answer = ask("open-source", full_paths)
    (late,) = [k for k in answer.study_figures if k.ref == "oc-oss-late2025"]
    nov = _days(raw, "2025-11-01", "2025-11-30")
    assert f"(rankings: {_share(nov, nov['is_open']):.1f}%, 2025-11-01 to 2025-11-30)" in late.value

"""The numbers ai-trends says, checked against an independent pandas computation over the raw CSV files."""

from __future__ import annotations

import pandas as pd
import pytest

from bot.ask.answer import ask
from tests.conftest import DATA_DIR, SAMPLE


def _weekly_share(raw: pd.DataFrame, mask: pd.Series) -> pd.Series:
    part = raw[mask].groupby("iso_week")["total_tokens"].sum()
    total = raw.groupby("iso_week")["total_tokens"].sum()
    return (part.reindex(total.index, fill_value=0) / total * 100).round(2)


def _series_by_week(answer) -> dict[str, dict[str, float]]:
    weeks = [pd.Timestamp(x).strftime("%G-W%V") for x in answer.chart.x]
    return {name: dict(zip(weeks, values, strict=True)) for name, values in answer.chart.series.items()}


def _is_open(raw: pd.DataFrame) -> pd.Series:
    opened = pd.to_datetime(raw["open_from"])
    return (raw["open_weights"] == 1) & (opened.isna() | (raw["date"] >= opened))


def test_open_weight_share_matches_pandas(built_paths, raw):
    answer = ask("open-source", built_paths)
    expected = _weekly_share(raw, _is_open(raw))
    got = _series_by_week(answer)["Open weights"]
    assert got == pytest.approx(expected.to_dict(), abs=0.01)
    latest = expected.index.max()
    assert answer.key_numbers[0].value == f"{expected[latest]:.1f}%"


def test_long_tail_stays_in_the_denominator(built_paths, raw):
    answer = ask("open-source", built_paths)
    expected = _weekly_share(raw, raw["model_permaslug"] == "other")
    assert _series_by_week(answer)["Long tail (other)"] == pytest.approx(expected.to_dict(), abs=0.01)
    # Every week's groups add up to 100%: nothing was silently dropped.
    for i in range(len(answer.chart.x)):
        assert sum(values[i] for values in answer.chart.series.values()) == pytest.approx(100, abs=0.05)


@pytest.mark.parametrize(
    ("question", "group", "column", "value"),
    [
        ("chinese", "China", "origin", "China"),
        ("chinese", "US", "origin", "US"),
        ("reasoning", "Reasoning", "reasoning", 1),
    ],
)
def test_group_shares_match_pandas(built_paths, raw, question, group, column, value):
    answer = ask(question, built_paths)
    expected = _weekly_share(raw, raw[column] == value)
    assert _series_by_week(answer)[group] == pytest.approx(expected.to_dict(), abs=0.01)


def test_period_filter_uses_only_days_in_the_period(built_paths, raw):
    answer = ask("chinese models since 2025-05", built_paths)
    recent = raw[raw["date"] >= "2025-05-01"]
    expected = _weekly_share(recent, recent["origin"] == "China")
    assert _series_by_week(answer)["China"] == pytest.approx(expected.to_dict(), abs=0.01)
    whole = recent.loc[recent["origin"] == "China", "total_tokens"].sum() / recent["total_tokens"].sum() * 100
    by_label = {k.label: k.value for k in answer.key_numbers}
    assert by_label["China share, whole period"] == f"{whole:.1f}%"
    assert "2025-05-12 to 2025-11-28" in answer.period


def test_size_shares_are_of_open_weight_tokens(built_paths, raw):
    answer = ask("model size", built_paths)
    open_rows = raw[_is_open(raw) & (raw["model_permaslug"] != "other")]
    large = _weekly_share(open_rows, open_rows["size_class"] == "large")
    assert _series_by_week(answer)["Large (>70B)"] == pytest.approx(large.to_dict(), abs=0.01)


def test_top_models_merge_variants_and_rank_the_latest_week(built_paths, raw):
    answer = ask("top 5 models", built_paths)
    latest = raw[raw["iso_week"] == raw["iso_week"].max()]
    by_model = latest.groupby("canonical")["total_tokens"].sum().sort_values(ascending=False)
    shares = (by_model / latest["total_tokens"].sum() * 100).head(5)
    names = latest.drop_duplicates("canonical").set_index("canonical")["name"]
    assert answer.chart.x == [names[c] for c in shares.index]
    assert answer.chart.series["share"] == pytest.approx(shares.round(2).tolist(), abs=0.01)
    # Grok 4.1 Fast's ':free' endpoint and its paid one are one model.
    grok = latest[latest["canonical"] == "x-ai/grok-4.1-fast"]["total_tokens"].sum()
    assert answer.chart.series["share"][0] == pytest.approx(grok / latest["total_tokens"].sum() * 100, abs=0.01)


def test_volume_is_tokens_per_day_averaged_per_week(built_paths):
    answer = ask("volume", built_paths)
    all_rows = pd.read_csv(SAMPLE, parse_dates=["date"])
    catalogue = pd.read_csv(DATA_DIR / "model-catalogue.csv").set_index("slug")["kind"]
    text_rows = all_rows[all_rows["model_permaslug"].map(catalogue).fillna("text") == "text"]
    per_day = text_rows.groupby("date")["total_tokens"].sum()
    ((name, values),) = answer.chart.series.items()
    scale = 1e12 if per_day.max() >= 1e12 else 1e9  # trillions once the series reaches a trillion a day
    assert name == ("trillions" if scale == 1e12 else "billions") + " of tokens per day"
    weekly = per_day.groupby(per_day.index.strftime("%G-W%V")).mean() / scale
    assert values == pytest.approx(weekly.round(2).tolist(), abs=0.01)


def test_partial_weeks_are_labelled_not_shown_as_drops(built_paths):
    answer = ask("open-source", built_paths)
    assert "(5 of 7 days)" in answer.headline
    assert all(row[1] in {"1", "5"} for row in answer.table[1:])  # days column says how complete each week is

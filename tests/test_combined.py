"""Combined dimensions ('chinese open-weight share'): the share of all tokens held by models in every group
named, checked against an independent pandas computation over the raw CSV files."""

from __future__ import annotations

import pandas as pd
import pytest

from bot.ask.answer import ask
from tests.test_numbers import _is_open, _series_by_week, _weekly_share


def test_chinese_open_weight_share_matches_pandas(built_paths, raw):
    answer = ask("chinese open-weight share", built_paths)
    both = (raw["origin"] == "China") & _is_open(raw)
    expected = _weekly_share(raw, both)
    series = _series_by_week(answer)
    assert series["China + Open weights"] == pytest.approx(expected.to_dict(), abs=0.01)
    assert series["China"] == pytest.approx(_weekly_share(raw, raw["origin"] == "China").to_dict(), abs=0.01)
    assert series["Open weights"] == pytest.approx(_weekly_share(raw, _is_open(raw)).to_dict(), abs=0.01)
    latest = expected.index.max()
    assert answer.key_numbers[0].value == f"{expected[latest]:.1f}%"
    whole = raw.loc[both, "total_tokens"].sum() / raw["total_tokens"].sum() * 100
    assert answer.key_numbers[1].value == f"{whole:.1f}%"


def test_a_combination_shows_only_the_study_figures_about_it(built_paths):
    answer = ask("chinese open-weight share", built_paths)
    assert answer.study_figures and all("Chinese OSS" in k.label for k in answer.study_figures + answer.findings)
    assert all("Chinese OSS" in a["label"] for a in answer.chart.anchors)
    unrelated = ask("chinese reasoning models", built_paths)
    assert unrelated.study_figures == [] and unrelated.chart.anchors == []  # the study has no such figure


def test_a_compared_combination_has_a_line_per_group(built_paths, raw):
    answer = ask("chinese vs us open models", built_paths)
    assert answer.topic == "chinese" and answer.chart.kind == "lines"
    expected = _weekly_share(raw, (raw["origin"] == "US") & _is_open(raw))
    assert _series_by_week(answer)["US + Open weights"] == pytest.approx(expected.to_dict(), abs=0.01)


def test_every_key_number_of_a_combination_says_its_period_and_source(built_paths):
    answer = ask("closed reasoning models since 2025-06", built_paths)
    assert "Reasoning + Closed" in answer.headline
    for number in answer.key_numbers:
        assert number.value and number.period and number.source == "OpenRouter rankings"
    assert any(c.key == "labels" for c in answer.citations)
    assert pd.Timestamp(answer.chart.x[0]) >= pd.Timestamp("2025-05-26")

"""The study's figures become structured rows, and chart readings are never quoted as the study's own."""

from __future__ import annotations

from datetime import date

import pytest

from bot.ask.answer import ask
from bot.ask.topics import TOPICS
from bot.store.figures import confidence_code, parse_period, parse_value
from bot.store.loaders import read_figures
from tests.conftest import DATA_DIR


@pytest.mark.parametrize(
    ("text", "unit", "comparator", "value", "high"),
    [
        ("~11", "% of total tokens", "~", 11.0, None),
        (">100 trillion", "tokens", ">", 1e14, None),
        ("300+", "models", ">", 300.0, None),
        ("5–7", "models", "range", 5.0, 7.0),
        ("≈1/3 (approx. 33)", "% of weekly tokens", "~", 100 / 3, None),
        ('52 (">50")', "% of OSS tokens", "=", 52.0, None),
        ("<0.40", "USD per 1M tokens", "<", 0.4, None),
        ("nearly 30", "% of all tokens", "~", 30.0, None),
        ("declining (no number)", "%", None, None, None),
        ("2025-05", "month", None, None, None),
        ("13 → ~30", "%", None, None, None),
    ],
)
def test_values_are_read_with_their_comparator(text, unit, comparator, value, high):
    parsed = parse_value(text, unit)
    assert parsed.comparator == comparator
    assert parsed.value == (pytest.approx(value) if value is not None else None)
    assert parsed.high == high


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("late 2025 (≈2025-11)", date(2025, 11, 1), date(2025, 11, 30)),
        ("2024-11..2025-11", date(2024, 11, 1), date(2025, 11, 30)),
        ("2024-11-03 to 2025-11-30 (2024-W44..2025-W48)", date(2024, 11, 3), date(2025, 11, 30)),
        ("whole window", date(2024, 11, 3), date(2025, 11, 30)),
        ("week of 2025-11-17 (ISO 2025-W47)", date(2025, 11, 17), date(2025, 11, 17)),
        ("late 2024 (≈2024-W44..W52)", date(2024, 10, 28), date(2024, 12, 29)),
        ("Oct 2025", date(2025, 10, 1), date(2025, 10, 31)),
        ("early 2025", date(2025, 1, 1), date(2025, 4, 30)),
        ("before mid-2025 (earlier period not dated)", None, date(2025, 4, 30)),
        ("from 2025-05", date(2025, 5, 1), None),
        ("mid-2025 → late 2025", date(2025, 5, 1), date(2025, 12, 31)),
        ("definition", None, None),
    ],
)
def test_periods_become_dates(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("R-EN", "R-EN"),
        ("R-TR (single translation)", "R-TR"),
        ("SEC-CHART (unverified)", "SEC-CHART"),
        ("SEC / SEC-CHART", "SEC-CHART"),
        ("DER", "DER"),
        ("CONFLICT (metric inversion)", "CONFLICT"),
        ("consistent", "CLAIM"),
    ],
)
def test_confidence_codes(text, code):
    assert confidence_code(text) == code


def test_every_figure_row_is_kept_and_chart_readings_are_not_statable():
    rows = read_figures(DATA_DIR / "state-of-ai-figures.csv")
    with (DATA_DIR / "state-of-ai-figures.csv").open() as handle:
        assert len(rows) == sum(1 for _ in handle) - 1
    chart_readings = [r for r in rows if r["confidence"] == "SEC-CHART"]
    assert len(chart_readings) > 20
    assert not any(r["statable"] for r in chart_readings)
    assert not any(r["statable"] for r in rows if r["disputed"])


def test_same_repeats_the_row_above():
    rows = {r["id"]: r for r in read_figures(DATA_DIR / "state-of-ai-figures.csv")}
    assert rows["geo-cont-asia"]["period_start"] == rows["geo-cont-na"]["period_start"]
    assert rows["oss-author-qwen"]["metric"] == rows["oss-author-deepseek"]["metric"]


@pytest.mark.parametrize("topic", [t.name for t in TOPICS if t.name != "model"])
def test_answers_quote_only_figures_the_study_states(built_paths, topic):
    answer = ask(topic.replace("-", " "), built_paths)
    from bot.analytics.snapshot import current

    figures = current(built_paths).figures
    for number in answer.key_numbers + answer.study_figures:
        if number.ref in figures:
            assert figures[number.ref]["statable"] == 1, number
            assert number.period and number.source.startswith("State of AI study")


def test_roleplay_keeps_the_study_meaning(built_paths):
    answer = ask("roleplay", built_paths)
    quoted = {k.ref: k for k in answer.key_numbers}
    assert quoted["cat-oss-roleplay"].value == "52% of OSS tokens"
    assert "not open models' share of roleplay" in answer.method

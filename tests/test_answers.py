"""Every topic answers with a headline, 2-4 key numbers that each carry a period and a source, and citations."""

from __future__ import annotations

import re

import pytest

from bot.ask.answer import ask
from bot.ask.topics import TOPICS
from bot.errors import NoData

OPENROUTER_CITATION = re.compile(r"^Source: OpenRouter \(openrouter\.ai/rankings\), as of [0-9-]+\.")


@pytest.mark.parametrize("example", [(t.name, e) for t in TOPICS for e in t.examples], ids=lambda p: p[1])
def test_every_example_in_the_help_answers(built_paths, example):
    topic, text = example
    answer = ask(text, built_paths)
    assert answer.topic == topic
    assert answer.headline
    assert 2 <= len(answer.key_numbers) <= 4
    for number in answer.key_numbers + answer.study_figures:
        assert number.value and number.period and number.source, number
    assert answer.citations and answer.method


@pytest.mark.parametrize("topic", [t for t in TOPICS if t.source == "rankings"], ids=lambda t: t.name)
def test_rankings_answers_cite_openrouter_with_as_of(built_paths, topic):
    answer = ask(topic.examples[0], built_paths)
    assert OPENROUTER_CITATION.match(answer.citations[0].text)
    assert "as of 2026-09" in answer.citations[0].text
    assert all(k.source == "OpenRouter rankings" for k in answer.key_numbers)


@pytest.mark.parametrize("topic", [t for t in TOPICS if t.anchors], ids=lambda t: t.name)
def test_rankings_topics_show_the_study_beside_them(built_paths, topic):
    answer = ask(topic.examples[0], built_paths)
    assert answer.study_figures
    assert any("State of AI" in c.text and "openrouter.ai/state-of-ai" in c.text for c in answer.citations)


@pytest.mark.parametrize("topic", [t for t in TOPICS if t.source == "study"], ids=lambda t: t.name)
def test_study_topics_quote_the_study(built_paths, topic):
    answer = ask(topic.examples[0], built_paths)
    assert all(k.source.startswith("State of AI study") for k in answer.key_numbers)
    assert answer.citations[0].text.startswith("Source: State of AI: An Empirical 100 Trillion Token Study")


def test_a_period_with_no_data_says_what_the_store_holds(built_paths):
    with pytest.raises(NoData, match="No rankings data for 2024-01-01 to 2024-12-31.*21 days from 2025-01-01"):
        ask("open source in 2024", built_paths)


def test_study_topics_say_their_periods_are_fixed(built_paths):
    answer = ask("languages since 2025-06", built_paths)
    assert any("fixed periods" in c for c in answer.changes)


def test_repeated_question_is_served_from_the_cache(built_paths):
    first = ask("vendors last 8 weeks", built_paths)
    assert ask("vendors last 8 weeks", built_paths) is first
    assert ask("Vendors, last 8 weeks!", built_paths) is first  # same question, other spelling


def test_help_lists_every_topic(built_paths):
    answer = ask("help", built_paths)
    assert [k.label for k in answer.key_numbers] == [t.name for t in TOPICS]


def test_json_view_has_numbers_periods_and_sources(built_paths):
    data = ask("top models last week", built_paths).to_dict()
    assert data["key_numbers"][0]["period"].startswith("week of 2025-11-24")
    assert data["citations"][0]["url"] == "https://openrouter.ai/rankings"
    assert data["chart"]["series"]["share"] and "png" not in data["chart"]


@pytest.mark.parametrize(
    "question", ["open-source", "chinese", "china vs us", "reasoning", "vendors", "top models", "grok code fast 1"]
)
def test_every_share_says_how_big_the_long_tail_was(built_paths, question):
    labels = [k.label for k in ask(question, built_paths).key_numbers]
    assert any(label.startswith("Long tail ('other'") for label in labels), labels


@pytest.mark.parametrize("question", ["open-source", "chinese", "china vs us", "reasoning", "vendors", "model size"])
def test_every_share_answer_says_how_much_is_unknown(built_paths, question):
    """Beside the long tail, the share of the week whose models lack evidence for the dimension is stated."""
    (key,) = [k for k in ask(question, built_paths).key_numbers if "Unknown" in k.label]
    assert key.period.startswith("week of") and key.value.count("%") == key.label.count("/") + 1


def test_stealth_models_are_flagged(built_paths):
    assert "Stealth models in this period: " in ask("open source since 2025-11", built_paths).method
    assert "Stealth models in this period" not in ask("open source in 2025-01", built_paths).method

"""The optional language model, over real HTTP to a local fake of OpenRouter's chat completions: only questions
the rules cannot place go to it, it returns a structured question (never a number), 3 s at most, cached per text,
and the key never reaches a log line."""

from __future__ import annotations

import logging
import time

import pytest

from bot.ask import language_model
from bot.ask.answer import understand_and_answer
from bot.ask.lexicon import Lexicon
from bot.config import LlmSettings, llm_settings_from_env
from bot.errors import NotUnderstood
from tests.refresh_kit import KEY

MODEL = "openai/gpt-4o-mini"
NOT_PLACED = "which one should my startup bet on"  # no topic word at all: the rules give up


@pytest.fixture(autouse=True)
def fresh_cache():
    language_model.clear_cache()
    yield
    language_model.clear_cache()


def _settings(fake, key: str = KEY, budget: float = 3.0) -> LlmSettings:
    return LlmSettings(MODEL, key, fake.url, budget)


def test_a_question_the_rules_cannot_place_is_read_by_the_model(built_paths, fake):
    fake.completions = [{"topic": "top-models", "top_n": 5}]
    question, answer = understand_and_answer(NOT_PLACED, built_paths, _settings(fake))
    assert (answer.topic, question.top_n) == ("top-models", 5)
    [request] = fake.chat_requests()
    body = request["body"]
    assert request["auth"] == f"Bearer {KEY}" and body["model"] == MODEL
    assert body["response_format"]["type"] == "json_schema" and body["response_format"]["json_schema"]["strict"]
    schema = body["response_format"]["json_schema"]["schema"]
    assert {"top-models", "programming", "unknown"} <= set(schema["properties"]["topic"]["enum"])
    assert body["messages"][-1] == {"role": "user", "content": NOT_PLACED}


def test_the_same_text_is_asked_once(built_paths, fake):
    fake.completions = [{"topic": "regions"}, {"topic": "pricing"}]
    first = understand_and_answer(NOT_PLACED, built_paths, _settings(fake))[1]
    second = understand_and_answer(NOT_PLACED, built_paths, _settings(fake))[1]
    assert first.topic == second.topic == "regions" and len(fake.chat_requests()) == 1


def test_a_question_the_rules_are_sure_of_never_leaves(built_paths, fake):
    answer = understand_and_answer("open-weight share since 2025-06", built_paths, _settings(fake))[1]
    assert answer.topic == "open-source" and fake.chat_requests() == []


def test_an_unsure_reading_can_be_settled_by_the_model(built_paths, fake):
    text = "how many tokens did deepseek serve in total"  # China's share or DeepSeek's? The rules tie.
    fake.completions = [{"topic": "vendors", "start": "2025-06-01", "end": "2025-11-30"}]
    question, answer = understand_and_answer(text, built_paths, _settings(fake))
    assert answer.topic == "vendors" and question.focus == ("DeepSeek",)
    assert question.start.isoformat() == "2025-06-01" and "language model" in question.period_label


def test_the_model_never_supplies_a_number(built_paths, fake):
    fake.completions = [{"topic": "volume", "claim": "42 trillion tokens a day"}]
    answer = understand_and_answer(NOT_PLACED, built_paths, _settings(fake))[1]
    assert answer.topic == "volume" and "42 trillion" not in answer.text()


@pytest.mark.parametrize(
    "content",
    [
        {"topic": "model", "model": "gpt-9 ultra"},  # a model the catalogue does not have
        {"topic": "weather"},  # not a topic
        {"topic": "unknown"},
    ],
)
def test_what_the_data_cannot_answer_is_dropped(built_paths, fake, content):
    fake.completions = [content]
    with pytest.raises(NotUnderstood) as caught:
        understand_and_answer(NOT_PLACED, built_paths, _settings(fake))
    assert caught.value.examples


def test_dates_and_top_n_are_checked():
    names = Lexicon({})
    asked = language_model.checked(
        {"topic": "top-models", "start": "2025-13-01", "end": "2025-02-30", "top_n": 900, "groups": [1, "China"]},
        names,
    )
    assert (asked.start, asked.end, asked.top_n, asked.groups) == (None, None, None, ("China",))


def test_after_the_budget_the_rules_reading_stands(built_paths, fake):
    fake.chat_delay = 2.0
    started = time.monotonic()
    with pytest.raises(NotUnderstood):
        understand_and_answer(NOT_PLACED, built_paths, _settings(fake, budget=0.3))
    assert time.monotonic() - started < fake.chat_delay  # did not wait for the slow answer
    sure = understand_and_answer(
        "how many tokens did deepseek serve in total", built_paths, _settings(fake, budget=0.3)
    )
    assert sure[1].topic == "chinese"  # the rules' own reading


def test_the_key_is_never_logged(built_paths, fake, caplog):
    secret = "sk-or-v1-not-the-fakes-key-0000"
    caplog.set_level(logging.DEBUG)
    with pytest.raises(NotUnderstood) as caught:
        understand_and_answer(NOT_PLACED, built_paths, _settings(fake, key=secret))  # the fake echoes it back
    assert fake.chat_requests()[0]["auth"] == f"Bearer {secret}"
    assert "language model" in caplog.text.lower()
    assert secret not in caplog.text and secret not in str(caught.value)
    assert secret not in repr(_settings(fake, key=secret))


def test_off_unless_both_model_and_key_are_set(built_paths, fake):
    assert not llm_settings_from_env({"OPENROUTER_API_KEY": KEY}).enabled
    assert not llm_settings_from_env({"AI_TRENDS_LLM_MODEL": MODEL}).enabled
    assert llm_settings_from_env({"AI_TRENDS_LLM_MODEL": MODEL, "OPENROUTER_API_KEY": KEY}).enabled
    with pytest.raises(NotUnderstood):
        understand_and_answer(NOT_PLACED, built_paths, LlmSettings(None, KEY, fake.url))
    assert fake.chat_requests() == []


def test_readme_says_what_it_costs_and_how_to_turn_it_off():
    from tests.conftest import PROJECT_DIR

    readme = " ".join((PROJECT_DIR / "README.md").read_text().split())  # lines are wrapped at 120 characters
    for fact in ("`AI_TRENDS_LLM_MODEL`", "What it costs", "To turn it off", "at most 3 seconds", "never logged"):
        assert fact in readme, fact
    assert "\nAI_TRENDS_LLM_MODEL=\n" in (PROJECT_DIR / ".env.example").read_text()  # off unless chosen

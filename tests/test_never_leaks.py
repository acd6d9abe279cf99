"""Property: whatever text arrives (chat markup, code blocks, emoji, CJK, 10,000 characters, SQL), the parser and
the answer function give an answer or a helpful 'not understood' with examples: never an exception, never
internal wording such as None."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.analytics import snapshot
from bot.ask.answer import understand_and_answer
from bot.ask.question import read
from bot.ask.understand import lexicon_for
from bot.errors import AiTrendsError, NotUnderstood

# Words that only ever come from code, never from an answer meant for people.
LEAKS = re.compile(r"\bNone\b|\bnan\b|\bNaN\b|<NA>|Traceback|KeyError|IndexError|dtype|object at 0x|\bnull\b")
FRAGMENTS = [
    "open source",
    "chinese",
    "claude model",
    "model",
    "top 5",
    "since 2025-06",
    "in 2024",
    "q3 2025",
    "vs",
    "table",
    "coding",
    "deepseek",
    "gpt-4o-mini",
    "claude opus 4",
    "retention",
    "asia share of spend",
    "europe",
    "<@U1>",
    "<#C1|x>",
    "<https://x|y>",
    "<https://x>",
    "<!here>",
    "```select * from rankings```",
    "`oss`",
    ":tada:",
    "🚀",
    "中文 模型",
    "开源",
    "'; DROP TABLE rankings; --",
    '" OR 1=1 --',
    "NEAR(a b)",
    "*",
    "%",
    "\n",
    "\t",
    "last 0 weeks",
    "top 0",
    "since 2025-13",
    "from 2025-09 to 2025-03",
    "None",
    "null",
    "😀" * 3,
    "200B+ models",
]
QUESTIONS = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), min_size=1, max_size=8).map(" ".join),
)


@pytest.fixture(scope="module")
def context(built_paths):
    current = snapshot.current(built_paths)
    return built_paths, current, lexicon_for(current)


def _clean(output: str, text: str) -> bool:
    """No internal wording in what the user reads, unless the user typed it."""
    return all(leak in text for leak in LEAKS.findall(output))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUESTIONS)
@example("x" * 10_000)
@example("open source " * 1_000)
@example("claude model")
def test_the_parser_never_raises_anything_but_not_understood(context, text):
    _, current, names = context
    try:
        reading = read(text, current.last_day, names)
    except NotUnderstood as error:
        assert error.examples and _clean(str(error), text)
        return
    assert reading.question.topic and reading.question.text == text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUESTIONS)
@example("claude model")
@example("model")
@example("<@U1> <#C1|general> <https://openrouter.ai|rankings> ```top 5``` 🚀 中文")
@example("x" * 10_000)
def test_the_answer_function_answers_or_explains(context, text):
    paths, _, _ = context
    try:
        _, answer = understand_and_answer(text, paths)
    except NotUnderstood as error:
        assert error.examples, "a 'not understood' always says what to try"
        assert _clean(str(error), text)
        return
    except AiTrendsError as error:  # NoData: the period holds no data; the message says what the store holds
        assert str(error) and _clean(str(error), text)
        return
    shown = answer.text()
    assert answer.headline and _clean(shown, text), shown
    assert all(k.value and k.period for k in answer.key_numbers + answer.findings)

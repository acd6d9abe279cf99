"""Text first: what an asker sees before the chart is drawn is exactly the whole answer's words and numbers."""

from __future__ import annotations

import pytest

from bot.analytics import snapshot
from bot.ask import pool
from bot.ask.answer import answer_first, answer_question, clear_cache
from bot.ask.topics import TOPICS
from bot.ask.understand import understand

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("example", [t.examples[0] for t in TOPICS if t.name != "tool-calls"])
def test_the_numbers_sent_first_are_the_whole_answers_numbers(full_paths, example):
    question = understand(example, full_paths, snapshot.current(full_paths))
    first = pool.build_text(full_paths, question)
    whole = pool.build(full_paths, question)
    assert first.to_dict() == whole.to_dict()  # headline, key numbers, periods, citation, chart data and alt text
    assert first.chart.png == b"" and whole.chart.png.startswith(PNG_SIGNATURE)


def test_a_new_question_comes_first_without_its_chart_and_then_whole(full_paths):
    clear_cache(full_paths)
    question = understand("open-source since 2025-03-03", full_paths, snapshot.current(full_paths))
    first, whole = answer_first(question, full_paths)
    assert whole is not None and first.chart.png == b""
    drawn = whole.result(timeout=60)
    assert drawn.chart.png.startswith(PNG_SIGNATURE) and drawn.key_numbers == first.key_numbers
    again, nothing_to_follow = answer_first(question, full_paths)  # now built: it goes out whole, at once
    assert nothing_to_follow is None and again.chart.png == drawn.chart.png
    assert answer_question(question, full_paths).chart.png == drawn.chart.png

"""After a data change the worker renders the common answers once; the app then serves them from the store, so
the first asker pays nothing."""

from __future__ import annotations

import pytest

from bot import conversation
from bot.ask import answer, pool
from bot.ask.question import COMPARE_GROUPS
from bot.ask.topics import TOPICS
from bot.conversation.prerender import prerender_if_new
from bot.store.build import import_file
from tests.conftest import write_csv


@pytest.fixture
def rendered(own_data):
    assert prerender_if_new(own_data, "worker-1").startswith("prerendered ")
    return own_data


def _nothing_may_be_built(monkeypatch) -> None:
    def refuse(paths, question):
        raise AssertionError(f"built {question} again")

    answer.clear_cache()  # a fresh app process: nothing in memory, only what the store holds
    monkeypatch.setattr(pool, "build", refuse)


def test_every_topic_and_its_buttons_are_served_from_the_store(rendered, monkeypatch):
    _nothing_may_be_built(monkeypatch)
    for topic in TOPICS:
        for example in topic.examples:
            conversation.answer_text(rendered, example)
        if topic.name == "model":
            continue  # 'model' alone asks back which model: there is no answer to render
        question, reply = conversation.answer_text(rendered, topic.name)
        assert reply.topic == question.topic
        conversation.answer_button(rendered, "last_3_months", question.to_json())
        if question.topic in COMPARE_GROUPS:
            conversation.answer_button(rendered, "compare", question.to_json())


def test_rendered_once_per_data_version_across_workers(rendered, tmp_path):
    assert prerender_if_new(rendered, "worker-2") is None
    rows = write_csv(
        tmp_path / "r.csv", ["date", "model_permaslug", "total_tokens"], [["2025-12-01", "openai/gpt-5", 5]]
    )
    import_file(rendered, rows, as_of="2025-12-05")
    assert prerender_if_new(rendered, "worker-2").startswith("prerendered ")

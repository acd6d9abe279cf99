"""The topics ai-trends can answer: one table that drives parsing, answers, the help text and the README check.

Plain data: imports nothing but its own modules, so every layer may read it."""

from __future__ import annotations

from bot.ask.topics.rankings import RANKINGS_TOPICS
from bot.ask.topics.study import STUDY_TOPICS
from bot.ask.topics.topic import Topic

TOPICS: tuple[Topic, ...] = RANKINGS_TOPICS + STUDY_TOPICS

BY_NAME = {topic.name: topic for topic in TOPICS}


def get(name: str) -> Topic:
    return BY_NAME[name]


def synonym_index() -> dict[str, str]:
    """Every phrase a user may type, mapped to its topic name (topic names count too)."""
    index: dict[str, str] = {}
    for topic in TOPICS:
        for phrase in (topic.name, topic.name.replace("-", " "), *topic.synonyms):
            index.setdefault(phrase, topic.name)
    return index

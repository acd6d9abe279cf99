"""Questions in plain words: topics, synonyms, dates, options, and helpful answers to what is not understood."""

from __future__ import annotations

from datetime import date

import pytest

from bot.ask import saved, topics
from bot.ask.answer import ask
from bot.ask.dates import parse_period
from bot.ask.question import normalise, parse
from bot.errors import NotUnderstood

LATEST = date(2025, 11, 28)
MODELS = {"grok code fast 1": "Grok Code Fast 1", "deepseek v3 0324": "DeepSeek V3 0324"}


@pytest.mark.parametrize(("phrase", "topic"), sorted(topics.synonym_index().items()))
def test_every_synonym_in_the_help_resolves(phrase, topic):
    q = parse(phrase, LATEST, MODELS)
    assert q.topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("how did Chinese models do since June?", "chinese"),
        ("open-weight share", "open-source"),
        ("Is coding growing?", "programming"),
        ("<@U0BOT> what about roleplay?", "roleplay"),
        ("top 5", "top-models"),
        ("grok code fast 1 since 2025-08", "model"),
        ("DeepSeek", "chinese"),
        ("what does the state of ai report say", "report"),
    ],
)
def test_questions_find_their_topic(text, topic):
    assert parse(text, LATEST, MODELS).topic == topic


def test_a_model_name_beats_a_shorter_topic_word():
    q = parse("grok code fast 1", LATEST, MODELS)  # contains "code" (programming) but names a model
    assert (q.topic, q.model) == ("model", "Grok Code Fast 1")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("since 2025-06", date(2025, 6, 1), None),
        ("since june", date(2025, 6, 1), None),
        ("in 2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("q3 2025", date(2025, 7, 1), date(2025, 9, 30)),
        ("last 8 weeks", date(2025, 10, 4), LATEST),
        ("until 2025-09-30", None, date(2025, 9, 30)),
        ("from may to august 2025", date(2025, 5, 1), date(2025, 8, 31)),
        ("between 2025-01 and 2025-06", date(2025, 1, 1), date(2025, 6, 30)),
        ("this year", date(2025, 1, 1), LATEST),
    ],
)
def test_date_phrases(text, start, end):
    period, _ = parse_period(text, LATEST)
    assert (period.start, period.end) == (start, end)
    assert period.label  # what was understood is always said back


def test_a_month_word_alone_is_not_a_date():
    period, _ = parse_period("what may happen next", LATEST)
    assert period is None


def test_bad_dates_say_what_was_read():
    with pytest.raises(NotUnderstood, match="'2025-13'.*not a real calendar date"):
        parse("chinese since 2025-13", LATEST, MODELS)
    with pytest.raises(NotUnderstood, match="ends before it starts"):
        parse("open source from 2025-09 to 2025-03", LATEST, MODELS)


def test_unknown_topics_get_suggestions_and_examples():
    with pytest.raises(NotUnderstood) as caught:
        parse("opne sorce", LATEST, MODELS)
    assert caught.value.suggestions == ["open-source"]
    assert caught.value.examples
    with pytest.raises(NotUnderstood) as caught:
        parse("weather in paris", LATEST, MODELS)
    assert caught.value.examples  # even with nothing close, the user gets something to try


def test_options_top_compare_table():
    q = parse("compare china vs us top 3 as table", LATEST, MODELS)
    assert (q.topic, q.compare, q.focus, q.top_n, q.view) == ("chinese", True, ("China", "US"), 3, "table")


def test_normalise_keeps_versions_and_dates():
    assert normalise("Claude-Sonnet 4.5, since 2025-06!") == "claude sonnet 4.5 since 2025-06"


def test_user_text_never_reaches_sql(built_paths):
    text = "open source'; DROP TABLE rankings; --"
    before = _dump(built_paths)
    answer = ask(text, built_paths)
    assert answer.topic == "open-source"
    assert _dump(built_paths) == before
    # The text was kept only as a value: the key its answer is saved under, for the next asker.
    assert saved.lookup(built_paths, saved.text_key(text)) == answer


def _dump(paths):
    """Everything in the store but the saved answers, which asking a question adds by design."""
    from bot.store.schema import connect

    with connect(paths.db_path) as db:
        return [line for line in db.conn.iterdump() if "saved_answers" not in line]

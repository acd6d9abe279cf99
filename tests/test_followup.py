"""Thread follow-ups read against the thread's last question, and the memory that survives restarts."""

from __future__ import annotations

from datetime import date

import pytest

from bot.ask.question import Question, parse
from bot.conversation import memory
from bot.conversation.followup import follow_up
from bot.errors import NotUnderstood
from bot.store.schema import connect

LATEST = date(2025, 11, 28)
CHINESE = parse("chinese models since 2025-05", LATEST, {})


@pytest.mark.parametrize(
    ("reply", "topic", "focus", "start", "view"),
    [
        ("since March", "chinese", ("China",), date(2025, 3, 1), "chart"),
        ("last 3 months", "chinese", ("China",), date(2025, 8, 31), "chart"),
        ("and in Europe?", "chinese", ("Europe",), date(2025, 5, 1), "chart"),
        ("compare with us", "chinese", ("China", "US"), date(2025, 5, 1), "chart"),
        ("and reasoning models?", "reasoning", ("Reasoning",), date(2025, 5, 1), "chart"),
        ("why?", "chinese", ("China",), date(2025, 5, 1), "why"),
        ("table", "chinese", ("China",), date(2025, 5, 1), "table"),
    ],
)
def test_follow_ups(reply, topic, focus, start, view):
    q = follow_up(CHINESE, reply, LATEST, {})
    assert (q.topic, q.focus, q.start, q.view) == (topic, focus, start, view)


def test_compare_with_closed_switches_to_open_source():
    q = follow_up(parse("open source", LATEST, {}), "compare with closed", LATEST, {})
    assert (q.topic, q.compare, q.focus) == ("open-source", True, ("Open weights", "Closed"))


def test_unreadable_follow_up_says_what_to_try():
    with pytest.raises(NotUnderstood) as caught:
        follow_up(CHINESE, "hmm interesting", LATEST, {})
    assert "since March" in caught.value.examples


def test_question_round_trips_through_json():
    assert Question.from_json(CHINESE.to_json()) == CHINESE


def test_thread_memory_and_event_claims(tmp_path):
    with connect(tmp_path / "m.db") as db:
        memory.remember_thread(db, "C1", "1.1", CHINESE)
        assert memory.thread_question(db, "C1", "1.1") == CHINESE
        assert memory.thread_question(db, "C1", "9.9") is None
        assert memory.claim_event(db, "Ev1", now=1000.0) is True
        assert memory.claim_event(db, "Ev1", now=1001.0) is False  # a retry while the first is answering
        assert memory.claim_event(db, "Ev1", now=1000.0 + memory.STALE_CLAIM_SECONDS + 1) is True  # first died
        memory.finish_event(db, "Ev1", now=1100.0)
        assert memory.claim_event(db, "Ev1", now=5000.0) is False  # answered: never again


def test_a_follow_up_about_other_groups_drops_the_finding_and_the_offer():
    first = Question(
        "chinese open source share",
        "chinese",
        focus=("China",),
        within=(("open", "Open weights"),),
        alternative=("open-source",),
        lead=("oc-cn-oss-avg",),
    )
    europe = follow_up(first, "and in Europe?", LATEST, {})
    assert (europe.focus, europe.within, europe.lead, europe.alternative) == (
        ("Europe",),
        (("open", "Open weights"),),
        (),
        (),
    )
    later = follow_up(first, "since March", LATEST, {})
    assert later.lead == ("oc-cn-oss-avg",) and later.start == date(2025, 3, 1)

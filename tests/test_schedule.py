"""When digests are due: local weekday and time in an IANA timezone, across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.digest.schedule import (
    BadSchedule,
    Schedule,
    current_slot,
    next_slot,
    parse_clock,
    parse_timezone,
    parse_weekday,
    previous_slot,
    slot_for_week,
)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("schedule", "monday", "due_utc"),
    [
        # Berlin: CET (+1) until the last Sunday of March 2026 (the 29th), then CEST (+2)
        (Schedule(0, time(9), "Europe/Berlin"), date(2026, 3, 23), utc(2026, 3, 23, 8)),
        (Schedule(0, time(9), "Europe/Berlin"), date(2026, 3, 30), utc(2026, 3, 30, 7)),
        # and back to CET after 2026-10-25
        (Schedule(4, time(16, 30), "Europe/Berlin"), date(2026, 10, 19), utc(2026, 10, 23, 14, 30)),
        (Schedule(4, time(16, 30), "Europe/Berlin"), date(2026, 10, 26), utc(2026, 10, 30, 15, 30)),
        # New York springs forward at 02:00 on 2026-03-08: 02:30 does not exist that night and runs at 03:30 EDT
        (Schedule(6, time(2, 30), "America/New_York"), date(2026, 3, 2), utc(2026, 3, 8, 7, 30)),
        # New York falls back at 02:00 on 2026-11-01: 01:30 happens twice and runs the first time (EDT)
        (Schedule(6, time(1, 30), "America/New_York"), date(2026, 10, 26), utc(2026, 11, 1, 5, 30)),
        # Sydney leaves daylight saving on 2026-04-05: Monday 09:00 is Sunday 22:00 UTC, then 23:00 UTC
        (Schedule(0, time(9), "Australia/Sydney"), date(2026, 3, 30), utc(2026, 3, 29, 22)),
        (Schedule(0, time(9), "Australia/Sydney"), date(2026, 4, 6), utc(2026, 4, 5, 23)),
        # No daylight saving, and a half-hour offset
        (Schedule(4, time(16, 30), "Asia/Kolkata"), date(2026, 7, 6), utc(2026, 7, 10, 11)),
    ],
)
def test_due_instant_follows_the_local_clock_across_dst(schedule, monday, due_utc):
    slot = slot_for_week(schedule, monday)
    assert slot.due == due_utc
    assert slot.day == monday + timedelta(days=schedule.weekday)


def test_a_week_is_the_local_week_even_when_utc_is_still_in_the_previous_one():
    sydney = Schedule(0, time(9), "Australia/Sydney")
    sunday_evening_utc = utc(2026, 3, 29, 22, 30)  # already Monday 09:30 in Sydney
    slot = current_slot(sydney, sunday_evening_utc)
    assert slot.period == "2026-W14" and slot.due == utc(2026, 3, 29, 22)
    assert slot.closes == utc(2026, 4, 5, 14)  # Monday 00:00 AEST, after the DST change
    assert previous_slot(sydney, sunday_evening_utc).period == "2026-W13"


def test_next_slot_skips_this_week_when_it_is_delivered_or_came_before_the_subscription():
    monday_9 = Schedule(0, time(9), "Europe/Berlin")
    tuesday = utc(2026, 12, 8, 12)
    assert next_slot(monday_9, tuesday, since=utc(2026, 12, 1)).period == "2026-W50"  # owed, so due now
    assert next_slot(monday_9, tuesday, since=tuesday).due == utc(2026, 12, 14, 8)
    delivered = frozenset({"2026-W50"})
    assert next_slot(monday_9, tuesday, since=utc(2026, 12, 1), done=delivered).period == "2026-W51"


@pytest.mark.parametrize(
    ("word", "expected"),
    [("9", time(9)), ("09:00", time(9)), ("9am", time(9)), ("12am", time(0)), ("4:30pm", time(16, 30)),
     ("16.30", time(16, 30)), ("friday", None)],
)  # fmt: skip
def test_clock_readings(word, expected):
    assert parse_clock(word) == expected


@pytest.mark.parametrize(("word", "message"), [("25:00", "not a time of day"), ("13pm", "from 1 to 12")])
def test_impossible_times_say_what_was_read(word, message):
    with pytest.raises(BadSchedule, match=message):
        parse_clock(word)


def test_weekdays_and_timezones_in_any_case():
    assert [parse_weekday(w) for w in ("Monday", "fri", "Fridays", "sun", "thurs", "june")] == [0, 4, 4, 6, 3, None]
    assert parse_timezone("europe/berlin") == "Europe/Berlin" and parse_timezone("utc") == "UTC"
    assert parse_timezone("Mars/Olympus") is None

"""When a weekly digest is due: a weekday and local time in an IANA timezone, worked out across DST changes."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.errors import AiTrendsError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$")


class BadSchedule(AiTrendsError):
    """A weekday, time or timezone that could not be read; the message says what was understood."""


@dataclass(frozen=True)
class Schedule:
    weekday: int  # 0 = Monday, as datetime.weekday()
    at: time  # local wall-clock time
    tz: str  # IANA name

    def describe(self) -> str:
        return f"{WEEKDAYS[self.weekday].capitalize()}s at {self.at:%H:%M} ({self.tz})"


@dataclass(frozen=True)
class Slot:
    """One week's occurrence: `period` names its local ISO week, `day` its local date, `due` its instant, and
    `closes` the end of that week (a digest missed until then is skipped rather than posted a week late)."""

    period: str
    day: date
    due: datetime
    closes: datetime


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise BadSchedule(f"I don't know the timezone {name!r}; use an IANA name such as Europe/Berlin.") from exc


def local_instant(day: date, at: time, tz: str) -> datetime:
    """The UTC instant of a local wall-clock time.

    A time skipped by a spring-forward change (02:30 on the night clocks jump to 03:00) runs as late as the gap
    (03:30); a time that happens twice when clocks fall back runs at its first occurrence."""
    local = datetime.combine(day, at, tzinfo=zone(tz))  # fold=0: the earlier of two readings
    return local.astimezone(UTC)


def slot_for_week(schedule: Schedule, monday: date) -> Slot:
    day = monday + timedelta(days=schedule.weekday)
    next_monday = monday + timedelta(days=7)
    year, week, _ = day.isocalendar()
    return Slot(
        f"{year}-W{week:02d}",
        day,
        local_instant(day, schedule.at, schedule.tz),
        datetime.combine(next_monday, time(0), tzinfo=zone(schedule.tz)).astimezone(UTC),
    )


def local_monday(now: datetime, tz: str) -> date:
    today = now.astimezone(zone(tz)).date()
    return today - timedelta(days=today.weekday())


def current_slot(schedule: Schedule, now: datetime) -> Slot:
    """This local week's occurrence (which may lie ahead of `now` or behind it)."""
    return slot_for_week(schedule, local_monday(now, schedule.tz))


def previous_slot(schedule: Schedule, now: datetime) -> Slot:
    return slot_for_week(schedule, local_monday(now, schedule.tz) - timedelta(days=7))


def following_slot(schedule: Schedule, slot: Slot) -> Slot:
    monday = slot.day - timedelta(days=schedule.weekday)
    return slot_for_week(schedule, monday + timedelta(days=7))


def next_slot(schedule: Schedule, now: datetime, since: datetime, done: frozenset[str] = frozenset()) -> Slot:
    """The next occurrence still to deliver: this week's unless it is delivered or came before `since`."""
    slot = current_slot(schedule, now)
    if slot.period in done or slot.due < since:
        slot = following_slot(schedule, slot)
    return slot


# ---- reading what people type -----------------------------------------------------------------------------------
def parse_weekday(word: str) -> int | None:
    word = word.lower().rstrip("s") if len(word) > 4 else word.lower()
    for index, name in enumerate(WEEKDAYS):
        if word in (name, name[:3], name[:4]):
            return index
    return None


def parse_clock(word: str) -> time | None:
    """'9', '9am', '09:00', '4:30pm', '16:30' -> a time; None if it is not a clock reading."""
    match = CLOCK.match(word.lower().replace(".", ":"))
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half:
        if not 1 <= hour <= 12:
            raise BadSchedule(f"{word!r} is not a time: with am/pm the hour runs from 1 to 12.")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise BadSchedule(f"{word!r} is not a time of day (read as {hour:02d}:{minute:02d}).")
    return time(hour, minute)


@cache
def _zones_by_lower() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()} | {"utc": "UTC"}


def parse_timezone(word: str) -> str | None:
    """An IANA name in any case ('europe/berlin'); None if the word does not look like one."""
    return _zones_by_lower().get(word.lower())


def timezone_suggestions(word: str) -> list[str]:
    names = _zones_by_lower()
    return [names[m] for m in difflib.get_close_matches(word.lower(), list(names), n=3, cutoff=0.6)]

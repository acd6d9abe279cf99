"""Calendar helpers shared by the figures parser and the question parser."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

# The study's model-level window (ISO weeks 2024-W44 to 2025-W48).
STUDY_START = date(2024, 11, 3)
STUDY_END = date(2025, 11, 30)


def month_span(year: int, month: int) -> tuple[date, date]:
    """First and last day of a calendar month."""
    last = calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last)


def quarter_span(year: int, quarter: int) -> tuple[date, date]:
    first_month = 3 * (quarter - 1) + 1
    return month_span(year, first_month)[0], month_span(year, first_month + 2)[1]


def iso_week_span(year: int, week: int) -> tuple[date, date]:
    monday = date.fromisocalendar(year, week, 1)
    return monday, monday + timedelta(days=6)


def week_start(day: date) -> date:
    """Monday of the ISO week holding `day`."""
    return day - timedelta(days=day.weekday())


# Loose phrases used by the report; each maps to the months of a year it covers.
SEASONS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "h1": (1, 6), "h2": (7, 12)}


def season_span(word: str, year: int) -> tuple[date, date]:
    first, last = SEASONS[word]
    return month_span(year, first)[0], month_span(year, last)[1]


YEAR_MONTH = re.compile(r"\b(20\d\d)-(0[1-9]|1[0-2])\b(?!-\d)")
ISO_DATE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")


def parse_iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None

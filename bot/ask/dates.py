"""Read date phrases in questions ('since 2025-06', 'Q3 2025', 'last 8 weeks') relative to the data's last day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.errors import NotUnderstood
from bot.store.periods import MONTHS, month_span, quarter_span

DATE_EXAMPLES = [
    "open-source since 2025-06",
    "chinese models in 2025",
    "reasoning Q3 2025",
    "top models last 8 weeks",
    "volume until 2025-09-30",
    "vendors from May to August 2025",
]

_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
_POINT = (
    rf"(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{4}}-\d{{1,2}}|q[1-4]\s+\d{{4}}|(?:{_MONTH_WORDS})\.?(?:\s+\d{{4}})?|\d{{4}})"
)
_RANGE = re.compile(rf"\b(?:between|from)\s+(?P<a>{_POINT})\s+(?:and|to|until|-)\s+(?P<b>{_POINT})\b")
_SINCE = re.compile(rf"\b(?:since|from|after|starting)\s+(?P<a>{_POINT})\b")
_UNTIL = re.compile(rf"\b(?:until|till|to|before|through|up to)\s+(?P<b>{_POINT})\b")
# A bare month word ("may") only counts after a preposition; numeric dates count anywhere.
_NUMERIC_POINT = r"\d{4}-\d{1,2}(?:-\d{1,2})?|q[1-4]\s+\d{4}|20\d\d"
_IN = re.compile(rf"\b(?:in|during|for)\s+(?P<a>{_POINT})\b|\b(?P<b>{_NUMERIC_POINT})\b")
_LAST = re.compile(r"\b(?:last|past|previous)\s+(?P<n>\d+)?\s*(?P<unit>day|week|month|quarter|year)s?\b")
# 'this week' is the latest week of data, like 'last week': the data ends with the last completed day.
_THIS_UNIT = re.compile(r"\b(?:this|current)\s+(?P<n>)(?P<unit>week|month|quarter)\b")
_THIS = re.compile(r"\b(?:this year|year to date|ytd)\b")
_DATELIKE = re.compile(r"\b\d{4}-\d{1,2}(?:-\d{1,2})?\b")


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date | None
    label: str  # what was understood, said back to the user


def _point(text: str, latest: date) -> tuple[date, date]:
    """The first and last day a single date expression covers."""
    text = text.strip().rstrip(".")
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        return month_span(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"q([1-4])\s+(\d{4})", text):
        return quarter_span(int(m[2]), int(m[1]))
    if m := re.fullmatch(r"(\d{4})", text):
        return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    word, _, year = text.partition(" ")
    month = MONTHS[word.rstrip(".")]
    # A month without a year means the latest such month the data can hold.
    year_n = int(year) if year else (latest.year if month <= latest.month else latest.year - 1)
    return month_span(year_n, month)


def _check_datelike(text: str) -> None:
    for token in _DATELIKE.findall(text):
        parts = [int(p) for p in token.split("-")]
        try:
            date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
        except ValueError as exc:
            raise NotUnderstood(
                f"I read {token!r} as a date, but it is not a real calendar date ({exc}). "
                "Write dates as YYYY-MM or YYYY-MM-DD.",
                examples=DATE_EXAMPLES,
            ) from exc


def _relative(match: re.Match, latest: date) -> Period:
    n = int(match["n"] or 1)
    unit = match["unit"]
    days = {"day": 1, "week": 7, "month": 30, "quarter": 91, "year": 365}[unit] * n
    start = latest - timedelta(days=days - 1)
    plural = f"{n} {unit}s" if n > 1 else unit
    return Period(start, latest, f"last {plural} of data ({start} to {latest})")


def parse_period(text: str, latest: date) -> tuple[Period | None, str]:
    """Find one date phrase in lower-case text; return it and the text with the phrase removed."""
    _check_datelike(text)
    if m := _RANGE.search(text):
        a, b = _point(m["a"], latest), _point(m["b"], latest)
        if a[0] > b[1]:
            raise NotUnderstood(f"The period {m[0]!r} ends before it starts.", examples=DATE_EXAMPLES)
        return Period(a[0], b[1], f"{a[0]} to {b[1]}"), text.replace(m[0], " ")
    if m := _LAST.search(text) or _THIS_UNIT.search(text):
        return _relative(m, latest), text.replace(m[0], " ")
    if m := _THIS.search(text):
        start = date(latest.year, 1, 1)
        return Period(start, latest, f"this year of data ({start} to {latest})"), text.replace(m[0], " ")
    since, until = _SINCE.search(text), _UNTIL.search(text)
    if since or until:
        start = _point(since["a"], latest)[0] if since else None
        end = _point(until["b"], latest)[1] if until else None
        if start and end and start > end:
            raise NotUnderstood("That period ends before it starts.", examples=DATE_EXAMPLES)
        label = " ".join(x for x in (f"since {start}" if start else "", f"until {end}" if end else "") if x)
        for m in (since, until):
            text = text.replace(m[0], " ") if m else text
        return Period(start, end, label), text
    if m := _IN.search(text):
        a = _point(m["a"] or m["b"], latest)
        return Period(a[0], a[1], f"{a[0]} to {a[1]}"), text.replace(m[0], " ")
    return None, text

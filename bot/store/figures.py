"""Turn the study's figures table (values as printed, loose periods) into structured rows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.store.periods import (
    ISO_DATE,
    MONTHS,
    STUDY_END,
    STUDY_START,
    YEAR_MONTH,
    iso_week_span,
    month_span,
    quarter_span,
    season_span,
)

FIGURE_COLUMNS = ["id", "topic", "metric", "segment", "period", "value", "unit", "confidence", "sources"]

# Codes that may be told as the study's own figure (DER: arithmetic on such figures).
STATABLE_CODES = {"R-EN", "R-TR", "DER"}
DISPUTE_WORDS = ("conflict", "wrong", "unsupported", "unreliable", "misread", "unverified")


@dataclass(frozen=True)
class Value:
    comparator: str | None  # "=", "~", ">", "<", "range"; None when the value is not a number
    value: float | None
    high: float | None = None


@dataclass(frozen=True)
class Period:
    text: str
    start: date | None
    end: date | None


def confidence_code(text: str) -> str:
    """Reduce the free-text confidence column to one code; chart readings win over everything but R-*."""
    t = text.strip()
    if t.startswith(("R-EN", "R-TR")):
        return t[:4]
    if "SEC-CHART" in t:
        return "SEC-CHART"
    if t.upper().startswith("CONFLICT"):
        return "CONFLICT"
    for code in ("DER", "SEC"):
        if t.startswith(code):
            return code
    if t.startswith("consistent"):
        return "CLAIM"
    return "NOTE"


def is_disputed(text: str) -> bool:
    low = text.lower()
    return any(word in low for word in DISPUTE_WORDS)


_NUMBER = r"[-+−]?\d[\d,]*(?:\.\d+)?(?:/\d+)?"
_SCALE = {"k": 1e3, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_VALUE = re.compile(
    rf"^(?P<cmp>~|≈|>|<|\+|nearly|over|rarely >|routinely >)?\s*(?P<lo>{_NUMBER})\s*"
    rf"(?P<sep>–|-|to)?\s*(?:~|≈)?\s*(?P<hi>{_NUMBER})?\s*(?P<scale>k|thousand|million|billion|trillion)?"
    r"\s*(?P<plus>\+)?\s*(?P<tail>×|%)?$",
    re.IGNORECASE,
)


def _to_float(text: str) -> float:
    text = text.replace(",", "").replace("−", "-")
    if "/" in text:
        num, den = text.split("/")
        return float(num) / float(den)
    return float(text)


def primary_value(text: str) -> str:
    """The value before any parenthesised gloss or ';' note, without quotes."""
    head = re.split(r"\(|;", text, maxsplit=1)[0]
    return head.replace('"', "").strip()


def parse_value(text: str, unit: str) -> Value:
    """Read a printed value such as '~11', '>100 trillion', '5–7' or '≈1/3 (approx. 33)'."""
    primary = primary_value(text)
    match = _VALUE.match(primary)
    if not match or "→" in text or YEAR_MONTH.search(primary) or ISO_DATE.search(primary):
        return Value(None, None)
    lo = _to_float(match["lo"])
    hi = _to_float(match["hi"]) if match["hi"] else None
    scale = _SCALE.get((match["scale"] or "").lower(), 1.0)
    percent_fraction = "/" in match["lo"] and unit.strip().startswith("%")
    factor = scale * (100.0 if percent_fraction else 1.0)
    lo *= factor
    hi = hi * factor if hi is not None else None
    cmp_word = (match["cmp"] or "").lower()
    if hi is not None:
        return Value("range", lo, hi)
    if match["plus"] or cmp_word in {">", "over", "rarely >", "routinely >"}:
        return Value(">", lo)
    if cmp_word == "<":
        return Value("<", lo)
    if cmp_word in {"~", "≈", "nearly"}:
        return Value("~", lo)
    return Value("=", lo)


def _span_from_explicit(text: str) -> tuple[date, date] | None:
    dates = [date(int(y), int(m), int(d)) for y, m, d in ISO_DATE.findall(text)]
    months = [month_span(int(y), int(m)) for y, m in YEAR_MONTH.findall(text)]
    if len(dates) >= 2:
        return dates[0], dates[1]
    weeks = re.search(r"(20\d\d)-W(\d\d)(?:\.\.W(\d\d))?", text)
    if weeks and not dates:
        year, first = int(weeks[1]), int(weeks[2])
        last = int(weeks[3] or first)
        return iso_week_span(year, first)[0], iso_week_span(year, last)[1]
    spans = sorted([(d, d) for d in dates] + months)
    if spans:
        return spans[0][0], spans[-1][1]
    return None


def _span_from_words(text: str) -> tuple[date, date] | None:
    low = text.lower()
    if "window" in low:
        return STUDY_START, STUDY_END
    quarter = re.search(r"\bq([1-4])\s*(20\d\d)", low)
    if quarter:
        return quarter_span(int(quarter[2]), int(quarter[1]))
    season = re.search(r"\b(early|mid|late|h1|h2)[\s-]*(20\d\d)", low)
    if season:
        return season_span(season[1], int(season[2]))
    named = re.search(r"\b([a-z]{3,9})\.?\s+(20\d\d)\b", low)
    if named and named[1] in MONTHS:
        return month_span(int(named[2]), MONTHS[named[1]])
    year = re.search(r"\b(20\d\d)\b", low)
    if year:
        return date(int(year[1]), 1, 1), date(int(year[1]), 12, 31)
    return None


def _span(text: str) -> tuple[date | None, date | None] | None:
    """Dates of one period phrase; an approximation in brackets ('≈2025-11') is the study's own precision."""
    approx = re.search(r"≈\s*([^)]*)", text)
    span = _span_from_explicit(approx[1]) if approx else None
    span = span or _span_from_explicit(text) or _span_from_words(text)
    if span is None:
        return None
    low = text.lower().lstrip()
    if low.startswith("before"):
        return None, span[0] - timedelta(days=1)
    if low.startswith(("to ", "until")) or re.search(r"\b(to|until) 20\d\d-\d\d$", low):
        return None, span[1]
    if low.startswith("from"):
        return span[0], None
    return span


def parse_period(text: str) -> Period:
    """Map a period as printed ('late 2025 (≈2025-11)', '2024-11..2025-11', 'whole window') to dates."""
    clean = text.replace('"', "").strip()
    if "→" in clean:
        left, right = (_span(part) or (None, None) for part in clean.split("→", 1))
        return Period(clean, left[0], right[1] or left[1])
    start, end = _span(clean) or (None, None)
    return Period(clean, start, end)

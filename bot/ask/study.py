"""The study's figures as key numbers and chart anchors, always with their period and confidence."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from bot.analytics.snapshot import Data
from bot.ask import reproduced
from bot.ask.cite import CONFIDENCE_WORDS
from bot.ask.reply import KeyNumber
from bot.charts import Anchor
from bot.store.figures import primary_value

VAGUE = {"all", "—", "-", "same", "", "all models", "all requests", "all OSS"}


def stated_value(row: dict) -> str:
    """The value as the study printed it, with its unit ('~11% of total tokens', '>100 trillion tokens')."""
    value, unit = primary_value(row["value_text"]), _drop_notes(row["unit"])
    if unit in ("—", "-", "", "definition", "qualitative", "period", "rank", "date"):
        return value
    if row["value"] is None:  # words such as 'rising': keep the unit apart so it does not read as a number
        return f"{value} ({unit})"
    if unit.startswith("%"):
        rest = unit[1:].strip()
        # A fraction such as '≈1/3' is already a proportion; a percent sign would change its meaning.
        return f"{value} {rest}" if "/" in value else f"{value}% {rest}".strip()
    return f"{value} {unit}"


def _drop_notes(text: str) -> str:
    """Remove bracketed editorial notes ('(see metric note)', '(SCMP: ...)'); keep '(≈2025-11)'."""
    return re.sub(r"\s*\((?:[^()]*:|see |per |sic|[^()]*\bS\d+\b)[^()]*\)", "", text).strip()


def figure_period(row: dict) -> str:
    text = _drop_notes(row["period_text"])
    return text if text not in ("—", "n/a", "") else "period not stated"


def source_words(row: dict) -> str:
    return f"State of AI study, {CONFIDENCE_WORDS.get(row['confidence'], 'see notes')}"


def figure_label(row: dict) -> str:
    segment = row["segment"].strip()
    label = re.sub(r"\s*\([^)]*\)", "", row["metric"]).strip()
    if segment not in VAGUE and len(segment) <= 32 and segment.lower() not in label.lower():
        label = f"{label} ({segment})"
    return f"Study: {label}"


def key_number(row: dict) -> KeyNumber:
    value = stated_value(row)
    if row["value"] is None and row["segment"].strip() not in VAGUE:
        value += f": {row['segment'].strip()}"  # a qualitative finding says who it is about
    return KeyNumber(figure_label(row), value, figure_period(row), source_words(row), ref=row["id"])


def anchor_key_numbers(data: Data, ids: tuple[str, ...]) -> list[KeyNumber]:
    """Only figures the study itself states (or arithmetic on them) are quoted as the study's numbers; where the
    rankings can measure one, their own value over the closest period is said beside it."""
    measured = reproduced.for_data(data)
    out = []
    for figure_id in ids:
        if figure_id not in data.figures or not data.figures[figure_id]["statable"]:
            continue
        number = key_number(data.figures[figure_id])
        if figure_id in measured:
            number = replace(number, value=f"{number.value} ({reproduced.beside(measured[figure_id])})")
        out.append(number)
    return out


def to_anchor(row: dict, scale: float = 1.0) -> Anchor | None:
    if not row["statable"] or row["value"] is None or not row["period_start"] or not row["period_end"]:
        return None
    low = high = None
    value = row["value"] / scale
    if row["comparator"] == "range":
        low, high = value, row["value_high"] / scale
        value = (low + high) / 2
    return Anchor(
        _anchor_label(row),
        value,
        date.fromisoformat(row["period_start"]),
        date.fromisoformat(row["period_end"]),
        low,
        high,
    )


def _anchor_label(row: dict) -> str:
    """Short label drawn next to the point: value as stated, whose share, and 'avg' for period averages."""
    value = primary_value(row["value_text"])
    if row["unit"].startswith("%") and "/" not in value:
        value += "%"
    segment = row["segment"] if row["segment"] not in VAGUE and len(row["segment"]) <= 24 else ""
    kind = "avg" if "average" in row["metric"].lower() else ""
    return " ".join(part for part in ("Study:", value, segment, kind) if part)


def chart_anchors(data: Data, ids: tuple[str, ...], first: date, last: date, scale: float = 1.0) -> list[Anchor]:
    """Study figures whose period overlaps the chart's weeks, drawn where they belong in time."""
    out = []
    for figure_id in ids:
        anchor = to_anchor(data.figures[figure_id], scale) if figure_id in data.figures else None
        if anchor and anchor.end >= first and anchor.start <= last:
            out.append(anchor)
    return out

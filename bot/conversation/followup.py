"""Follow-ups in a thread ('since March', 'and in Europe?', 'compare with closed', 'why?') read against the
thread's last question."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from bot.ask import topics
from bot.ask.dates import parse_period
from bot.ask.lexicon import Lexicon
from bot.ask.question import Question, group_words, normalise, parse
from bot.errors import NotUnderstood

WHY = re.compile(r"^(and )?(why|how|how so|how do you know|method|methods|sources?|where from|explain)$")
TABLE = re.compile(r"^(show )?(it )?(as )?(a )?table( please)?$")
COMPARE = re.compile(r"\b(vs|versus|compare|compared|against)\b")
FOLLOW_UP_EXAMPLES = [
    "since March",
    "last 3 months",
    "and in Europe?",
    "compare with closed",
    "top 5",
    "why?",
    "table",
    "and reasoning models?",
]


def follow_up(previous: Question, text: str, latest: date, model_index: Lexicon | dict[str, str]) -> Question:
    """The question a thread reply asks, given the thread's last question."""
    plain = normalise(text)
    if WHY.match(plain):
        return replace(previous, text=text, view="why")
    if TABLE.match(plain):
        return replace(previous, text=text, view="table")
    dimension = topics.get(previous.topic).dimension if previous.topic in topics.BY_NAME else None
    groups = group_words(plain, dimension)
    fresh = _parse_or_none(text, latest, model_index)
    if fresh and fresh.topic not in (previous.topic, "help") and not groups:
        return _carry_period(fresh, previous)
    return _modify(previous, text, plain, groups, latest)


def _parse_or_none(text: str, latest: date, model_index: Lexicon | dict[str, str]) -> Question | None:
    try:
        return parse(text, latest, model_index)
    except NotUnderstood:
        return None


def _carry_period(fresh: Question, previous: Question) -> Question:
    """'and reasoning models?' keeps the period the thread was talking about."""
    if fresh.period_label or not previous.period_label:
        return fresh
    return replace(fresh, start=previous.start, end=previous.end, period_label=previous.period_label)


def _modify(previous: Question, text: str, plain: str, groups: tuple[str, ...], latest: date) -> Question:
    period, rest = parse_period(plain, latest)
    changes: dict = {}
    if period:
        changes |= {"start": period.start, "end": period.end, "period_label": period.label}
    top = re.search(r"\btop\s*(\d{1,2})\b", rest)
    if top:
        changes["top_n"] = max(1, min(int(top[1]), 50))
    if groups and COMPARE.search(rest):
        changes |= {"compare": True, "focus": tuple(dict.fromkeys(previous.focus + groups))}
    elif groups:
        changes |= {"focus": groups, "compare": False}
    if not changes:
        raise NotUnderstood(
            f"I couldn't read {text.strip()!r} as a follow-up to '{previous.text.strip()}'.",
            examples=FOLLOW_UP_EXAMPLES,
        )
    # A second reading offered for the first text does not carry over; a finding about other groups does not lead.
    changes |= {"alternative": (), "lead": () if groups else previous.lead}
    return replace(previous, text=text, view="chart", **changes)

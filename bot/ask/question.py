"""Understand a question: topic (or one model), period, top N, comparison and view."""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache

from bot.ask import topics
from bot.ask.dates import DATE_EXAMPLES, parse_period
from bot.errors import NotUnderstood

HELP_WORDS = {"help", "topics", "what can you do"}
GROUP_WORDS = {
    "open": {
        "open": "Open weights",
        "open weights": "Open weights",
        "open source": "Open weights",
        "oss": "Open weights",
        "closed": "Closed",
        "proprietary": "Closed",
    },
    "origin": {
        "china": "China",
        "chinese": "China",
        "us": "US",
        "usa": "US",
        "american": "US",
        "europe": "Europe",
        "european": "Europe",
        "rest": "rest of world",
    },
    "reasoning": {"reasoning": "Reasoning", "thinking": "Reasoning", "non reasoning": "Non-reasoning"},
    "size": {"small": "Small (<15B)", "medium": "Medium (15-70B)", "large": "Large (>70B)"},
}
# The comparison offered for a topic when the user has not named groups ("Compare" button).
COMPARE_GROUPS = {
    "chinese": ("China", "US"),
    "open-source": ("Open weights", "Closed"),
    "reasoning": ("Reasoning", "Non-reasoning"),
}
DEFAULT_FOCUS = {"open": ("Open weights",), "origin": ("China",), "reasoning": ("Reasoning",)}


@dataclass(frozen=True)
class Question:
    text: str
    topic: str
    model: str | None = None
    start: date | None = None
    end: date | None = None
    period_label: str | None = None
    top_n: int | None = None
    compare: bool = False
    focus: tuple[str, ...] = field(default_factory=tuple)
    view: str = "chart"

    def cache_key(self) -> tuple:
        """What makes two questions the same answer (the view only changes how it is shown)."""
        return (self.topic, self.model, self.start, self.end, self.top_n, self.compare, self.focus)

    def to_json(self) -> str:
        data = asdict(self) | {"start": _iso(self.start), "end": _iso(self.end), "focus": list(self.focus)}
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> Question:
        data = json.loads(text)
        for key in ("start", "end"):
            data[key] = date.fromisoformat(data[key]) if data[key] else None
        return cls(**data | {"focus": tuple(data["focus"])})


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def normalise(text: str) -> str:
    """Lower case, punctuation to spaces (dots and dashes between digits kept, for 4.5 and 2025-06)."""
    text = re.sub(r"<@[A-Z0-9]+>", " ", text).lower()
    text = re.sub(r"(?<!\d)[.-]|[.-](?!\d)|[^a-z0-9.<>+-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@cache
def model_index(names: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Phrases that name a model (display name, slug without vendor, slug without date) -> display name.

    `names` is the data snapshot's (name, canonical slug) pairs; cached, since it changes only with the data."""
    index: dict[str, str] = {}
    for name, canonical in names:
        tail = canonical.split("/", 1)[1]
        for phrase in (name, tail, tail.rsplit("-", 1)[0] if tail[-8:].isdigit() else None):
            if phrase and len(normalise(phrase)) >= 4:
                index.setdefault(normalise(phrase), name)
    return index


def _contains(text: str, phrase: str) -> bool:
    return phrase in text and _phrase_pattern(phrase).search(text) is not None


@cache
def _phrase_pattern(phrase: str) -> re.Pattern:
    """Compiled once: with ~800 model phrases, re's own cache (512 patterns) would recompile them every question."""
    return re.compile(rf"(?<![a-z0-9.]){re.escape(phrase)}(?![a-z0-9])")


def _best_topic(text: str, model_index: dict[str, str]) -> tuple[str, str | None] | None:
    """The topic (or model) whose longest phrase appears in the text; a longer phrase is a more specific match."""
    best: tuple[int, str, str | None] | None = None
    for phrase, name in topics.synonym_index().items():
        phrase = normalise(phrase)
        if phrase and _contains(text, phrase) and (best is None or len(phrase) > best[0]):
            best = (len(phrase), name, None)
    for phrase, model in model_index.items():
        if _contains(text, phrase) and (best is None or len(phrase) > best[0]):
            best = (len(phrase), "model", model)
    return (best[1], best[2]) if best else None


def _suggest(text: str) -> list[str]:
    phrases = {normalise(p): name for p, name in topics.synonym_index().items()}
    words = text.split()
    grams = words + [" ".join(pair) for pair in zip(words, words[1:], strict=False)]
    found: list[str] = []
    for gram in grams:
        for match in difflib.get_close_matches(gram, list(phrases), n=3, cutoff=0.75):
            if phrases[match] not in found:
                found.append(phrases[match])
    return found[:4]


def group_words(text: str, dimension: str | None) -> tuple[str, ...]:
    """Groups of a share dimension that the text names ('europe' -> Europe for origin), in the order named."""
    words = GROUP_WORDS.get(dimension or "", {})
    found = []
    for word, group in words.items():
        hit = re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", text)
        if hit:
            found.append((hit.start(), group))
    return tuple(dict.fromkeys(group for _, group in sorted(found)))


def _focus(text: str, dimension: str | None) -> tuple[str, ...]:
    return group_words(text, dimension) or DEFAULT_FOCUS.get(dimension or "", ())


def parse(text: str, latest: date, model_index: dict[str, str]) -> Question:
    """Parse a question; raise NotUnderstood with suggestions when no topic fits."""
    plain = normalise(text)
    if not plain or plain in HELP_WORDS:
        return Question(text=text, topic="help")
    period, rest = parse_period(plain, latest)
    top = re.search(r"\btop\s*(\d{1,2})\b", rest)
    top_n = max(1, min(int(top[1]), 50)) if top else None
    rest = re.sub(r"\btop\s*\d{1,2}\b", " top ", rest)
    view = "table" if _contains(rest, "table") else "chart"
    compare = bool(re.search(r"\b(vs|versus|compare|compared|against)\b", rest))
    match = _best_topic(rest, model_index)
    if match is None:
        if top_n:
            match = ("top-models", None)
        else:
            suggestions = _suggest(rest)
            hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
            examples = [
                ex
                for name in (suggestions or ["open-source", "chinese", "top-models"])
                for ex in topics.get(name).examples[:1]
            ]
            raise NotUnderstood(f"I don't know a topic in {text.strip()!r}.{hint}", suggestions, examples)
    name, model = match
    dimension = topics.get(name).dimension
    return Question(
        text=text,
        topic=name,
        model=model,
        start=period.start if period else None,
        end=period.end if period else None,
        period_label=period.label if period else None,
        top_n=top_n,
        compare=compare,
        focus=_focus(rest, dimension),
        view=view,
    )


__all__ = ["DATE_EXAMPLES", "Question", "model_index", "normalise", "parse"]

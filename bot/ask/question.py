"""Understand a question: topic (or one model), period, top N, comparison, view, a combined dimension and a close
second reading, by scoring every topic against the whole question (bot.ask.scoring)."""

from __future__ import annotations

import difflib
import functools
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date

from bot.ask import lexicon, topics
from bot.ask.dates import DATE_EXAMPLES, parse_period
from bot.ask.groups import COMPARE_GROUPS, DEFAULT_FOCUS, combination, group_words, named_groups, vendor_groups
from bot.ask.lexicon import Lexicon
from bot.ask.scoring import Scores, score
from bot.ask.words import normalise
from bot.errors import NotUnderstood

HELP_WORDS = {"help", "topics", "what can you do", "what can i ask", "commands"}
CLOSE = 0.75  # a runner-up scoring at least this share of the best is offered as "Did you mean ...?"
ORIGINS = {"China", "US", "Europe"}
CONFIDENT = 2.0  # below this, no specific word backs the topic (the optional language model may read it)


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
    within: tuple[tuple[str, str], ...] = ()  # other dimensions' groups the answer is limited to
    alternative: tuple[str, ...] = ()  # a close second reading: (topic,) or ("model", name)
    lead: tuple[str, ...] = ()  # ids of study figures the question names, shown first

    def cache_key(self) -> tuple:
        """What makes two questions the same answer (the view only changes how it is shown)."""
        return (
            self.topic,
            self.model,
            self.start,
            self.end,
            self.top_n,
            self.compare,
            self.focus,
            self.within,
            self.lead,
        )

    def to_json(self) -> str:
        data = asdict(self) | {"start": _iso(self.start), "end": _iso(self.end)}
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> Question:
        data = json.loads(text)
        for key in ("start", "end"):
            data[key] = date.fromisoformat(data[key]) if data.get(key) else None
        for key in ("focus", "alternative", "lead"):
            data[key] = tuple(data.get(key) or ())
        data["within"] = tuple(tuple(pair) for pair in data.get("within") or ())
        return cls(**data)


@dataclass(frozen=True)
class Reading:
    """A parsed question and how sure the rules are of its topic."""

    question: Question
    scores: Scores
    confident: bool
    rest: str = ""  # the normalised text without its period: what the topic was scored on


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@functools.cache
def model_index(names: tuple[tuple[str, str], ...]) -> Lexicon:
    """The models in a data snapshot's (name, canonical slug) pairs, as a lexicon of models only (the full
    lexicon, with vendors, places and languages, is bot.ask.understand.lexicon_for)."""
    return lexicon.build(names)


def _as_lexicon(index: Lexicon | dict[str, str]) -> Lexicon:
    if isinstance(index, Lexicon):
        return index
    return lexicon.from_phrases({tuple(normalise(k).split()): (("model", v),) for k, v in index.items()})


def _suggest(text: str) -> list[str]:
    phrases = {normalise(p): name for p, name in topics.synonym_index().items()}
    words = text.split()[:40]
    grams = words + [" ".join(pair) for pair in zip(words, words[1:], strict=False)]
    found: list[str] = []
    for gram in grams:
        for match in difflib.get_close_matches(gram, list(phrases), n=3, cutoff=0.75):
            if phrases[match] not in found:
                found.append(phrases[match])
    return found[:4]


def not_understood(text: str, rest: str) -> NotUnderstood:
    """What to say when no topic fits: close topics, and examples to try either way."""
    suggestions = _suggest(rest)
    hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
    shown = " ".join(text.split())[:80] + ("..." if len(" ".join(text.split())) > 80 else "")
    examples = [
        ex for name in (suggestions or ["open-source", "chinese", "top-models"]) for ex in topics.get(name).examples[:1]
    ]
    return NotUnderstood(
        f"I couldn't tell what {shown!r} asks about.{hint} Ask about a topic, e.g. open-weight share, Chinese "
        "models, top models, coding, regions or prompt length ('help' lists them all).",
        suggestions,
        examples,
    )


def read(text: str, latest: date, index: Lexicon | dict[str, str], force: tuple[str, ...] = ()) -> Reading:
    """Parse a question and say how confident the reading is; `force` picks the topic (a "Did you mean" click)."""
    plain = normalise(text)
    if not plain or plain in HELP_WORDS:
        return Reading(Question(text=text, topic="help"), Scores([], [], []), True, plain)
    period, rest = parse_period(plain, latest)
    top = re.search(r"\btop\s*(\d{1,2})\b", rest)
    top_n = max(1, min(int(top[1]), 50)) if top else None
    rest = re.sub(r"\btop\s*\d{1,2}\b", " top ", rest)
    lex = _as_lexicon(index)
    scores = score(rest, lex)
    # 'model' alone names no model: a model's answer needs a name, so another reading wins when there is one.
    ranked = [(t, s) for t, s in scores.ranked if t != "model" or _model(scores)] or scores.ranked
    if force:
        ranked = [(force[0], float("inf"))] + [(t, s) for t, s in ranked if t != force[0]]
    if not ranked:
        if not top_n:
            raise not_understood(text, rest)
        ranked = [("top-models", 0.0)]
    topic, best = ranked[0]
    topic, focus, within = (
        (topic, (), ()) if force else combination(topic, named_groups(rest, scores.entities, lex.origins))
    )
    if not within:
        focus = _focus(rest, topic, scores, lex.origins)
    model = (force[1] if len(force) > 1 else _model(scores)) if topic == "model" else None
    alternative = _alternative(ranked, topic, best, within, scores)
    question = Question(
        text=text,
        topic=topic,
        model=model,
        start=period.start if period else None,
        end=period.end if period else None,
        period_label=period.label if period else None,
        top_n=top_n,
        compare=bool(re.search(r"\b(vs|versus|compare|compared|against)\b", rest)),
        focus=focus,
        view="table" if re.search(r"(?<![a-z0-9])table(?![a-z0-9])", rest) else "chart",
        within=within,
        alternative=alternative,
    )
    confident = best >= CONFIDENT and not (len(ranked) > 1 and ranked[1][1] >= 0.9 * best and not within)
    return Reading(question, scores, confident or bool(force), rest)


def _model(scores: Scores) -> str | None:
    models = [e for e in scores.entities if e.kind == "model"]
    return max(models, key=lambda e: (e.end - e.start, e.exact)).value if models else None


def _focus(rest: str, topic: str, scores: Scores, origins: dict[str, str]) -> tuple[str, ...]:
    """The groups the answer is about: named ones, else a named vendor's origin ('mistral' -> Europe), else the
    topic's usual group."""
    dimension = topics.get(topic).dimension
    if dimension == "vendor":
        return vendor_groups(scores.entities)
    named = group_words(rest, dimension)
    if not named and dimension == "origin":
        named = tuple(dict.fromkeys(o for v in vendor_groups(scores.entities) if (o := origins.get(v)) in ORIGINS))
    return named or DEFAULT_FOCUS.get(dimension or "", ())


def _alternative(ranked: list, topic: str, best: float, within: tuple, scores: Scores) -> tuple[str, ...]:
    """The runner-up when it scores close to the winner; not a dimension the combination already answers."""
    partners = {topic} | {t for dim, _ in within for t in (_share_topic(dim),)}
    for name, value in ranked[1:]:
        if name in partners or value < max(1.5, CLOSE * best):
            continue
        return ("model", _model(scores)) if name == "model" else (name,)
    return ()


def _share_topic(dimension: str) -> str:
    return next((t.name for t in topics.TOPICS if t.dimension == dimension), "")


def alternative_label(q: Question) -> str:
    """The words on the "Did you mean ...?" offer."""
    if not q.alternative:
        return ""
    if q.alternative[0] == "model" and len(q.alternative) > 1 and q.alternative[1]:
        return f"Did you mean {q.alternative[1]}?"
    name = q.alternative[0]
    return f"Did you mean: {topics.get(name).title}?" if name in topics.BY_NAME else ""


def parse(text: str, latest: date, index: Lexicon | dict[str, str]) -> Question:
    """Parse a question; raise NotUnderstood with suggestions when no topic fits."""
    return read(text, latest, index).question


__all__ = [
    "COMPARE_GROUPS",
    "DATE_EXAMPLES",
    "Question",
    "Reading",
    "alternative_label",
    "group_words",
    "model_index",
    "normalise",
    "parse",
    "read",
]

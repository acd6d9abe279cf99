"""From text to a Question with everything the data knows: the lexicon of the current data version, the rules'
reading, the study's findings the question names, and (optionally) a language model for what the rules cannot
place."""

from __future__ import annotations

import threading
from dataclasses import replace

from bot.analytics.snapshot import Data
from bot.ask import language_model, lexicon
from bot.ask.findings import lead_figures
from bot.ask.lexicon import Lexicon
from bot.ask.question import Question, Reading, read
from bot.config import LlmSettings, Paths
from bot.errors import NotUnderstood

_lock = threading.Lock()
_lexicons: dict[tuple, tuple[Data, Lexicon]] = {}


def lexicon_for(current: Data) -> Lexicon:
    """The names in one data snapshot (models, vendors, places, languages, categories), built once per version."""
    key = (id(current), current.version)
    with _lock:
        cached = _lexicons.get(key)
        if cached and cached[0] is current:
            return cached[1]
    frame = current.frame
    ranked = frame.loc[~frame["is_other"] & frame["classified"], ["model", "vendor", "origin"]].drop_duplicates()
    vendor_of = dict(zip(ranked["model"], ranked["vendor"], strict=True))
    origin_of = dict(zip(ranked["vendor"], ranked["origin"], strict=True))
    built = lexicon.build(current.model_names, vendor_of, origin_of, current.figures)
    with _lock:
        if len(_lexicons) > 8:
            _lexicons.clear()
        _lexicons[key] = (current, built)
    return built


def understand(text: str, paths: Paths, current: Data, llm: LlmSettings | None = None) -> Question:
    """The question a text asks: the rules' reading, a language model's when the rules are unsure (if one is
    configured), and the study's figures it names. Raises NotUnderstood with suggestions when nothing fits."""
    names = lexicon_for(current)
    try:
        reading = read(text, current.last_day, names)
    except NotUnderstood:
        asked = language_model.read(text, current, names, llm) if llm and llm.enabled else None
        if asked is None:
            raise
        return _with_findings(paths, current, read(text, current.last_day, names, asked.force), names, asked)
    asked = language_model.read(text, current, names, llm) if not reading.confident and llm and llm.enabled else None
    if asked is not None and asked.force[0] != reading.question.topic:
        reading = read(text, current.last_day, names, asked.force)
    return _with_findings(paths, current, reading, names, asked)


def _with_findings(paths: Paths, current: Data, reading: Reading, names: Lexicon, asked=None) -> Question:
    """Lead with the study's figures the question names; a figure of another topic the question also mentions
    moves the answer to that topic, and the rules' reading becomes the 'Did you mean' offer."""
    q = reading.question
    if q.topic == "help":
        return q
    lead, home = lead_figures(paths, current, reading.rest, reading.scores, q.topic, stay=bool(q.within))
    if lead and home != q.topic:
        moved = read(q.text, current.last_day, names, (home,)).question
        q = replace(moved, alternative=(q.topic, q.model) if q.model else (q.topic,))
    q = asked.apply(q) if asked else q
    return replace(q, lead=lead) if lead else q

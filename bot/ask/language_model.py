"""The optional language model: a question the rules cannot place goes to OpenRouter's chat completions API with a
JSON schema (structured output) and comes back as a structured question: topic, model, groups, period, top N,
comparison. It never supplies a number; every number still comes from the store.

At most `budget` seconds (3 s) per question, one attempt, then the rules' reading stands; answers are cached per
text (failures for a few minutes, so an outage does not slow every question); the key is never logged."""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import date

from bot.analytics.snapshot import Data
from bot.ask import topics
from bot.ask.groups import GROUP_WORDS
from bot.ask.lexicon import Lexicon
from bot.ask.question import Question
from bot.ask.words import clean, normalise
from bot.config import LlmSettings, OpenRouterSettings
from bot.errors import AiTrendsError
from bot.live.client import Client

log = logging.getLogger(__name__)
PATH = "/api/v1/chat/completions"
CACHE_SIZE = 512
RETRY_FAILED_AFTER = 300.0  # seconds a failed text is not asked again
MAX_TEXT = 500
_executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="language-model")
_lock = threading.Lock()
_cache: OrderedDict[tuple[str, str], tuple[float, Asked | None]] = OrderedDict()


@dataclass(frozen=True)
class Asked:
    """What the language model read, already checked against the data."""

    force: tuple[str, ...]  # (topic,) or ("model", name)
    start: date | None = None
    end: date | None = None
    top_n: int | None = None
    compare: bool = False
    groups: tuple[str, ...] = ()

    def apply(self, q: Question) -> Question:
        """Fill in what the rules left open (period, top N, comparison, groups); the rules' own findings stay."""
        changes: dict = {}
        if q.start is None and q.end is None and (self.start or self.end):
            label = f"{self.start or 'the start'} to {self.end or 'the latest day'} (read by the language model)"
            changes |= {"start": self.start, "end": self.end, "period_label": label}
        if q.top_n is None and self.top_n:
            changes["top_n"] = self.top_n
        if self.compare and not q.compare:
            changes["compare"] = True
        dimension = topics.get(q.topic).dimension if q.topic in topics.BY_NAME else None
        focus = tuple(g for g in self.groups if g in GROUP_WORDS.get(dimension or "", {}).values())
        if focus and not q.within:
            changes["focus"] = focus
        return dataclasses.replace(q, **changes)


def schema(vendors: list[str]) -> dict:
    """The structured question the model must return."""
    groups = sorted({g for words in GROUP_WORDS.values() for g in words.values()} | set(vendors))
    nullable_string = {"type": ["string", "null"]}
    return {
        "type": "object",
        "properties": {
            "topic": {"type": "string", "enum": [t.name for t in topics.TOPICS] + ["unknown"]},
            "model": nullable_string | {"description": "the one model asked about, as named in the question"},
            "groups": {"type": "array", "items": {"type": "string", "enum": groups}},
            "start": nullable_string | {"description": "first day asked about, YYYY-MM-DD"},
            "end": nullable_string | {"description": "last day asked about, YYYY-MM-DD"},
            "top_n": {"type": ["integer", "null"]},
            "compare": {"type": "boolean"},
        },
        "required": ["topic", "model", "groups", "start", "end", "top_n", "compare"],
        "additionalProperties": False,
    }


def _prompt(current: Data) -> str:
    lines = [f"- {t.name}: {t.summary} (e.g. {t.examples[0]})" for t in topics.TOPICS]
    return (
        "You route questions about AI model usage to a topic of a reporting bot. Topics:\n"
        + "\n".join(lines)
        + f"\nThe data covers {current.first_day} to {current.last_day}. Answer only with the JSON object; use "
        "'unknown' when no topic fits. Never invent numbers."
    )


def request_body(text: str, current: Data, settings: LlmSettings, vendors: list[str]) -> dict:
    return {
        "model": settings.model,
        "messages": [
            {"role": "system", "content": _prompt(current)},
            {"role": "user", "content": clean(text)[:MAX_TEXT]},
        ],
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "question", "strict": True, "schema": schema(vendors)},
        },
        "provider": {"require_parameters": True},  # only providers that honour the schema
        "temperature": 0,
        "max_tokens": 200,
    }


def read(text: str, current: Data, names: Lexicon, settings: LlmSettings) -> Asked | None:
    """The language model's reading of a question, or None (off, failed, too slow or nothing usable)."""
    key = (settings.model or "", normalise(text)[:MAX_TEXT])
    with _lock:
        if key in _cache:
            stamp, found = _cache[key]
            if found is not None or time.monotonic() - stamp < RETRY_FAILED_AFTER:
                _cache.move_to_end(key)
                return found
    found = _ask(text, current, names, settings)
    with _lock:
        _cache[key] = (time.monotonic(), found)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return found


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _ask(text: str, current: Data, names: Lexicon, settings: LlmSettings) -> Asked | None:
    one_try = OpenRouterSettings(
        settings.api_key, settings.api_url, min_interval=0.0, max_attempts=1, timeout=settings.budget
    )
    client = Client(one_try)
    body = request_body(text, current, settings, sorted(names.origins))
    started = time.monotonic()
    future = _executor.submit(client.post_json, PATH, body, "language model")
    try:
        payload = future.result(timeout=settings.budget)
        content = json.loads(payload["choices"][0]["message"]["content"])
    except FutureTimeout:
        log.warning("Language model gave no answer within %.1f s; using the rules' reading", settings.budget)
        return None
    except AiTrendsError as error:  # the client's errors are already redacted
        log.warning("Language model call failed: %s", error)
        return None
    except (KeyError, IndexError, TypeError, ValueError) as error:
        log.warning("Language model answer was not the structured question asked for (%s)", type(error).__name__)
        return None
    asked = checked(content, names)
    log.info("Language model read a question as %s in %.0f ms", asked.force if asked else "nothing", _ms(started))
    return asked


def _ms(started: float) -> float:
    return (time.monotonic() - started) * 1000


def checked(content: object, names: Lexicon) -> Asked | None:
    """Keep only what the data can answer: a known topic, a model the catalogue has, real dates, 1-50 for top N."""
    if not isinstance(content, dict) or content.get("topic") not in topics.BY_NAME:
        return None
    force: tuple[str, ...] = (content["topic"],)
    if content["topic"] == "model":
        found = [e for e in names.find(normalise(str(content.get("model") or "")).split()) if e.kind == "model"]
        if not found:
            return None
        force = ("model", found[0].value)
    start, end = _day(content.get("start")), _day(content.get("end"))
    if start and end and start > end:
        start, end = None, None
    top_n = content.get("top_n")
    top_n = top_n if isinstance(top_n, int) and 1 <= top_n <= 50 else None
    groups = tuple(g for g in content.get("groups") or () if isinstance(g, str))
    return Asked(force, start, end, top_n, content.get("compare") is True, groups)


def _day(text: object) -> date | None:
    try:
        day = date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None
    return day if day and 2020 <= day.year <= 2100 else None

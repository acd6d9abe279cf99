"""Score every topic against the whole question: stemmed cue words and phrases, question shapes and the names the
data knows. A longer match hides the words inside it ('prompt size' is not about model size), generic words are
capped, and a question about one model or vendor is not a question about total volume."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from bot.ask.groups import PRONOUN_US
from bot.ask.lexicon import Entity, Lexicon
from bot.ask.topics import TOPICS, cues, synonym_index
from bot.ask.words import STOPWORDS, phrase_stems, stem

MAX_WORDS = 80  # words read per question; the rest of a long paste only slows the answer down
TYPO_FACTOR = 0.75  # a match through a corrected typo counts a little less than the word itself
# What a name found in the data says about the topics: (topic, weight) per kind of entity.
ENTITY_WEIGHTS = {
    "vendor": (("vendors", 2.0),),
    "family": (("vendors", 1.5),),
    "category": (("categories", 3.0),),
    "language": (("languages", 3.0),),
    "place": (("regions", 3.0),),
}
ORIGIN_PLACES = {"China": "China", "United States": "US", "Europe": "Europe"}  # places that also name an origin
SCOPE_WORDS = {"among", "amongst", "within", "inside", "across"}  # 'roleplay among open models': open is the scope
OF_WORDS = {"of", "for", "on"}  # 'retention of gemini 2.5 pro': after a topic word, what follows 'of' is the scope
# What 'of' can scope: the rankings' groupings and names. A use ('share of coding') is always the subject.
SCOPABLE = {"open-source", "chinese", "reasoning", "model-size", "vendors", "model", "top-models", "volume"}
SCOPE_FACTOR = 0.5
USERS = {"usage", "users", "user", "traffic", "demand", "spend", "spending", "requests", "people", "developers"}
LANGUAGE_VERBS = {"in", "speak", "speaking", "speaks", "write", "writes", "prompt", "prompting", "answer"}
USE_TOPICS = ("programming", "roleplay", "tool-calls")  # the study says who serves these
WHO_SERVES_BONUS = 2.5
SEVERAL_VENDORS = 1.0
SHARE_OF_USE = {"vendors", "top-models", "open-source", "chinese", "reasoning", "model-size"}


@dataclass(frozen=True)
class Match:
    topic: str
    weight: float
    start: int
    end: int
    generic: bool = False
    entity: Entity | None = None

    @property
    def width(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Scores:
    ranked: list[tuple[str, float]]  # best first
    matches: list[Match]  # what the scores rest on
    entities: list[Entity]

    @property
    def best(self) -> float:
        return self.ranked[0][1] if self.ranked else 0.0


@cache
def cue_index() -> tuple[dict[tuple[str, ...], list[tuple[str, float]]], frozenset[str], int]:
    """Stemmed phrase -> [(topic, weight)], the words typos are corrected to, and the longest phrase."""
    index: dict[tuple[str, ...], list[tuple[str, float]]] = {}

    def add(phrase: str, topic: str, weight: float) -> None:
        key = tuple(phrase_stems(phrase).split())
        if key and (topic, weight) not in index.setdefault(key, []):
            index[key].append((topic, weight))

    for topic, levels in cues.CUES.items():
        for weight, phrases in levels.items():
            for phrase in phrases.split(","):
                add(phrase, topic, weight)
    listed = {(t, k) for k, entries in index.items() for t, _ in entries}
    for phrase, topic in synonym_index().items():  # every synonym the help shows reaches its topic
        if (topic, tuple(phrase_stems(phrase).split())) not in listed:
            add(phrase, topic, cues.SPECIFIC)
    for phrase in cues.NEUTRAL.split(","):
        add(phrase, "", 0.0)
    vocabulary = {w for levels in cues.CUES.values() for p in levels.values() for w in re.findall(r"[a-z]{5,}", p)}
    return index, frozenset(vocabulary), max(len(k) for k in index)


@lru_cache(maxsize=4096)
def correct(word: str) -> str | None:
    """The cue word a typo most likely meant ('programing' -> 'programming', 'lenght' -> 'length'), or None.

    One slip (a letter wrong, missing, extra or swapped) is allowed in words up to 8 letters, two in longer
    ones; real words one slip away from a cue ('fraction', 'fiction') are longer than that rule lets through."""
    _, vocabulary, _ = cue_index()
    if len(word) < 5 or not word.isalpha() or word in vocabulary or word in STOPWORDS:
        return None
    limit = 1 if len(word) <= 8 else 2
    near = [(distance(word, v, limit), v) for v in sorted(vocabulary) if abs(len(v) - len(word)) <= limit]
    near = [(d, v) for d, v in near if d <= limit]
    return min(near)[1] if near else None


def distance(a: str, b: str, limit: int) -> int:
    """Edit distance counting a swap of neighbours as one edit; stops early once past `limit`."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        previous2, previous = previous, row
    return previous[-1]


def _cue_matches(words: list[str], names: frozenset[str]) -> list[Match]:
    index, _, longest = cue_index()
    known = _known_stems()
    fixed = [None if stem(w) in known or w in names else correct(w) for w in words]
    stemmed = [stem(f or w) for w, f in zip(words, fixed, strict=True)]
    out = []
    for i in range(len(stemmed)):
        for n in range(min(longest, len(stemmed) - i), 0, -1):
            for topic, weight in index.get(tuple(stemmed[i : i + n]), ()):
                typo = any(fixed[i : i + n])
                out.append(Match(topic, weight * (TYPO_FACTOR if typo else 1.0), i, i + n, weight == cues.GENERIC))
    return out


@cache
def _known_stems() -> frozenset[str]:
    index, _, _ = cue_index()
    return frozenset(s for key in index for s in key)


def _entity_matches(words: list[str], entities: list[Entity]) -> list[Match]:
    out = []
    for e in entities:
        if e.kind == "model":
            weight = 2.5 + 0.5 * min(e.end - e.start, 4) - (0 if e.exact else 1)
            out.append(Match("model", weight, e.start, e.end, entity=e))
        elif e.kind == "place" and e.value in ORIGIN_PLACES:
            out += [Match("regions", 1.5, e.start, e.end, entity=e), Match("chinese", 1.5, e.start, e.end, entity=e)]
        elif e.kind == "language" and e.value.lower() == "chinese":  # also the origin adjective
            out.append(Match("languages", 1.5, e.start, e.end, entity=e))
        else:
            out += [Match(t, w, e.start, e.end, entity=e) for t, w in ENTITY_WEIGHTS.get(e.kind, ())]
        if e.kind == "language" and e.start and words[e.start - 1] in LANGUAGE_VERBS:  # 'prompt in chinese'
            out.append(Match("languages", 3.0, e.start - 1, e.end, entity=e))
        if e.kind == "place" and e.start and words[e.start - 1] in ("in", "from") and USERS & set(words[: e.start]):
            out.append(Match("regions", 2.5, e.start - 1, e.end, entity=e))  # 'usage in china': where users are
    return out


def _visible(matches: list[Match]) -> list[Match]:
    """Drop matches inside a longer match ('developer tools' hides 'developer'); keep one per topic and span."""
    kept: list[Match] = []
    for m in sorted(matches, key=lambda m: (-m.width, -m.weight)):
        inside = any(k.start <= m.start and m.end <= k.end and k.width > m.width for k in kept)
        same = any((k.topic, k.start, k.end) == (m.topic, m.start, m.end) for k in kept)
        if not inside and not same:
            kept.append(m)
    return [m for m in kept if m.topic]


def _scoped(words: list[str], matches: list[Match]) -> list[Match]:
    """What names where to look rather than what to answer counts half: a match right after 'among' or 'within',
    and a match after 'of' / 'for' that follows another topic's word ('roleplay share of open source tokens')."""
    scopes = {i for i, w in enumerate(words) if w in SCOPE_WORDS}
    out = []
    for m in matches:
        after_scope = bool(scopes & {m.start - 1, m.start - 2, m.start - 3})
        after_of = m.topic in SCOPABLE and any(
            words[p] in OF_WORDS and any(k.end <= p and not k.generic and k.topic != m.topic for k in matches)
            for p in range(max(0, m.start - 3), m.start)
        )
        out.append(replace(m, weight=m.weight * SCOPE_FACTOR) if after_scope or after_of else m)
    return out


def _shape_scores(plain: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for topic, weight, pattern in cues.SHAPES:
        if re.search(pattern, plain):
            out[topic] = out.get(topic, 0.0) + weight
    return out


def score(plain: str, lexicon: Lexicon) -> Scores:
    """Every topic's score for a normalised question (period words already taken out)."""
    words = plain.split()[:MAX_WORDS]
    entities = [e for e in lexicon.find(words) if not _pronoun(e, plain)]
    matches = _scoped(words, _visible(_cue_matches(words, lexicon.vocabulary) + _entity_matches(words, entities)))
    totals: dict[str, float] = {}
    generic: dict[str, float] = {}
    for m in matches:
        bucket = generic if m.generic else totals
        bucket[m.topic] = bucket.get(m.topic, 0.0) + m.weight
    for topic, weight in generic.items():
        totals[topic] = totals.get(topic, 0.0) + min(weight, cues.GENERIC_CAP)
    for topic, weight in _shape_scores(" ".join(words)).items():
        totals[topic] = totals.get(topic, 0.0) + weight
    if "volume" in totals and any(m.entity and m.entity.kind in ("model", "vendor", "family") for m in matches):
        totals["volume"] /= 2  # 'how many tokens did deepseek serve' asks about DeepSeek, not the market
    _who_serves_a_use(totals, matches)
    if len({m.entity.value for m in matches if m.entity and m.entity.kind in ("vendor", "family")}) >= 2:
        totals["vendors"] = totals.get("vendors", 0.0) + SEVERAL_VENDORS  # 'deepseek and qwen': compare vendors
    order = {topic.name: i for i, topic in enumerate(TOPICS)}
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], order.get(kv[0], 99)))
    visible = [e for e in entities if any(m.entity == e for m in matches)]
    return Scores([(t, round(s, 3)) for t, s in ranked if s > 0], matches, visible)


def _who_serves_a_use(totals: dict[str, float], matches: list[Match]) -> None:
    """'which lab wins programming', 'open models in roleplay': who serves a use, and how open or Chinese it is,
    is known only from the study, under that use's topic (the rankings do not split tokens by use)."""
    if not SHARE_OF_USE & set(totals):
        return
    for topic in USE_TOPICS:
        if any(m.topic == topic and m.weight >= cues.STRONG for m in matches):
            totals[topic] += WHO_SERVES_BONUS


def _pronoun(entity: Entity, plain: str) -> bool:
    """'show us' is not the United States."""
    return entity.kind == "place" and entity.value == "United States" and bool(PRONOUN_US.search(plain))

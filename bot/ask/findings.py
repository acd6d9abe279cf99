"""Find the study's figure a question names ('asia share of spend', 'deepseek tokens as an open model maker') by
full-text search over the figures (bot.store.search, bm25), and decide whether the answer should lead with it.

A figure leads only when the question says more than its topic: two things the question names must be in what
the figure measures or whom it is about, and the figure must not be about another subject the question never
mentions ('roleplay share of Chinese open models' does not lead an answer to 'chinese open source share')."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from bot.analytics.snapshot import Data
from bot.ask import topics
from bot.ask.answers.report import VIEWS
from bot.ask.scoring import Scores, cue_index
from bot.ask.topics import cues
from bot.ask.words import STOPWORDS, normalise, stem, stems
from bot.config import Paths
from bot.store.schema import connect
from bot.store.search import expand, search_figures

MIN_CONCEPTS = 2  # things the question names that the figure must hold
MAX_LEAD = 3
TABLE_SIZE = 3  # a metric shared by this many figures is a table ('top-10 countries'): lead with its top rows
CLOSE = 0.9  # a table scoring this close to the best single figure is preferred ('top countries')


def lead_figures(
    paths: Paths, data: Data, rest: str, scores: Scores, topic: str, stay: bool = False
) -> tuple[tuple[str, ...], str]:
    """(figure ids to lead with, the topic whose answer shows them); ((), topic) when nothing specific is named.
    With `stay` (a combination of dimensions was asked), only figures of the topic itself may lead."""
    words = rest.split()
    concepts = _concepts(words, scores)
    if len(concepts) < MIN_CONCEPTS:
        return (), topic
    terms = [w for w in words if w not in STOPWORDS and not w.isdigit()]
    with connect(paths.db_path) as db:
        hits = search_figures(db, terms + [e.value for e in scores.entities])
    scored = {name for name, _ in scores.ranked}
    passing = []
    for fid, value in hits:
        row = data.figures.get(fid)
        if not row or not row["statable"] or _catch_all(row["segment"]):
            continue
        held = _stems_of(f"{row['metric']} {row['segment']}")
        raw = _raw_stems(f"{row['metric']} {row['segment']}")
        if sum(bool(c & held) for c in concepts) < MIN_CONCEPTS or _off_subject(raw, scored | {topic}):
            continue
        owners = owning_topics(data, fid)
        home = topic if topic in owners else None if stay else next((t for t in owners if t in scored), None)
        if home is not None:
            passing.append((fid, value, home))
    if not passing:
        return (), topic
    named = set().union(*concepts)
    # A figure of the topic the rules chose comes first; then the one naming least that was not asked, then bm25.
    passing.sort(key=lambda p: (p[2] != topic, _unasked(data.figures[p[0]]["segment"], named), -p[1]))
    close = [p for p in passing if p[1] >= CLOSE * passing[0][1]]
    fid, value, home = next((p for p in close if len(_table(data, p[0])) >= TABLE_SIZE), passing[0])
    return _with_siblings(data, fid, named, value, hits), home


def _unasked(segment: str, named: set[str]) -> int:
    """Words of whom a figure is about that the question did not name ('RoW' in 'RoW OSS'); glosses in brackets
    and catch-all segments ('all open-weight models') do not count."""
    if _vague(segment):
        return 0
    words = normalise(re.sub(r"\(.*?\)", " ", segment)).split()
    generic = _generic_stems()
    return sum(
        1
        for w in words
        if w not in STOPWORDS and not w[:1].isdigit() and stem(w) not in generic and not (_stems_of(w) & named)
    )


def _concepts(words: list[str], scores: Scores) -> list[set[str]]:
    """What the question names, one set of stems per thing: a cue phrase or a name is one thing ('open source',
    'gemini 2.5 pro'), any other word not generic or a stop word is another."""
    generic = _generic_stems()
    covered: set[int] = set()
    out: list[set[str]] = []
    for m in sorted(scores.matches, key=lambda m: m.start):
        if m.generic or set(range(m.start, m.end)) <= covered:
            continue
        covered |= set(range(m.start, m.end))
        out.append({stem(w) for w in words[m.start : m.end] if w not in STOPWORDS and stem(w) not in generic})
    for i, word in enumerate(words):
        if i not in covered and word not in STOPWORDS and not word.isdigit() and stem(word) not in generic:
            out.append({stem(word)})
    return [c for c in out if c]


@cache
def _generic_stems() -> frozenset[str]:
    """Words too common to name a finding: the generic cues, and 'model' (every figure is about models)."""
    index, _, _ = cue_index()
    generic = {key[0] for key, entries in index.items() if len(key) == 1 and all(w == cues.GENERIC for _, w in entries)}
    return frozenset(generic | {"model", "llm", "ai"})


@lru_cache(maxsize=2048)
def _raw_stems(text: str) -> frozenset[str]:
    return frozenset(stems(normalise(text)))


@lru_cache(maxsize=2048)
def _stems_of(text: str) -> frozenset[str]:
    """Stems of a figure's words with the everyday words for its terms (cached: figures repeat across questions)."""
    return frozenset(stems(normalise(expand(text))))


def _off_subject(words: set[str], mentioned: set[str]) -> bool:
    """True when the figure's own words strongly name a topic the question does not mention ('Chinese-OSS share
    of roleplay tokens' is about Chinese models too)."""
    strong = _strong_words()
    return any(strong.get(w, frozenset()) - mentioned for w in words)


@cache
def _strong_words() -> dict[str, frozenset[str]]:
    """Single words that on their own name a topic strongly -> those topics."""
    index, _, _ = cue_index()
    out: dict[str, set[str]] = {}
    for key, entries in index.items():
        if len(key) == 1:
            out.setdefault(key[0], set()).update(t for t, w in entries if w >= cues.STRONG)
    return {word: frozenset(names) for word, names in out.items() if names}


def _vague(segment: str) -> bool:
    """A segment that names no one in particular ('all models', 'Others', '—')."""
    return _catch_all(segment) or segment.strip().lower().startswith("all")


def _catch_all(segment: str) -> bool:
    """A row that sums up the rest of a table ('Others (60+ countries)', 'top 10'), never a finding of its own."""
    return not segment.strip() or segment.strip().lower().startswith(("other", "top", "—", "-"))


def _table(data: Data, fid: str) -> list[str]:
    """Statable figures sharing this one's metric and topic: a table's rows, or one segment early and late."""
    row = data.figures[fid]
    return _tables(data).get((row["metric"], row["topic"]), [])


_last_tables: list = [None, {}]  # [the data they were built from, (metric, topic) -> ids]


def _tables(data: Data) -> dict[tuple[str, str], list[str]]:
    """Every table of statable figures, built once per data snapshot (asked for every candidate figure)."""
    built, tables = _last_tables
    if built is not data:
        tables = {}
        for fid, r in data.figures.items():
            if r["statable"] and not _catch_all(r["segment"]):
                tables.setdefault((r["metric"], r["topic"]), []).append(fid)
        _last_tables[:] = [data, tables]
    return tables


def owning_topics(data: Data, fid: str) -> list[str]:
    """Ask topics whose answer shows a figure or a row of its table: named by id first, then by figure topic."""
    ids = set(_table(data, fid)) | {fid}
    named = [t.name for t in topics.TOPICS if ids & set(t.anchors + t.study_keys)]
    named += [name for name, view in VIEWS.items() if ids & (set(view.keys) | set(dict(view.items)))]
    by_topic = [t.name for t in topics.TOPICS if data.figures[fid]["topic"] in t.figure_topics]
    return list(dict.fromkeys(named + by_topic))


def _with_siblings(data: Data, fid: str, named: set[str], score: float, hits: list) -> tuple[str, ...]:
    """The figure with its same-metric siblings: the same segment at other times ('early', 'late'), or, when the
    question named the table rather than a row ('top countries'), the table's largest rows."""
    row = data.figures[fid]
    same = _table(data, fid)
    if len(same) >= TABLE_SIZE and not (_stems_of(row["segment"]) & named):
        return tuple(sorted(same, key=lambda f: -(data.figures[f]["value"] or 0))[:MAX_LEAD])
    tied = [f for f, s in hits if f in same and data.figures[f]["segment"] == row["segment"] and s >= score - 1e-6]
    return tuple(dict.fromkeys([fid] + tied))[:MAX_LEAD]

"""Full-text search over the study's figures (SQLite FTS5, ranked by bm25) on their metric, segment and topic,
with the everyday words for the study's terms added to the query ('coding' also looks for 'programming', 'open
source' for 'OSS'). Triggers keep the index in step with the figures table (migration 6).

Query terms arrive as plain words and are quoted here, so no text a user types is read as FTS5 syntax."""

from __future__ import annotations

import re

import sqlite_utils

# The study's terms and abbreviations -> the everyday words for them.
EXPANSIONS = {
    "oss": "open source open weight open models",
    "row": "rest of world",
    "cn": "chinese china",
    "proprietary": "closed",
    "programming": "coding code developers",
    "author": "maker makers developer vendor lab company",
    "authors": "makers developers vendors labs companies",
    "provider": "lab vendor company maker",
    "spend": "spending paid money",
    "roleplay": "role play rp characters",
    "continent": "region regions",
    "countries": "country nations",
    "prompt": "input",
    "completion": "output answer response",
    "retention": "cohort stay churn",
    "elasticity": "price sensitivity",
    "effective": "price cost",
    "geography": "region regions where",
    "language": "languages",
    "tool": "tools agents",
    "calling": "calls",
    "scale": "volume",
}
WEIGHTS = (0.0, 4.0, 4.0, 1.0)  # per column (id first): what the figure is and whom it is about weigh most


def _inverse() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for term, words in EXPANSIONS.items():
        for word in words.split():
            out.setdefault(word, set()).add(term)
    return out


EVERYDAY = _inverse()


def expand(text: str) -> str:
    """The text followed by the everyday words for its terms (how a question may name them)."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return " ".join([text] + [EXPANSIONS[w] for w in dict.fromkeys(words) if w in EXPANSIONS])


def query_terms(terms: list[str]) -> list[str]:
    """Plain lower-case words, with the study's own terms for the everyday ones added."""
    words = [t for t in dict.fromkeys(re.findall(r"[a-z0-9]+", " ".join(terms).lower())) if len(t) > 1]
    return list(dict.fromkeys(words + [term for w in words for term in sorted(EVERYDAY.get(w, ()))]))


def has_fts(db: sqlite_utils.Database) -> bool:
    row = db.execute("SELECT sql FROM sqlite_master WHERE name = 'figures_fts'").fetchone()
    return bool(row and "fts5" in (row[0] or "").lower())


def search_figures(db: sqlite_utils.Database, terms: list[str], limit: int = 20) -> list[tuple[str, float]]:
    """Statable figures matching any of the terms, best first, as (id, score); a higher score is a better match."""
    terms = query_terms(terms)
    if not terms:
        return []
    if not has_fts(db):
        return _scan(db, terms, limit)
    rows = db.execute(
        f"SELECT s.id, -bm25(figures_fts, {', '.join(map(str, WEIGHTS))}) AS score FROM figures_fts s "
        "JOIN figures f ON f.id = s.id WHERE figures_fts MATCH :q AND f.statable = 1 ORDER BY score DESC LIMIT :n",
        {"q": " OR ".join(f'"{t}"' for t in terms), "n": limit},
    ).fetchall()
    return [(row[0], float(row[1])) for row in rows]


def _scan(db: sqlite_utils.Database, terms: list[str], limit: int) -> list[tuple[str, float]]:
    """Without FTS5: count the terms each statable figure holds (no stemming, no bm25, but still an answer)."""
    rows = db.execute(
        "SELECT s.id, s.metric || ' ' || s.segment || ' ' || s.topic FROM figures_fts s "
        "JOIN figures f ON f.id = s.id WHERE f.statable = 1"
    ).fetchall()
    scored = [(fid, float(sum(t in set(re.findall(r"[a-z0-9]+", text.lower())) for t in terms))) for fid, text in rows]
    return sorted([s for s in scored if s[1] > 0], key=lambda s: -s[1])[:limit]

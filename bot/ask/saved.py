"""Answers saved in the store per data version, read back without pandas, matplotlib or sqlite_utils: a question
asked again (by the command line in a new process, or a restarted server) costs a file hash and one query.

A saved answer is keyed by the question's text (normalised) or its parsed form, and by the data version and the
latest refresh attempt it was built under; any change to either makes it unreachable, and saving prunes it."""

from __future__ import annotations

import json
import re
import sqlite3
import time
from contextlib import closing

from bot.ask.reply import Answer
from bot.config import Paths
from bot.store.bundle import fingerprint

STATE_SQL = """
SELECT (SELECT value FROM meta WHERE key = 'bundle_fingerprint'),
       (SELECT value FROM meta WHERE key = 'data_version'),
       (SELECT COALESCE(MAX(id), 0) FROM refresh_runs)
"""


def question_key(cache_key: tuple) -> str:
    """A parsed question's key (its topic, model, period, top N, comparison and focus), as text."""
    return "question:" + json.dumps(cache_key, default=str)


def text_key(text: str) -> str:
    """Two spellings of one question share a key: case, spaces and surrounding punctuation do not count."""
    return "text:" + re.sub(r"\s+", " ", text.lower()).strip(" ?!.,")


def _state(conn: sqlite3.Connection, paths: Paths) -> tuple[int, int] | None:
    """(data version, latest refresh id), or None when the store must be rebuilt first (or is not built)."""
    try:
        built, version, marker = conn.execute(STATE_SQL).fetchone()
    except sqlite3.Error:
        return None
    if built != fingerprint(paths) or version is None:
        return None
    return int(version), int(marker)


def lookup(paths: Paths, key: str) -> Answer | None:
    """The saved answer for `key` under the store's current data, if there is one."""
    if not paths.db_path.exists():
        return None
    try:
        with closing(sqlite3.connect(f"file:{paths.db_path}?mode=ro", uri=True, timeout=5)) as conn:
            state = _state(conn, paths)
            if state is None:
                return None
            row = conn.execute(
                "SELECT record, png FROM saved_answers WHERE key = ? AND version = ? AND marker = ?", (key, *state)
            ).fetchone()
    except sqlite3.Error:
        return None  # a store being migrated or written: answer the slow way
    return Answer.from_dict(json.loads(row[0]), row[1]) if row else None


def save(paths: Paths, keys: list[str], answer: Answer, version: int, marker: int) -> None:
    """Keep `answer` under each key for this data version; answers of older versions are dropped."""
    record = json.dumps(answer.to_dict())
    png = answer.chart.png if answer.chart else None
    with closing(sqlite3.connect(paths.db_path, timeout=5)) as conn, conn:
        conn.execute("DELETE FROM saved_answers WHERE version != ? OR marker != ?", (version, marker))
        conn.executemany(
            "INSERT OR REPLACE INTO saved_answers (key, version, marker, record, png, saved_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(key, version, marker, record, png, time.time()) for key in keys],
        )


def forget(paths: Paths) -> None:
    """Drop every saved answer (benchmarks measure the computing path with it)."""
    if paths.db_path.exists():
        with closing(sqlite3.connect(paths.db_path, timeout=5)) as conn, conn:
            conn.execute("DELETE FROM saved_answers")

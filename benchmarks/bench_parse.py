"""Understanding questions: accuracy on both phrase tables, and the time to read one question.

Run: .venv/bin/python benchmarks/bench_parse.py [--runs N] [--misses]
Times are medians over every phrasing of both tables, repeated N times: `read` is the rules alone (the parser,
which must stay under 5 ms), `understand` adds the search over the study's figures (no language model). Prints
the hit rate per table; not a test (timings depend on the machine; the accuracy floor is in the tests).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.analytics import snapshot  # noqa: E402
from bot.ask import lexicon  # noqa: E402
from bot.ask.question import read  # noqa: E402
from bot.ask.understand import lexicon_for, understand  # noqa: E402
from bot.config import LlmSettings, paths_from_env  # noqa: E402
from bot.errors import NotUnderstood  # noqa: E402

TABLES = ("nl-examples.json", "nl-examples-extra.json")
OFF = LlmSettings(None, None)


def load(name: str) -> list[dict]:
    return json.loads((ROOT / "tests" / "data" / name).read_text())


def accuracy(items: list[dict], ask) -> tuple[int, list[str]]:
    misses = []
    for item in items:
        wanted = item["topic"] if isinstance(item["topic"], list) else [item["topic"]]
        try:
            got = ask(item["q"]).topic
        except NotUnderstood:
            got = "not understood"
        if got not in wanted:
            misses.append(f"  {item['q']!r}: {got} (wanted {', '.join(wanted)})")
    return len(items) - len(misses), misses


def median_ms(fn, texts: list[str], runs: int) -> tuple[float, float]:
    """Median and 95th percentile in milliseconds of fn over every text, `runs` times each."""
    samples = []
    for _ in range(runs):
        for text in texts:
            start = time.perf_counter()
            with contextlib.suppress(NotUnderstood):
                fn(text)
            samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--misses", action="store_true", help="list the phrasings that reach the wrong topic")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["AI_TRENDS_DB"] = str(Path(tmp) / "bench.db")
        paths = paths_from_env()
        current = snapshot.current(paths)
        start = time.perf_counter()
        names = lexicon.build(current.model_names, None, None, current.figures)
        built_ms = (time.perf_counter() - start) * 1000
        names = lexicon_for(current)
        rules = lambda text: read(text, current.last_day, names).question  # noqa: E731
        full = lambda text: understand(text, paths, current, OFF)  # noqa: E731
        texts = [item["q"] for name in TABLES for item in load(name)]
        for text in texts:  # first use: stems, typo corrections and the search index are cached or built
            full(text)
        read_ms = median_ms(rules, texts, args.runs)
        full_ms = median_ms(full, texts, max(1, args.runs // 4))
        print(f"{'table':26} {'rules':>9} {'with search':>12}")
        for name in TABLES:
            items = load(name)
            hits, misses = accuracy(items, rules)
            full_hits, full_misses = accuracy(items, full)
            print(f"{name:26} {hits:>4}/{len(items):<4} {full_hits:>7}/{len(items):<4}")
            if args.misses and full_misses:
                print("\n".join(full_misses))
    print(f"\nparse (rules): median {read_ms[0]:.3f} ms, p95 {read_ms[1]:.3f} ms over {len(texts)} phrasings")
    print(f"understand (rules + figure search, no language model): median {full_ms[0]:.3f} ms, p95 {full_ms[1]:.3f} ms")
    print(f"lexicon build (once per data version): {built_ms:.1f} ms")


if __name__ == "__main__":
    main()

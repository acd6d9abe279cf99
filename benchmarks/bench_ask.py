"""Time `ask` on the bundled data: warm per topic (caches cleared), repeated (cached), the CLI's cold start
(a question saved for this data version, and a new one) and the store's build.

Run: .venv/bin/python benchmarks/bench_ask.py [--runs N]
Prints medians in milliseconds and the ratios that matter; not a test (timings depend on the machine).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.ask.answer import ask, clear_cache  # noqa: E402
from bot.ask.saved import forget  # noqa: E402
from bot.ask.topics import TOPICS  # noqa: E402
from bot.config import Paths, paths_from_env  # noqa: E402
from bot.store.build import ensure_built  # noqa: E402


def median_ms(fn, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def warm_and_cached(runs: int) -> list[tuple[str, str, float, float]]:
    paths = paths_from_env()
    ask("open-source", paths)  # load data, import matplotlib: what a running bot has already done
    rows = []
    for topic in TOPICS:
        question = topic.examples[0]

        def uncached(q=question):
            clear_cache(paths)
            ask(q, paths)

        warm = median_ms(uncached, runs)
        ask(question, paths)
        cached = median_ms(lambda q=question: ask(q, paths), runs * 5)
        rows.append((topic.name, question, warm, cached))
    return rows


def cold_start(runs: int, out: str, saved: bool) -> float:
    """`ai-trends ask` in a new process: the question already answered for this data version (saved), or not."""
    command = [sys.executable, "-m", "handlers.cli", "ask", "open-source", "--out", out]
    paths = paths_from_env()

    def once() -> None:
        if not saved:
            forget(paths)
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)

    once()  # builds the store if needed, and saves the answer for the saved case
    return median_ms(once, runs)


def _fresh_build(tmp: str) -> None:
    paths = paths_from_env()
    ensure_built(Paths(paths.data_dir, Path(tmp) / f"build-{time.monotonic_ns()}.db"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["AI_TRENDS_DB"] = str(Path(tmp) / "bench.db")
        rows = warm_and_cached(args.runs)
        cold_saved = cold_start(max(3, args.runs // 2), tmp, saved=True)
        cold_new = cold_start(max(3, args.runs // 2), tmp, saved=False)
        build = median_ms(lambda: _fresh_build(tmp), 3)
    print(f"{'topic':14} {'question':34} {'warm ms':>8} {'cached ms':>10}")
    for name, question, warm, cached in rows:
        print(f"{name:14} {question:34} {warm:8.1f} {cached:10.3f}")
    warms, cacheds = [r[2] for r in rows], [r[3] for r in rows]
    print(
        f"\nmedian over topics: warm {statistics.median(warms):.1f} ms (max {max(warms):.1f}), "
        f"cached {statistics.median(cacheds):.3f} ms (max {max(cacheds):.3f})"
    )
    print(f"warm / cached: {statistics.median(warms) / statistics.median(cacheds):.0f}x")
    print(f"CLI cold start, question answered before for this data (saved): {cold_saved:.0f} ms median")
    print(f"CLI cold start, new question (store built, nothing saved): {cold_new:.0f} ms median")
    print(f"store build from the bundled files: {build:.0f} ms median")


if __name__ == "__main__":
    main()

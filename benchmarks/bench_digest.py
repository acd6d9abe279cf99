"""One digest round for N subscribed channels against the fake Slack Web API in its own process, which enforces
Slack's posting limit (one message per channel per second; optionally a workspace-wide cap) with 429 and
Retry-After. Reports the round's wall time (median of repeats), renders, uploads and the calls made.

Each repeat starts from a fresh store copy and an empty answer cache, so every digest is really built.
Run: .venv/bin/python benchmarks/bench_digest.py [--channels 200] [--concurrency 8 32] [--repeats 3]
     [--workspace-per-second 20]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.analytics.snapshot import current  # noqa: E402
from bot.ask.answer import clear_cache  # noqa: E402
from bot.config import PROJECT_DIR, Paths  # noqa: E402
from bot.digest import subscriptions  # noqa: E402
from bot.digest.schedule import Schedule  # noqa: E402
from bot.store.build import ensure_built  # noqa: E402
from bot.store.schema import connect  # noqa: E402
from handlers.settings import WorkerSettings  # noqa: E402
from handlers.worker import run_round  # noqa: E402

DUE = datetime(2026, 12, 7, 8, 1, tzinfo=UTC)  # just after Monday 09:00 in Berlin
SCHEDULE = Schedule(0, clock_time(9), "Europe/Berlin")
SHORT_TOPICS = ("open-source", "chinese")


class RemoteFake:
    """The fake Slack in a child process, like Slack itself; its calls are read over HTTP."""

    def __init__(self, workspace_per_second: int | None) -> None:
        command = [sys.executable, "-m", "tests.fake_slack", "--channel-spacing", "1.0"]
        if workspace_per_second:
            command += ["--workspace-per-second", str(workspace_per_second)]
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        self.url = self.process.stdout.readline().strip()

    def calls(self) -> list[dict]:
        with urllib.request.urlopen(self.url + "/_calls", timeout=30) as response:
            return json.load(response)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def prepared_store(folder: Path, channels: int) -> Paths:
    """A built store with `channels` subscriptions: three in four get every topic, the rest two topics."""
    paths = Paths(data_dir=PROJECT_DIR / "data", db_path=folder / "template.db")
    ensure_built(paths)
    with connect(paths.db_path) as db:
        for i in range(channels):
            topics = SHORT_TOPICS if i % 4 == 3 else subscriptions.DIGEST_TOPICS
            sub = subscriptions.Subscription(f"C{i:05d}", SCHEDULE, topics, f"U{i:05d}", DUE - timedelta(days=3))
            subscriptions.save(db, sub)
    return paths


def one_round(template: Paths, folder: Path, concurrency: int, workspace_per_second: int | None) -> dict:
    db_path = folder / f"round-{time.monotonic_ns()}.db"
    shutil.copy(template.db_path, db_path)
    paths = Paths(template.data_dir, db_path)
    current(paths)  # the worker keeps its data loaded between rounds; renders are what a round pays for
    clear_cache(paths)
    fake = RemoteFake(workspace_per_second)
    settings = WorkerSettings("xoxb-bench", fake.url + "/api/", paths, 60, concurrency, 1.0)
    try:
        started = time.perf_counter()
        report = run_round(settings, DUE, worker="bench")
        wall = time.perf_counter() - started
        calls = fake.calls()
    finally:
        fake.stop()
    by_method = Counter(c["method"] for c in calls)
    limited = sum(c["status"] == 429 for c in calls)
    return {"wall": wall, "report": report, "calls": len(calls), "by_method": by_method, "429": limited}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--channels", type=int, default=200)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workspace-per-second", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template = prepared_store(folder, args.channels)
        cap = f"{args.workspace_per_second}/s workspace cap" if args.workspace_per_second else "no workspace cap"
        print(f"{args.channels} channels due at once; fake Slack: 1 message/s per channel, {cap}")
        for concurrency in args.concurrency:
            runs = [one_round(template, folder, concurrency, args.workspace_per_second) for _ in range(args.repeats)]
            walls = sorted(r["wall"] for r in runs)
            last = runs[-1]
            report = last["report"]
            print(
                f"concurrency {concurrency:>3}: wall median {statistics.median(walls):.1f} s "
                f"(runs {', '.join(f'{w:.1f}' for w in walls)}); posted {report.posted}, renders {report.renders}, "
                f"uploads {report.uploads}; calls {last['calls']} ({last['429']} answered 429): "
                + ", ".join(f"{method} {count}" for method, count in sorted(last["by_method"].items()))
            )


if __name__ == "__main__":
    main()

"""Evaluating 1,000 watches of mixed kinds against a new data version: the store holds the full series up to a cut,
the watches are set there, then the rest of the series is imported (a new data version) and timed:
- load: the new version's data snapshot (`current`, what the first answer or the worker pays after a refresh);
- evaluate: every watch over the complete weeks it has not seen, the alerts built and queued, one transaction.
Medians of several runs, each on a fresh copy of the store. Posting the alerts is paced by Slack's limits and is
measured by bench_digest.py's machinery, not here.

Run: .venv/bin/python benchmarks/bench_watch.py [--watches 1000] [--repeats 7]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.analytics.snapshot import current  # noqa: E402
from bot.config import Paths  # noqa: E402
from bot.store.schema import connect  # noqa: E402
from bot.watch import rules, watches  # noqa: E402
from bot.watch.conditions import Condition  # noqa: E402
from bot.watch.evaluate import evaluate  # noqa: E402
from bot.watch.weeks import weeks_of  # noqa: E402
from tests.watch_kit import add_days, growing_store  # noqa: E402

LAST_DAY = date(2026, 9, 17)
SCENARIOS = {  # cut -> what the import then brings
    "one new complete week (a Monday's refresh)": date(2026, 9, 6),
    "eleven new complete weeks (after downtime)": date(2026, 6, 28),
}
SHARES = {"open": ("Open weights", "Closed"), "origin": ("China", "US", "Europe"), "reasoning": ("Reasoning",)}


def conditions(paths: Paths, count: int) -> list[Condition]:
    """Mixed kinds, with lines near the current values so that many of them cross."""
    data = current(paths)
    weeks = weeks_of(data)
    rng = random.Random(13)
    vendors, models = weeks.groups("vendor")[:12], list(weeks.ranks().iloc[-1].nsmallest(30).index)
    out = []
    for i in range(count):
        kind = ("above", "below", "move", "leaves", "enters", "new")[i % 6]
        if kind in ("above", "below", "move"):
            dimension = rng.choice(["open", "origin", "reasoning", "vendor", "model"])
            pool = SHARES.get(dimension) or (vendors if dimension == "vendor" else models)
            group = rng.choice(pool)
            now = float(weeks.share(dimension, group)[-1])
            level = rng.uniform(0.5, 5) if kind == "move" else min(99.0, max(0.5, now + rng.uniform(-8, 8)))
            out.append(Condition(kind, round(level, 1), dimension, group, rng.choice(["any", "up", "down"])))
        elif kind in ("leaves", "enters"):
            out.append(Condition(kind, rng.choice([3, 5, 10, 20]), "model", rng.choice(models)))
        else:
            out.append(Condition("new", rng.choice([3, 5, 10, 20])))
    return out


def template(folder: Path, cut: date, count: int) -> Paths:
    paths = growing_store(folder, cut)
    weeks = weeks_of(current(paths))
    now = datetime.now(UTC)
    with connect(paths.db_path) as db:
        for i, condition in enumerate(conditions(paths, count)):
            watches.add(db, f"C{i % 200:04d}", condition, "U1", now, rules.start(condition, weeks))
    add_days(paths, cut, LAST_DAY)  # the new data version
    return paths


def one_run(template_paths: Paths, folder: Path) -> tuple[float, float, int]:
    db_path = folder / f"run-{time.monotonic_ns()}.db"
    shutil.copy(template_paths.db_path, db_path)
    paths = Paths(template_paths.data_dir, db_path)
    started = time.perf_counter()
    data = current(paths)
    loaded = time.perf_counter()
    found = evaluate(paths, data)
    done = time.perf_counter()
    return loaded - started, done - loaded, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--watches", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    print(f"{args.watches} watches (above, below, move, leaves, enters, new in equal parts), medians of {args.repeats}")
    for name, cut in SCENARIOS.items():
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            paths = template(folder, cut, args.watches)
            runs = [one_run(paths, folder) for _ in range(args.repeats)]
        load = statistics.median(r[0] for r in runs)
        check = statistics.median(r[1] for r in runs)
        total = statistics.median(r[0] + r[1] for r in runs)
        weeks = (LAST_DAY - cut).days // 7
        print(f"\n{name}: cut at {cut}, then {weeks} weeks of days imported")
        print(f"  load the new version   {load * 1000:7.0f} ms")
        print(f"  evaluate every watch   {check * 1000:7.0f} ms  ({runs[0][2]} alerts queued)")
        print(f"  together               {total * 1000:7.0f} ms  (target <= 1000 ms)")
        print(
            f"  spread of 'together'   {min(r[0] + r[1] for r in runs) * 1000:.0f}-"
            f"{max(r[0] + r[1] for r in runs) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()

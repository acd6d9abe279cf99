"""Time a year's refresh from a local fake OpenRouter, and weekly share queries over five years for 1,000 models.

Run: .venv/bin/python benchmarks/bench_refresh.py [--runs N]
(a) refresh 2025-01-01..2025-12-31 (365 days x 51 rows = 18,615 rows) into a fresh store over real HTTP, without
    the 2 s pacing (that is waiting, not work), then re-derive every weekly share series from the store;
(b) five years of synthetic daily rows for 1,000 models (a synthetic catalogue too): the weekly share query on
    the loaded frame, per dimension, which is what an answer runs. Target: under 100 ms.
Prints medians in milliseconds; not a test (timings depend on the machine).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import analytics  # noqa: E402
from bot.config import OpenRouterSettings, Paths  # noqa: E402
from bot.live.refresh import refresh  # noqa: E402
from bot.store.build import ensure_built  # noqa: E402
from bot.store.schema import connect  # noqa: E402
from tests.fake_openrouter import FakeOpenRouter, synthetic_days  # noqa: E402

DIMENSIONS = ["open", "origin", "reasoning", "vendor", "model", "size"]
ORIGINS = ["US", "China", "Europe", "other"]


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def fresh_store(tmp: Path, name: str) -> Paths:
    data_dir = tmp / name
    shutil.copytree(ROOT / "data", data_dir, ignore=shutil.ignore_patterns("*.db", "*.db-*"))
    paths = Paths(data_dir=data_dir, db_path=data_dir / "bench.db")
    ensure_built(paths)
    return paths


def derive_all(paths: Paths) -> None:
    with connect(paths.db_path) as db:
        frame = analytics.load_frame(db)
    for dimension in DIMENSIONS:
        analytics.weekly_shares(frame, dimension)


def bench_year_refresh(tmp: Path, runs: int) -> tuple[float, float, int]:
    slugs = sorted({f"vendor{i % 30}/model-{i}" for i in range(300)})
    fake = FakeOpenRouter(key="bench-key").start()
    fake.days = synthetic_days(date(2025, 1, 1), date(2025, 12, 31), slugs)
    random.Random(2).shuffle(slugs)  # a different top 50 each day would be closer still; the size is what counts
    settings = replace(OpenRouterSettings(api_key="bench-key", api_url=fake.url), min_interval=0.0)
    refresh_s, derive_s, rows = [], [], 0
    try:
        for run in range(runs):
            paths = fresh_store(tmp, f"year-{run}")
            start = time.perf_counter()
            result = refresh(paths, settings, today=date(2026, 1, 1))
            refresh_s.append(time.perf_counter() - start)
            start = time.perf_counter()
            derive_all(paths)
            derive_s.append(time.perf_counter() - start)
            rows = result.rows_fetched
    finally:
        fake.stop()
    return median_ms(refresh_s), median_ms(derive_s), rows


def synthetic_store(tmp: Path, per_day: int | None, models: int = 1000, years: int = 5) -> tuple[Paths, int]:
    """A store with a synthetic catalogue and rankings: each day the `per_day` biggest models of the day (the API's
    top 50) or, with None, every model every day; plus 'other'."""
    paths = fresh_store(tmp, f"five-years-{per_day}")
    rng = random.Random(5)
    catalogue = []
    for i in range(models):
        params = rng.choice([3, 8, 32, 70, 235, None])
        catalogue.append(
            {
                "slug": f"lab{i % 80}/model-{i}",
                "canonical": f"lab{i % 80}/model-{i}",
                "name": f"Model {i}",
                "vendor": f"Lab {i % 80}",
                "origin": ORIGINS[i % 80 % 4],
                "open_weights": int(params is not None),
                "params_b": params,
                "size_class": None
                if params is None
                else "small"
                if params < 15
                else "medium"
                if params <= 70
                else "large",
                "reasoning": i % 3 == 0,
                "kind": "text",
                "stealth": 0,
            }
        )
    first, days = date(2021, 1, 1), 365 * years + 1
    weights = [rng.paretovariate(1.2) for _ in range(models)]
    slugs = [m["slug"] for m in catalogue]
    rows = []
    for d in range(days):
        day = (first + timedelta(days=d)).isoformat()
        # Each model peaks on its own day of the five years, so the day's top 50 turns over through the catalogue.
        tokens = [w * 1e9 * (1 + abs(i * days / models - d) / 30) ** -3 for i, w in enumerate(weights)]
        ranked = sorted(range(models), key=tokens.__getitem__, reverse=True)
        chosen, rest = (ranked, []) if per_day is None else (ranked[:per_day], ranked[per_day:])
        rows += [(day, slugs[i], int(tokens[i]), "bench", "2026-01-01") for i in chosen]
        rows.append((day, "other", int(sum(tokens[i] for i in rest) or 5e8), "bench", "2026-01-01"))
    with connect(paths.db_path) as db, db.atomic():
        db.execute("DELETE FROM rankings")
        db.execute("DELETE FROM models")
        db["models"].insert_all(catalogue)
        db.conn.executemany("INSERT INTO rankings VALUES (?, ?, ?, ?, ?)", rows)
        distinct = db.execute("SELECT COUNT(DISTINCT model_permaslug) FROM rankings").fetchone()[0]
    return paths, len(rows), distinct


def bench_weekly_query(tmp: Path, runs: int, per_day: int | None) -> tuple[int, int, float, dict[str, float]]:
    paths, rows, distinct = synthetic_store(tmp, per_day)
    start = time.perf_counter()
    with connect(paths.db_path) as db:
        frame = analytics.load_frame(db)
    load_ms = (time.perf_counter() - start) * 1000
    per_dimension = {}
    for dimension in DIMENSIONS:
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            analytics.weekly_shares(frame, dimension)
            samples.append(time.perf_counter() - start)
        per_dimension[dimension] = median_ms(samples)
    samples = []
    for _ in range(runs):  # what an answer for "open-source since 2025-01" does: cut the period, then the shares
        start = time.perf_counter()
        analytics.weekly_shares(analytics.filter_period(frame, date(2025, 1, 1), None), "open")
        samples.append(time.perf_counter() - start)
    per_dimension["open, since 2025-01 (filter_period first)"] = median_ms(samples)
    return rows, distinct, load_ms, per_dimension


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        refresh_ms, derive_ms, rows = bench_year_refresh(Path(tmp), args.runs)
        print(f"(a) refresh a year from the fake API: {rows} rows, median {refresh_ms:.0f} ms over {args.runs} runs")
        print(
            f"    re-derive every weekly share series ({len(DIMENSIONS)} dimensions) from the store: {derive_ms:.0f} ms"
        )
        for per_day, shape in ((50, "the API's shape: top 50 of the day + other"), (None, "every model every day")):
            total, distinct, load_ms, per_dimension = bench_weekly_query(Path(tmp), args.runs, per_day)
            print(
                f"(b) five years, 1,000-model catalogue, {shape}: {total:,} rows, {distinct} distinct slugs; "
                f"load_frame (once per data version) {load_ms:.0f} ms"
            )
            for dimension, ms in per_dimension.items():
                flag = "ok" if ms < 100 else "OVER 100 ms"
                print(f"    weekly_shares({dimension}): median {ms:.1f} ms over {args.runs} runs  {flag}")


if __name__ == "__main__":
    main()

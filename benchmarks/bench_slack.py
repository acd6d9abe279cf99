"""Drive the HTTP Slack app with N concurrent signed slash commands against the local fake Slack.

Reports ack latency (p50, p99) and command-to-chart-posted latency (p50, p95), with the answer cache cleared
before each round ("uncached": every command renders its chart) and kept ("cached": repeated questions).
Run: .venv/bin/python benchmarks/bench_slack.py [--concurrency 20] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answer import ask, clear_cache  # noqa: E402
from bot.config import PROJECT_DIR, Paths  # noqa: E402
from tests.fake_slack import FakeSlack  # noqa: E402
from tests.slack_kit import RunningApp  # noqa: E402

QUESTIONS = [
    "open-source",
    "chinese",
    "reasoning",
    "vendors",
    "top models",
    "volume",
    "model size",
    "programming",
    "china vs us",
    "open source since 2025-05",
    "grok code fast 1",
    "regions",
    "pricing",
    "languages",
    "roleplay",
    "report",
    "reasoning in 2025",
    "top 5 models",
    "vendors since 2025-08",
    "token lengths",
]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def one_round(app: RunningApp, fake: FakeSlack, concurrency: int, round_no: int) -> tuple[list[float], list[float]]:
    acks: dict[str, float] = {}
    sent: dict[str, float] = {}

    def send(i: int) -> None:
        channel = f"C{round_no:02d}{i:04d}"
        sent[channel] = time.monotonic()
        reply = app.client.command(QUESTIONS[i % len(QUESTIONS)], channel=channel)
        assert reply.status == 200, reply
        acks[channel] = reply.seconds * 1000

    threads = [threading.Thread(target=send, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    deadline = time.monotonic() + 60
    posted: dict[str, float] = {}
    while len(posted) < concurrency and time.monotonic() < deadline:
        for call in fake.of("chat.postMessage"):
            if call.params.get("channel") in sent:
                posted.setdefault(call.params["channel"], (call.at - sent[call.params["channel"]]) * 1000)
        time.sleep(0.005)
    assert len(posted) == concurrency, f"only {len(posted)} of {concurrency} answers posted"
    return list(acks.values()), list(posted.values())


def scenario(app, fake, concurrency: int, rounds: int, cached: bool) -> tuple[list[float], list[float]]:
    acks, charts = [], []
    for round_no in range(rounds):
        if not cached:
            clear_cache()
        a, c = one_round(app, fake, concurrency, round_no + (100 if cached else 0))
        acks += a
        charts += c
    return acks, charts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    fake = FakeSlack().start()
    with tempfile.TemporaryDirectory() as tmp:
        paths = Paths(data_dir=PROJECT_DIR / "data", db_path=Path(tmp) / "bench.db")
        ask("open-source", paths)  # a running bot has its data loaded
        app = RunningApp(paths, fake.api_url, fake.response_url())
        try:
            for cached in (False, True):
                acks, charts = scenario(app, fake, args.concurrency, args.rounds, cached)
                name = "cached  " if cached else "uncached"
                print(
                    f"{name} {args.concurrency} concurrent x {args.rounds} rounds: "
                    f"ack p50 {percentile(acks, 50):.1f} ms, p99 {percentile(acks, 99):.1f} ms; "
                    f"chart posted p50 {percentile(charts, 50):.0f} ms, p95 {percentile(charts, 95):.0f} ms "
                    f"(mean {statistics.mean(charts):.0f} ms)"
                )
        finally:
            app.stop()
            fake.stop()


if __name__ == "__main__":
    main()

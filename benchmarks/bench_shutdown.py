"""How long `ai-trends serve` and `ai-trends worker` take to exit after SIGTERM (platforms kill after 10 s), in
the moments that matter: idle, during warm-up, with answers in flight, with an answer stuck on a slow Slack, and
mid-digest. Real processes, a real signal, the fake Slack. Medians and maxima over --runs runs.
Run: .venv/bin/python benchmarks/bench_shutdown.py [--runs 5]
"""

from __future__ import annotations

import argparse
import signal
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Paths  # noqa: E402
from bot.digest import subscriptions  # noqa: E402
from bot.digest.schedule import Schedule  # noqa: E402
from bot.store.build import ensure_built  # noqa: E402
from bot.store.schema import connect  # noqa: E402
from tests.fake_slack import FakeSlack  # noqa: E402
from tests.slack_kit import serve_process  # noqa: E402
from tests.test_digest_worker import worker_process  # noqa: E402


def stopped_in(process) -> tuple[float, int]:
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=30)
    return time.monotonic() - started, process.returncode


def serve_case(case: str, folder: Path) -> tuple[float, int]:
    fake = FakeSlack().start()
    try:
        if case == "stuck answer":
            fake.delays["files.getUploadURLExternal"] = 30.0
        process, client = serve_process(fake, folder)
        if case == "idle":
            while "warm-up done" not in (process.stderr.readline() or "warm-up done"):
                pass
        if case in ("answers in flight", "stuck answer"):
            for topic in ("open-source", "chinese", "reasoning", "volume"):
                client.command(topic, channel="C0" + topic.upper().replace("-", ""))
        return stopped_in(process)
    finally:
        fake.stop()


def worker_case(folder: Path) -> tuple[float, int]:
    paths = Paths(ROOT / "data", folder / "worker.db")
    ensure_built(paths)
    today = datetime.now(UTC)
    schedule = Schedule(today.weekday(), clock_time(0, 0), "UTC")
    with connect(paths.db_path) as db:
        for i in range(8):
            subscriptions.save(
                db, subscriptions.Subscription(f"C{i}", schedule, ("open-source",), "U1", today - timedelta(1))
            )
    fake = FakeSlack().start()
    fake.delays["chat.postMessage"] = 2.0
    try:
        process = worker_process(paths, fake, None, AI_TRENDS_DIGEST_CONCURRENCY="4")
        while not fake.of("files.completeUploadExternal"):
            time.sleep(0.05)
        time.sleep(0.5)  # a post is in flight
        return stopped_in(process)
    finally:
        fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cases = ["idle", "during warm-up", "answers in flight", "stuck answer", "worker mid-digest"]
    for case in cases:
        seconds, codes = [], []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as folder:
                took, code = worker_case(Path(folder)) if case.startswith("worker") else serve_case(case, Path(folder))
            seconds.append(took)
            codes.append(code)
        print(
            f"{case:18} SIGTERM to exit: median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s "
            f"over {args.runs} runs; exit codes {sorted(set(codes))}"
        )


if __name__ == "__main__":
    main()

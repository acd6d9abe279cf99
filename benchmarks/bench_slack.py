"""Drive the Slack app (HTTP mode, in its own process, as deployed) with N concurrent signed slash commands
against the fake Slack Web API (also in its own process, like Slack itself), and report ack latency (p50, p99),
command-to-text-posted latency (the message with the numbers) and command-to-chart-posted latency (the message
showing its chart: posted with it, or updated with it), p50 and p95.

Two workloads: "new questions" (a period no one asked before, so every command builds and renders its
answer) and "common questions" (the topics' own examples, answered ahead of time by the app's warm-up).
Run: .venv/bin/python benchmarks/bench_slack.py [--concurrency 20] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.ask.topics import TOPICS  # noqa: E402
from tests.slack_kit import SECRET, TOKEN, SlackClientForTests  # noqa: E402

TOPIC_QUESTIONS = [
    "open-source",
    "chinese",
    "reasoning",
    "vendors",
    "top models",
    "volume",
    "model size",
    "china vs us",
    "grok code fast 1",
    "open vs closed",
]
COMMON = [topic.examples[0] for topic in TOPICS if topic.name != "tool-calls"]  # its answer has no chart


def new_questions(round_no: int, n: int) -> list[str]:
    """Questions no one asked before: each round ends its period on a different day."""
    return [
        f"{TOPIC_QUESTIONS[i % len(TOPIC_QUESTIONS)]} until 2025-11-{28 - round_no:02d} top {i + 1}" for i in range(n)
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RemoteFake:
    """The fake Slack Web API in a child process; its recorded calls are read over HTTP."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.fake_slack"], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        self.url = self.process.stdout.readline().strip()
        self.api_url = self.url + "/api/"

    def calls(self, *methods: str) -> list[dict]:
        with urllib.request.urlopen(self.url + "/_calls", timeout=10) as response:
            return [call for call in json.load(response) if call["method"] in methods]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def start_app(fake: RemoteFake, db: Path) -> tuple[subprocess.Popen, SlackClientForTests]:
    port = free_port()
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "PORT": str(port),
        "AI_TRENDS_DB": str(db),
    }
    env.pop("SLACK_APP_TOKEN", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "handlers.cli", "serve"], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True
    )
    for line in process.stderr:  # serve logs when its common answers are ready
        if "warm-up done" in line:
            print(line.strip().split(": ", 1)[-1])
            break
    threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True).start()
    return process, SlackClientForTests(f"http://127.0.0.1:{port}/slack/events", fake.url + "/response/bench")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def one_round(client, fake: RemoteFake, questions: list[str], tag: str) -> tuple[list, list, list]:
    acks, sent = {}, {}

    def send(i: int) -> None:
        channel = f"C{tag}{i:04d}"
        sent[channel] = time.time()
        reply = client.command(questions[i], channel=channel)
        assert reply.status == 200, reply
        acks[channel] = reply.seconds * 1000

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(questions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    texts, charts = _posted(fake, sent)
    missing = [questions[int(channel[-4:])] for channel in sent if channel not in charts]
    assert not missing, f"no chart posted within a minute for {missing}"
    return list(acks.values()), list(texts.values()), list(charts.values())


def _posted(fake: RemoteFake, sent: dict[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """Per channel: ms from the command to its first message, and to the first message or update with a chart."""
    texts: dict[str, float] = {}
    charts: dict[str, float] = {}
    deadline = time.monotonic() + 60
    while len(charts) < len(sent) and time.monotonic() < deadline:
        time.sleep(0.1)
        for call in fake.calls("chat.postMessage", "chat.update"):
            channel = call.get("channel")
            if channel not in sent or call["status"] != 200 or not call["ok"]:
                continue
            at = (call["wall"] - sent[channel]) * 1000
            if call["method"] == "chat.postMessage":
                texts.setdefault(channel, at)
            if call["image"]:
                charts.setdefault(channel, at)
    return texts, charts


def report(name: str, acks: list[float], texts: list[float], charts: list[float], n: int, rounds: int) -> None:
    print(
        f"{name:16} {n} concurrent x {rounds} rounds: ack p50 {percentile(acks, 50):.1f} ms, "
        f"p99 {percentile(acks, 99):.1f} ms; text posted p50 {percentile(texts, 50):.0f} ms, "
        f"p95 {percentile(texts, 95):.0f} ms; chart posted p50 {percentile(charts, 50):.0f} ms, "
        f"p95 {percentile(charts, 95):.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    fake = RemoteFake()
    with tempfile.TemporaryDirectory() as tmp:
        process, client = start_app(fake, Path(tmp) / "bench.db")
        try:
            for name in ("new questions", "common questions"):
                acks, texts, charts = [], [], []
                for r in range(args.rounds):
                    questions = (
                        new_questions(r, args.concurrency)
                        if name == "new questions"
                        else [COMMON[i % len(COMMON)] for i in range(args.concurrency)]
                    )
                    a, t, c = one_round(client, fake, questions, f"{name[0]}{r:02d}")
                    acks += a
                    texts += t
                    charts += c
                report(name, acks, texts, charts, args.concurrency, args.rounds)
        finally:
            process.terminate()
            process.wait(timeout=10)
            fake.stop()


if __name__ == "__main__":
    main()

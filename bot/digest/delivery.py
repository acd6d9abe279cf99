"""Sending scheduled messages exactly once through a `Poster`: shared by weekly digests and watches.

A run of the job table (bot/store/jobs.py) sends each of its messages in two recorded steps: `sending:<part>`
before the platform is asked, `sent:<part>` with the message's id after it answered. A worker that takes over a
dead one's run in `sending` first looks for the message by the metadata marker it carries, and only sends it when
the platform does not have it."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Protocol

from bot.ask.reply import Chart
from bot.config import Paths
from bot.errors import DeliveryFailed
from bot.store import jobs
from bot.store.schema import connect

MAX_ATTEMPTS = 5  # then the subscription or watch is paused and its owner told: nothing is lost in silence
MARKER_TYPE = "ai_trends_digest"
CLOCK_SKEW = 60.0  # look for a maybe-sent message from a minute before its step began


class Poster(Protocol):
    """What a round needs from a chat platform. `post` renders any of the core's message values (a digest's
    Message, a watch's alert) and returns the message's id; `find` looks for a message carrying `marker` sent
    since `oldest` (seconds since the epoch); `tell` sends a note to a person; failures raise DeliveryFailed."""

    def upload(self, chart: Chart) -> str | None: ...
    def post(self, channel: str, message: object, thread: str | None, marker: dict) -> str: ...
    def find(self, channel: str, marker: dict, oldest: float, thread: str | None) -> str | None: ...
    def tell_paused(self, user: str, channel: str, reason: str) -> None: ...
    def tell(self, user: str, message: object) -> None: ...


# The poster for a workspace (None: a subscription or watch made before workspaces were recorded); each workspace
# posts with its own credentials, and a workspace the app is no longer in gets a poster whose calls fail for good.
Posters = Callable[[str | None], Poster]


class OncePerRound:
    """Compute a value once per key, even when many threads ask for it at the same moment (a digest built for
    several channels, a chart uploaded once and shown by its file id everywhere)."""

    def __init__(self) -> None:
        self._values: dict[tuple, object] = {}
        self._lock = threading.Lock()
        self._key_locks: dict[tuple, threading.Lock] = {}

    def get(self, key: tuple, make: Callable[[], object]) -> object:
        with self._lock:
            lock = self._key_locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._values:
                self._values[key] = make()
            return self._values[key]


def marker(run: jobs.Run, part: str, event_type: str = MARKER_TYPE) -> dict:
    """Message metadata that lets a later worker find a message this run may already have sent."""
    return {"event_type": event_type, "event_payload": {"job": run.job, "period": run.period, "part": part}}


def retry_delay(attempts: int) -> float:
    return min(60.0 * 2 ** (attempts - 1), 1800.0)


def settle_failure(
    paths: Paths, run: jobs.Run, failure: DeliveryFailed, clock: Callable[[], float], pause: Callable[[object], None]
) -> bool:
    """After a failed send: a passing failure (before the MAX_ATTEMPTS-th) gives the run back for a retry with
    backoff and returns False; a lasting one, or the last attempt, applies `pause(db)` (the subscription or watch)
    and fails the run, and returns True: its owner must then be told."""
    if not failure.lasting and run.attempts < MAX_ATTEMPTS:
        with connect(paths.db_path) as db:
            jobs.release(db, run, failure.code, retry_delay(run.attempts), now=clock())
        return False
    with connect(paths.db_path) as db:
        pause(db)
        with contextlib.suppress(jobs.LostClaim):  # another worker holds it now; the pause stands either way
            jobs.advance(db, run, "failed", now=clock(), error=failure.code)
    return True


def advance(paths: Paths, run: jobs.Run, step: str, clock: Callable[[], float], **fields) -> jobs.Run:
    with connect(paths.db_path) as db:
        return jobs.advance(db, run, step, now=clock(), **fields)


def send_once(
    paths: Paths,
    poster: Poster,
    run: jobs.Run,
    channel: str,
    message,
    thread: str | None,
    clock: Callable[[], float],
    stamp: str | None = None,
    event_type: str = MARKER_TYPE,
) -> jobs.Run:
    """Send one message (`message.part`) of the run exactly once: 'sending' is recorded first, so that a worker
    taking over a dead one's run looks for the message on the platform before sending it again."""
    part = message.part
    mark = marker(run, part, event_type)
    extra = {"stamp": stamp} if stamp else {}
    if run.step == f"sending:{part}":
        found = poster.find(channel, mark, (run.step_since or 0) - CLOCK_SKEW, thread)
        if found:
            return advance(paths, run, f"sent:{part}", clock, ts=run.ts or found, **extra)
    run = advance(paths, run, f"sending:{part}", clock)
    sent = poster.post(channel, message, thread, mark)
    return advance(paths, run, f"sent:{part}", clock, ts=run.ts or sent, **extra)

"""One round of the digest worker: find what is due, claim each (channel, week) once, post, record.

Every message goes through a `Poster`, which the chat adapter implements (it renders, paces and sends) for each
workspace, so the round is core logic: what is owed, exactly-once steps, shared renders and what a failure does
to a subscription. A round asked to stop starts nothing new and gives back the runs it holds.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

from bot import conversation
from bot.analytics.snapshot import Data, current
from bot.ask.reply import Chart
from bot.config import Paths
from bot.digest import subscriptions
from bot.digest.content import Digest, build, data_stamp, unchanged_text
from bot.digest.delivery import MARKER_TYPE, OncePerRound, Posters, advance, marker, send_once, settle_failure
from bot.digest.messages import Message
from bot.digest.report import Report
from bot.errors import DeliveryFailed
from bot.store import jobs
from bot.store.schema import connect

log = logging.getLogger("ai-trends.digest")
__all__ = ["MARKER_TYPE", "STEPS", "DigestRound", "marker"]

STEPS = ("new", "sending:main", "sent:main", "sending:details", "sent:details")


@dataclass(frozen=True)
class Started:
    """A channel whose main message is out (or found out); its details are still to post."""

    run: jobs.Run
    sub: subscriptions.Subscription
    digest: Digest


class DigestRound:
    """Everything due at `now`, delivered with up to `concurrency` channels in flight."""

    def __init__(
        self,
        paths: Paths,
        posters: Posters,
        worker: str,
        now: datetime,
        *,
        clock: Callable[[], float] = time.time,
        concurrency: int = 8,
        stop: threading.Event | None = None,
    ) -> None:
        self.paths, self.posters, self.worker, self.now = paths, posters, worker, now
        self.clock = clock
        self.concurrency = concurrency
        self.stop = stop or threading.Event()
        self.report = Report()
        self.data: Data | None = None  # loaded once when the round runs
        self._shared = OncePerRound()

    def run(self) -> Report:
        # One snapshot of the data per round: every channel's digest is built from the same numbers.
        self.data = current(self.paths)
        with connect(self.paths.db_path) as db:
            owed, missed = subscriptions.due(db, self.now)
            for item in missed:
                self._close_missed(db, item)
        with ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="digest") as pool:
            started = [s for s in pool.map(self._start, owed) if s]
            list(pool.map(self._finish, started))
        with connect(self.paths.db_path) as db:
            jobs.note_round(db, "digest", datetime.now(UTC), self.report.summary())
        return self.report

    # ---- what is shared between channels -------------------------------------------------------------------
    def _once_per_round(self, key: tuple, make: Callable[[], object]) -> object:
        return self._shared.get(key, make)

    def _digest(self, topics: tuple[str, ...]) -> Digest:
        def make() -> Digest:
            self.report.add("renders")
            return build(self.paths, topics, self.data)

        return self._once_per_round(("digest", topics), make)

    def _file(self, chart: Chart, workspace: str | None) -> str | None:
        """A chart is uploaded once per workspace and round (a file is seen only in the workspace that has it)."""

        def make() -> str | None:
            self.report.add("uploads")
            return self.posters(workspace).upload(chart)

        return self._once_per_round(("file", workspace, hashlib.sha256(chart.png).digest()), make)

    # ---- one channel ---------------------------------------------------------------------------------------
    def _close_missed(self, db, item: subscriptions.Owed) -> None:
        sub, slot = item.subscription, item.slot
        row = jobs.run_row(db, sub.job, slot.period)
        step = "done" if row and row["ts"] else "skipped"
        reason = f"missed: no worker delivered it before its week ended ({slot.closes.isoformat()})"
        if jobs.close_unclaimed(db, sub.job, slot.period, step, reason, now=self.clock()):
            self.report.add("skipped_missed")
            log.warning("digest for %s, %s (due %s) was %s", sub.channel, slot.period, slot.due.isoformat(), reason)

    def _guarded(self, run: jobs.Run, sub: subscriptions.Subscription, step: Callable[[], Started | None]):
        """Run one phase of a channel's delivery; a failure there decides the subscription's fate, not the round's."""
        try:
            return step()
        except jobs.LostClaim as lost:
            log.warning("%s", lost)
        except DeliveryFailed as failure:
            self._failed(run, sub, failure)
        except Exception:
            log.exception("digest for %s failed unexpectedly; it will be retried", sub.channel)
            self._failed(run, sub, DeliveryFailed("internal_error", "an internal error (logged)", lasting=False))
        return None

    def _start(self, item: subscriptions.Owed) -> Started | None:
        """Phase 1: claim the channel's run and post its main message; None if there is nothing more to do."""
        sub = item.subscription
        if self.stop.is_set():
            self.report.add("interrupted")
            return None
        with connect(self.paths.db_path) as db:
            run = jobs.claim(db, sub.job, item.slot.period, self.worker, now=self.clock())
        if run is None:
            self.report.add("taken_by_others")
            return None
        return self._guarded(run, sub, lambda: self._send_main(run, sub))

    def _finish(self, started: Started) -> None:
        """Phase 2: the details in the main message's thread. Running it after every channel's phase 1 keeps
        each channel's two messages more than a second apart without a thread sleeping in between."""
        if self.stop.is_set():  # give the run back at once: the next worker posts the details
            with connect(self.paths.db_path) as db:
                jobs.release(db, started.run, "stopped before its details", retry_in=0.0, now=self.clock())
            self.report.add("interrupted")
            return
        self._guarded(started.run, started.sub, lambda: self._send_details(started))

    def _send_main(self, run: jobs.Run, sub: subscriptions.Subscription) -> Started | None:
        data = self.data
        stamp = data_stamp(data)
        with connect(self.paths.db_path) as db:
            earlier = [r for r in jobs.delivered(db, sub.job) if r["period"] != run.period]
        if earlier and earlier[0]["stamp"] == stamp:
            note = Message("main", note=unchanged_text(data, earlier[0]["period"]))
            run = self._part(run, sub, note, None, stamp)
            self._advance(run, "done")
            self.report.add("unchanged")
            return None
        digest = self._digest(sub.topics)
        if not run.reached("sent:main", STEPS):
            message = Message("main", digest, {"main": self._file(digest.chart, sub.workspace)})
            run = self._part(run, sub, message, None, digest.stamp)
        conversation.remember(self.paths, sub.channel, run.ts, digest.follow_up_question)
        return Started(run, sub, digest)

    def _send_details(self, started: Started) -> None:
        run, sub, digest = started.run, started.sub, started.digest
        if not run.reached("sent:details", STEPS):
            files = {q.topic: self._file(a.chart, sub.workspace) for q, a in digest.details if a.chart}
            run = self._part(run, sub, Message("details", digest, files), run.ts)
        self._advance(run, "done")
        self.report.add("posted")

    def _part(self, run: jobs.Run, sub: subscriptions.Subscription, message: Message, thread: str | None, stamp=None):
        return send_once(self.paths, self.posters(sub.workspace), run, sub.channel, message, thread, self.clock, stamp)

    def _advance(self, run: jobs.Run, step: str, **fields) -> jobs.Run:
        return advance(self.paths, run, step, self.clock, **fields)

    # ---- failures ------------------------------------------------------------------------------------------
    def _failed(self, run: jobs.Run, sub: subscriptions.Subscription, failure: DeliveryFailed) -> None:
        log.warning("digest for %s, %s: the platform said %s", sub.channel, run.period, failure.code)
        pause = lambda db: subscriptions.pause(db, sub.channel, failure.reason)  # noqa: E731
        if not settle_failure(self.paths, run, failure, self.clock, pause):
            self.report.add("retry_later")
            return
        self.report.add("paused")
        self._tell_owner(sub, failure)

    def _tell_owner(self, sub: subscriptions.Subscription, failure: DeliveryFailed) -> None:
        try:
            self.posters(sub.workspace).tell_paused(sub.created_by, sub.channel, failure.reason)
        except DeliveryFailed as second:
            log.warning("could not tell %s that the digest for %s is paused: %s", sub.created_by, sub.channel, second)

"""One round of watches in the worker: evaluate what new complete weeks the data brought, then deliver every
queued alert exactly once, through the same `Poster`, job table and pacing as the weekly digests."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import ClassVar

from bot.analytics.snapshot import current
from bot.config import Paths
from bot.digest.delivery import OncePerRound, Posters, advance, send_once, settle_failure
from bot.digest.report import Report
from bot.errors import DeliveryFailed
from bot.store import jobs
from bot.store.schema import connect
from bot.watch import watches
from bot.watch.alerts import Alert, AlertMessage, render_chart
from bot.watch.evaluate import evaluate

log = logging.getLogger("ai-trends.watch")

STEPS = ("new", "sending:main", "sent:main")
MARKER_TYPE = "ai_trends_watch"


@dataclass
class WatchReport(Report):
    NAMES: ClassVar[tuple[str, ...]] = (
        "found",
        "posted",
        "taken_by_others",
        "retry_later",
        "paused",
        "uploads",
        "interrupted",
    )
    found: int = 0


@dataclass(frozen=True)
class Paused:
    """Told to whoever set a watch that had to be paused: which watch, where, and why."""

    watch_id: int
    channel: str
    condition: str
    reason: str


class WatchRound:
    """Evaluate, then deliver the queued alerts with up to `concurrency` in flight."""

    def __init__(
        self,
        paths: Paths,
        posters: Posters,
        worker: str,
        *,
        clock: Callable[[], float] = time.time,
        concurrency: int = 8,
        stop: threading.Event | None = None,
    ) -> None:
        self.paths, self.posters, self.worker, self.clock = paths, posters, worker, clock
        self.concurrency = concurrency
        self.stop = stop or threading.Event()
        self.report = WatchReport()
        self._shared = OncePerRound()

    def run(self) -> WatchReport:
        self.report.add("found", evaluate(self.paths, current(self.paths)))
        with connect(self.paths.db_path) as db:
            owed = watches.pending(db)
        by_channel: dict[str, list] = {}
        for item in owed:
            by_channel.setdefault(item[0].channel, []).append(item)
        if by_channel:  # channels in parallel; one channel's alerts in order, one at a time (the pacer's spacing)
            with ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="watch") as pool:
                list(pool.map(self._deliver_all, by_channel.values()))
        return self.report

    def _deliver_all(self, items: list[tuple[watches.Watch, str, str]]) -> None:
        for item in items:
            self._deliver(item)

    def _file(self, alert: Alert, workspace: str | None) -> str | None:
        """Render and upload each distinct chart once per round and workspace (a file is seen only in the
        workspace that has it); watches with the same chart share the file."""
        key = ("file", workspace, hashlib.sha256(json_key(alert).encode()).digest())

        def make() -> str | None:
            self.report.add("uploads")
            return self.posters(workspace).upload(render_chart(alert))

        return self._shared.get(key, make)

    def _deliver(self, item: tuple[watches.Watch, str, str]) -> None:
        watch, week, payload = item
        if self.stop.is_set():  # claim nothing more: the next worker delivers it
            self.report.add("interrupted")
            return
        with connect(self.paths.db_path) as db:
            run = jobs.claim(db, watch.job, week, self.worker, now=self.clock())
        if run is None:
            self.report.add("taken_by_others")
            return
        try:
            alert = Alert.from_json(payload)
            if not run.reached("sent:main", STEPS):
                message = AlertMessage(alert, {"main": self._file(alert, watch.workspace)})
                poster = self.posters(watch.workspace)
                run = send_once(
                    self.paths, poster, run, watch.channel, message, None, self.clock, event_type=MARKER_TYPE
                )
            advance(self.paths, run, "done", self.clock)
            self.report.add("posted")
        except jobs.LostClaim as lost:
            log.warning("%s", lost)
        except DeliveryFailed as failure:
            self._failed(run, watch, failure)
        except Exception:
            log.exception("watch %d's alert for %s failed unexpectedly; it will be retried", watch.id, week)
            self._failed(run, watch, DeliveryFailed("internal_error", "an internal error (logged)", lasting=False))

    def _failed(self, run: jobs.Run, watch: watches.Watch, failure: DeliveryFailed) -> None:
        """A passing failure is retried later; a lasting one (or the fifth) pauses the watch and tells its owner."""
        log.warning("watch %d in %s, %s: the platform said %s", watch.id, watch.channel, run.period, failure.code)
        if not settle_failure(
            self.paths, run, failure, self.clock, lambda db: watches.pause(db, watch.id, failure.reason)
        ):
            self.report.add("retry_later")
            return
        self.report.add("paused")
        note = Paused(watch.id, watch.channel, watch.condition.describe(), failure.reason)
        try:
            self.posters(watch.workspace).tell(watch.created_by, note)
        except DeliveryFailed as second:
            log.warning("could not tell %s that watch %d is paused: %s", watch.created_by, watch.id, second)


def json_key(alert: Alert) -> str:
    """What makes two alerts' charts the same picture."""
    return json.dumps([alert.chart, alert.as_of], sort_keys=True)

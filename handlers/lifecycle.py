"""Stopping quietly and safely: SIGTERM (or Ctrl-C) sets an event the process's main loop waits on, so a
signal never lands as an exception in the middle of some work; a watchdog makes sure the process is gone within
10 seconds even if something hangs, which is when platforms (Docker, Kubernetes, Heroku) stop waiting."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time

log = logging.getLogger("ai-trends")

GRACE_SECONDS = 6.0  # answers being built get this long to finish before their askers are told to retry
DEADLINE_SECONDS = 8.5  # messages already being posted get until here; then the process exits
FORCE_SECONDS = 9.5  # the watchdog: whatever still runs, the process is gone before the platform's 10 s


class Shutdown:
    """The process's stop request: set by SIGTERM or SIGINT, or by `request()`; the first one counts."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.started: float | None = None
        self._lock = threading.Lock()

    def install(self) -> Shutdown:
        """Handle SIGTERM and SIGINT from now on (call from the main thread)."""
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        return self

    def _on_signal(self, number: int, frame) -> None:
        self.request(signal.Signals(number).name)

    def request(self, why: str = "request") -> None:
        with self._lock:
            if self.started is not None:
                return
            self.started = time.monotonic()
        log.info("%s received: stopping", why)
        watchdog = threading.Timer(FORCE_SECONDS, _force_exit)
        watchdog.daemon = True
        watchdog.start()
        self.event.set()

    def wait(self) -> None:
        """Block until a stop is requested (in short waits, so that signals are handled at once)."""
        while not self.event.wait(timeout=0.5):
            pass

    def until(self, seconds: float) -> float:
        """The monotonic time `seconds` after the stop was requested."""
        return (self.started or time.monotonic()) + seconds


def _force_exit() -> None:
    log.warning("still busy %.1f s after the stop request: exiting now", FORCE_SECONDS)
    exit_now(1)


def exit_now(code: int) -> None:
    """Leave at once, without waiting for threads still blocked on the network, after flushing the logs."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

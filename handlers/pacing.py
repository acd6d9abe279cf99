"""Pacing chat.postMessage the way Slack limits it, shared by every thread of a digest round."""

from __future__ import annotations

import threading
import time

MIN_BACKOFF_INTERVAL = 0.05  # after a first 429: at most 20 messages a second, halved again on each further 429
RECOVERY_STEP = 0.001  # seconds taken off the workspace interval per accepted message


class Pacer:
    """Paces chat.postMessage as Slack limits it: at most one message per `spacing` seconds in each channel
    (counted from Slack's answer to the previous one), optionally at most `per_second` across the workspace,
    and nothing at all while Slack's last Retry-After runs (`hold`), so one 429 slows every thread at once.
    Slack does not publish its workspace-wide cap, so each 429 also halves the workspace rate, which then
    creeps back up with every message Slack accepts (as TCP finds a link's capacity)."""

    def __init__(self, spacing: float = 1.0, per_second: float | None = None) -> None:
        self.spacing = spacing
        self.base_interval = self.interval = 1.0 / per_second if per_second else 0.0
        self._last: dict[str, float] = {}
        self._next_any = 0.0
        self._held_until = 0.0
        self._lock = threading.Lock()

    def wait(self, channel: str) -> None:
        while True:
            with self._lock:
                now = time.monotonic()
                last = self._last.get(channel)
                ready = max(now, self._held_until, last + self.spacing if last is not None else now, self._next_any)
                if ready <= now:
                    self._next_any = now + self.interval
                    return
            time.sleep(ready - now)

    def hold(self, seconds: float) -> None:
        """Slack answered 429: nobody posts until its Retry-After has passed."""
        with self._lock:
            self._held_until = max(self._held_until, time.monotonic() + seconds)
            self.interval = min(max(self.interval * 2, MIN_BACKOFF_INTERVAL), 1.0)

    def sent(self, channel: str) -> None:
        with self._lock:
            self._last[channel] = time.monotonic()
            self.interval = max(self.base_interval, self.interval - RECOVERY_STEP)

"""What a round did, counted across its threads, for the worker's log line and for tests."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import ClassVar


@dataclass
class Report:
    NAMES: ClassVar[tuple[str, ...]] = (
        "posted",
        "unchanged",
        "taken_by_others",
        "retry_later",
        "paused",
        "skipped_missed",
        "renders",
        "uploads",
        "interrupted",
    )
    posted: int = 0
    unchanged: int = 0
    taken_by_others: int = 0
    retry_later: int = 0
    paused: int = 0
    skipped_missed: int = 0
    renders: int = 0
    uploads: int = 0
    interrupted: int = 0  # left for the next round because the worker was asked to stop
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, name: str, count: int = 1) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + count)

    def summary(self) -> str:
        return ", ".join(f"{name.replace('_', ' ')} {getattr(self, name)}" for name in self.NAMES)

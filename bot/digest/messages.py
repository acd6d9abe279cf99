"""The messages of a digest run, as values the chat adapter renders: the main message (or the one line said
when nothing is new) and the details in its thread."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.digest.content import Digest


@dataclass(frozen=True)
class Message:
    part: str  # "main" (the channel message) or "details" (in its thread): one exactly-once step each
    digest: Digest | None = None  # None: no new data, and `note` says so instead
    files: dict[str, str | None] = field(default_factory=dict)  # uploaded charts: "main", or a detail's topic
    note: str = ""

    @property
    def unchanged(self) -> bool:
        return self.digest is None

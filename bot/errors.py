"""Domain errors: the only exceptions the CLI and the chat adapter turn into user-facing text."""

from __future__ import annotations


class AiTrendsError(Exception):
    """Base class for errors a user can be told about in plain words."""


class NotUnderstood(AiTrendsError):
    """The question could not be mapped to a topic or period."""

    def __init__(self, message: str, suggestions: list[str] | None = None, examples: list[str] | None = None):
        super().__init__(message)
        self.suggestions = suggestions or []
        self.examples = examples or []


class NoData(AiTrendsError):
    """The question is understood but the store has no figures for it."""


class ImportRejected(AiTrendsError):
    """An import file failed validation; nothing was written."""

    def __init__(self, path: str, line: int | None, reason: str):
        where = f"line {line}" if line else "file"
        super().__init__(f"{path}: {where}: {reason}. Nothing was imported.")
        self.line = line
        self.reason = reason


class NotAllowed(AiTrendsError):
    """The user may not do this (for example, change a channel's digest when an admin allow-list is set)."""


class DeliveryFailed(Exception):
    """The chat platform would not take a scheduled message. `lasting` failures (removed from the channel,
    archived channel, revoked token) will not pass on their own; the others (rate limits, outages) are retried
    later."""

    def __init__(self, code: str, reason: str, lasting: bool):
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason
        self.lasting = lasting


class RefreshFailed(AiTrendsError):
    """A refresh from OpenRouter failed (HTTP status, bad JSON, invalid rows, budget); nothing was written."""

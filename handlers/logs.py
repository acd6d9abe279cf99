"""Logging for the long-running processes: text or JSON lines (AI_TRENDS_LOG_FORMAT=json), one line per handled
request, and every line scrubbed of tokens and keys, whatever logged them (ours, Bolt's or a traceback)."""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from datetime import UTC, datetime

# Slack tokens (bot, user, app-level, refresh) and OpenRouter keys, wherever they appear in a line.
TOKEN_SHAPES = re.compile(r"\b(?:xox[a-z]|xapp|xoxe\.xox[a-z])-[A-Za-z0-9-]+|\bsk-or-[A-Za-z0-9-]+")
SECRET_SETTINGS = (
    "SLACK_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_CLIENT_SECRET",
    "OPENROUTER_API_KEY",
)
HIDDEN = "[redacted]"


class Redacting(logging.Formatter):
    """Formats a record as text or as one JSON object, then removes every secret from the result."""

    def __init__(self, as_json: bool, secrets: tuple[str, ...]) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self.as_json = as_json
        self.secrets = tuple(sorted((s for s in secrets if len(s) >= 6), key=len, reverse=True))

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, HIDDEN)
        return TOKEN_SHAPES.sub(HIDDEN, text)

    def format(self, record: logging.LogRecord) -> str:
        if not self.as_json:
            return self.redact(super().format(record))
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry |= getattr(record, "fields", {})
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return self.redact(json.dumps(entry, ensure_ascii=False, default=str))


def setup_logging(env: dict[str, str] | None = None) -> None:
    """Log INFO and up to stderr, as text or JSON lines, with the secrets in `env` (and any token) scrubbed."""
    env = os.environ if env is None else env
    as_json = (env.get("AI_TRENDS_LOG_FORMAT") or "text").strip().lower() == "json"
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(Redacting(as_json, tuple(env[name] for name in SECRET_SETTINGS if env.get(name))))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)


def log_request(kind: str, topic: str, outcome: str, ms: float) -> None:
    """The one line every handled request gets: what it was, about what, how it ended and how long it took."""
    fields = {"kind": kind, "topic": topic, "outcome": outcome, "ms": round(ms)}
    logging.getLogger("ai-trends.requests").info(
        "request kind=%s topic=%s outcome=%s ms=%d", kind, topic, outcome, round(ms), extra={"fields": fields}
    )

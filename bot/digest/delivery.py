"""What a digest round needs from a chat platform (a `Poster` per workspace), and the steps and markers that make
each message go out exactly once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from bot.ask.reply import Chart
from bot.digest import subscriptions
from bot.digest.content import Digest
from bot.digest.messages import Message
from bot.store import jobs

STEPS = ("new", "sending:main", "sent:main", "sending:details", "sent:details")
MAX_ATTEMPTS = 5  # then the subscription is paused and its owner told: a digest is never lost in silence
MARKER_TYPE = "ai_trends_digest"
CLOCK_SKEW = 60.0  # look for a maybe-sent message from a minute before its step began


class Poster(Protocol):
    """What the round needs from a chat platform. `post` returns the message's id; `find` looks for a message
    carrying `marker` sent since `oldest` (seconds since the epoch); failures raise DeliveryFailed."""

    def upload(self, chart: Chart) -> str | None: ...
    def post(self, channel: str, message: Message, thread: str | None, marker: dict) -> str: ...
    def find(self, channel: str, marker: dict, oldest: float, thread: str | None) -> str | None: ...
    def tell_paused(self, user: str, channel: str, reason: str) -> None: ...


# The poster for a workspace (None: a subscription made before workspaces were recorded); each workspace posts
# with its own credentials, and a workspace the app is no longer in gets a poster whose calls fail for good.
Posters = Callable[[str | None], Poster]


def marker(run: jobs.Run, part: str) -> dict:
    """Message metadata that lets a later worker find a message this run may already have sent."""
    return {"event_type": MARKER_TYPE, "event_payload": {"job": run.job, "period": run.period, "part": part}}


def retry_delay(attempts: int) -> float:
    return min(60.0 * 2 ** (attempts - 1), 1800.0)


@dataclass(frozen=True)
class Started:
    """A channel whose main message is out (or found out); its details are still to post."""

    run: jobs.Run
    sub: subscriptions.Subscription
    digest: Digest

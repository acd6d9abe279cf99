"""`digest on|off|status|preview`: read the request, change the channel's subscription, and return what happened
as values (the chat adapter words them for its platform)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime, time

from bot.config import Paths
from bot.digest import subscriptions
from bot.digest.schedule import (
    BadSchedule,
    Schedule,
    Slot,
    parse_clock,
    parse_timezone,
    parse_weekday,
    timezone_suggestions,
    zone,
)
from bot.digest.subscriptions import DEFAULT_TIME, DEFAULT_WEEKDAY, DIGEST_TOPICS, Subscription
from bot.errors import NotAllowed, NotUnderstood
from bot.store import jobs
from bot.store.schema import connect

ACTIONS = {
    "on": "on",
    "subscribe": "on",
    "start": "on",
    "off": "off",
    "unsubscribe": "off",
    "stop": "off",
    "status": "status",
    "preview": "preview",
}
TOPIC_WORDS = {
    "open-source": "open-source",
    "opensource": "open-source",
    "open": "open-source",
    "oss": "open-source",
    "open-weight": "open-source",
    "chinese": "chinese",
    "china": "chinese",
    "reasoning": "reasoning",
    "volume": "volume",
    "tokens": "volume",
    "top-models": "top-models",
    "top": "top-models",
    "models": "top-models",
    "movers": "top-models",
}
FILLER = {"at", "on", "every", "in", "and", ","}
# The commands, each with what it does; the help text and "not understood" replies are built from these.
USAGE = (
    ("digest on", "Mondays 09:00 in your timezone"),
    ("digest on friday 16:30 Europe/Berlin", "choose the day, time and timezone"),
    ("digest on chinese top-models", "choose the topics"),
    ("digest off", "unsubscribe"),
    ("digest status", "the schedule and the next digest"),
    ("digest preview", "the digest as it would look now"),
)
EXAMPLES = [command for command, _ in USAGE]


@dataclass(frozen=True)
class DigestRequest:
    action: str  # on, off, status, preview
    weekday: int | None = None
    at: time | None = None
    tz: str | None = None
    topics: tuple[str, ...] = ()


def is_digest_command(text: str) -> bool:
    words = text.strip().lower().split()
    return bool(words) and words[0] == "digest"


def parse_request(text: str) -> DigestRequest:
    """'digest on friday 16:30 Europe/Berlin chinese' -> a request; unknown words are named with suggestions."""
    words = text.strip().split()[1:]
    if not words:
        return DigestRequest("status")
    action = ACTIONS.get(words[0].lower())
    if action is None:
        raise NotUnderstood(f"I don't know `digest {words[0]}`.", examples=EXAMPLES)
    if action != "on":
        return DigestRequest(action)
    fields: dict = {"topics": []}
    for word in words[1:]:
        _read_word(word, fields)
    topics = tuple(t for t in DIGEST_TOPICS if t in fields["topics"])
    return DigestRequest("on", fields.get("weekday"), fields.get("at"), fields.get("tz"), topics)


def _read_word(word: str, fields: dict) -> None:
    lower = word.lower().strip(",")
    if lower in FILLER:
        return
    if (weekday := parse_weekday(lower)) is not None:
        fields["weekday"] = weekday
    elif (at := parse_clock(lower)) is not None:
        fields["at"] = at
    elif (tz := parse_timezone(word)) is not None:
        fields["tz"] = tz
    elif lower in TOPIC_WORDS:
        fields["topics"].append(TOPIC_WORDS[lower])
    elif "/" in word:
        close = timezone_suggestions(word)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise BadSchedule(f"I don't know the timezone {word!r}.{hint} Use an IANA name such as Europe/Berlin.")
    else:
        close = difflib.get_close_matches(lower, list(TOPIC_WORDS), n=1, cutoff=0.7)
        hint = f" Did you mean `{TOPIC_WORDS[close[0]]}`?" if close else ""
        raise NotUnderstood(
            f"I don't understand {word!r} in a digest schedule.{hint} Digest topics: {', '.join(DIGEST_TOPICS)}. "
            f"Days: monday to sunday; times like 09:00 or 4:30pm; timezones like Europe/Berlin.",
            suggestions=[TOPIC_WORDS[c] for c in close],
        )


def when(slot: Slot, tz: str) -> str:
    """A run time in the channel's timezone and in UTC."""
    local = slot.due.astimezone(zone(tz))
    return f"{local:%a %d %b %Y, %H:%M} {local.tzname()} ({slot.due:%H:%M} UTC)"


@dataclass(frozen=True)
class ChannelStatus:
    """A channel's digest: its subscription, the next digest (None while paused) and the last one delivered."""

    subscription: Subscription
    next: Slot | None
    last_period: str | None


def turn_on(
    paths: Paths,
    channel: str,
    user: str,
    request: DigestRequest,
    default_tz: str,
    now: datetime,
    admins=frozenset(),
    workspace: str | None = None,
) -> ChannelStatus:
    """Subscribe the channel (or change its schedule) in `workspace`; the status says when the first digest comes."""
    if not subscriptions.may_change(user, admins):
        raise NotAllowed("Only ai-trends admins can change this channel's digest here; ask one of them.")
    schedule = Schedule(
        DEFAULT_WEEKDAY if request.weekday is None else request.weekday,
        request.at or DEFAULT_TIME,
        request.tz or default_tz,
    )
    zone(schedule.tz)  # a stored timezone must be one this machine knows
    sub = Subscription(channel, schedule, request.topics or DIGEST_TOPICS, user, now, workspace=workspace)
    with connect(paths.db_path) as db:
        subscriptions.save(db, sub)
        return ChannelStatus(sub, subscriptions.upcoming(db, sub, now), None)


def turn_off(paths: Paths, channel: str, user: str, admins=frozenset()) -> bool:
    """Unsubscribe the channel; False if it had no digest."""
    if not subscriptions.may_change(user, admins):
        raise NotAllowed("Only ai-trends admins can change this channel's digest here; ask one of them.")
    with connect(paths.db_path) as db:
        return subscriptions.remove(db, channel)


def status(paths: Paths, channel: str, now: datetime) -> ChannelStatus | None:
    """The channel's schedule, next run and last delivery; None when it has no digest."""
    with connect(paths.db_path) as db:
        sub = subscriptions.get(db, channel)
        return None if sub is None else _status(db, sub, now)


def _status(db, sub: Subscription, now: datetime) -> ChannelStatus:
    upcoming = None if sub.state == "paused" else subscriptions.upcoming(db, sub, now)
    sent = jobs.delivered(db, sub.job)
    return ChannelStatus(sub, upcoming, sent[0]["period"] if sent else None)


def channel_topics(paths: Paths, channel: str) -> tuple[str, ...]:
    """The topics of the channel's digest (all of them when it has none yet, for a preview)."""
    with connect(paths.db_path) as db:
        sub = subscriptions.get(db, channel)
    return sub.topics if sub else DIGEST_TOPICS


def every_status(paths: Paths, now: datetime, workspace: str | None = None) -> list[ChannelStatus]:
    """Every subscribed channel's digest, or one workspace's (App Home lists them)."""
    with connect(paths.db_path) as db:
        return [_status(db, sub, now) for sub in subscriptions.every(db, workspace)]


def pause_workspace(paths: Paths, workspace: str, reason: str, with_unassigned: bool = False) -> int:
    """Pause every digest of a workspace the app was removed from; how many were paused."""
    with connect(paths.db_path) as db:
        return subscriptions.pause_workspace(db, workspace, reason, with_unassigned)

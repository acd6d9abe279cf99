"""`/ai-trends digest ...`: read the request, change the channel's subscription, and say what will happen."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime, time

from bot import jobs, subscriptions
from bot.config import Paths
from bot.errors import NotAllowed, NotUnderstood
from bot.schedule import (
    BadSchedule,
    Schedule,
    Slot,
    parse_clock,
    parse_timezone,
    parse_weekday,
    timezone_suggestions,
    zone,
)
from bot.store import connect
from bot.subscriptions import DEFAULT_TIME, DEFAULT_WEEKDAY, DIGEST_TOPICS, Subscription

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
USAGE = (
    "`/ai-trends digest on` (Mondays 09:00 in your timezone) · `digest on friday 16:30 Europe/Berlin` · "
    "`digest on chinese top-models` · `digest off` · `digest status` · `digest preview`"
)


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
        raise NotUnderstood(f"I don't know `digest {words[0]}`. Try: {USAGE}", examples=["digest on", "digest status"])
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


def turn_on(
    paths: Paths, channel: str, user: str, request: DigestRequest, default_tz: str, now: datetime, admins=frozenset()
) -> str:
    """Subscribe the channel (or change its schedule) and say when the first digest comes."""
    if not subscriptions.may_change(user, admins):
        raise NotAllowed("Only ai-trends admins can change this channel's digest here; ask one of them.")
    schedule = Schedule(
        DEFAULT_WEEKDAY if request.weekday is None else request.weekday,
        request.at or DEFAULT_TIME,
        request.tz or default_tz,
    )
    zone(schedule.tz)  # a stored timezone must be one this machine knows
    sub = Subscription(channel, schedule, request.topics or DIGEST_TOPICS, user, now)
    with connect(paths.db_path) as db:
        subscriptions.save(db, sub)
        slot = subscriptions.upcoming(db, sub, now)
    return (
        f"<@{user}> set up the weekly AI usage digest for this channel: {schedule.describe()}. "
        f"Topics: {', '.join(sub.topics)}. First digest: {when(slot, schedule.tz)}."
    )


def turn_off(paths: Paths, channel: str, user: str, admins=frozenset()) -> str:
    if not subscriptions.may_change(user, admins):
        raise NotAllowed("Only ai-trends admins can change this channel's digest here; ask one of them.")
    with connect(paths.db_path) as db:
        removed = subscriptions.remove(db, channel)
    if not removed:
        return "This channel has no weekly digest, so there was nothing to turn off."
    return f"<@{user}> turned off the weekly AI usage digest for this channel."


def status(paths: Paths, channel: str, now: datetime) -> str:
    """The channel's schedule, state, next run (channel timezone and UTC) and last delivery."""
    with connect(paths.db_path) as db:
        sub = subscriptions.get(db, channel)
        if sub is None:
            return f"This channel has no weekly digest. Turn it on with {USAGE.split(' · ')[0]}."
        return describe(db, sub, now)


def describe(db, sub: Subscription, now: datetime) -> str:
    lines = [f"Weekly digest for <#{sub.channel}>: {sub.schedule.describe()}; topics {', '.join(sub.topics)}."]
    if sub.state == "paused":
        lines.append(f"Paused: {sub.paused_reason} Run `/ai-trends digest on` in the channel to resume.")
    else:
        lines.append(f"Next digest: {when(subscriptions.upcoming(db, sub, now), sub.schedule.tz)}.")
    sent = jobs.delivered(db, sub.job)
    if sent:
        lines.append(f"Last digest: {sent[0]['period']} (set up by <@{sub.created_by}>).")
    return "\n".join(lines)


def channel_topics(paths: Paths, channel: str) -> tuple[str, ...]:
    """The topics of the channel's digest (all of them when it has none yet, for a preview)."""
    with connect(paths.db_path) as db:
        sub = subscriptions.get(db, channel)
    return sub.topics if sub else DIGEST_TOPICS


def every_status(paths: Paths, now: datetime) -> list[str]:
    """One description per subscribed channel, for App Home."""
    with connect(paths.db_path) as db:
        return [describe(db, sub, now) for sub in subscriptions.every(db)]

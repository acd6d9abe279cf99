"""`watch <condition>|list|off N`: read the request, say back the condition as understood with its current value
before anything is saved, save it once confirmed, list and stop a channel's watches. Returns values; the chat
adapter words them for its platform."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from bot.analytics.snapshot import current
from bot.config import Paths
from bot.digest.subscriptions import may_change
from bot.errors import NotAllowed, NotUnderstood
from bot.store.schema import connect
from bot.watch import rules, watches, wording
from bot.watch.conditions import Condition
from bot.watch.parse import EXAMPLES, parse_condition
from bot.watch.weeks import weeks_of

# The commands, each with what it does; help, README and "not understood" replies are built from these.
USAGE = (
    ("watch open-source above 35%", "a share crossing a level (`below 20%` too; any share topic, vendor or model)"),
    ("watch reasoning moves 5 pts", "a change of 5 points or more in a week (`rises`, `falls`)"),
    ("watch claude sonnet 5 leaves top 5", "a model's rank (`enters top 10` too)"),
    ("watch new model in top 10", "a model in the top 10 for the first time"),
    ("watch list", "this channel's watches, their values and numbers"),
    ("watch off 3", "stop watch 3"),
)
ACTIONS = {"list": "list", "ls": "list", "off": "off", "stop": "off", "remove": "off", "delete": "off", "help": "help"}
NOT_ALLOWED = "Only ai-trends admins can change this channel's watches here; ask one of them."


@dataclass(frozen=True)
class WatchRequest:
    action: str  # "preview" (a condition to confirm), "list", "off" or "help"
    text: str = ""
    watch_id: int | None = None


@dataclass(frozen=True)
class Preview:
    """A condition as understood, before it is saved: what it reads now and why it may wait before firing."""

    condition: Condition
    now: str
    waiting: str | None
    request: str  # the confirmation's token: confirming twice saves one watch
    as_of: str = ""  # the data's as_of, for the citation beside the value


@dataclass(frozen=True)
class WatchStatus:
    watch: watches.Watch
    now: str
    last_fired: str | None  # the week of its latest alert
    waiting: str | None = None
    created: bool = True  # False: this confirmation had already saved it
    as_of: str = ""


def is_watch_command(text: str) -> bool:
    words = text.strip().lower().split()
    return bool(words) and words[0] == "watch"


def parse_request(text: str) -> WatchRequest:
    """'watch list', 'watch off 3', 'watch chinese below 20%' -> a request (the condition is read by preview)."""
    rest = text.strip().split(None, 1)[1].strip() if len(text.split()) > 1 else ""
    words = rest.lower().split()
    if not words:
        return WatchRequest("help")
    action = ACTIONS.get(words[0])
    if action == "off":
        number = re.fullmatch(r"#?(\d+)", words[1]) if len(words) == 2 else None
        if not number:
            raise NotUnderstood("Which watch? Say `watch off N`; `watch list` shows their numbers.", [], ["watch list"])
        return WatchRequest("off", watch_id=int(number[1]))
    if action and len(words) == 1:
        return WatchRequest(action)
    return WatchRequest("preview", rest)


def preview(paths: Paths, text: str) -> Preview:
    """The condition as understood with its current value; nothing is saved (NotUnderstood if unreadable)."""
    data = current(paths)
    weeks = weeks_of(data)
    condition = parse_condition(text, data, weeks)
    state = rules.start(condition, weeks)
    now, waiting = wording.now(condition, weeks), wording.waiting(condition, state)
    return Preview(condition, now, waiting, uuid.uuid4().hex, data.as_of)


def confirm(
    paths: Paths, channel: str, user: str, condition: Condition, request: str, now: datetime, **options
) -> WatchStatus:
    """Save the confirmed watch, armed from the latest complete week; a repeated confirmation saves nothing new."""
    if not may_change(user, options.get("admins") or frozenset()):
        raise NotAllowed(NOT_ALLOWED)
    data = current(paths)
    weeks = weeks_of(data)
    state = rules.start(condition, weeks)
    with connect(paths.db_path) as db:
        if watches.count(db, channel) >= watches.MAX_PER_CHANNEL:
            raise NotAllowed(f"This channel has {watches.MAX_PER_CHANNEL} watches already; stop one first.")
        watch, created = watches.add(
            db, channel, condition, user, now, state, request=request, workspace=options.get("workspace")
        )
    waiting = wording.waiting(condition, state) if created else None
    return WatchStatus(watch, wording.now(condition, weeks), None, waiting, created, data.as_of)


def stop(paths: Paths, channel: str, user: str, watch_id: int, admins: frozenset[str] = frozenset()):
    """Stop one of this channel's watches; None if the channel has no watch with that number."""
    if not may_change(user, admins):
        raise NotAllowed(NOT_ALLOWED)
    with connect(paths.db_path) as db:
        return watches.remove(db, channel, watch_id)


def _statuses(paths: Paths, found: list[watches.Watch], db) -> list[WatchStatus]:
    data = current(paths)
    weeks = weeks_of(data)
    return [
        WatchStatus(w, wording.now(w.condition, weeks), watches.last_fired(db, w.id), as_of=data.as_of) for w in found
    ]


def listing(paths: Paths, channel: str) -> list[WatchStatus]:
    """This channel's watches with their current values and latest alerts."""
    with connect(paths.db_path) as db:
        return _statuses(paths, watches.in_channel(db, channel), db)


def every_status(paths: Paths, workspace: str | None = None) -> list[WatchStatus]:
    """Every channel's watches, or one workspace's (App Home lists them)."""
    with connect(paths.db_path) as db:
        return _statuses(paths, watches.every(db, workspace), db)


__all__ = ["EXAMPLES", "USAGE", "confirm", "every_status", "is_watch_command", "listing", "preview", "stop"]

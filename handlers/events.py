"""@mentions and thread replies: answered in the thread, once per event, never to the bot's own messages."""

from __future__ import annotations

import re

from slack_bolt import App, BoltContext, Say
from slack_sdk import WebClient

from bot import conversation
from bot.ask.question import HELP_WORDS, normalise
from bot.config import Paths
from bot.errors import AiTrendsError
from handlers.blocks.answers import blocks_for_error
from handlers.blocks.home import help_blocks
from handlers.inflight import IN_FLIGHT, note, outcome_of
from handlers.post import acknowledge, deliver, notify_in_thread

FIRST = conversation.answer_first  # what to show at once, and the whole answer to follow


def _reply_error(say: Say, thread_ts: str, error: AiTrendsError) -> None:
    say(text=str(error), blocks=blocks_for_error(error), thread_ts=thread_ts)
    note(outcome=outcome_of(error))


def _notify(paths: Paths, kind: str, client: WebClient, event: dict):
    """How to tell the asker to retry: in the thread, but a reply in a stranger's thread is never answered."""
    channel, thread_ts = event["channel"], event.get("thread_ts") or event["ts"]
    send = notify_in_thread(client, channel, thread_ts)
    if kind == "mention":
        return send
    return lambda text: send(text) if conversation.knows_thread(paths, channel, thread_ts) else None


def _once(paths: Paths, body: dict, kind: str, client: WebClient, event: dict, handle) -> None:
    """Slack retries an event until it gets a 200; the store makes sure only one delivery is answered."""
    with IN_FLIGHT.request(kind, _notify(paths, kind, client, event)):
        event_id = body.get("event_id")
        if event_id and not conversation.claim_event(paths, event_id):
            note(outcome="duplicate")
            return
        handle()
        if event_id:
            conversation.finish_event(paths, event_id)


def register(app: App, paths: Paths) -> None:
    def on_mention(body: dict, event: dict, client: WebClient, say: Say, context: BoltContext) -> None:
        _once(paths, body, "mention", client, event, lambda: _answer_mention(paths, event, client, say))

    def on_message(body: dict, event: dict, client: WebClient, say: Say, context: BoltContext) -> None:
        if _is_follow_up(event, context):
            _once(paths, body, "follow-up", client, event, lambda: _answer_follow_up(paths, event, client, say))

    app.event("app_mention")(ack=acknowledge, lazy=[on_mention])
    app.event("message")(ack=acknowledge, lazy=[on_message])


def _answer_mention(paths: Paths, event: dict, client: WebClient, say: Say) -> None:
    channel, thread_ts = event["channel"], event.get("thread_ts") or event["ts"]
    text = re.sub(r"<@[A-Z0-9]+>", " ", event.get("text") or "").strip()
    try:
        in_thread = event.get("thread_ts")
        result = conversation.answer_in_thread(paths, channel, thread_ts, text, FIRST) if in_thread else None
        if result is None and normalise(text) in HELP_WORDS | {""}:
            say(text="What ai-trends can answer", blocks=help_blocks(), thread_ts=thread_ts)
            note(topic="help", outcome="help")
            return
        question, (answer, whole) = result or conversation.answer_text(paths, text, FIRST)
    except AiTrendsError as error:
        _reply_error(say, thread_ts, error)
        return
    deliver(client, paths, channel, thread_ts, question, answer, whole=whole)


def _is_follow_up(event: dict, context: BoltContext) -> bool:
    """A plain human reply in a thread, not an edit, a deletion, a bot, or a mention (app_mention has it)."""
    if event.get("subtype") or event.get("bot_id") or not event.get("thread_ts"):
        return False
    if event.get("thread_ts") == event.get("ts"):
        return False
    return f"<@{context.bot_user_id}>" not in (event.get("text") or "")


def _answer_follow_up(paths: Paths, event: dict, client: WebClient, say: Say) -> None:
    channel, thread_ts = event["channel"], event["thread_ts"]
    try:
        result = conversation.answer_in_thread(paths, channel, thread_ts, event.get("text") or "", FIRST)
    except AiTrendsError as error:
        _reply_error(say, thread_ts, error)
        return
    if result is None:
        note(outcome="not-our-thread")  # someone else's thread: stay quiet
        return
    question, (answer, whole) = result
    deliver(client, paths, channel, thread_ts, question, answer, whole=whole)

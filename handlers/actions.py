"""Buttons under an answer: acknowledge, then post the changed answer in the answer's thread."""

from __future__ import annotations

import re

from slack_bolt import App, Respond
from slack_sdk import WebClient

from bot import conversation
from bot.config import Paths
from bot.errors import AiTrendsError
from handlers.blocks.answers import ACTION_PREFIX
from handlers.inflight import IN_FLIGHT, note, outcome_of
from handlers.post import acknowledge, deliver, notify_privately

ACTIONS = tuple(ACTION_PREFIX + name for name in conversation.BUTTONS)


def register(app: App, paths: Paths) -> None:
    def on_button(body: dict, action: dict, client: WebClient, respond: Respond) -> None:
        with IN_FLIGHT.request("button", notify_privately(body["response_url"])):
            try:
                question, (answer, whole) = conversation.answer_button(
                    paths, action["action_id"].removeprefix(ACTION_PREFIX), action["value"], conversation.answer_first
                )
            except AiTrendsError as error:
                respond(text=str(error), response_type="ephemeral", replace_original=False)
                note(outcome=outcome_of(error))
                return
            message = body.get("message") or {}
            thread_ts = message.get("thread_ts") or message.get("ts")
            deliver(client, paths, body["channel"]["id"], thread_ts, question, answer, respond, whole)

    app.action(re.compile("^" + ACTION_PREFIX))(ack=acknowledge, lazy=[on_button])

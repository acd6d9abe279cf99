"""/ai-trends: acknowledge at once, then answer in the channel (errors and help go to the asker only)."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import conversation
from bot.config import Paths
from bot.errors import AiTrendsError
from bot.question import HELP_WORDS, normalise
from bot.slack_blocks import blocks_for_error, help_blocks
from handlers.post import deliver

COMMAND = "/ai-trends"


def register(app: App, paths: Paths) -> None:
    def on_command(ack: Ack, command: dict, client: WebClient, respond: Respond) -> None:
        text = command.get("text") or ""
        if normalise(text) in HELP_WORDS | {""}:
            ack(text="What ai-trends can answer", blocks=help_blocks())  # ephemeral by default
            return
        ack()
        try:
            question, answer = conversation.answer_text(paths, text)
        except AiTrendsError as error:
            respond(text=str(error), blocks=blocks_for_error(error), response_type="ephemeral")
            return
        deliver(client, paths, command["channel_id"], None, question, answer, respond)

    app.command(COMMAND)(on_command)

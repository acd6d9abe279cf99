"""/ai-trends: acknowledge at once, then answer in the channel (errors and help go to the asker only)."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import conversation
from bot.ask.question import HELP_WORDS, normalise
from bot.config import Paths
from bot.digest.commands import is_digest_command
from bot.errors import AiTrendsError
from bot.watch.commands import is_watch_command
from handlers import digest, watch
from handlers.blocks.answers import blocks_for_error
from handlers.blocks.home import help_blocks
from handlers.inflight import IN_FLIGHT, note, outcome_of
from handlers.post import deliver, notify_privately

COMMAND = "/ai-trends"
FIRST = conversation.answer_first  # what to show at once, and the whole answer to follow


def _is_help(command: dict) -> bool:
    return normalise(command.get("text") or "") in HELP_WORDS | {""}


def acknowledgement(command: dict) -> dict:
    """What Slack gets back at once for a command: help itself (the ack's reply is shown to the asker only),
    otherwise nothing, and the answer follows."""
    return {"text": "What ai-trends can answer", "blocks": help_blocks()} if _is_help(command) else {}


def register(app: App, paths: Paths, digest_admins: frozenset[str] = frozenset()) -> None:
    def ack_command(ack: Ack, command: dict) -> None:
        ack(**acknowledgement(command))

    def answer_command(command: dict, client: WebClient, respond: Respond) -> None:
        with IN_FLIGHT.request("command", notify_privately(command["response_url"])):
            _answer(command, client, respond)

    def _answer(command: dict, client: WebClient, respond: Respond) -> None:
        if _is_help(command):
            note(topic="help", outcome="help")
            return
        if is_digest_command(command.get("text") or ""):
            digest.handle(command, client, respond, paths, digest_admins)
            return
        if is_watch_command(command.get("text") or ""):
            watch.handle(command, client, respond, paths, digest_admins)
            return
        try:
            # The numbers go out as soon as they are computed; the chart joins the message when drawn.
            question, (answer, whole) = conversation.answer_text(paths, command.get("text") or "", FIRST)
        except AiTrendsError as error:
            respond(text=str(error), blocks=blocks_for_error(error), response_type="ephemeral")
            note(outcome=outcome_of(error))
            return
        deliver(client, paths, command["channel_id"], None, question, answer, respond, whole)

    # Bolt sends the ack's HTTP response as soon as ack_command returns; the answer is built after, lazily.
    app.command(COMMAND)(ack=ack_command, lazy=[answer_command])
    watch.register(app, paths, digest_admins)  # the buttons that confirm or cancel a watch

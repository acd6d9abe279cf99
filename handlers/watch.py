"""`/ai-trends watch <condition>|list|off N` and the Watch this / Cancel buttons: Slack lookups, one bot/ call,
and where each reply goes (the confirmation and lists to the asker; saving and stopping to the channel)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from slack_bolt import App, Respond
from slack_sdk import WebClient

from bot.config import Paths
from bot.errors import AiTrendsError, NotUnderstood
from bot.watch import commands
from bot.watch.conditions import Condition
from handlers.blocks.answers import blocks_for_error, error_blocks
from handlers.blocks.watch import (
    CANCEL,
    SAVE,
    confirmed_text,
    help_text,
    list_text,
    preview_blocks,
    preview_text,
    saved_text,
    stopped_text,
)
from handlers.digest import bot_is_member
from handlers.post import acknowledge

NOT_A_MEMBER = (
    "I'm not a member of this channel, so a watch here could never post. Invite me with `/invite @ai-trends`, "
    "then set the watch again."
)


def _error(respond: Respond, error: AiTrendsError) -> None:
    respond(text=str(error), blocks=blocks_for_error(error), response_type="ephemeral", replace_original=False)


def handle(command: dict, client: WebClient, respond: Respond, paths: Paths, admins: frozenset[str]) -> None:
    channel, user = command["channel_id"], command["user_id"]
    try:
        request = commands.parse_request(command.get("text") or "")
        if request.action == "preview":
            if not bot_is_member(client, channel):
                respond(text=NOT_A_MEMBER, blocks=error_blocks(NOT_A_MEMBER), response_type="ephemeral")
                return
            preview = commands.preview(paths, request.text)
            respond(text=preview_text(preview), blocks=preview_blocks(preview), response_type="ephemeral")
        elif request.action == "list":
            respond(text=list_text(commands.listing(paths, channel)), response_type="ephemeral")
        elif request.action == "off":
            stopped = commands.stop(paths, channel, user, request.watch_id, admins)
            kind = "in_channel" if stopped else "ephemeral"
            respond(text=stopped_text(user, request.watch_id, stopped), response_type=kind)
        else:
            respond(text=help_text(), response_type="ephemeral")
    except AiTrendsError as error:
        _error(respond, error)


def register(app: App, paths: Paths, admins: frozenset[str] = frozenset()) -> None:
    def on_save(body: dict, action: dict, respond: Respond) -> None:
        try:
            value = json.loads(action["value"])
            condition, request = Condition.from_json(value["condition"]), str(value["request"])
        except (ValueError, KeyError, TypeError):
            _error(respond, NotUnderstood("That confirmation is not one I made; set the watch again."))
            return
        user, channel = body["user"]["id"], body["channel"]["id"]
        team = (body.get("team") or {}).get("id")
        try:
            status = commands.confirm(
                paths, channel, user, condition, request, datetime.now(UTC), admins=admins, workspace=team
            )
        except AiTrendsError as error:
            _error(respond, error)
            return
        respond(text=confirmed_text(status), replace_original=True)
        if status.created:
            respond(text=saved_text(user, status), response_type="in_channel", replace_original=False)

    def on_cancel(respond: Respond) -> None:
        respond(text="Not saved: no watch was set.", replace_original=True)

    app.action(SAVE)(ack=acknowledge, lazy=[on_save])
    app.action(CANCEL)(ack=acknowledge, lazy=[on_cancel])

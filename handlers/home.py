"""App Home: the current headline numbers, digests, watches and how to ask."""

from __future__ import annotations

from datetime import UTC, datetime

from slack_bolt import App
from slack_sdk import WebClient

from bot import conversation
from bot.config import Paths
from bot.digest import commands
from bot.watch import commands as watch_commands
from handlers.blocks.home import home_view
from handlers.post import acknowledge


def register(app: App, paths: Paths) -> None:
    def on_home_opened(event: dict, client: WebClient) -> None:
        if event.get("tab") not in (None, "home"):
            return
        numbers, as_of = conversation.headlines(paths)
        digests = commands.every_status(paths, datetime.now(UTC))
        watches = watch_commands.every_status(paths)
        client.views_publish(user_id=event["user"], view=home_view(numbers, as_of, digests, watches))

    app.event("app_home_opened")(ack=acknowledge, lazy=[on_home_opened])

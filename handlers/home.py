"""App Home: the current headline numbers, the workspace's digests and watches, and how to ask."""

from __future__ import annotations

from datetime import UTC, datetime

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot import conversation
from bot.config import Paths
from bot.digest import commands
from bot.watch import commands as watch_commands
from handlers.blocks.home import home_view
from handlers.inflight import IN_FLIGHT, note
from handlers.post import acknowledge


def register(app: App, paths: Paths) -> None:
    def on_home_opened(event: dict, client: WebClient, context: BoltContext) -> None:
        if event.get("tab") not in (None, "home"):
            return
        with IN_FLIGHT.request("home"):  # nobody to tell if it fails: opening the tab again asks again
            note(topic="home")
            numbers, as_of = conversation.headlines(paths)
            digests = commands.every_status(paths, datetime.now(UTC), workspace=context.team_id)
            watches = watch_commands.every_status(paths, workspace=context.team_id)
            client.views_publish(user_id=event["user"], view=home_view(numbers, as_of, digests, watches))
            note(outcome="published")

    app.event("app_home_opened")(ack=acknowledge, lazy=[on_home_opened])

"""`/ai-trends watch ...` over signed HTTP against the fake Slack: the condition is said back with its current value
and saved only once confirmed; list, off, App Home, permissions and conditions that are not understood."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot.config import PROJECT_DIR, Paths
from bot.store.schema import connect
from bot.watch import watches
from bot.watch.commands import USAGE, preview
from handlers.blocks.home import help_blocks
from handlers.blocks.watch import CANCEL, SAVE
from tests.fake_slack import FakeSlack
from tests.slack_kit import USER, RunningApp
from tests.watch_kit import CITATION
from tests.watch_reference import open_weights, ranks

LATEST = date(2025, 7, 21)


@pytest.fixture
def paths(watch_paths) -> Paths:
    return watch_paths


@pytest.fixture
def fake():
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture
def running(fake, paths):
    app = RunningApp(paths, fake.api_url, fake.response_url())
    yield app
    app.stop()


def replies(fake: FakeSlack, count: int = 1) -> list[dict]:
    return [call.params for call in fake.wait_for("response_url", count)]


def saved(paths: Paths) -> list[watches.Watch]:
    with connect(paths.db_path) as db:
        return watches.every(db)


def button(reply: dict, action_id: str) -> dict:
    blocks = reply["blocks"] if isinstance(reply["blocks"], list) else json.loads(reply["blocks"])
    return next(e for b in blocks if b["type"] == "actions" for e in b["elements"] if e["action_id"] == action_id)


def test_a_watch_is_said_back_with_its_current_value_and_saved_only_when_confirmed(running, fake, paths):
    running.client.command("watch open-source above 35%")
    (preview,) = replies(fake)
    now = open_weights()[LATEST]
    assert preview["response_type"] == "ephemeral"
    assert "Open-weight share of tokens rises above 35%" in preview["text"]
    assert f"{now:.1f}% in the week of {LATEST.isoformat()}" in preview["text"]
    assert saved(paths) == []  # nothing is saved before the confirmation
    save = button(preview, SAVE)
    running.client.click(SAVE, save["value"], "1700000000.000100")
    confirmed, announced = replies(fake, 3)[1:]
    assert confirmed["replace_original"] is True and "Saved as watch 1" in confirmed["text"]
    assert announced["response_type"] == "in_channel" and announced["replace_original"] is False
    assert f"<@{USER}> set watch 1" in announced["text"] and f"{now:.1f}%" in announced["text"]
    assert "`/ai-trends watch off 1`" in announced["text"] and CITATION in announced["text"]
    assert CITATION in json.dumps(preview["blocks"])
    (watch,) = saved(paths)
    assert watch.channel == "C0GENERAL" and watch.created_by == USER and watch.workspace == "T0001"
    assert watch.state.last_week == LATEST and watch.state.armed  # 32.4% is under the line: armed
    running.client.click(SAVE, save["value"], "1700000000.000100")  # a second click saves nothing new
    assert "Already saved as watch 1" in replies(fake, 4)[3]["text"] and len(saved(paths)) == 1


def test_cancel_saves_nothing(running, fake, paths):
    running.client.command("watch chinese below 20%")
    (preview,) = replies(fake)
    running.client.click(CANCEL, button(preview, CANCEL)["value"], "1700000000.000100")
    assert "Not saved" in replies(fake, 2)[1]["text"] and saved(paths) == []


def test_a_watch_already_past_its_line_says_when_it_will_fire(running, fake, paths):
    running.client.command("watch claude 3.7 sonnet leaves top 5")
    (preview,) = replies(fake)
    rank = ranks().loc[LATEST, "Claude 3.7 Sonnet"]
    assert rank > 5 and f"#{rank:.0f} in the week of {LATEST.isoformat()}" in preview["text"]
    text = json.dumps(preview["blocks"])
    assert "It is not in the top 5 now, so it fires after it has entered and drops out again." in text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("watch open-source sideways", "I can't read 'open-source sideways' as a condition"),
        ("watch unicorn models above 30%", "I don't know what 'unicorn' is"),
        ("watch deepseek r9 above 10%", "I read 'deepseek' in 'deepseek r9 above 10%' but not 'r9'"),
        ("watch anthropic leaves top 5", "A rank watch follows one model by name"),
        ("watch open-source above 135%", "A share is a percentage between 0 and 100"),
        ("watch off", "Which watch?"),
    ],
)
def test_conditions_not_understood_get_examples_and_save_nothing(running, fake, paths, text, words):
    running.client.command(text)
    (reply,) = replies(fake)
    assert reply["response_type"] == "ephemeral" and words in reply["text"]
    assert "/ai-trends watch" in json.dumps(reply["blocks"])  # examples to try
    assert saved(paths) == []


def confirm(running, fake, text: str, count: int) -> None:
    """Set a watch over HTTP: the command, then the Watch this button (three replies)."""
    running.client.command(text)
    preview = replies(fake, count + 1)[count]
    running.client.click(SAVE, button(preview, SAVE)["value"], "1700000000.000100")
    replies(fake, count + 3)


def test_watch_list_and_off(running, fake, paths):
    confirm(running, fake, "watch open-source above 35%", 0)
    confirm(running, fake, "watch new model in top 10", 3)
    running.client.command("watch list")
    listing = replies(fake, 7)[6]
    assert listing["response_type"] == "ephemeral"
    assert "*1.* Open-weight share of tokens rises above 35%" in listing["text"]
    assert "*2.* A model enters the top 10 for the first time" in listing["text"] and "not fired yet" in listing["text"]
    assert CITATION in listing["text"]
    running.client.command("watch off 1")
    stopped = replies(fake, 8)[7]
    assert stopped["response_type"] == "in_channel" and f"<@{USER}> stopped watch 1" in stopped["text"]
    running.client.command("watch off 1")
    assert "This channel has no watch 1" in replies(fake, 9)[8]["text"]
    assert [w.id for w in saved(paths)] == [2]


def test_another_channel_cannot_stop_a_watch(running, fake, paths):
    confirm(running, fake, "watch open-source above 35%", 0)
    running.client.command("watch off 1", channel="C0OTHER")
    assert "This channel has no watch 1" in replies(fake, 4)[3]["text"] and len(saved(paths)) == 1


def test_a_watch_where_the_bot_is_not_a_member_is_refused(running, fake, paths):
    fake.member_of = set()
    running.client.command("watch open-source above 35%")
    (reply,) = replies(fake)
    assert "/invite @ai-trends" in reply["text"] and saved(paths) == []


def test_with_an_admin_list_only_admins_may_set_a_watch(fake, paths):
    app = RunningApp(paths, fake.api_url, fake.response_url(), admins=frozenset({"U0ADMIN"}))
    try:
        app.client.command("watch open-source above 35%")
        (preview,) = replies(fake)
        app.client.click(SAVE, button(preview, SAVE)["value"], "1700000000.000100")
        refused = replies(fake, 2)[1]
    finally:
        app.stop()
    assert "Only ai-trends admins" in refused["text"] and saved(paths) == []


def test_app_home_and_help_list_watches(running, fake, paths):
    confirm(running, fake, "watch chinese below 20%", 0)
    running.client.event({"type": "app_home_opened", "user": USER, "channel": "D1", "tab": "home", "event_ts": "1.2"})
    view = fake.wait_for("views.publish")[0].params["view"]
    text = json.dumps((json.loads(view) if isinstance(view, str) else view)["blocks"])
    assert "Watches" in text and "<#C0GENERAL> *1.* Chinese models' share of tokens falls below 20%" in text
    running.client.command("watch")
    assert "/ai-trends watch open-source above 35%" in replies(fake, 4)[3]["text"]


def test_readme_help_and_manifest_document_the_watch_commands():
    readme = (PROJECT_DIR / "README.md").read_text()
    manifest = json.loads((PROJECT_DIR / "manifest.json").read_text())
    help_text = json.dumps(help_blocks())
    for command, _ in USAGE:
        assert f"`/ai-trends {command}`" in readme and f"/ai-trends {command}" in help_text, command
    assert "## Watches" in readme and "bench_watch.py" in readme and "`bot/watch/`" in readme
    assert "watch " in manifest["features"]["slash_commands"][0]["usage_hint"]


@pytest.mark.parametrize(
    ("text", "understood"),
    [
        ("tell us when open-weight models pass 35% of tokens", "Open-weight share of tokens rises above 35%"),
        ("when Chinese models fall below 20%", "Chinese models' share of tokens falls below 20%"),
        ("when a new model enters the top 10", "A model enters the top 10 for the first time"),
        ("when Claude Sonnet 5 drops out of the top 5", "Claude Sonnet 5 drops out of the top 5"),
        ("reasoning moves 5 pts", "Reasoning models' share of tokens moves by 5 points or more in a week"),
        ("reasoning rises 3 points in a week", "Reasoning models' share of tokens rises by 3 points or more in a week"),
        ("closed below 30", "Closed models' share of tokens falls below 30%"),
        ("us models' share above 75.5%", "US models' share of tokens rises above 75.5%"),
        ("anthropic above 30%", "Anthropic's share of tokens rises above 30%"),
        ("small models above 20%", "Small (<15B) models' share of open-weight tokens rises above 20%"),
        ("gemini 2.5 flash enters top 3", "Gemini 2.5 Flash enters the top 3"),
        ("claude sonnet 4.5 below 5%", "Claude Sonnet 4.5's share of tokens falls below 5%"),
        ("open source > 35", "Open-weight share of tokens rises above 35%"),
    ],
)
def test_conditions_in_plain_words_are_read(paths, text, understood):
    assert preview(paths, text).condition.describe() == understood

"""Several workspaces, end to end over HTTP: each installs the app through Slack's OAuth flow (the fake Slack's
oauth.v2.access), then its answers, digest subscriptions and digests use its own token; uninstalling pauses its
digests. One workspace with SLACK_BOT_TOKEN works as before (the rest of the suite)."""

from __future__ import annotations

import html
import json
import re
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse

import pytest

from bot.config import Paths
from bot.digest import subscriptions
from bot.store.schema import connect
from handlers.settings import WorkerSettings
from handlers.worker import run_round
from handlers.workspaces import SCOPES, installation_store
from tests.conftest import sample_data_dir
from tests.fake_slack import CLIENT_ID, CLIENT_SECRET, FakeSlack
from tests.slack_kit import RunningApp

NOW = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)  # a Monday: digests set up "on monday 9:00 UTC" are due


@pytest.fixture
def fake():
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture
def paths(tmp_path) -> Paths:
    return Paths(data_dir=sample_data_dir(), db_path=tmp_path / "workspaces.db")


@pytest.fixture
def running(fake, paths):
    app = RunningApp(
        paths, fake.api_url, fake.response_url(), bot_token=None, client_id=CLIENT_ID, client_secret=CLIENT_SECRET
    )
    yield app
    app.stop()


def install(running: RunningApp, code: str) -> str:
    """What a workspace admin's browser does: open the install page, go to Slack, come back with the code."""
    page, headers = running.client.get("/slack/install")
    assert page.status == 200
    link = urlparse(html.unescape(re.search(r'href="(https://slack.com/oauth/v2/authorize[^"]+)"', page.body)[1]))
    query = parse_qs(link.query)
    assert query["client_id"] == [CLIENT_ID] and query["scope"] == [",".join(SCOPES)]
    cookie = headers["Set-Cookie"].split(";")[0]
    done, _ = running.client.get(f"/slack/oauth_redirect?code={code}&state={query['state'][0]}", {"Cookie": cookie})
    return done


def tokens_used(fake: FakeSlack, method: str, channel: str) -> set[str]:
    return {fake.token_of(c) for c in fake.of(method) if c.params.get("channel") == channel}


def test_each_workspace_installs_and_is_answered_with_its_own_token(running, fake, paths):
    code_a, token_a = fake.add_workspace("T0AAA")
    code_b, token_b = fake.add_workspace("T0BBB")
    assert install(running, code_a).status == 200 and install(running, code_b).status == 200
    store = installation_store(paths, CLIENT_ID)
    assert store.find_bot(enterprise_id=None, team_id="T0AAA").bot_token == token_a

    assert running.client.command("open-source", channel="C0ALPHA", team="T0AAA").status == 200
    assert running.client.command("reasoning", channel="C0BETA", team="T0BBB").status == 200
    fake.wait_for("chat.postMessage", 2)
    assert tokens_used(fake, "chat.postMessage", "C0ALPHA") == {token_a}
    assert tokens_used(fake, "chat.postMessage", "C0BETA") == {token_b}
    fake.wait_for("files.getUploadURLExternal", 2)  # each chart follows its numbers, uploaded as its workspace
    uploads = {fake.token_of(c) for c in fake.of("files.getUploadURLExternal")}
    assert uploads == {token_a, token_b}


def test_an_install_with_a_forged_state_or_a_spent_code_is_refused(running, fake, paths):
    code, _ = fake.add_workspace("T0AAA")
    forged, _ = running.client.get(f"/slack/oauth_redirect?code={code}&state=made-up", {"Cookie": "x=y"})
    assert forged.status in (400, 401)
    assert install(running, code).status == 200
    assert install(running, code).status in (400, 401)  # Slack's codes work once
    assert installation_store(paths, CLIENT_ID).find_bot(enterprise_id=None, team_id="T0AAA") is not None


def test_a_workspace_that_never_installed_the_app_is_not_served(running, fake):
    assert running.client.command("open-source", channel="C0STRANGER", team="T0NOBODY").status == 200
    told = fake.wait_for("response_url")[0].params["text"]
    assert "not installed in this workspace" in told and "/slack/install" in told
    time.sleep(0.3)
    assert fake.of("chat.postMessage") == []


def _digest_on(running, fake, channel: str, team: str) -> None:
    count = len(fake.of("response_url"))
    running.client.command("digest on monday 9:00 UTC", channel=channel, team=team)
    reply = fake.wait_for("response_url", count + 1)[-1]
    assert "set up the weekly AI usage digest" in reply.params["text"], reply.params["text"]


def two_workspaces_with_digests(running, fake) -> tuple[str, str]:
    """T0AAA and T0BBB install the app, and each subscribes one channel (C0ALPHA, C0BETA); their tokens."""
    tokens = []
    for team, channel in (("T0AAA", "C0ALPHA"), ("T0BBB", "C0BETA")):
        code, token = fake.add_workspace(team)
        assert install(running, code).status == 200
        _digest_on(running, fake, channel, team)
        tokens.append(token)
    return tokens[0], tokens[1]


def test_digests_go_out_with_each_workspaces_token_and_stop_when_it_uninstalls(running, fake, paths):
    token_a, token_b = two_workspaces_with_digests(running, fake)
    with connect(paths.db_path) as db:
        assert subscriptions.get(db, "C0ALPHA").workspace == "T0AAA"
        for channel in ("C0ALPHA", "C0BETA"):  # set up a week ago, so that this Monday's digest is owed
            sub = subscriptions.get(db, channel)
            subscriptions.save(db, subscriptions.Subscription(**(vars(sub) | {"since": NOW - timedelta(days=7)})))

    worker = WorkerSettings(None, fake.api_url, paths, 60, concurrency=2, channel_spacing=0.0, client_id=CLIENT_ID)
    assert run_round(worker, NOW, worker="w1").posted == 2
    assert tokens_used(fake, "chat.postMessage", "C0ALPHA") == {token_a}
    assert tokens_used(fake, "chat.postMessage", "C0BETA") == {token_b}

    uninstalled = {"type": "app_uninstalled", "event_ts": "1700000900.000100"}
    assert running.client.event(uninstalled, team="T0AAA").status == 200
    assert installation_store(paths, CLIENT_ID).find_bot(enterprise_id=None, team_id="T0AAA") is None
    with connect(paths.db_path) as db:
        alpha, beta = subscriptions.get(db, "C0ALPHA"), subscriptions.get(db, "C0BETA")
    assert alpha.state == "paused" and "removed from this workspace" in alpha.paused_reason
    assert beta.state == "active"
    before = len(fake.of("chat.postMessage"))
    assert run_round(worker, NOW + timedelta(days=7), worker="w1").unchanged == 1  # only the other workspace
    assert len(fake.of("chat.postMessage")) == before + 1
    assert tokens_used(fake, "chat.postMessage", "C0BETA") == {token_b}


def test_a_revoked_bot_token_pauses_that_workspaces_digests(running, fake, paths):
    code, token = fake.add_workspace("T0AAA")
    install(running, code)
    _digest_on(running, fake, "C0ALPHA", "T0AAA")
    revoked = {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOT0001"]}, "event_ts": "1.2"}
    assert running.client.event(revoked, team="T0AAA").status == 200
    with connect(paths.db_path) as db:
        assert subscriptions.get(db, "C0ALPHA").state == "paused"


def test_single_workspace_uninstall_pauses_its_digests_too(fake, paths):
    app = RunningApp(paths, fake.api_url, fake.response_url())
    try:
        _digest_on(app, fake, "C0GENERAL", "T0001")
        app.client.event({"type": "app_uninstalled", "event_ts": "1.2"})
        with connect(paths.db_path) as db:
            assert subscriptions.get(db, "C0GENERAL").state == "paused"
    finally:
        app.stop()


def test_app_home_lists_only_the_workspaces_own_digests(running, fake):
    two_workspaces_with_digests(running, fake)
    home = {"type": "app_home_opened", "user": "U0USER001", "channel": "D1", "tab": "home", "event_ts": "1.3"}
    running.client.event(home, team="T0BBB")
    view = fake.wait_for("views.publish")[0].params["view"]
    text = json.dumps(json.loads(view) if isinstance(view, str) else view)
    assert "C0BETA" in text and "C0ALPHA" not in text


def test_a_workspace_installs_and_is_answered_through_the_front_door(running, fake, paths):
    from types import SimpleNamespace

    from tests.test_front import front_for

    front, served, client = front_for(running.client.url.removesuffix("/slack/events"), fake)
    try:
        code, token = fake.add_workspace("T0AAA")
        assert install(SimpleNamespace(client=client), code).status == 200  # pages and cookies pass through
        assert installation_store(paths, CLIENT_ID).find_bot(enterprise_id=None, team_id="T0AAA").bot_token == token
        assert client.command("open-source", channel="C0ALPHA", team="T0AAA").status == 200
        fake.wait_for("chat.postMessage")
        assert tokens_used(fake, "chat.postMessage", "C0ALPHA") == {token}
    finally:
        served.close()
        front.finish()

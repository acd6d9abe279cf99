"""Settings, the manifest and the registered listeners stay in step, and tokens never leak."""

from __future__ import annotations

import json
import re

import pytest

from bot.config import PROJECT_DIR, MissingSetting
from handlers import actions, commands
from handlers.settings import slack_settings_from_env
from handlers.workspaces import SCOPES

MANIFEST = json.loads((PROJECT_DIR / "manifest.json").read_text())
HANDLERS = "\n".join(p.read_text() for p in (PROJECT_DIR / "handlers").glob("*.py"))
README = (PROJECT_DIR / "README.md").read_text()


def test_missing_settings_fail_fast_naming_the_variable():
    with pytest.raises(MissingSetting, match="SLACK_BOT_TOKEN"):
        slack_settings_from_env({})
    with pytest.raises(MissingSetting, match="SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET"):
        slack_settings_from_env({"SLACK_BOT_TOKEN": "xoxb-1"})


def test_settings_choose_the_mode_and_hide_tokens():
    http = slack_settings_from_env({"SLACK_BOT_TOKEN": "xoxb-secret", "SLACK_SIGNING_SECRET": "s3", "PORT": "8080"})
    assert (http.socket_mode, http.port, http.api_url) == (False, 8080, "https://slack.com/api/")
    socket = slack_settings_from_env(
        {"SLACK_BOT_TOKEN": "xoxb-secret", "SLACK_APP_TOKEN": "xapp-secret", "SLACK_API_URL": "http://127.0.0.1:9/api"}
    )
    assert socket.socket_mode and socket.api_url == "http://127.0.0.1:9/api/"
    assert "secret" not in repr(socket) and "s3" not in repr(http)


def test_every_manifest_command_is_handled_and_every_handler_declared():
    declared = {c["command"] for c in MANIFEST["features"]["slash_commands"]}
    assert declared == {commands.COMMAND}


def test_events_in_manifest_match_registered_listeners():
    registered = set(re.findall(r'app\.event\("([a-z_]+)"\)', HANDLERS))
    declared = {e.split(".")[0] for e in MANIFEST["settings"]["event_subscriptions"]["bot_events"]}
    assert registered == declared == {"app_mention", "message", "app_home_opened", "app_uninstalled", "tokens_revoked"}
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True and actions.ACTIONS


def test_scopes_are_the_ones_used():
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    used_for = {
        "app_mentions:read": "mentions",
        "channels:history": "thread follow-ups; finding a digest a dead worker may have posted",
        "groups:history": "the same in private channels",
        "chat:write": "answers, digests, and telling an owner their digest was paused",
        "commands": "/ai-trends",
        "files:write": "chart uploads",
        "channels:read": "digest on: is the bot in this channel?",
        "groups:read": "the same for private channels",
        "users:read": "digest on: the asker's timezone as the default",
    }
    assert scopes == set(used_for)
    assert list(SCOPES) == MANIFEST["oauth_config"]["scopes"]["bot"]  # what an OAuth install asks for


def test_the_manifest_sends_oauth_installs_back_to_the_app():
    (redirect,) = MANIFEST["oauth_config"]["redirect_urls"]
    assert redirect.endswith("/slack/oauth_redirect") and redirect.startswith(
        MANIFEST["settings"]["event_subscriptions"]["request_url"].removesuffix("/slack/events")
    )


def test_readme_explains_slack_setup():
    for needed in (
        "manifest.json",
        "SLACK_BOT_TOKEN",
        "SLACK_APP_TOKEN",
        "SLACK_SIGNING_SECRET",
        "ai-trends serve",
        "/ai-trends help",
        ".env.example",
    ):
        assert needed in README, needed


def test_no_token_in_the_repository():
    tracked = [
        p
        for p in PROJECT_DIR.rglob("*")
        if p.is_file()
        and ".venv" not in p.parts
        and ".git" not in p.parts
        and p.suffix in {".py", ".json", ".md", ".toml", ".example", ""}
    ]
    for path in tracked:
        text = path.read_text(errors="ignore")
        assert not re.search(r"xox[abp]-\d{6,}-", text), path


def test_every_setting_read_from_the_environment_is_in_env_example():
    import re

    source = (PROJECT_DIR / "bot" / "config.py").read_text() + HANDLERS
    example = (PROJECT_DIR / ".env.example").read_text()
    names = set(re.findall(r'env(?:\.get\(|\[)"([A-Z_]+)"', source))
    assert {"SLACK_BOT_TOKEN", "AI_TRENDS_DIGEST_ADMINS", "AI_TRENDS_WORKER_INTERVAL", "AI_TRENDS_LOG_FORMAT"} <= names
    for name in names:
        assert f"{name}=" in example, name


def test_procfile_runs_the_app_and_the_digest_worker():
    procfile = (PROJECT_DIR / "Procfile").read_text().splitlines()
    assert "web: ai-trends serve" in procfile and "worker: ai-trends worker" in procfile


def test_readme_and_help_document_every_digest_command():
    from bot.digest.commands import ACTIONS
    from handlers.blocks.home import help_blocks

    help_text = str(help_blocks())
    for action in set(ACTIONS.values()):
        assert f"/ai-trends digest {action}" in README, action
        assert f"digest {action}" in help_text, action

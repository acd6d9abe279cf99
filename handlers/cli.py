"""The `ai-trends` command: the core's commands (bot/cli.py) plus those that run the Slack side (serve, worker)
and the health probe every process can be checked with."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime

from bot import cli


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the Slack app: Socket Mode if SLACK_APP_TOKEN is set, else HTTP on $PORT (see README)."""
    from handlers.logs import setup_logging
    from handlers.settings import slack_settings_from_env

    setup_logging()
    settings = slack_settings_from_env()
    from handlers.app import serve  # loaded only for this command: the Slack SDK is slow to import
    from handlers.lifecycle import Shutdown

    serve(settings, Shutdown().install())
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    """Run scheduled jobs: the daily refresh from OpenRouter (with OPENROUTER_API_KEY), each subscribed
    channel's weekly digest, once each, when due, and the watches on every new complete week (see README)."""
    from handlers.logs import setup_logging
    from handlers.settings import worker_settings_from_env

    setup_logging()
    settings = worker_settings_from_env()
    from handlers.lifecycle import Shutdown
    from handlers.worker import run_jobs, run_worker

    shutdown = Shutdown().install()
    if args.once:
        print(run_jobs(settings, args.now, stop=shutdown.event).summary())
    else:
        run_worker(settings, shutdown)
    return 0


def cmd_health(args: argparse.Namespace) -> int:
    """Print this deployment's health as JSON (the store, its data version, the newest day and its age, the last
    refresh and digest round) and exit 0 if healthy, 1 if not; --worker also wants a recent digest round."""
    from bot import health
    from bot.config import health_max_data_age, paths_from_env
    from handlers.settings import worker_interval

    max_round_age = max(3 * worker_interval(os.environ), 300.0) if args.worker else None
    report = health.check(paths_from_env(), datetime.now(UTC), health_max_data_age(), max_round_age)
    print(json.dumps(report, indent=2))
    return 0 if report["healthy"] else 1


def _instant(text: str) -> datetime:
    """--now: an ISO 8601 instant; one without an offset is read as UTC."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO 8601 instant such as 2026-12-07T08:01Z") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def add_slack_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help=cmd_serve.__doc__, description=cmd_serve.__doc__)
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("worker", help=cmd_worker.__doc__, description=cmd_worker.__doc__)
    p.add_argument("--once", action="store_true", help="run one pass of the due jobs and exit (cron, checks)")
    p.add_argument(
        "--now", type=_instant, help="with --once: run as of this ISO 8601 instant (e.g. 2026-12-07T08:01Z, UTC)"
    )
    p.set_defaults(func=cmd_worker)
    p = sub.add_parser("health", help=cmd_health.__doc__, description=cmd_health.__doc__)
    p.add_argument(
        "--worker", action="store_true", help="also fail when no digest round finished lately (3 worker intervals)"
    )
    p.set_defaults(func=cmd_health)


def build_parser() -> argparse.ArgumentParser:
    return cli.build_parser([add_slack_commands])


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, [add_slack_commands])


if __name__ == "__main__":
    sys.exit(main())

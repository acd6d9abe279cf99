"""The `ai-trends` command: the core's commands (bot/cli.py) plus the two that talk to Slack, serve and worker."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import UTC, datetime

from bot import cli


def _log_to_stderr() -> None:
    """The long-running processes log; the tokens never reach a log line (settings hide them in repr)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the Slack app: Socket Mode if SLACK_APP_TOKEN is set, else HTTP on $PORT (see README)."""
    from handlers.settings import slack_settings_from_env

    _log_to_stderr()
    settings = slack_settings_from_env()
    from handlers.app import serve  # loaded only for this command: the Slack SDK is slow to import

    serve(settings)
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    """Run scheduled jobs: the daily refresh from OpenRouter (with OPENROUTER_API_KEY), each subscribed
    channel's weekly digest, once each, when due, and the watches on every new complete week (see README)."""
    from handlers.settings import worker_settings_from_env

    _log_to_stderr()
    settings = worker_settings_from_env()
    from handlers.worker import run_jobs, run_worker

    if args.once:
        print(run_jobs(settings, args.now).summary())
    else:
        run_worker(settings)
    return 0


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


def build_parser() -> argparse.ArgumentParser:
    return cli.build_parser([add_slack_commands])


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, [add_slack_commands])


if __name__ == "__main__":
    sys.exit(main())

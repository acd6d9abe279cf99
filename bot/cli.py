"""ai-trends command line: ask questions, list topics, import or refresh data and inspect the store."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot import topics
from bot.answer import ask
from bot.build import ensure_built, import_file
from bot.config import MissingSetting, paths_from_env
from bot.errors import AiTrendsError, NotUnderstood
from bot.formatting import text_table
from bot.reply import Answer
from bot.status import format_status, store_status


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer a question about AI model usage and write its chart as a PNG."""
    answer = ask(" ".join(args.question))
    path = _write_chart(answer, Path(args.out)) if answer.chart else None
    if args.json:
        print(json.dumps(answer.to_dict() | {"chart_path": str(path) if path else None}, indent=2))
        return 0
    print(_table_text(answer) if args.table else answer.text())
    if path:
        print(f"\nChart: {path}")
    return 0


def _write_chart(answer: Answer, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^a-z0-9]+", "-", (answer.question or answer.topic).lower()).strip("-")[:60] or answer.topic
    path = out / f"{stem}.png"
    path.write_bytes(answer.chart.png)
    return path


def _table_text(answer: Answer) -> str:
    return "\n".join([answer.headline, "", text_table(answer.table), "", *[c.text for c in answer.citations]])


def cmd_topics(args: argparse.Namespace) -> int:
    """List what can be asked, with examples and the words each topic understands."""
    for topic in topics.TOPICS:
        source = "rankings + study" if topic.dimension and topic.anchors else "rankings" if topic.dimension else "study"
        print(f"{topic.name:14} {topic.summary} [{source}]")
        print(f"{'':14} e.g. {' | '.join(topic.examples)}")
        print(f"{'':14} also: {', '.join(topic.synonyms)}")
    print("\nPeriods: since 2025-06, in 2025, Q3 2025, last 8 weeks, until 2025-09-30. Options: top N, vs, table.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import a rankings CSV (date,model_permaslug,total_tokens[,as_of]) or a study-figures CSV, all or nothing."""
    result = import_file(paths_from_env(), Path(args.file), as_of=args.as_of)
    if result.changed:
        print(f"Imported {result.rows} {result.kind} rows from {result.path}.")
    else:
        print(f"{result.path} was already imported; nothing changed.")
    return 0


def cmd_db_status(args: argparse.Namespace) -> int:
    """Show what data is loaded: date range, as_of, row counts and sources."""
    status = store_status(paths_from_env())
    print(json.dumps(status, indent=2) if args.json else format_status(status))
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    """Pull new and restated days from OpenRouter's Data API (OPENROUTER_API_KEY) and classify new models."""
    from bot.refresh import refresh, settings_from_env

    settings = settings_from_env()
    if not settings.api_key:
        print(
            "Cannot refresh: OPENROUTER_API_KEY is not set (any OpenRouter API key works; see README).", file=sys.stderr
        )
        return 2
    result = refresh(paths_from_env(), settings)
    print(result.summary())
    return 0


def cmd_models_unclassified(args: argparse.Namespace) -> int:
    """List ranked models still missing origin, open weights or size, biggest share of recent tokens first."""
    from bot.catalogue import unclassified
    from bot.store import connect

    paths = paths_from_env()
    ensure_built(paths)
    with connect(paths.db_path) as db:
        rows = unclassified(db, args.days)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    if not rows:
        print(f"Every model ranked in the last {args.days} days has its origin, open weights and size.")
        return 0
    table = [["slug", f"share of tokens, last {args.days} days", "missing", "row"]]
    table += [
        [r["slug"], f"{r['share']:.2f}%", ", ".join(r["missing"]), "inferred" if r["inferred"] else "-"] for r in rows
    ]
    print(text_table(table))
    print("\nFix the biggest first: add hand-checked rows to data/model-catalogue.csv (they win over inferred ones).")
    return 0


def _log_to_stderr() -> None:
    """The long-running processes log; the tokens never reach a log line (settings hide them in repr)."""
    import logging

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the Slack app: Socket Mode if SLACK_APP_TOKEN is set, else HTTP on $PORT (see README)."""
    from bot.config import slack_settings_from_env

    _log_to_stderr()
    settings = slack_settings_from_env()
    from handlers.app import serve  # Slack I/O lives in handlers/, loaded only for this command

    serve(settings)
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    """Run scheduled jobs: the daily refresh from OpenRouter (with OPENROUTER_API_KEY) and each subscribed
    channel's weekly digest, once each, when due (see README)."""
    from bot.config import worker_settings_from_env

    _log_to_stderr()
    settings = worker_settings_from_env()
    from handlers.worker import run_jobs, run_worker  # Slack I/O lives in handlers/

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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ai-trends", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ask", help=cmd_ask.__doc__, description=cmd_ask.__doc__)
    p.add_argument("question", nargs="+", help='e.g. "open-source", "chinese models since 2025-05"')
    p.add_argument("--json", action="store_true", help="print the answer as JSON (numbers, periods, sources)")
    p.add_argument("--table", action="store_true", help="print the numbers behind the chart as a table")
    p.add_argument("--out", default="out", help="folder for the chart PNG (default: ./out)")
    p.set_defaults(func=cmd_ask)
    p = sub.add_parser("topics", help=cmd_topics.__doc__, description=cmd_topics.__doc__)
    p.set_defaults(func=cmd_topics)
    p = sub.add_parser("import", help=cmd_import.__doc__, description=cmd_import.__doc__)
    p.add_argument("file")
    p.add_argument("--as-of", help="when OpenRouter published the rows, if the file has no as_of column")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("refresh", help=cmd_refresh.__doc__, description=cmd_refresh.__doc__)
    p.set_defaults(func=cmd_refresh)
    models = sub.add_parser("models", help="inspect the model catalogue").add_subparsers(
        dest="models_command", required=True
    )
    p = models.add_parser(
        "unclassified", help=cmd_models_unclassified.__doc__, description=cmd_models_unclassified.__doc__
    )
    p.add_argument("--days", type=int, default=28, help="recent days the token shares are taken over (default: 28)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_models_unclassified)
    p = sub.add_parser("serve", help=cmd_serve.__doc__, description=cmd_serve.__doc__)
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("worker", help=cmd_worker.__doc__, description=cmd_worker.__doc__)
    p.add_argument("--once", action="store_true", help="run one pass of the due jobs and exit (cron, checks)")
    p.add_argument(
        "--now", type=_instant, help="with --once: run as of this ISO 8601 instant (e.g. 2026-12-07T08:01Z, UTC)"
    )
    p.set_defaults(func=cmd_worker)
    db = sub.add_parser("db", help="inspect the store").add_subparsers(dest="db_command", required=True)
    p = db.add_parser("status", help=cmd_db_status.__doc__, description=cmd_db_status.__doc__)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_db_status)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except NotUnderstood as exc:
        print(str(exc), file=sys.stderr)
        if exc.examples:
            print("Try: " + " | ".join(f"ai-trends ask {e!r}" for e in exc.examples), file=sys.stderr)
        return 2
    except MissingSetting as exc:
        print(f"Cannot start: {exc}", file=sys.stderr)
        return 2
    except AiTrendsError as exc:
        print(str(exc), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

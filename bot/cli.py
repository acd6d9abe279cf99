"""ai-trends command line: ask questions, list topics, import or refresh data and inspect the store.

The chat adapter adds its own commands (serve, worker) through `extra`; see handlers/cli.py."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from bot.ask import saved, topics
from bot.ask.formatting import text_table
from bot.ask.reply import Answer
from bot.config import MissingSetting, OpenRouterSettings, paths_from_env
from bot.errors import AiTrendsError, NotUnderstood

# Imports of pandas, matplotlib and sqlite_utils (~0.9 s) happen inside the commands that need them, so that
# `ai-trends ask` repeating a question already answered for this data version returns in a fraction of that.


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer a question about AI model usage and write its chart as a PNG."""
    paths, text = paths_from_env(), " ".join(args.question)
    answer = saved.lookup(paths, saved.text_key(text))
    if answer is None:
        from bot.ask.answer import ask

        answer = ask(text, paths)
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
    """List what can be asked, in plain words, with examples and the words each topic understands."""
    from bot.ask.answer import ASK_FREELY, COMBINE

    print(ASK_FREELY + "\n" + COMBINE + "\n")
    for topic in topics.TOPICS:
        source = topic.source_words
        print(f"{topic.name:14} {topic.summary} [{source}]")
        print(f"{'':14} ask: {topic.asked_as}")
        print(f"{'':14} e.g. {' | '.join(topic.examples)}")
        if topic.synonyms:
            print(f"{'':14} words: {', '.join(topic.synonyms)}")
    print("\nPeriods: since 2025-06, in 2025, Q3 2025, last 8 weeks, until 2025-09-30. Options: top N, vs, table.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import a rankings CSV (date,model_permaslug,total_tokens[,as_of]) or a study-figures CSV, all or nothing."""
    from bot.store.build import import_file

    result = import_file(paths_from_env(), Path(args.file), as_of=args.as_of)
    if result.changed:
        print(f"Imported {result.rows} {result.kind} rows from {result.path}.")
    else:
        print(f"{result.path} was already imported; nothing changed.")
    return 0


def cmd_db_status(args: argparse.Namespace) -> int:
    """Show what data is loaded: date range, as_of, row counts and sources."""
    from bot.live.freshness import format_live, live_status
    from bot.store.schema import connect
    from bot.store.status import format_status, store_status

    paths = paths_from_env()
    status = store_status(paths)
    with connect(paths.db_path) as db:
        live = live_status(db, datetime.now(UTC).date().isoformat())
    if args.json:
        print(json.dumps(status | {"live": live}, indent=2))
    else:
        print(format_status(status, format_live(live, OpenRouterSettings(api_key=None).daily_budget)))
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    """Pull new and restated days from OpenRouter's Data API (OPENROUTER_API_KEY) and classify new models."""
    from bot.live.refresh import refresh, settings_from_env

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
    """List ranked models still missing origin, open weights, reasoning or size (and unrevealed stealth models),
    biggest share of recent tokens first."""
    from bot.store.build import ensure_built
    from bot.store.catalogue import unclassified
    from bot.store.schema import connect

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


def build_parser(extra: Sequence[Callable[[argparse._SubParsersAction], None]] = ()) -> argparse.ArgumentParser:
    """The core's commands, plus whatever `extra` adds (each gets the subcommand registry)."""
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
    for add in extra:  # commands of the chat adapter (handlers/cli.py): serve, worker
        add(sub)
    db = sub.add_parser("db", help="inspect the store").add_subparsers(dest="db_command", required=True)
    p = db.add_parser("status", help=cmd_db_status.__doc__, description=cmd_db_status.__doc__)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_db_status)
    return parser


def main(argv: list[str] | None = None, extra: Sequence[Callable[[argparse._SubParsersAction], None]] = ()) -> int:
    """Run one command; domain errors become a message on stderr and an exit code, never a traceback."""
    args = build_parser(extra).parse_args(argv)
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

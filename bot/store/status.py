"""What the store holds: sources, date range, as_of and row counts (for `ai-trends db status`)."""

from __future__ import annotations

from bot.config import Paths
from bot.store.build import ensure_built
from bot.store.schema import connect


def store_status(paths: Paths) -> dict:
    """A summary of the loaded data, built from the store itself."""
    version = ensure_built(paths)
    with connect(paths.db_path) as db:
        first, last, days, rows, as_of = db.execute(
            "SELECT MIN(date), MAX(date), COUNT(DISTINCT date), COUNT(*), MAX(as_of) FROM rankings"
        ).fetchone()
        unclassified = db.execute(
            "SELECT COUNT(DISTINCT model_permaslug) FROM rankings r LEFT JOIN models m ON m.slug = r.model_permaslug "
            "WHERE m.slug IS NULL AND r.model_permaslug != 'other'"
        ).fetchone()[0]
        sources = [dict(row) for row in db["sources"].rows_where(order_by="name")]
        return {
            "database": str(paths.db_path),
            "data_version": version,
            "rankings": {
                "rows": rows,
                "days": days,
                "first_day": first,
                "last_day": last,
                "as_of": as_of,
                "slugs_not_in_catalogue": unclassified,
            },
            "models": db["models"].count,
            "models_inferred": db.execute("SELECT COUNT(*) FROM models WHERE inferred = 1").fetchone()[0],
            "figures": {
                "rows": db["figures"].count,
                "statable": db.execute("SELECT COUNT(*) FROM figures WHERE statable = 1").fetchone()[0],
            },
            "sources": sources,
        }


def format_status(status: dict, extra: list[str] = ()) -> str:
    """The status as lines of text; `extra` lines (the refresh side) come before the sources."""
    r, f = status["rankings"], status["figures"]
    lines = [
        f"Database: {status['database']} (data version {status['data_version']})",
        f"Rankings: {r['rows']} rows, {r['days']} days from {r['first_day']} to {r['last_day']}, as of {r['as_of']}",
        f"Model catalogue: {status['models']} slugs ({status['models_inferred']} inferred, not hand-checked); "
        f"{r['slugs_not_in_catalogue']} ranked slugs not yet classified",
        f"Study figures: {f['rows']} rows, {f['statable']} quotable as the study's own",
        *extra,
        "Sources:",
    ]
    lines += [
        f"  {s['name']}: {s['rows']} rows ({s['kind']}, as of {s['as_of'] or '-'}, loaded {s['loaded_at']})"
        for s in status["sources"]
    ]
    return "\n".join(lines)

"""Exactly-once scheduled jobs: one row per (job, period) in SQLite, claimed atomically, advanced step by step.

A worker claims a run with a lease. Before it sends anything it records `sending:<part>`, and after the chat
platform answers it records `sent:<part>` with the message's id (`ts`). A run whose worker died keeps its step,
so the next worker knows whether a message may already be out ('sending') and must be looked for before
sending again, or was certainly never sent ('new'). A run that reached `done`, `skipped` or `failed` is never
claimed again.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils

from bot.store.schema import get_meta, set_meta

# Longer than the slowest send can take (3 retries of a 10 s timeout plus the platform's Retry-After), so a lease
# only runs out when its worker is gone, never while it is still sending.
LEASE_SECONDS = 600
FINAL_STEPS = ("done", "skipped", "failed")


class LostClaim(Exception):
    """Another worker took this run over (our lease ran out); stop without sending anything more."""


@dataclass(frozen=True)
class Run:
    job: str
    period: str
    worker: str
    step: str
    ts: str | None
    attempts: int
    step_since: float | None  # when the current step began (the search window for a message maybe sent)

    def reached(self, step: str, order: tuple[str, ...]) -> bool:
        """True if this run is already at or past `step` in the job's order of steps."""
        return self.step in FINAL_STEPS or order.index(self.step) >= order.index(step)


CLAIM = f"""
INSERT INTO job_runs (job, period, step, claimed_by, claimed_at, attempts, updated_at)
VALUES (:job, :period, 'new', :worker, :now, 1, :now)
ON CONFLICT(job, period) DO UPDATE SET claimed_by = :worker, claimed_at = :now, attempts = job_runs.attempts + 1
WHERE job_runs.step NOT IN {FINAL_STEPS}
  AND (job_runs.claimed_by IS NULL OR job_runs.claimed_at < :stale)
  AND (job_runs.not_before IS NULL OR job_runs.not_before <= :now)
RETURNING step, ts, attempts, updated_at
"""


def claim(db: sqlite_utils.Database, job: str, period: str, worker: str, now: float | None = None) -> Run | None:
    """Take the run if nobody holds a live lease on it and it is not finished; None otherwise. Atomic."""
    now = time.time() if now is None else now
    row = db.execute(
        CLAIM, {"job": job, "period": period, "worker": worker, "now": now, "stale": now - LEASE_SECONDS}
    ).fetchone()
    db.conn.commit()
    if row is None:
        return None
    step, ts, attempts, since = row
    return Run(job, period, worker, step, ts, attempts, since)


def advance(db: sqlite_utils.Database, run: Run, step: str, now: float | None = None, **fields) -> Run:
    """Move a run we hold to `step` (setting ts/stamp/error as given); LostClaim if it is no longer ours."""
    now = time.time() if now is None else now
    allowed = {"ts", "stamp", "error"}
    assert set(fields) <= allowed, f"unknown job_runs fields {set(fields) - allowed}"
    sets = "".join(f", {name} = :{name}" for name in fields)  # names from the whitelist above
    cursor = db.execute(
        f"UPDATE job_runs SET step = :step, updated_at = :now{sets} "
        "WHERE job = :job AND period = :period AND claimed_by = :worker",
        {"step": step, "now": now, "job": run.job, "period": run.period, "worker": run.worker} | fields,
    )
    db.conn.commit()
    if cursor.rowcount != 1:
        raise LostClaim(f"{run.job} {run.period} was taken over by another worker")
    ts = fields.get("ts", run.ts)
    return Run(run.job, run.period, run.worker, step, ts, run.attempts, now)


def release(db: sqlite_utils.Database, run: Run, error: str, retry_in: float, now: float | None = None) -> None:
    """Give the run back after a failure that may pass; it is retried, at the earliest, `retry_in` seconds on."""
    now = time.time() if now is None else now
    db.execute(
        "UPDATE job_runs SET claimed_by = NULL, not_before = :at, error = :error "
        "WHERE job = :job AND period = :period AND claimed_by = :worker",
        {"at": now + retry_in, "error": error, "job": run.job, "period": run.period, "worker": run.worker},
    )
    db.conn.commit()


def close_unclaimed(
    db: sqlite_utils.Database, job: str, period: str, step: str, error: str, now: float | None = None
) -> bool:
    """Finish a run nobody is working on (a missed period); False if it is finished or held by a live worker."""
    now = time.time() if now is None else now
    cursor = db.execute(
        f"""INSERT INTO job_runs (job, period, step, attempts, error, updated_at)
        VALUES (:job, :period, :step, 0, :error, :now)
        ON CONFLICT(job, period) DO UPDATE SET step = :step, error = :error, updated_at = :now
        WHERE job_runs.step NOT IN {FINAL_STEPS} AND (job_runs.claimed_by IS NULL OR job_runs.claimed_at < :stale)""",
        {"job": job, "period": period, "step": step, "error": error, "now": now, "stale": now - LEASE_SECONDS},
    )
    db.conn.commit()
    return cursor.rowcount == 1


def run_row(db: sqlite_utils.Database, job: str, period: str) -> dict | None:
    rows = list(
        db.query("SELECT * FROM job_runs WHERE job = :job AND period = :period", {"job": job, "period": period})
    )
    return rows[0] if rows else None


def finished_periods(db: sqlite_utils.Database, job: str) -> list[str]:
    return [
        row["period"]
        for row in db.query(f"SELECT period FROM job_runs WHERE job = :job AND step IN {FINAL_STEPS}", {"job": job})
    ]


def delivered(db: sqlite_utils.Database, job: str) -> list[dict]:
    """Runs of a job whose first message went out, newest period first."""
    return list(
        db.query(
            "SELECT * FROM job_runs WHERE job = :job AND ts IS NOT NULL ORDER BY period DESC",
            {"job": job},
        )
    )


def note_round(db: sqlite_utils.Database, kind: str, now: datetime, summary: str) -> None:
    """Record that a round of a kind of job (e.g. digest) finished, whatever it found to do: health reports it."""
    finished = now.astimezone(UTC).isoformat(timespec="seconds")
    set_meta(db, f"last_round:{kind}", json.dumps({"finished_at": finished, "summary": summary}))
    db.conn.commit()


def last_round(db: sqlite_utils.Database, kind: str) -> dict | None:
    """When the latest round of a kind of job finished and what it did; None if none ever did."""
    return json.loads(get_meta(db, f"last_round:{kind}") or "null")

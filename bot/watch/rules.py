"""When a watch fires: one crossing per trip over its line, re-armed only once the value is back by a margin.

Read over complete weeks only, in order, from the week after the last one evaluated:
- above L: fires in a week whose share is > L while armed; re-arms in a week whose share is <= L - 1 pt.
- below L: fires when the share is < L while armed; re-arms when it is >= L + 1 pt.
- move N: fires when |change against the week before| >= N while armed (only the rise or only the fall for
  'rises' and 'falls'); re-arms when it is <= N - margin (1 pt, or N/2 for N under 2 pts). A week whose
  calendar week before is not complete has no week-over-week change: it neither fires nor re-arms.
- leaves top N: fires when the model is not in the week's top N (or not ranked) while armed; re-arms when it is
  back in the top N. enters top N: the other way round.
- new in top N: fires in a week that has models in its top N that were in no earlier complete week's top N,
  once per model, and needs no arming (the data's first complete week has nothing to be new against).
A watch starts armed unless the latest complete week at its creation is already past its line; so a value already
above 35% when the watch is set fires only after it has been back to 34% or below.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

from bot.watch.conditions import Condition
from bot.watch.weeks import WEEK, Weeks


@dataclass(frozen=True)
class State:
    armed: bool
    last_week: date | None  # the latest complete week already evaluated


@dataclass(frozen=True)
class Crossing:
    """One week in which the watch fired, with what it read there and in the week compared with."""

    week: date
    value: float | None  # share (%), change (pts) or rank; None: the model was not ranked that week
    share: float | None = None  # the subject's share that week (moves and ranks)
    before: float | None = None  # the same reading in `before_week` (share for moves)
    before_week: date | None = None
    models: tuple[tuple[str, int, float], ...] = ()  # new entrants: (model, rank, share)


def readings(condition: Condition, weeks: Weeks) -> np.ndarray:
    """The value the rule reads in each complete week."""
    if condition.kind in ("above", "below"):
        return weeks.share(condition.dimension, condition.group)
    if condition.kind == "move":
        change = weeks.change(condition.dimension, condition.group)
        return {"any": np.abs(change), "up": change, "down": -change}[condition.direction]
    return weeks.rank(condition.group)


def _in_top(rank: float, n: int) -> bool:
    return not math.isnan(rank) and rank <= n


def past_line(condition: Condition, value: float) -> bool:
    """The value is on the firing side of the line."""
    kind, level = condition.kind, condition.level
    if kind == "above":
        return value > level
    if kind == "below":
        return value < level
    if kind == "move":
        return value >= level
    inside = _in_top(value, condition.top)
    return inside if kind == "enters" else not inside


def back_by_margin(condition: Condition, value: float) -> bool:
    """The value has gone back far enough for the watch to fire again."""
    kind, level, margin = condition.kind, condition.level, condition.margin
    if kind == "above":
        return value <= level - margin
    if kind == "below":
        return value >= level + margin
    if kind == "move":
        return value <= level - margin
    return not past_line(condition, value)


def start(condition: Condition, weeks: Weeks) -> State:
    """The state of a watch set now: armed unless the latest complete week is already past its line."""
    latest = weeks.latest
    if latest is None or condition.kind == "new":
        return State(True, latest)
    value = readings(condition, weeks)[-1]
    armed = (condition.kind == "move" and math.isnan(value)) or not past_line(condition, value)
    return State(bool(armed), latest)


def advance(condition: Condition, state: State, weeks: Weeks) -> tuple[State, list[Crossing]]:
    """Evaluate the complete weeks after `state.last_week`: the new state and the weeks in which it fired."""
    positions = weeks.after(state.last_week)
    if not positions:
        return state, []
    last = weeks.complete[positions[-1]]
    if condition.kind == "new":
        return State(True, last), _entrants(condition, weeks, positions)
    values, armed, crossings = readings(condition, weeks), state.armed, []
    for i in positions:
        value = values[i]
        if condition.kind == "move" and math.isnan(value):
            continue
        if armed and past_line(condition, value):
            crossings.append(crossing_at(condition, weeks, i))
            armed = False
        elif not armed and back_by_margin(condition, value):
            armed = True
    return State(armed, last), crossings


def _number(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def crossing_at(condition: Condition, weeks: Weeks, i: int) -> Crossing:
    """What the watch reads in complete week `i`, against the week it is compared with."""
    week = weeks.complete[i]
    previous = weeks.complete[i - 1] if i > 0 else None
    if condition.kind in ("above", "below"):
        values = weeks.share(condition.dimension, condition.group)
        before = float(values[i - 1]) if previous else None
        return Crossing(week, float(values[i]), float(values[i]), before, previous)
    if condition.kind == "move":
        shares = weeks.share(condition.dimension, condition.group)
        change = _number(weeks.change(condition.dimension, condition.group)[i])
        before = float(shares[i - 1]) if change is not None else None
        return Crossing(week, change, float(shares[i]), before, week - WEEK if change is not None else None)
    ranks = weeks.rank(condition.group)
    share = float(weeks.share("model", condition.group)[i])
    before = _number(ranks[i - 1]) if previous else None
    return Crossing(week, _number(ranks[i]), share, before, previous)


def _entrants(condition: Condition, weeks: Weeks, positions: range) -> list[Crossing]:
    first = weeks.first_in_top(condition.top)
    out = []
    for i in positions:
        week = weeks.complete[i]
        if i > 0 and week in first:  # the first complete week has no earlier week to be new against
            models = tuple(
                (m, int(weeks.rank(m)[i]), float(weeks.share("model", m)[i]))
                for m in sorted(first[week], key=lambda m: weeks.rank(m)[i])
            )
            out.append(Crossing(week, None, models=models))
    return out

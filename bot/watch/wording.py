"""What a watch says: the crossing it found, its current value, and why a new watch may wait before it fires."""

from __future__ import annotations

from bot.ask.formatting import pct, week_label
from bot.watch.conditions import Condition
from bot.watch.rules import Crossing, State, crossing_at
from bot.watch.weeks import Weeks


def _rank(rank: float | None) -> str:
    return f"#{rank:.0f}" if rank is not None else "not ranked"


def detail(condition: Condition, crossing: Crossing) -> str:
    """The numbers of one crossing, each with its week."""
    c, x = condition, crossing
    week = week_label(x.week)
    before = f"the {week_label(x.before_week)}" if x.before_week else "no earlier complete week"
    if c.kind in ("above", "below"):
        previous = f", after {pct(x.before)} in {before}" if x.before is not None else ""
        return f"{pct(x.value)} in the {week}{previous}."
    if c.kind == "move":
        way = "up" if x.value >= 0 else "down"
        return f"{way} {abs(x.value):.1f} pts: {pct(x.before)} in {before}, {pct(x.share)} in the {week}."
    if c.kind in ("leaves", "enters"):
        previous = f", after {_rank(x.before)} in {before}" if x.before_week else ""
        return f"{_rank(x.value)} in the {week} ({pct(x.share)} of tokens){previous}."
    models = ", ".join(f"{name} (#{rank}, {pct(share)})" for name, rank, share in x.models)
    return f"{models}, in the {week}."


def short(condition: Condition, crossing: Crossing) -> str:
    """A crossing in a few words, for the list of earlier crossings found in the same check."""
    week = week_label(crossing.week)
    if condition.kind in ("above", "below"):
        return f"{week} ({pct(crossing.value)})"
    if condition.kind == "move":
        return f"{week} ({crossing.value:+.1f} pts)"
    if condition.kind in ("leaves", "enters"):
        return f"{week} ({_rank(crossing.value)})"
    return f"{week} ({', '.join(name for name, _, _ in crossing.models)})"


def now(condition: Condition, weeks: Weeks) -> str:
    """The watched value in the latest complete week, as said when a watch is set or listed."""
    if weeks.latest is None:
        return "no complete week in the data yet"
    i = len(weeks.complete) - 1
    week = week_label(weeks.latest)
    if condition.kind == "new":
        first = weeks.first_in_top(condition.top)
        entered = [w for w in first if weeks.position(w) > 0]  # the first week has nothing to be new against
        if not entered:
            return f"no model has entered the top {condition.top} since the data's first complete week"
        last = max(entered)
        return f"latest first-time entrant: {', '.join(first[last])}, {week_label(last)}"
    x = crossing_at(condition, weeks, i)
    if condition.kind == "move":
        if x.value is None:
            return f"no week-over-week change for the {week} (the week before is not complete)"
        return f"{pct(x.share)} in the {week}, {x.value:+.1f} pts on the week before"
    if condition.kind in ("leaves", "enters"):
        return f"{_rank(x.value)} in the {week} ({pct(x.share)} of tokens)"
    return f"{pct(x.value)} in the {week}"


def waiting(condition: Condition, state: State) -> str | None:
    """Why a watch set now will not fire on the current value, and what must happen first; None if armed."""
    if state.armed or state.last_week is None:
        return None
    c = condition
    if c.kind == "above":
        return f"It is already above {c.level:g}%: it fires after it has been back to {c.level - c.margin:g}% or below."
    if c.kind == "below":
        return f"It is already below {c.level:g}%: it fires after it has been back to {c.level + c.margin:g}% or above."
    if c.kind == "move":
        return f"The latest week already moved that much; it fires after a week under {c.level - c.margin:g} points."
    if c.kind == "leaves":
        return f"It is not in the top {c.top} now, so it fires after it has entered and drops out again."
    return f"It is in the top {c.top} now, so it fires after it has left and comes back."

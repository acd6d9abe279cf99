"""How numbers, periods and weeks are written in answers."""

from __future__ import annotations

from datetime import date, datetime


def pct(value: float) -> str:
    """One decimal; a small but real share is never printed as a flat zero."""
    if 0 < value < 0.05:
        return "<0.1%"
    return f"{value:.1f}%"


def points_change(now: float, before: float) -> str:
    diff = now - before
    if abs(diff) < 0.05:
        return "unchanged"
    return f"{'up' if diff > 0 else 'down'} {abs(diff):.1f} pts"


def tokens(value: float) -> str:
    for size, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if abs(value) >= size:
            return f"{value / size:.2f}{unit}"
    return f"{value:,.0f}"


def week_label(week: datetime | date, days: int | None = None) -> str:
    """'week of 2025-11-24', with '(5 of 7 days)' when the week is partial (a pandas Timestamp is a datetime)."""
    start = week.date() if isinstance(week, datetime) else week
    label = f"week of {start.isoformat()}"
    if days is not None and days < 7:
        label += f" ({days} of 7 days)"
    return label


def span(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"


def text_table(rows: list[list[str]]) -> str:
    """Rows as aligned monospace text (the header row first), for terminals and chat code blocks."""
    if not rows:
        return ""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows)

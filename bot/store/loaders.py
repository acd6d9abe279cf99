"""Read and validate the CSV files the store is built from; a file is accepted whole or not at all."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from bot.errors import ImportRejected
from bot.store.figures import FIGURE_COLUMNS, confidence_code, is_disputed, parse_period, parse_value

RANKINGS_COLUMNS = ["date", "model_permaslug", "total_tokens"]
FIRST_RANKINGS_DAY = date(2025, 1, 1)
SLUG = re.compile(r"^(other|[a-z0-9][a-z0-9._-]*/[A-Za-z0-9._:-]+)$")
CATALOGUE_COLUMNS = [
    "slug",
    "canonical",
    "name",
    "vendor",
    "origin",
    "open_weights",
    "open_from",
    "params_b",
    "size_class",
    "reasoning",
    "kind",
    "stealth",
    "revealed_as",
    "evidence",
]
ORIGINS = {"China", "US", "Europe", "other", "community"}  # community: fine-tunes by makers stating no country
SIZE_CLASSES = {"small", "medium", "large", ""}
KINDS = {"text", "embedding", "other"}


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row); the header is line 1."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            yield reader.line_num, row


def read_header(path: Path) -> list[str]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return [name.strip() for name in next(csv.reader(handle), [])]
    except UnicodeDecodeError as exc:
        raise ImportRejected(str(path), None, "not a UTF-8 text file") from exc


def detect_format(path: Path) -> str:
    """'rankings' or 'figures', judged by the header; anything else is rejected."""
    header = read_header(path)
    if all(col in header for col in RANKINGS_COLUMNS):
        return "rankings"
    if header[: len(FIGURE_COLUMNS)] == FIGURE_COLUMNS:
        return "figures"
    raise ImportRejected(
        str(path),
        1,
        "unknown format: expected the columns date,model_permaslug,total_tokens (OpenRouter rankings) "
        f"or {','.join(FIGURE_COLUMNS)} (State of AI figures), found {','.join(header) or 'nothing'}",
    )


def _parse_day(text: str) -> date | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _rankings_row(path: Path, line: int, row: dict[str, str], as_of: str | None, today: date) -> dict:
    bad = lambda reason: ImportRejected(str(path), line, reason)  # noqa: E731
    day_text = (row.get("date") or "").strip()
    day = _parse_day(day_text)
    if day is None:
        raise bad(f"date {day_text!r} is not a calendar date in YYYY-MM-DD form")
    if day < FIRST_RANKINGS_DAY or day > today:
        raise bad(f"date {day_text} is outside {FIRST_RANKINGS_DAY}..{today} (the rankings start on 2025-01-01)")
    slug = (row.get("model_permaslug") or "").strip()
    if not SLUG.match(slug):
        raise bad(f"model_permaslug {slug!r} is not of the form vendor/model or 'other'")
    tokens_text = (row.get("total_tokens") or "").strip()
    if not re.fullmatch(r"-?\d+", tokens_text):
        raise bad(f"total_tokens {tokens_text!r} is not a whole number")
    tokens = int(tokens_text)
    if tokens < 0:
        raise bad(f"total_tokens {tokens} is negative")
    row_as_of = (row.get("as_of") or "").strip() or as_of
    if not row_as_of:
        raise bad("no as_of: add an as_of column or pass --as-of (when OpenRouter published the data)")
    return {"date": day_text, "model_permaslug": slug, "total_tokens": tokens, "as_of": row_as_of}


def read_rankings(path: Path, as_of: str | None = None, today: date | None = None) -> list[dict]:
    """Validate a rankings file in the Data API's shape and return its rows, or raise ImportRejected."""
    today = today or datetime.now(UTC).date()
    rows, seen = [], {}
    for line, row in _rows(path):
        parsed = _rankings_row(path, line, row, as_of, today)
        key = (parsed["date"], parsed["model_permaslug"])
        if key in seen:
            raise ImportRejected(str(path), line, f"duplicate of line {seen[key]} ({key[0]}, {key[1]})")
        seen[key] = line
        rows.append(parsed)
    if not rows:
        raise ImportRejected(str(path), None, "no data rows")
    return rows


def _figure_row(path: Path, line: int, row: dict[str, str], previous: dict | None) -> dict:
    if any(row.get(col) is None for col in FIGURE_COLUMNS):
        raise ImportRejected(str(path), line, "missing columns (is a quote unbalanced?)")
    fid = row["id"].strip()
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", fid):
        raise ImportRejected(str(path), line, f"id {fid!r} must be lower-case letters, digits and dashes")
    if not row["value"].strip() or not row["confidence"].strip():
        raise ImportRejected(str(path), line, "value and confidence must not be empty")
    # 'same' repeats the row above, as the study's tables do.
    metric = row["metric"].strip()
    if metric == "same" and previous:
        metric = previous["metric"]
    if row["period"].strip() == "same" and previous:
        period_text, start, end = previous["period_text"], previous["period_start"], previous["period_end"]
    else:
        period = parse_period(row["period"])
        period_text = period.text
        start = period.start.isoformat() if period.start else None
        end = period.end.isoformat() if period.end else None
    value = parse_value(row["value"], row["unit"])
    code = confidence_code(row["confidence"])
    return {
        "id": fid,
        "topic": row["topic"].strip(),
        "metric": metric,
        "segment": row["segment"].strip(),
        "period_text": period_text,
        "period_start": start,
        "period_end": end,
        "value_text": row["value"].strip(),
        "comparator": value.comparator,
        "value": value.value,
        "value_high": value.high,
        "unit": row["unit"].strip(),
        "confidence": code,
        "confidence_text": row["confidence"].strip(),
        "statable": int(code in {"R-EN", "R-TR", "DER"} and not is_disputed(row["confidence"])),
        "disputed": int(is_disputed(row["confidence"]) or code == "CONFLICT"),
        "sources": row["sources"].strip(),
    }


def read_figures(path: Path) -> list[dict]:
    """Validate a figures table and return structured rows, or raise ImportRejected."""
    rows, seen, previous = [], {}, None
    for line, row in _rows(path):
        parsed = _figure_row(path, line, row, previous)
        if parsed["id"] in seen:
            raise ImportRejected(str(path), line, f"duplicate id {parsed['id']} (first on line {seen[parsed['id']]})")
        seen[parsed["id"]] = line
        rows.append(parsed)
        previous = parsed
    if not rows:
        raise ImportRejected(str(path), None, "no data rows")
    return rows


def _flag(path: Path, line: int, name: str, text: str, allow_blank: bool = False) -> int | None:
    if text == "" and allow_blank:
        return None
    if text not in {"0", "1"}:
        raise ImportRejected(str(path), line, f"{name} must be 0 or 1, found {text!r}")
    return int(text)


def read_catalogue(path: Path) -> list[dict]:
    """Validate the hand-written model catalogue."""
    if read_header(path) != CATALOGUE_COLUMNS:
        raise ImportRejected(str(path), 1, f"catalogue columns must be {','.join(CATALOGUE_COLUMNS)}")
    rows = []
    for line, raw in _rows(path):
        row = {key: (value or "").strip() for key, value in raw.items()}
        if row["origin"] not in ORIGINS | {""} or row["size_class"] not in SIZE_CLASSES or row["kind"] not in KINDS:
            raise ImportRejected(str(path), line, "origin, size_class or kind has a value outside its list")
        row["open_weights"] = _flag(path, line, "open_weights", row["open_weights"], allow_blank=True)
        row["reasoning"] = _flag(path, line, "reasoning", row["reasoning"], allow_blank=True)
        row["stealth"] = _flag(path, line, "stealth", row["stealth"])
        row["params_b"] = float(row["params_b"]) if row["params_b"] else None
        rows.append({key: (None if value == "" else value) for key, value in row.items()})
    return rows


def read_as_of_table(path: Path) -> dict[str, str]:
    """file name -> as_of for bundled rankings files that carry no as_of column."""
    if not path.exists():
        return {}
    return {row["file"]: row["as_of"] for _, row in _rows(path)}


MODEL_LIST_FIELDS = ["canonical_slug", "model_id", "name", "vendor", "created_at", "context_length", "price_prompt",
                     "price_completion", "hugging_face_id", "reasoning", "modality", "first_seen", "last_seen",
                     "active"]  # fmt: skip


def _number(path: Path, line: int, name: str, text: str, kind=float) -> float | int | None:
    if text == "":
        return None
    try:
        value = kind(float(text)) if kind is int else kind(text)
    except ValueError:
        raise ImportRejected(str(path), line, f"{name} {text!r} is not a number") from None
    if value < 0:
        raise ImportRejected(str(path), line, f"{name} {text!r} is negative")
    return value


def _truth(path: Path, line: int, name: str, text: str) -> int | None:
    if text == "":
        return None
    if text not in {"True", "False"}:
        raise ImportRejected(str(path), line, f"{name} must be True or False, found {text!r}")
    return int(text == "True")


def read_model_list(path: Path) -> list[dict]:
    """Validate the bundled snapshot of OpenRouter's model list (its /api/v1/models, accumulated)."""
    missing = [c for c in MODEL_LIST_FIELDS if c not in read_header(path)]
    if missing:
        raise ImportRejected(str(path), 1, f"model list lacks the columns {','.join(missing)}")
    rows = []
    for line, raw in _rows(path):
        row = {field: (raw.get(field) or "").strip() for field in MODEL_LIST_FIELDS}
        if not SLUG.match(row["canonical_slug"].removeprefix("~")):  # '~vendor/x-latest' names a moving alias
            raise ImportRejected(str(path), line, f"canonical_slug {row['canonical_slug']!r} is not vendor/model")
        row["context_length"] = _number(path, line, "context_length", row["context_length"], int)
        for name in ("price_prompt", "price_completion"):
            row[name] = _number(path, line, name, row[name])
        row["reasoning"] = _truth(path, line, "reasoning", row["reasoning"])
        row["active"] = _truth(path, line, "active", row["active"])
        rows.append({key: (None if value == "" else value) for key, value in row.items()})
    return rows

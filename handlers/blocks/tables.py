"""The numbers behind an answer as Slack's native `data_table` block, within its documented limits
(docs.slack.dev/reference/block-kit/blocks/data-table-block): a caption; a header row of raw_text cells and 1 to
100 rows; 1 to 20 columns, every row as long as the header; no empty cell; at most 10,000 characters across the
cells of a message. A table that does not fit gets None, and the caller shows the monospace table instead."""

from __future__ import annotations

import re

from handlers.blocks.common import clip

MAX_ROWS, MAX_COLUMNS, MAX_CHARACTERS = 100, 20, 10_000
PAGE_SIZE = 10  # rows shown at once; Slack pages through the rest (its default is 5)
CAPTION = 150  # Slack documents no limit for the caption; a header block's is kept
EMPTY = "–"  # a cell may not be empty: an en dash says "no value" (e.g. no previous week for a new entrant)
NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def _cell(value: object, header: bool) -> dict:
    text = str(value).strip() or EMPTY
    if header or not NUMBER.fullmatch(text):
        return {"type": "raw_text", "text": text}
    # A number cell sorts as a number; its text keeps the answer's own rounding.
    return {"type": "raw_number", "value": float(text) if "." in text else int(text), "text": text}


def data_table_block(rows: list[list], caption: str) -> dict | None:
    """`rows` (the first is the header) as a data_table block; None when they do not fit Slack's limits."""
    if len(rows) < 2 or len(rows) - 1 > MAX_ROWS:
        return None
    width = len(rows[0])
    if not 1 <= width <= MAX_COLUMNS or any(len(row) != width for row in rows):
        return None
    cells = [[_cell(value, i == 0) for value in row] for i, row in enumerate(rows)]
    if sum(len(cell["text"]) for row in cells for cell in row) > MAX_CHARACTERS:
        return None
    return {
        "type": "data_table",
        "caption": clip(caption, CAPTION),
        "page_size": min(PAGE_SIZE, len(rows) - 1),
        "rows": cells,
    }

"""What a watch watches, as a value: the kind of condition, the share or model it is about, and its line."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from bot.errors import NotUnderstood

# above / below: a weekly share crosses a level (percent of tokens)
# move: a weekly share changes by at least `level` points against the week before (direction any, up or down)
# leaves / enters: one model drops out of, or gets into, the top `level` models of a week
# new: a model gets into the top `level` for the first time in the rankings
KINDS = ("above", "below", "move", "leaves", "enters", "new")
SHARE_KINDS = ("above", "below", "move")
RANK_KINDS = ("leaves", "enters")
MARGIN = 1.0  # points a share must go back past its level (or a move under its size) before the watch re-arms
MAX_TOP = 50  # the rankings name each day's top 50 models

# How a share is named in sentences; groups not listed read "<group>'s share of tokens".
SHARE_NAMES = {
    ("open", "Open weights"): "Open-weight share of tokens",
    ("open", "Closed"): "Closed models' share of tokens",
    ("origin", "China"): "Chinese models' share of tokens",
    ("origin", "US"): "US models' share of tokens",
    ("origin", "Europe"): "European models' share of tokens",
    ("origin", "Other origin"): "Other-origin models' share of tokens",
    ("origin", "Community fine-tunes"): "Community fine-tunes' share of tokens",
    ("reasoning", "Reasoning"): "Reasoning models' share of tokens",
    ("reasoning", "Non-reasoning"): "Non-reasoning models' share of tokens",
}
EXAMPLES = [
    "watch open-source above 35%",
    "watch chinese below 20%",
    "watch reasoning moves 5 pts",
    "watch claude sonnet 5 leaves top 5",
    "watch new model in top 10",
]


PHRASES = {  # kind -> (as set, as fired)
    "above": ("rises above {level:g}%", "rose above {level:g}%"),
    "below": ("falls below {level:g}%", "fell below {level:g}%"),
    "leaves": ("drops out of the top {top}", "dropped out of the top {top}"),
    "enters": ("enters the top {top}", "entered the top {top}"),
}
MOVE_VERBS = {"any": ("moves", "moved"), "up": ("rises", "rose"), "down": ("falls", "fell")}


@dataclass(frozen=True)
class Condition:
    kind: str
    level: float  # percent (above, below), points (move) or N of the top N (leaves, enters, new)
    dimension: str = ""  # the share dimension (open, origin, reasoning, size, vendor, model); "model" for ranks
    group: str = ""  # the group's label in that dimension, or the model's display name
    direction: str = "any"  # move only: "any", "up" or "down"

    def __post_init__(self) -> None:
        if self.kind not in KINDS or self.direction not in ("any", "up", "down"):
            raise NotUnderstood(f"I can't watch a condition of kind {self.kind!r}.", [], EXAMPLES)
        if self.kind in SHARE_KINDS and not 0 < self.level < 100:
            raise NotUnderstood(f"A share is a percentage between 0 and 100, not {self.level:g}.", [], EXAMPLES)
        if self.kind not in SHARE_KINDS and not (self.level == int(self.level) and 1 <= self.level <= MAX_TOP):
            raise NotUnderstood(f"The top N runs from top 1 to top {MAX_TOP}, not top {self.level:g}.", [], EXAMPLES)

    @property
    def top(self) -> int:
        return int(self.level)

    @property
    def margin(self) -> float:
        """How far back past the line a value must go before the watch can fire again (shares and moves)."""
        return min(MARGIN, self.level / 2) if self.kind == "move" else MARGIN

    @property
    def subject(self) -> str:
        """The share or model the watch is about, as said in sentences."""
        if self.kind in RANK_KINDS:
            return self.group
        if self.kind == "new":
            return "New models"
        if self.dimension == "size":
            return f"{self.group} models' share of open-weight tokens"
        return SHARE_NAMES.get((self.dimension, self.group), f"{self.group}'s share of tokens")

    def describe(self, past: bool = False) -> str:
        """The condition as understood ('Open-weight share of tokens rises above 35%'), or, with `past`, as an
        alert says it happened ('... rose above 35%')."""
        tense = int(past)
        if self.kind == "new":
            return (
                f"A model enters the top {self.top} for the first time",
                f"New in the top {self.top} for the first time",
            )[tense]
        if self.kind == "move":
            return f"{self.subject} {MOVE_VERBS[self.direction][tense]} by {self.level:g} points or more in a week"
        return f"{self.subject} " + PHRASES[self.kind][tense].format(level=self.level, top=self.top)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Condition:
        data = json.loads(text)
        return cls(data["kind"], float(data["level"]), data["dimension"], data["group"], data["direction"])

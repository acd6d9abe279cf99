"""Read a watch's condition in plain words: 'open-source above 35%', 'chinese below 20%', 'reasoning moves 5 pts',
'claude sonnet 5 leaves top 5', 'new model in top 10'. The share and group words are the question parser's."""

from __future__ import annotations

import difflib
import re

from bot.analytics.snapshot import Data
from bot.ask.groups import GROUP_WORDS
from bot.ask.question import model_index
from bot.ask.words import normalise
from bot.errors import NotUnderstood
from bot.watch.conditions import EXAMPLES, Condition
from bot.watch.weeks import Weeks

NUMBER = r"(?P<n>\d+(?:\.\d+)?)"
UNIT = r"(?: ?(?:pts?|points?|pp|percentage points?|percent|pct))?"
WEEKLY = r"(?: (?:in|over|within) (?:a|one) week| a week| week over week| wow| weekly| in one week)?"
LEAD = re.compile(r"^(?:(?:please|tell|alert|notify|ping|let) (?:us|me|the channel)?\s*(?:know )?)?(?:when|if)\s+")
NEW = re.compile(
    r"\bnew (?:models?|entrants?|entry|entries)\b.*?\btop ?(\d+)\b|\btop ?(\d+)\b.*?\bnew (?:models?|entrants?)\b"
)
LEAVES = re.compile(
    r"^(?P<s>.+?) (?:leaves|left|exits|drops out of|drops out|falls out of|falls out|goes out of|is out of|"
    r"drops from|falls from|is no longer in|no longer in) (?:of )?(?:the )?top ?(?P<n>\d+)$"
)
ENTERS = re.compile(
    r"^(?P<s>.+?) (?:enters|entered|joins|reaches|gets into|gets in|breaks into|makes it into|makes|climbs into|"
    r"goes into|is in|in|into) (?:the )?top ?(?P<n>\d+)$"
)
MOVES = {
    "any": "moves|move|moved|changes|change|changed|swings|swing|shifts|shift",
    "up": "rises|rise|rose|gains|gain|grows|grow|climbs|climb|jumps|jump|goes up|go up|is up|up",
    "down": "falls|fall|fell|drops|drop|loses|lose|sinks|sink|declines|decline|goes down|go down|is down|down",
}
MOVE = re.compile(
    rf"^(?P<s>.+?) (?P<verb>{'|'.join(MOVES.values())})(?: by)?(?: more than| at least| over)? {NUMBER}{UNIT}{WEEKLY}$"
)
ABOVE = ("above", "over", "more than", "higher than", "greater than", "exceeds", "exceed", "passes", "pass", "tops")
BELOW = ("below", "under", "less than", "lower than", "fewer than")
VERBS = (
    r"(?:(?:share|is|are|goes|go|gets|get|rises|rise|climbs|climb|falls|fall|drops|drop|dips|dip|sinks|sink|"
    r"crosses|cross|moves|move|stays|stay|reaches|reach) )*"
)
OPS = "|".join(sorted(ABOVE + BELOW, key=len, reverse=True))
TOKENS = r"(?: (?:of|share of) (?:all )?tokens| share)?"
LEVEL = re.compile(rf"^(?P<s>.+?) {VERBS}(?P<op>{OPS}|>=|>|<=|<)(?: of)? ?{NUMBER}{UNIT}{TOKENS}$")
FILLER = {"models", "model", "s", "share", "shares", "of", "the", "all", "tokens", "token", "usage", "traffic"}
# Words for groups the question parser does not list, so that 'open-weight models' is read whole.
EXTRA_GROUPS = {
    "open": {"open weight": "Open weights", "closed source": "Closed", "closed weight": "Closed"},
    "origin": {"other origin": "Other origin", "community": "Community fine-tunes"},
}
SHARE_DIMENSIONS = ("open", "origin", "reasoning", "size")


def _vocabulary(data: Data, weeks: Weeks) -> dict[str, tuple[int, str, str]]:
    """Every phrase that names something a watch can follow -> (preference, dimension, group or model).
    On phrases of the same length a share group beats a vendor, and a vendor beats a model."""
    words: dict[str, tuple[int, str, str]] = {}
    for phrase, entries in model_index(data.model_names).phrases.items():
        for kind, model in entries:
            if kind == "model":
                words.setdefault(" ".join(phrase), (0, "model", model))
    for vendor in weeks.groups("vendor"):
        words[normalise(vendor)] = (1, "vendor", vendor)
    for dimension in SHARE_DIMENSIONS:
        labels = set(weeks.groups(dimension))
        table = {normalise(g): g for g in labels} | GROUP_WORDS.get(dimension, {}) | EXTRA_GROUPS.get(dimension, {})
        for phrase, group in table.items():
            if group in labels:
                words[phrase] = (2, dimension, group)
    return words


def _resolve(subject: str, words: dict[str, tuple[int, str, str]], text: str) -> tuple[str, str]:
    """The longest phrase in the subject that names a share or a model; every other word must be filler."""
    best = None
    for phrase, (preference, dimension, group) in words.items():
        hit = re.search(rf"(?<![a-z0-9.]){re.escape(phrase)}(?![a-z0-9])", subject)
        if hit and (best is None or (len(phrase), preference) > best[0]):
            best = ((len(phrase), preference), hit, dimension, group)
    if best is None:
        unknown = " ".join(w for w in subject.split() if w not in FILLER) or subject
        close = difflib.get_close_matches(unknown, list(words), n=3, cutoff=0.6)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise NotUnderstood(f"I don't know what {unknown!r} is in {text.strip()!r}.{hint}", close, EXAMPLES)
    _, hit, dimension, group = best
    rest = [w for w in (subject[: hit.start()] + " " + subject[hit.end() :]).split() if w not in FILLER]
    if rest:
        raise NotUnderstood(
            f"I read {subject[hit.start() : hit.end()]!r} in {text!r} but not {' '.join(rest)!r}.", [], EXAMPLES
        )
    return dimension, group


def parse_condition(text: str, data: Data, weeks: Weeks) -> Condition:
    """A condition in plain words -> a Condition; NotUnderstood (with examples) when it cannot be read."""
    # The question normaliser drops '<' and '>' (chat markup); here they are comparisons, so they become words.
    signs = text.replace(">=", " above ").replace(">", " above ").replace("<=", " below ").replace("<", " below ")
    plain = LEAD.sub("", normalise(signs).replace(" s ", " "))
    if not plain:
        raise NotUnderstood("Tell me what to watch, for example:", [], EXAMPLES)
    if found := NEW.search(plain):
        return Condition("new", float(found.group(1) or found.group(2)))
    words = _vocabulary(data, weeks)
    for kind, pattern in (("leaves", LEAVES), ("enters", ENTERS)):
        if found := pattern.match(plain):
            dimension, model = _resolve(found["s"], words, text)
            if dimension != "model":
                raise NotUnderstood(f"A rank watch follows one model by name, not {found['s']!r}.", [], EXAMPLES)
            return Condition(kind, float(found["n"]), "model", model)
    if found := MOVE.match(plain):
        direction = next(d for d, verbs in MOVES.items() if found["verb"] in verbs.split("|"))
        dimension, group = _resolve(found["s"], words, text)
        return Condition("move", float(found["n"]), dimension, group, direction)
    if found := LEVEL.match(plain):
        kind = "below" if found["op"] in BELOW or found["op"].startswith("<") else "above"
        dimension, group = _resolve(found["s"], words, text)
        return Condition(kind, float(found["n"]), dimension, group)
    raise NotUnderstood(
        f"I can't read {text.strip()!r} as a condition: a share with a level (`above 35%`, `below 20%`), a weekly "
        "move (`moves 5 pts`), a model's rank (`leaves top 5`, `enters top 10`) or `new model in top 10`.",
        [],
        EXAMPLES,
    )

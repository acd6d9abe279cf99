"""Groups within a share dimension ('chinese' -> China, 'closed' -> Closed, 'anthropic' -> Anthropic), and the
combination a question names when it crosses two dimensions ('chinese open-weight share')."""

from __future__ import annotations

import re

from bot.ask.lexicon import Entity

GROUP_WORDS = {
    "open": {
        "open": "Open weights",
        "open weights": "Open weights",
        "open weight": "Open weights",
        "open source": "Open weights",
        "opensource": "Open weights",
        "oss": "Open weights",
        "closed": "Closed",
        "proprietary": "Closed",
    },
    "origin": {
        "china": "China",
        "chinese": "China",
        "us": "US",
        "usa": "US",
        "american": "US",
        "europe": "Europe",
        "european": "Europe",
        "rest": "rest of world",
    },
    "reasoning": {"reasoning": "Reasoning", "thinking": "Reasoning", "non reasoning": "Non-reasoning"},
    "size": {
        "small": "Small (<15B)",
        "tiny": "Small (<15B)",
        "medium": "Medium (15-70B)",
        "mid sized": "Medium (15-70B)",
        "large": "Large (>70B)",
        "big": "Large (>70B)",
        "biggest": "Large (>70B)",
        "largest": "Large (>70B)",
        "smallest": "Small (<15B)",
    },
}
# The comparison offered for a topic when the user has not named groups ("Compare" button).
COMPARE_GROUPS = {
    "chinese": ("China", "US"),
    "open-source": ("Open weights", "Closed"),
    "reasoning": ("Reasoning", "Non-reasoning"),
}
DEFAULT_FOCUS = {"open": ("Open weights",), "origin": ("China",), "reasoning": ("Reasoning",)}
SHARE_TOPICS = {
    "size": "model-size",
    "vendor": "vendors",
    "origin": "chinese",
    "reasoning": "reasoning",
    "open": "open-source",
}
# When two dimensions are named, the narrower one is what the answer is about and the other filters it.
PRIORITY = ("size", "vendor", "origin", "reasoning", "open")
# 'show us', 'for us' are not the United States ('for us models' still is).
PRONOUN_US = re.compile(
    r"\b(?:tell|show|give|let|help|told|showed|for|to) us\b(?! (?:models?|labs?|vendors?|compan\w+|share|and|vs))"
)
_NEUTRAL = re.compile(r"\blarge language models?\b|\bsmall language models?\b")
_SIZE_NOUN = r"(?:[- ]?sized?)?(?: open(?: weights?| source)?)? (?:models?|ones|llms?|weights)\b"


def group_words(text: str, dimension: str | None) -> tuple[str, ...]:
    """Groups of a share dimension that the text names ('europe' -> Europe for origin), in the order named."""
    words = GROUP_WORDS.get(dimension or "", {})
    text = _NEUTRAL.sub(" ", PRONOUN_US.sub(" ", text))
    found = []
    for word, group in words.items():
        hit = re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", text)
        if hit:
            found.append((hit.start(), group))
    return tuple(dict.fromkeys(group for _, group in sorted(found)))


def vendor_groups(entities: list[Entity]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e.value for e in entities if e.kind in ("vendor", "family")))


def named_groups(
    text: str, entities: list[Entity], origins: dict[str, str] | None = None
) -> dict[str, tuple[str, ...]]:
    """Every dimension whose groups the text names on purpose; size words count only before a noun ('small
    models'), so 'a small share' does not filter by size, and a vendor of the origin named ('mistral and other
    european models') is an example of it, not a filter."""
    named = {dim: group_words(text, dim) for dim in ("open", "origin", "reasoning")}
    sizes = [g for w, g in GROUP_WORDS["size"].items() if re.search(rf"\b{w}(?:(?: or| and|,) \w+)?{_SIZE_NOUN}", text)]
    sizes += [_size_of(float(n)) for n in re.findall(rf"\b(\d{{1,4}})b\+?{_SIZE_NOUN}", text)]
    named["size"] = tuple(dict.fromkeys(sizes)) or (group_words(text, "size") if re.search(r"\bsizes?\b", text) else ())
    named["vendor"] = tuple(v for v in vendor_groups(entities) if (origins or {}).get(v) not in named["origin"])
    if named["size"]:
        named["open"] = ()  # size classes are of open-weight models already
    return {dim: groups for dim, groups in named.items() if groups}


def _size_of(billions: float) -> str:
    """The study's size class of a parameter count: small < 15B, medium 15-70B, large > 70B."""
    return "Small (<15B)" if billions < 15 else "Medium (15-70B)" if billions <= 70 else "Large (>70B)"


def combination(topic: str, named: dict[str, tuple[str, ...]]) -> tuple[str, tuple[str, ...], tuple]:
    """(topic, focus, within) for a share question naming groups in two or more dimensions. Sizes are of open
    models already, so 'large open models' is a question about sizes."""
    if topic == SHARE_TOPICS["open"] and named.get("size"):
        return SHARE_TOPICS["size"], named["size"], ()
    if topic not in SHARE_TOPICS.values() or len(named) < 2:
        return topic, (), ()
    compared = [dim for dim in PRIORITY if len(named.get(dim, ())) >= 2]
    primary = compared[0] if compared else next(dim for dim in PRIORITY if dim in named)
    within = tuple((dim, named[dim][0]) for dim in PRIORITY if dim in named and dim != primary)
    return SHARE_TOPICS[primary], named[primary], within

"""Names the data knows, found in a question: models and vendors from the catalogue, places, languages and use
categories from the study's figures. Built once per data version; finding them is a dictionary walk over the
question's words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.ask.words import normalise

# Static knowledge the data cannot hold: what people type for a place or a language besides its name.
PLACE_ALIASES = {
    "United States": "us, usa, america, american, u s, united states, the states",
    "United Kingdom": "uk, britain, british, england",
    "South Korea": "korea, korean",
    "Germany": "german",
    "Japan": "japanese",
    "India": "indian",
    "Netherlands": "dutch, holland",
    "Canada": "canadian",
    "Singapore": "singaporean",
    "China": "chinese, mainland china",
    "Europe": "european, eu",
    "Asia": "asian, apac",
    "Africa": "african",
    "North America": "north american",
    "South America": "south american, latin america, latam",
    "Oceania": "australia, australian",
}
EXTRA_LANGUAGES = "french german japanese korean portuguese hindi arabic italian indonesian vietnamese turkish"
NOT_FAMILIES = {"command", "nova", "magnum", "hermes", "l3", "l3.1", "mn", "r1", "o4", "chatgpt"}
VENDOR_NOISE = re.compile(r"\b(ai|technology|research|labs?|inc)\b")
_SEGMENT = re.compile(r"^[A-Za-z][A-Za-z .]{1,30}$")


@dataclass(frozen=True)
class Entity:
    kind: str  # "model", "vendor", "family", "place", "language", "category"
    value: str  # the name as the data spells it (a model's display name, a vendor, a place)
    start: int  # first word index in the question
    end: int  # one past the last word
    exact: bool = True  # False for a model matched by a version prefix ('claude opus 4' -> 'Claude Opus 4.1')


@dataclass(frozen=True)
class Lexicon:
    phrases: dict[tuple[str, ...], tuple[tuple[str, str], ...]]  # words -> ((kind, value), ...)
    origins: dict[str, str] = field(default_factory=dict)  # vendor -> origin
    longest: int = 1
    vocabulary: frozenset[str] = frozenset()  # every word of every name (never 'corrected' as a typo)
    # A model name's words but the last -> (last word, model): finds names given without their exact version.
    heads: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def find(self, words: list[str]) -> list[Entity]:
        """Every known name in the question, longest first at each position."""
        found: list[Entity] = []
        for i in range(len(words)):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                for kind, value in self.phrases.get(tuple(words[i : i + n]), ()):
                    found.append(Entity(kind, value, i, i + n))
        return found + self._version_prefixes(words, found)

    def _version_prefixes(self, words: list[str], found: list[Entity]) -> list[Entity]:
        """A model named without its exact version: 'claude opus 4' (Claude Opus 4.1), 'grok code fast' (Grok Code
        Fast 1). Read as the first such model by name; the answer says which one it used."""
        if any(e.kind == "model" for e in found):
            return []
        for i in range(len(words) - 1):
            for n in range(min(self.longest, len(words) - i), 1, -1):
                run = tuple(words[i : i + n])
                extended = [name for tail, name in self.heads.get(run[:-1], ()) if tail.startswith(run[-1] + ".")]
                dropped = [name for tail, name in self.heads.get(run, ()) if tail[:1].isdigit()]
                names = sorted(extended if run[-1][:1].isdigit() else []) or sorted(dropped)
                if names:
                    return [Entity("model", names[0], i, i + n, exact=False)]
        return []


def _add(phrases: dict, text: str, kind: str, value: str) -> None:
    key = tuple(normalise(text).split())
    if key and (kind, value) not in phrases.get(key, ()):
        phrases[key] = phrases.get(key, ()) + ((kind, value),)


def _model_phrases(phrases: dict, names: tuple[tuple[str, str], ...]) -> None:
    for name, canonical in names:
        tail = canonical.split("/", 1)[-1]
        for phrase in (name, tail, tail.rsplit("-", 1)[0] if tail[-8:].isdigit() else None):
            if phrase and len(normalise(phrase)) >= 4:
                _add(phrases, phrase, "model", name)


def _vendor_phrases(phrases: dict, vendors: dict[str, str], vendor_of: dict[str, str]) -> None:
    """Vendors by name, short name ('Mistral AI' -> 'mistral') and run together ('Z.ai' -> 'zai'); a model family's
    first word ('claude', 'gemini') names its vendor when only one vendor uses it."""
    for vendor in vendors:
        for form in (vendor, VENDOR_NOISE.sub(" ", vendor.lower()), re.sub(r"[ .]", "", vendor)):
            if len(normalise(form).replace(" ", "")) >= 3:
                _add(phrases, form, "vendor", vendor)
    families: dict[str, set[str]] = {}
    for name, vendor in vendor_of.items():
        words = normalise(name).split()
        if words:
            families.setdefault(words[0], set()).add(vendor)
    for word, owners in families.items():
        if len(word) >= 3 and word.isalpha() and word not in NOT_FAMILIES and len(owners) == 1:
            _add(phrases, word, "family", owners.pop())


def _figure_phrases(phrases: dict, figures: dict[str, dict]) -> None:
    """Places, languages and use categories named by the study's own figures."""
    for row in figures.values():
        segment = re.sub(r"\s*\(.*", "", row["segment"]).strip()
        if not _SEGMENT.match(segment) or segment.lower() in {"all", "others", "other", "top", "all models"}:
            continue
        if row["topic"] == "geography":
            _add(phrases, segment, "place", segment)
            for alias in PLACE_ALIASES.get(segment, "").split(","):
                _add(phrases, alias, "place", segment)
        elif row["topic"] == "language":
            _add(phrases, segment, "language", segment)
        elif row["topic"] == "categories" and row["id"].startswith("sub-"):
            _add(phrases, segment, "category", segment)
    for language in EXTRA_LANGUAGES.split():
        _add(phrases, language, "language", language.title())


def build(
    names: tuple[tuple[str, str], ...],
    vendor_of: dict[str, str] | None = None,
    origin_of: dict[str, str] | None = None,
    figures: dict[str, dict] | None = None,
) -> Lexicon:
    """A lexicon from the catalogue's (name, canonical slug) pairs, each ranked model's vendor, each vendor's
    origin, and the study's figures."""
    phrases: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}
    _model_phrases(phrases, names)
    _vendor_phrases(phrases, origin_of or {}, vendor_of or {})
    _figure_phrases(phrases, figures or {})
    return from_phrases(phrases, origin_of)


def from_phrases(phrases: dict[tuple[str, ...], tuple[tuple[str, str], ...]], origin_of: dict | None = None) -> Lexicon:
    longest = max((len(k) for k in phrases), default=1)
    vocabulary = frozenset(w for key in phrases for w in key)
    heads: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}
    for key, entries in phrases.items():
        for kind, value in entries:
            if kind == "model" and len(key) >= 2:
                heads[key[:-1]] = heads.get(key[:-1], ()) + ((key[-1], value),)
    return Lexicon(phrases, dict(origin_of or {}), longest, vocabulary, heads)

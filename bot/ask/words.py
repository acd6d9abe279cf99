"""Question text to words: chat markup and punctuation out, possessives dropped, each word stemmed.

Everything here is pure and cached where it pays: the parser reads every question through it."""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

MAX_CHARS = 2000  # a question is a sentence or two; the rest of a pasted wall of text is not read
_STEMMER = snowballstemmer.stemmer("english")
_STEMMING = threading.Lock()  # the stemmer keeps the word it works on in itself: one word at a time

# Chat markup: mentions <@U1>, channel links <#C1|name>, links <https://x|label>, specials <!here>, emoji :x:.
_MENTION = re.compile(r"<[@!][^<>]*>")
_LABELLED = re.compile(r"<[#]?[^<>|]*\|([^<>]*)>")
_LINK = re.compile(r"<[^<>]*>")
_EMOJI = re.compile(r":[a-z0-9_+-]+:")
_CODE = re.compile(r"`+")
_POSSESSIVE = re.compile(r"(?<=[a-z0-9])['’]s\b|(?<=s)['’](?=\s|$)")
_STOPWORD_TEXT = (
    "a an the of in on at to for from by with about and or but is are was were be been being do does did "
    "doing have has had i me my we our you your it its this that these those what which who whom whose how "
    "why when where there here can could would should will shall may might must please tell show give us any "
    "some much many more most very so than then as if into out up down over just now still also really today "
    "get got going let lets s t whats hows wheres whos ok hey hi hello thanks thank not no yes all each every "
    "both other such only own same too vs versus compare compared against "
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def clean(text: str) -> str:
    """Lower case plain text with chat markup, emoji, code fences and possessives removed."""
    text = unicodedata.normalize("NFKC", text[:MAX_CHARS])
    text = _MENTION.sub(" ", text)
    text = _LABELLED.sub(r" \1 ", text)
    text = _LINK.sub(" ", text)
    text = _CODE.sub(" ", text).lower()
    text = _EMOJI.sub(" ", text)
    return _POSSESSIVE.sub("", text)


def normalise(text: str) -> str:
    """Lower case, punctuation to spaces (dots and dashes between digits kept, for 4.5 and 2025-06)."""
    text = clean(text)
    text = re.sub(r"(?<!\d)[.-]|[.-](?!\d)|[^a-z0-9.+-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


# Where the stemmer joins words that mean different things here ('marketing' is a use category, 'market' is not).
STEM_EXCEPTIONS = {"marketing": "marketing"}


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """The word's stem ('prompts' -> 'prompt', 'coding' -> 'code'); version numbers stay as they are."""
    if not word.isalpha():
        return word
    if word in STEM_EXCEPTIONS:
        return STEM_EXCEPTIONS[word]
    with _STEMMING:
        return _STEMMER.stemWord(word)


def stems(plain: str) -> list[str]:
    """One stem per word of normalised text."""
    return [stem(word) for word in plain.split()]


def phrase_stems(phrase: str) -> str:
    """A phrase as space-joined stems, the form the parser matches against."""
    return " ".join(stems(normalise(phrase)))

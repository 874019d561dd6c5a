"""Keys that compare names the way a reader does: across case, accents, punctuation,
British/American spelling and the common transliteration choices."""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

from .keys import fine

_UK_US = (
    (re.compile(r"isation"), "ization"),
    (re.compile(r"(?<=\w\w)ise(?=d?$|s$|r$)"), "ize"),
    (re.compile(r"defence"), "defense"),
    (re.compile(r"offence"), "offense"),
    (re.compile(r"licence"), "license"),
    (re.compile(r"(?<=\w\w\w)our(?=s?$)"), "or"),
    (re.compile(r"(?<=\w\w)tre(?=s?$)"), "ter"),
)
_STOP = {"the", "of", "and", "for", "on", "in", "de", "&", "a", "an"}


@lru_cache(maxsize=65536)
def plain(text: str) -> str:
    """Lower-case ASCII words: accents, punctuation and hyphens folded away."""
    text = anyascii(text).lower()
    text = re.sub(r"['’`]s\b", "", text)
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text)  # U.S. -> us
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """A spelling-insensitive key for one name (Sergei/Sergey, Organisation/Organization)."""
    words = []
    for word in plain(text).split():
        for pattern, repl in _UK_US:
            word = pattern.sub(repl, word)
        words.append(fine(word))
    return " ".join(words)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", plain(text)).strip("-") or "x"


def initials(expansion: str) -> str:
    words = [w for w in re.split(r"[\s-]+", expansion) if w and w.lower() not in _STOP]
    return "".join(w[0].upper() for w in words if w[0].isalnum())


def initials_match(acronym: str, expansion: str) -> bool:
    """True if ``acronym`` abbreviates ``expansion`` (allowing skipped function words)."""
    letters = re.sub(r"[^A-Za-z0-9]", "", acronym).upper()
    if len(letters) < 2:
        return False
    full = initials(expansion)
    if letters == full:
        return True
    # Allow letters of function words ("Democratic People's Republic of Korea" -> DPRK)
    all_words = "".join(w[0].upper() for w in re.split(r"[\s-]+", expansion) if w)
    if letters == all_words:
        return True
    # Subsequence with the first letter anchored: "NATO" in "North Atlantic Treaty Organization"
    it = iter(expansion.upper())
    return letters[0] == full[:1] and all(ch in it for ch in letters) and len(letters) >= len(full) - 1


def acronym_of(expansion: str, acronyms: dict[str, str]) -> str | None:
    for acro, full in acronyms.items():
        if name_key(full) == name_key(expansion):
            return acro
    return None


def _given_compatible(a: str, b: str) -> bool:
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    if a.rstrip(".") and b.rstrip(".") and (len(a.rstrip(".")) == 1 or len(b.rstrip(".")) == 1):
        return ka[:1] == kb[:1]
    return fuzz.ratio(ka, kb) >= 85


def person_parts_compatible(a: list[str], b: list[str]) -> bool:
    """Two full names of one person: same family name, compatible given names."""
    if not a or not b:
        return False
    if name_key(a[-1]) != name_key(b[-1]):
        return False
    return _given_compatible(a[0], b[0])

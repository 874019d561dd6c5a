"""Keys that decide whether two spellings may be one word or one name.

Three strengths, from strict to loose:

- ``plain``: ASCII, lower case, no hyphens or spaces -- Guantánamo/Guantanamo,
  e-mail/email, Al-Qaeda/al-Qaeda.
- ``fine``: ``plain`` plus the usual transliteration choices (y/i/j before a
  vowel, kh/h, zh/z, -iy/-yy/-y endings, ye/e, q/k, ph/f, doubled letters) --
  Sergei/Sergey, Zelensky/Zelenskyy, Odessa/Odesa.
- ``skeleton``: consonants only, with g/k/q/c merged and h dropped --
  Kiev/Kyiv, Kharkov/Kharkiv, Zaporozhye/Zaporizhzhia, Gaddafi/Qaddafi.
  Far too loose on its own (Jun/Juan collide); the variant pass only uses it
  together with evidence that both forms name the same thing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

_FINE_RULES = (
    (re.compile(r"(?<=\w)(?:iy|yy|yi|ii|ij|ei|ey|y)$"), "i"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"zh"), "z"),
    (re.compile(r"sch"), "sh"),
    (re.compile(r"(?<=[aeiou])ye"), "e"),
    (re.compile(r"^ye"), "e"),
    (re.compile(r"[yj](?=[aeiou])"), "i"),
    (re.compile(r"y"), "i"),
    (re.compile(r"q(?!u)"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"(\w)\1+"), r"\1"),
)
_WORD_RUN = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def plain(form: str) -> str:
    """ASCII lower case with punctuation, hyphens and spaces removed."""
    return _WORD_RUN.sub("", anyascii(form).lower())


@lru_cache(maxsize=65536)
def fine(form: str) -> str:
    key = plain(form)
    for pattern, repl in _FINE_RULES:
        key = pattern.sub(repl, key)
    return key


def _consonants(key: str) -> str:
    head = "*" if key[:1] in "aeiouyjw" else key[:1]
    rest = re.sub(r"[aeiouyjwh]", "", key[1:])
    return re.sub(r"(\w)\1+", r"\1", head + rest)


@lru_cache(maxsize=65536)
def skeletons(form: str) -> frozenset[str]:
    """Consonant outlines; Russian g is Ukrainian h (Lugansk/Luhansk), so g is tried both ways."""
    key = fine(form)
    if not key:
        return frozenset()
    hard = re.sub(r"[gqc]", "k", key)
    soft = re.sub(r"[qc]", "k", key).replace("g", "h")
    return frozenset({_consonants(hard), _consonants(soft)})


def outline_match(a: str, b: str) -> bool:
    return bool(skeletons(a) & skeletons(b))


def edit_distance(a: str, b: str) -> int:
    return Levenshtein.distance(a, b)


def similarity(a: str, b: str) -> float:
    """0..1 similarity of the fine keys."""
    return Levenshtein.normalized_similarity(fine(a), fine(b))


_DERIVED_ENDINGS = ("n", "an", "ian", "ans", "ians", "s", "es", "i", "is", "ese", "ish", "ic")


def is_derived(a: str, b: str) -> bool:
    """One is the other plus a demonym or plural ending (Russia/Russian, Iraq/Iraqi)."""
    pa, pb = plain(a), plain(b)
    if fine(a) == fine(b):
        return False  # Souness/Sounes: a doubled letter, not an ending
    short, long_ = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
    if not long_.startswith(short[:-1] if short.endswith(("a", "e")) else short):
        return False
    for ending in _DERIVED_ENDINGS:
        if long_ == short + ending or (short.endswith(("a", "e")) and long_ == short[:-1] + ending):
            return True
    return False


DOTTED = re.compile(r"^(?:[A-Z]\.){2,4}$")


def undotted(form: str) -> str:
    return form.replace(".", "")


def case_shape(form: str) -> str:
    """upper | title | lower | mixed -- used to carry an occurrence's case to a new form."""
    letters = [c for c in form if c.isalpha()]
    if not letters:
        return "mixed"
    if all(c.isupper() for c in letters) and len(letters) > 1:
        return "upper"
    if all(c.islower() for c in letters):
        return "lower"
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "title"
    return "mixed"

"""Word lists for entity types and clustering, read from ``copydesk/data/entities/``.

Kept as data (one entry a line, ``#`` comments) so a newsroom can read and extend them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .names import plain


def _lines(name: str) -> list[str]:
    raw = resources.files("copydesk.data").joinpath("entities").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in raw.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    return frozenset(_lines("honorifics.txt"))


def _marked(name: str) -> dict[str, bool]:
    """Word -> True if it is marked `` *`` (also a surname: not evidence against a person)."""
    return {line.rstrip(" *"): line.endswith("*") for line in _lines(name)}


@lru_cache(maxsize=1)
def org_words() -> dict[str, bool]:
    return _marked("org_words.txt")


@lru_cache(maxsize=1)
def facility_words() -> dict[str, bool]:
    return _marked("facility_words.txt")


@lru_cache(maxsize=1)
def team_words() -> frozenset[str]:
    return frozenset(_lines("team_words.txt"))


@lru_cache(maxsize=1)
def org_nouns() -> frozenset[str]:
    return frozenset(_lines("org_nouns.txt"))


@lru_cache(maxsize=1)
def place_descriptors() -> frozenset[str]:
    return frozenset(_lines("place_descriptors.txt"))


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    pairs = (line.split("=", 1) for line in _lines("abbreviations.txt"))
    return {short.strip().lower(): long.strip() for short, long in pairs}


@lru_cache(maxsize=1)
def country_synonyms() -> dict[str, str]:
    """Plain form of another name -> the country's GeoNames name ("britain" -> "United Kingdom")."""
    out: dict[str, str] = {}
    for line in _lines("country_synonyms.txt"):
        country, _, others = line.partition(":")
        for other in others.split("|"):
            if other.strip():
                out[other.strip()] = country.strip()
    return out


@lru_cache(maxsize=1)
def party_names() -> dict[str, str]:
    """Another name of a party -> the party's name ("Tories" -> "Conservative Party")."""
    out: dict[str, str] = {}
    for line in _lines("party_names.txt"):
        party, _, others = line.partition(":")
        out[party.strip()] = party.strip()
        for other in others.split("|"):
            if other.strip():
                out[other.strip()] = party.strip()
    return out


def party_name(text: str) -> str | None:
    return party_names().get(text.strip())


def country_name(text: str) -> str | None:
    """The GeoNames name of the country ``text`` names by another name, if it is one."""
    return country_synonyms().get(text.strip())


def expand_abbreviations(text: str) -> str:
    """"Dundee Utd" -> "Dundee United", for comparing names only."""
    table = abbreviations()
    return re.sub(r"[A-Za-z][\w']*\.?", lambda m: table.get(m.group(0).rstrip(".").lower(), m.group(0)), text)


def leading_honorific(words: list[str]) -> int:
    """How many of the first words are an honorific ("Mr", "Prime Minister")."""
    lowered = [w.lower().rstrip(".") for w in words]
    for n in (2, 1):
        if len(lowered) > n and " ".join(lowered[:n]) in honorifics():
            return n
    return 0


def last_word(text: str) -> str:
    words = plain(text).split()
    return words[-1] if words else ""

"""One cluster per real-world thing: which mentions of an article name the same thing.

Mentions join in three ways:

1. the same name, read the way a reader reads it: spelling (Sergei/Sergey), an acronym and
   its expansion, another name of a country (UK/Britain), one place in the gazetteer
   (Kiev/Kyiv), a written-out abbreviation (Dundee Utd/Dundee United), an honorific dropped;
2. full names of one person (Sergei Shoigu / Sergey Shoigu);
3. a short form joins the longer name it shortens, mention by mention so that two people
   with one surname stay apart: "Mr Balls" and "Balls" join the nearest "Ed Balls" before them,
   "Labour" joins "Labour Party", "Federal Reserve" joins "US Federal Reserve",
   "Christian Andersen" and the misspelt "Anderson" join "Hans Christian Andersen".
"""

from __future__ import annotations

from collections.abc import Callable

from .. import gazetteer
from .entity_mentions import RawMention
from .entity_words import country_name, expand_abbreviations, leading_honorific, org_words, place_descriptors
from .names import name_key, person_parts_compatible, plain

PlaceOf = Callable[[str], "gazetteer.Place | None"]
# Single words join longer names of these kinds only: "Christmas" is not short for a song.
HOST_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
NOT_NAMES = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
CONNECTORS = {"of", "the", "for", "and", "on", "in", "de", "at", "&", "to"}


class _Sets:
    """Union-find over mention indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
            self.size[min(ra, rb)] += self.size[max(ra, rb)]

    def size_of(self, i: int) -> int:
        return self.size[self.find(i)]


def core_words(m: RawMention, acronyms: dict[str, str]) -> list[str]:
    """The name without a leading honorific ("Mr Balls" -> Balls), acronyms expanded."""
    words = acronyms.get(m.text, m.text).split()
    words = words[leading_honorific(words):]
    return words[1:] if len(words) > 1 and words[0] in {"The", "the"} else words


def identity_key(text: str, place_of: PlaceOf) -> str:
    country = country_name(text)
    place = gazetteer.lookup(country) if country else place_of(text)
    if place is not None:
        return f"place:{place.geonameid}"
    return name_key(expand_abbreviations(text))


def _descriptor_stripped(words: list[str]) -> list[str]:
    """"Labour Party" -> Labour, "Sichuan Province" -> Sichuan, "Band Aid 20" -> Band Aid."""
    lowered = [plain(w) for w in words]
    for n in (2, 1):
        if len(words) > n:
            tail = " ".join(lowered[-n:])
            if tail in place_descriptors() or (n == 1 and (tail in org_words() or tail.isdigit())):
                return words[:-n]
    return words


def _misspelt(a: str, b: str) -> bool:
    """Anderson/Andersen, Smith/Smyth (one vowel for another), Mukherjee/Mukerjee,
    Ferreira/Ferrerira (one letter more or less, in a name of six letters or more)."""
    if a == b or a[:2] != b[:2]:
        return False
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b) if x != y]
        return len(a) >= 5 and len(diff) == 1 and all(ch in "aeiouy" for ch in diff[0])
    short, long = sorted((a, b), key=len)
    if len(long) - len(short) != 1 or len(short) < 6:
        return False
    return any(long[:k] + long[k + 1:] == short for k in range(len(long)))


class _Mention:
    __slots__ = ("m", "core", "key", "index")

    def __init__(self, index: int, m: RawMention, core: list[str], key: str) -> None:
        self.index, self.m, self.core, self.key = index, m, core, key


def _person_like(m: RawMention) -> bool:
    return m.label == "PERSON" or m.evidence in {"list", "honorific"}


def _name_shaped(words: list[str]) -> bool:
    return len(words) >= 2 and all(w[:1].isupper() or w[:1].isdigit() for w in words) and not any(
        w.lower() in CONNECTORS for w in words
    )


def cluster_mentions(mentions: list[RawMention], acronyms: dict[str, str], place_of: PlaceOf) -> list[list[RawMention]]:
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    items = []
    for i in order:
        m = mentions[i]
        core = core_words(m, acronyms) or m.text.split()
        items.append(_Mention(i, m, core, identity_key(" ".join(core), place_of)))
    sets = _Sets(len(mentions))
    long_items = [x for x in items if len(x.core) >= 2]
    # 2. full names of one person
    persons: list[_Mention] = []
    for x in long_items:
        if not _person_like(x.m):
            continue
        home = next((p for p in persons if person_parts_compatible(p.core, x.core)), None)
        if home is None:
            persons.append(x)
        else:
            sets.union(home.index, x.index)
    # 3. short forms, one mention at a time
    attached: set[int] = set()
    for x in items:
        host = _host(x, long_items, place_of, sets)
        if host is not None:
            sets.union(host.index, x.index)
            attached.add(x.index)
    # 1. the same name (short forms that found a host keep to it)
    first_of_key: dict[str, int] = {}
    for x in items:
        if x.index in attached and len(x.core) == 1:
            continue
        k = first_of_key.setdefault(x.key, x.index)
        sets.union(k, x.index)
    # one person's surname misspelt once ("Mukherjee" / "Mukerjee"), outside team sheets
    singles = [x for x in items if len(x.core) == 1 and x.index not in attached and _person_like(x.m) and x.m.evidence != "list"]
    for k, x in enumerate(singles):
        for y in singles[k + 1:]:
            if _misspelt(plain(x.core[0]), plain(y.core[0])):
                sets.union(x.index, y.index)
    groups: dict[int, list[RawMention]] = {}
    for i in order:
        groups.setdefault(sets.find(i), []).append(mentions[i])
    return list(groups.values())


def _host(x: _Mention, long_items: list[_Mention], place_of: PlaceOf, sets: _Sets) -> _Mention | None:
    """The longer name this mention shortens: of those before it, the person named most so far
    (full names, and short forms joined so far; then the nearest), or the body named first; else the first after it."""
    m, core = x.m, x.core
    if m.label in NOT_NAMES:
        return None
    if len(core) == 1:
        word = name_key(core[0])
        if m.label in {"GPE", "LOC", "NORP"} and m.evidence is None:
            place = place_of(core[0])
            if place is not None and place.prominent:
                return None  # "Jordan" the country, not Michael Jordan
        head_word = plain(core[0]) in org_words()  # "the Bank" of "Bank of England"
        hosts = [
            h for h in long_items
            if h is not x and h.m.label in HOST_LABELS and (
                _name_shaped(h.core) and (
                    name_key(h.core[-1]) == word
                    or (_person_like(h.m) and name_key(h.core[0]) == word and len(h.core) == 2 and m.label == "PERSON")
                    or name_key(" ".join(_descriptor_stripped(h.core))) == word
                )
                or head_word and h.m.label == "ORG" and name_key(h.core[0]) == word
            )
        ]
        if not hosts and m.evidence != "list" and m.label in {"PERSON", "ORG", "GPE"} and len(word) >= 5:
            hosts = [h for h in long_items if _person_like(h.m) and _misspelt(plain(h.core[-1]), plain(core[0]))]
    else:
        key = name_key(" ".join(core))
        hosts = [
            h for h in long_items
            if len(h.core) > len(core) and h.m.label in HOST_LABELS and (
                # "US Federal Reserve": the words before are a name too, not "The Diary of"
                name_key(" ".join(h.core[-len(core):])) == key and _name_shaped(h.core)
                or name_key(" ".join(_descriptor_stripped(h.core))) == key
            )
        ]
    hosts = [h for h in hosts if h.key != x.key]
    if not hosts:
        return None
    before = [h for h in hosts if h.m.start < m.start]
    if before:
        # a surname is the nearest person's; "United" the club the article named first
        if not _person_like(before[-1].m):
            return before[0]
        most = max(sets.size_of(h.index) for h in before)
        return [h for h in before if sets.size_of(h.index) == most][-1]
    if m.evidence == "list":
        return None  # a player in a team sheet named nowhere else is not the referee K Clark
    return hosts[0]

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

import bisect
from collections.abc import Callable

from .. import gazetteer
from .entity_mentions import RawMention
from .entity_words import country_name, expand_abbreviations, leading_honorific, org_words, party_name, place_descriptors
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
    party = party_name(text)
    if party is not None:
        return f"party:{party}"  # "Tories" / "Conservatives" / "Conservative Party"
    country = country_name(text)
    place = gazetteer.lookup(country) if country else place_of(text)
    if place is not None:
        return f"place:{place.geonameid}"
    return name_key(expand_abbreviations(text))


def _descriptor_stripped(words: list[str]) -> list[str]:
    """"Labour Party" -> Labour, "Sichuan Province" -> Sichuan, "Band Aid 20" -> Band Aid
    (not "Band Aid Trust": a word that also ends other names is not a mere descriptor)."""
    lowered = [plain(w) for w in words]
    for n in (2, 1):
        if len(words) > n:
            tail = " ".join(lowered[-n:])
            if tail in place_descriptors() or (n == 1 and (org_words().get(tail) is False or tail.isdigit())):
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


def _wkey(text: str) -> str:
    return name_key(expand_abbreviations(text))


class _Hosts:
    """The longer names of an article, indexed by the short forms they can stand for, so each
    mention looks up its host instead of comparing itself with every name (a 5 MB article
    has tens of thousands of mentions)."""

    def __init__(self, long_items: list[_Mention]) -> None:
        self.by_key: dict[str, list[_Mention]] = {}  # host name -> its mentions, in order
        self.last: dict[str, set[str]] = {}  # "balls" -> {"ed balls"}; "united" -> {"dundee united"}
        self.first_person: dict[str, set[str]] = {}  # "tony" -> {"tony blair"}
        self.first_org: dict[str, set[str]] = {}  # "bank" -> {"bank of england"}
        self.stripped: dict[str, set[str]] = {}  # "labour" -> {"labour party"}
        self.suffix: dict[str, set[str]] = {}  # "federal reserve" -> {"us federal reserve"}
        self.last_letters: dict[str, set[str]] = {}  # "an" -> {"hans christian andersen"}, for misspellings
        for h in long_items:
            if h.m.label in NOT_NAMES:
                continue
            known = h.key in self.by_key
            self.by_key.setdefault(h.key, []).append(h)
            if known:
                continue
            shaped = _name_shaped(h.core)
            if shaped:  # "They Know It's Christmas" of the song, "Federal Reserve" of "US Federal Reserve"
                for n in range(2, len(h.core)):
                    self.suffix.setdefault(_wkey(" ".join(h.core[-n:])), set()).add(h.key)
            if h.m.label not in HOST_LABELS:
                continue  # a single word is not short for a title ("Christmas")
            stripped = _wkey(" ".join(_descriptor_stripped(h.core)))
            if stripped != _wkey(" ".join(h.core)):
                self.stripped.setdefault(stripped, set()).add(h.key)
            if shaped and h.m.label not in {"GPE", "LOC"}:  # "Asia" is not short for "Central Asia"
                self.last.setdefault(_wkey(h.core[-1]), set()).add(h.key)
                if _person_like(h.m) and len(h.core) == 2:
                    self.first_person.setdefault(_wkey(h.core[0]), set()).add(h.key)
            if h.m.label == "ORG":
                self.first_org.setdefault(_wkey(h.core[0]), set()).add(h.key)
            if _person_like(h.m):
                self.last_letters.setdefault(plain(h.core[-1])[:2], set()).add(h.key)

    def is_person(self, key: str) -> bool:
        """Most of the name's mentions read as a person's (a rule's reading counts thrice)."""
        score = 0
        for h in self.by_key[key]:
            weight = 3 if h.m.evidence else 1
            score += weight if _person_like(h.m) else -weight
        return score > 0

    def candidates(self, x: _Mention, place_of: PlaceOf) -> set[str]:
        m, core = x.m, x.core
        if m.label in NOT_NAMES:
            return set()
        if len(core) > 1:
            key = _wkey(" ".join(core))
            return self.suffix.get(key, set()) | self.stripped.get(key, set())
        word = _wkey(core[0])
        if m.label in {"GPE", "LOC", "NORP"} and m.evidence is None:
            place = place_of(core[0])
            if place is not None and place.prominent:
                return set()  # "Jordan" the country, not Michael Jordan
        found = self.last.get(word, set()) | self.stripped.get(word, set())
        if m.label == "PERSON":
            found |= self.first_person.get(word, set())
        if plain(core[0]) in org_words():
            found |= self.first_org.get(word, set())  # "the Bank" of "Bank of England"
        if not found and m.evidence != "list" and m.label in {"PERSON", "ORG", "GPE"} and len(word) >= 5:
            spelt = plain(core[0])
            found = {
                k for k in self.last_letters.get(spelt[:2], set())
                if _misspelt(plain(self.by_key[k][0].core[-1]), spelt)
            }
        return found


def cluster_mentions(mentions: list[RawMention], acronyms: dict[str, str], place_of: PlaceOf) -> list[list[RawMention]]:
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    items = []
    for i in order:
        m = mentions[i]
        core = core_words(m, acronyms) or m.text.split()
        items.append(_Mention(i, m, core, identity_key(" ".join(core), place_of)))
    sets = _Sets(len(mentions))
    long_items = [x for x in items if len(x.core) >= 2]
    # 2. full names of one person (same family name, compatible given names)
    persons: dict[str, list[_Mention]] = {}
    for x in long_items:
        if not _person_like(x.m):
            continue
        same_family = persons.setdefault(name_key(x.core[-1]), [])
        home = next((p for p in same_family if person_parts_compatible(p.core, x.core)), None)
        if home is None:
            same_family.append(x)
        else:
            sets.union(home.index, x.index)
    # 3. short forms, one mention at a time
    hosts = _Hosts(long_items)
    attached: set[int] = set()
    for x in items:
        host = _host(x, hosts, place_of, sets)
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
    singles: dict[str, _Mention] = {}
    for x in items:
        if len(x.core) == 1 and x.index not in attached and _person_like(x.m) and x.m.evidence != "list":
            singles.setdefault(plain(x.core[0]), x)
    by_letters: dict[str, list[str]] = {}
    for spelt in singles:
        by_letters.setdefault(spelt[:2], []).append(spelt)
    for group in by_letters.values():
        for k, a in enumerate(group):
            for b in group[k + 1:]:
                if _misspelt(a, b):
                    sets.union(singles[a].index, singles[b].index)
    groups: dict[int, list[RawMention]] = {}
    for i in order:
        groups.setdefault(sets.find(i), []).append(mentions[i])
    return list(groups.values())


def _host(x: _Mention, hosts: _Hosts, place_of: PlaceOf, sets: _Sets) -> _Mention | None:
    """The longer name this mention shortens: of those before it, the person named most
    (full names, and short forms joined so far; then the nearest), or the body named first;
    else the first after it."""
    keys = hosts.candidates(x, place_of) - {x.key}
    if not keys:
        return None
    start = x.m.start
    before: list[_Mention] = []
    firsts: list[_Mention] = []
    for key in keys:
        occurrences = hosts.by_key[key]
        firsts.append(occurrences[0])
        k = bisect.bisect_left([h.m.start for h in occurrences], start) if len(occurrences) > 1 else int(occurrences[0].m.start < start)
        if k > 0:
            before.append(occurrences[k - 1])
    if before:
        if not _person_like(x.m) and not all(hosts.is_person(h.key) for h in before):
            # "United": the club the article named first
            bodies = [h for h in before if not hosts.is_person(h.key)]
            return min(bodies, key=lambda h: hosts.by_key[h.key][0].m.start)
        return max(before, key=lambda h: (sets.size_of(h.index), h.m.start))
    if x.m.evidence == "list":
        return None  # a player in a team sheet named nowhere else is not the referee K Clark
    return min(firsts, key=lambda h: h.m.start)

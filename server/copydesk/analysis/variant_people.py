"""One person's name spelled two ways (Katherine/Katharine, Phillips/Philips, Eric/Erik,
MacDonald/McDonald), told apart from two people with near-identical names.

Two forms a letter apart are one person's when the entity clusters say so:
- they share the rest of a full name ("Katherine Lowe" / "Katharine Lowe"), or
- one is used on its own (or after a title: "Mr Philips") and the other is a part of the full
  name of exactly one person in the article, with no other person's name as close.
They are two people when each is the given name or surname of a full name introduced with a
role, and the roles differ ("John Smith, a farmer" / "Jon Smith, a banker"): a writer who
introduces someone twice with two roles means two people.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz.distance import Hamming

from . import keys
from .model import EntityCluster
from .variant_words import CONNECTORS, Word

_APPOSITION = re.compile(r",\s+((?:a|an|the|its|his|her|their)\s+[^,.;:\n\"“”]{2,60}?)\s*[,.;:]")
_ARTICLES = re.compile(r"^(?:a|an|the|its|his|her|their)\s+")
_PREFIX = re.compile(r"^ma?c(?=[a-z])")
_POSSESSIVE = re.compile(r"['’]s?$")


def _role_key(role: str) -> str:
    return _ARTICLES.sub("", role.strip().lower())


def prefix_fold(form: str) -> str:
    """MacDonald and McDonald alike."""
    return _PREFIX.sub("mc", keys.plain(form))


def letter_apart(a: str, b: str) -> bool:
    """Spelled a letter apart: one letter for another (Katherine/Katharine, Eric/Erik), a letter
    doubled (Phillips/Philips), or Mac/Mc. A letter added or dropped is another name as often
    as not (Malone/Maloney, Richie/Ritchie)."""
    pa, pb = keys.plain(a), keys.plain(b)
    if min(len(pa), len(pb)) < 4 or pa[:1] != pb[:1]:
        return False
    if prefix_fold(a) == prefix_fold(b) or keys.fine(a) == keys.fine(b):
        return True
    return len(pa) == len(pb) and Hamming.distance(pa, pb) == 1


class People:
    """Who the article's full names are, and the role each was introduced with."""

    def __init__(self, text: str, runs: list[list[Word]], clusters: list[EntityCluster], titles: frozenset[str],
                 first_seen: dict[str, int]):
        self.first_seen = first_seen
        self.first_full: dict[str, int] = {}  # name part -> where its first full name starts
        self.roles: dict[str, set[str]] = defaultdict(set)  # name part -> roles of full names it is in
        self.in_full_name: set[str] = set()
        mention_roles = {}
        for cluster in clusters:
            for m in cluster.mentions:
                if m.role:
                    mention_roles[(m.start, m.end)] = m.role
        for run in runs:
            parts = [w for w in run if w.text.lower() not in titles and w.text.lower() not in CONNECTORS
                     and (w.pos == "PROPN" or w.ent_label == "PERSON") and not (w.sentence_initial and w.pos != "PROPN")]
            if len(parts) < 2:
                continue
            start, end = parts[0].start, parts[-1].end
            found = {_role_key(r) for (s, e), r in mention_roles.items() if s <= start < e or start <= s < end}
            m = _APPOSITION.match(text, end)
            if m:
                found.add(_role_key(m.group(1)))
            for w in parts:
                self.in_full_name.add(w.text)
                self.first_full.setdefault(w.text, start)
                self.roles[w.text] |= found
        # Surnames of the article's people: a surname -> the person clusters whose full names end with it.
        self.person_of: dict[str, set[str]] = defaultdict(set)
        for cluster in clusters:
            if cluster.label != "PERSON":
                continue
            full_names = {_POSSESSIVE.sub("", m.text) for m in cluster.mentions if len(m.text.split()) >= 2}
            for name in full_names:
                for part in (name.split()[0], name.split()[-1]):  # "Arsene" on its own, or "Wenger"
                    self.person_of[part.strip(".,'’")].add(cluster.id)
            if len(full_names) == 1 and cluster.roles:
                # One full name and a role given elsewhere ("... Mr Wanless, the former chief executive").
                for part in next(iter(full_names)).split():
                    if part in self.in_full_name and not self.roles[part]:
                        self.roles[part] |= {_role_key(r) for r in cluster.roles}

    def two_people(self, a: str, b: str) -> bool:
        """Both forms are in full names introduced with roles, and the roles differ."""
        ra, rb = self.roles.get(a), self.roles.get(b)
        return bool(ra) and bool(rb) and not (ra & rb)

    def one_person(self, a: str, b: str) -> bool:
        """One form on its own stands for the other, a part of exactly one person's full name."""
        return self._resolves(a, b) or self._resolves(b, a)

    def _resolves(self, lone: str, part: str) -> bool:
        if lone in self.in_full_name or not self.person_of.get(part):
            return False
        if part not in self.first_full or self.first_full[part] > self.first_seen.get(lone, -1):
            return False  # a lone name before the full name it would stand for is someone else's
        # The one name of the article's people this close: two Jacksons (Michael and Katherine)
        # still spell "Jackson" one way, but Wilson and Wilton leave "Wilsen" undecided.
        near = [p for p in self.person_of if p != lone and letter_apart(p, lone)]
        return near == [part]

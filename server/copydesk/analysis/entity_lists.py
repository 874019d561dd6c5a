"""Team sheets and score lines: the parts of a match report that are lists, not sentences.

A paragraph such as ``Nash, Reiziger (Graham 82), Riggott, Southgate.`` or
``Subs Not Used: Cooper, Knight.`` is a list of players: every item is a person, the
number after a name is a minute, and the name in brackets is the substitute. The small
model reads such lines as one sentence and tags the names ORG, GPE or even LAW, with the
minute inside ("Graham 86"). A line ``Dundee Utd 4-1 Aberdeen`` names two teams.

Both are read here from the paragraph text, so they do not depend on the tagger.
"""

from __future__ import annotations

import re

_PARTICLE = r"(?:van|von|de|der|den|da|di|dos|du|del|la|le|el|al|bin|ben)"
_WORD = r"[A-Z][\w'’]*(?:-[A-Z]?[\w'’]+)*"
NAME = rf"(?:[A-Z]\.?\s)?{_WORD}(?:\s(?:{_PARTICLE}\s)?{_WORD}){{0,3}}"
_MINUTE = r"\d{1,3}(?:\+\d{1,2})?(?:\s?(?:pen|og|o\.g\.))?"
_ITEM = re.compile(
    rf"(?P<name>{NAME})(?:\s(?P<minute>{_MINUTE}))?"
    rf"(?:\s?\((?P<inner>[^()]{{1,80}})\))?"
)
_INNER = re.compile(rf"(?P<name>{NAME})(?:\s(?P<minute>{_MINUTE}))?")
_SEPARATOR = re.compile(r"\s*(?:,|;|\s-\s)\s*")
_LABEL = re.compile(r"^\s*(?:[A-Z][A-Za-z]*(?:\s[A-Za-z]+){0,3})?\s*:\s*")
_END = re.compile(r"\s*\.?\s*$")

SCORE_LINE = re.compile(
    rf"^\s*(?P<home>{NAME})\s(?P<hs>\d{{1,2}})\s?-\s?(?P<as>\d{{1,2}})\s(?P<away>{NAME})"
    r"(?:\s*\((?:aet|agg|[^()]{0,30})\))?\s*\.?\s*$"
)

# Items of a list paragraph: (start, end, text, label, strong) with offsets in the paragraph.
ListItem = tuple[int, int, str, str, bool]


def _items(text: str, pos: int) -> list[re.Match] | None:
    """The items from ``pos`` to the end of ``text``, or None if the rest is not a list."""
    found: list[re.Match] = []
    while True:
        item = _ITEM.match(text, pos)
        if item is None:
            return None
        found.append(item)
        pos = item.end()
        end = _END.match(text, pos)
        if end is not None and end.end() == len(text):
            return found
        sep = _SEPARATOR.match(text, pos)
        if sep is None or sep.end() == pos:
            return None
        pos = sep.end()


def list_items(text: str) -> tuple[list[ListItem], int]:
    """The people of a team-sheet paragraph and how sure the paragraph is a list.

    The second value is the number of items (0 if the paragraph is not a list at all); the
    caller decides from the whole article whether short lists ("Brebner.") count.
    """
    if len(text) > 600 or "\n" in text.strip():
        return [], 0
    label = _LABEL.match(text)
    pos = label.end() if label else 0
    found = _items(text, pos)
    if found is None:
        return [], 0
    items: list[ListItem] = []
    lone = len(found) == 1
    for item in found:
        name = item.group("name")
        if any(w.lower() in _NOT_NAMES for w in re.findall(r"[\w'’]+", name)):
            return [], 0
        items.append((item.start("name"), item.end("name"), name, "PERSON", True))
        inner = item.group("inner")
        if inner is None:
            continue
        base = item.start("inner")
        subs = list(_INNER.finditer(inner))
        if lone and not item.group("minute") and len(subs) == 1 and not subs[0].group("minute"):
            # "M Riley (W Yorkshire)": the referee and where he comes from.
            sub = subs[0]
            items.append((base + sub.start("name"), base + sub.end("name"), sub.group("name"), "GPE", True))
            continue
        for sub in subs:
            items.append((base + sub.start("name"), base + sub.end("name"), sub.group("name"), "PERSON", True))
    return items, len(found)


# Capitalised words that start list-like lines which are not team sheets.
_NOT_NAMES = {
    "the", "a", "an", "and", "or", "but", "if", "in", "on", "at", "for", "by", "with", "to", "of",
    "he", "she", "it", "we", "they", "i", "you", "is", "was", "are", "were", "said", "says",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
}


def score_line(text: str) -> list[ListItem]:
    """The two teams of a result line ("Clyde 0-5 Celtic")."""
    match = SCORE_LINE.match(text)
    if match is None:
        return []
    return [
        (match.start(side), match.end(side), match.group(side), "ORG", True)
        for side in ("home", "away")
    ]

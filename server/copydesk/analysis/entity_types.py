"""An entity's type from the evidence of all its mentions, not from one tagger call.

Rules give a mention a label the tagger's cannot outvote: an honorific or a role before a
name (Mr, Dr, "striker", "Chancellor") makes a person; a company or body word at the end
(plc, Labs, Council, Party, FC) an organisation; a building word (Airport, Stadium, Odeon) a
facility; a team sheet and a score line players and teams. Without such evidence the
mentions vote, and the gazetteer corrects places the tagger took for people or bodies.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from .. import gazetteer
from .entity_mentions import RawMention, title_words
from .entity_words import country_name, party_name, facility_words, honorifics, leading_honorific, org_nouns, org_words, team_words
from .names import plain

PLACE_LABELS = {"GPE", "LOC", "FAC"}
ALLCAPS = re.compile(r"^[A-Z][A-Z0-9&.]*[A-Z0-9]\.?$")
_COUNTRY_CODES = {"US", "USA", "UK", "UAE", "EU", "PRC", "DPRK", "ROK", "USSR", "GB"}
# Role words that also begin other names or describe things: not evidence of a person.
_NOT_ROLES = {
    "general", "major", "private", "chief", "head", "vice", "deputy", "star", "champion", "forward",
    "chairs", "heads", "chiefs", "leaders", "officials", "presidents", "crown", "justice", "speaker",
    "counsel", "chair", "prime", "official", "executive", "director", "player",
}
# Small words written with a capital inside a name: titles of works do that, bodies do not
# ("Bank of America", but "Songs In The Key Of Life").
TITLE_SMALL_WORDS = {"Of", "The", "A", "An", "And", "In", "On", "To", "For", "With", "From", "At", "By", "Without", "About", "Is", "Are"}
_WORD_BEFORE = re.compile(r"([A-Za-z][\w.-]*)\s+$")
_WORD_AFTER = re.compile(r"\s+([a-z][\w-]*)")


def _word_before(text: str, start: int) -> str:
    match = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return match.group(1).rstrip(".").lower() if match else ""


def _word_after(text: str, end: int) -> str:
    """The lower-case word right after a name ("Liverpool boss"), else ""."""
    match = _WORD_AFTER.match(text, end)
    return match.group(1) if match else ""


def mark_evidence(mentions: list[RawMention], text: str) -> None:
    """Give mentions the labels their own words or the word before them prove."""
    roles = title_words() - _NOT_ROLES
    for m in mentions:
        if m.evidence is not None or m.label in {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}:
            continue
        words = m.text.split()
        if party_name(m.text) is not None:
            m.label, m.evidence = "ORG", "party"  # "the Tory plans": the party, not a group of people
            continue
        before = _word_before(text, m.start)
        if leading_honorific(words) and words[leading_honorific(words)][:1].isupper() or (
            before in honorifics() and len(words) <= 3
        ):
            m.label, m.evidence = "PERSON", "honorific"
            continue
        if len(words) >= 3 and m.label != "WORK_OF_ART" and any(w in TITLE_SMALL_WORDS for w in words[1:-1]):
            m.label, m.evidence = "WORK_OF_ART", "title"  # "Knights Of The Old Republic", "Fight The Power"
            continue
        if len(words) >= 2:
            last = plain(words[-1])
            for table, label in ((org_words(), "ORG"), (facility_words(), "FAC")):
                also_surname = table.get(last)
                if also_surname is None or (also_surname and m.label in {"PERSON", "ORG"}):
                    continue  # "Stuart Hall", "Linkin Park", "Crystal Palace": the tagger's reading stands
                m.label, m.evidence = label, "word"
                break
            if m.evidence:
                continue
        if m.label in {"GPE", "ORG", "PERSON", "LOC", "NORP"} and _word_after(text, m.end) in team_words() and not _is_country(m.text):
            m.label, m.evidence = "ORG", "team"
            continue
        if before in org_nouns() and text[m.start - 1 : m.start] == " " and m.text[:1].isupper():
            m.label, m.evidence = "ORG", "noun"
            continue
        if before in roles and len(words) <= 3 and m.label in {"PERSON", "ORG", "GPE", "NORP", "WORK_OF_ART", "PRODUCT"} and not _is_place(m.text):
            m.label, m.evidence = "PERSON", "role"


def _is_country(text: str) -> bool:
    place = gazetteer.lookup(country_name(text) or text)
    return place is not None and place.kind == "country"


def _is_place(text: str) -> bool:
    place = gazetteer.lookup(text)
    return place is not None and place.prominent


def cluster_label(
    members: list[RawMention], acronyms: dict[str, str], place_of: Callable[[str], gazetteer.Place | None]
) -> tuple[str, gazetteer.Place | None]:
    votes = Counter(m.label for m in members)
    strong = Counter(m.label for m in members if m.evidence)
    if strong:
        label = max(strong, key=lambda lab: (strong[lab], votes[lab]))
        place = None
        if label in PLACE_LABELS:
            place = next((p for p in (place_of(acronyms.get(m.text, m.text)) for m in members) if p), None)
        return label, place
    label = max(votes, key=lambda lab: (votes[lab], lab == "PERSON", -len(lab)))
    if any(len(m.text.split()) > 1 and m.label == "PERSON" for m in members):
        return "PERSON", None
    if label == "PERSON" and all(" " not in m.text for m in members):
        place = gazetteer.lookup(members[0].text)
        if place is not None and plain(place.name) == plain(members[0].text) and place.population >= 50_000:
            return "GPE", place  # "Blackburn" alone, with no first name anywhere: the town
    place = None
    for m in members:
        place = place or place_of(acronyms.get(m.text, m.text))
    if place is not None:
        if label in PLACE_LABELS:
            return label, place
        if label in {"PERSON", "ORG", "NORP"} and place.prominent and all(len(m.text.split()) <= 3 for m in members):
            return "GPE", place
        return label, None
    if label == "PERSON" and all(ALLCAPS.match(m.text) for m in members):
        return "ORG", None  # "MI6", "REM": people are not written in capitals
    if label == "GPE" and all(ALLCAPS.match(m.text) for m in members) and not any(m.text.replace(".", "") in _COUNTRY_CODES for m in members):
        return "ORG", None  # "MoD", "MIOS" tagged GPE
    return label, None

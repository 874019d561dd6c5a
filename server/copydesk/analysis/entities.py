"""Named entities: spaCy mentions, cleaned, relabelled where the small model errs, and clustered.

Clustering joins the mentions that name the same thing in one article:
"Russian Defence Minister Sergei Shoigu" / "Shoigu" / "Sergey Shoigu";
"Shanghai Cooperation Organisation (SCO)" / "SCO"; "Kiev" / "Kyiv".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .. import gazetteer
from ..article import Article
from ..findings import Code, Finding
from ..nlp import ParsedParagraph
from .entity_clusters import cluster_mentions
from .entity_filters import drop_common_openers
from .entity_mentions import RawMention, raw_mentions
from .entity_types import ALLCAPS, PLACE_LABELS, cluster_label, mark_evidence
from .entity_words import country_name, leading_honorific, party_name
from .model import EntityCluster, Mention
from .names import acronym_of, initials, plain, slug


def _propagate(article: Article, parsed: list[ParsedParagraph], mentions: list[RawMention], forms: dict[str, str]) -> list[RawMention]:
    """Find mentions the model missed: exact, capitalised repeats of a form already seen."""
    covered = [(m.start, m.end) for m in mentions]
    covered.sort()
    taken = set()
    for s, e in covered:
        taken.update(range(s, e))
    extra: list[RawMention] = []
    if not forms:
        return extra
    pattern = re.compile(
        r"(?<![\w.])(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w])"
    )
    for p_index, (para, pp) in enumerate(zip(article.paragraphs, parsed)):
        for match in pattern.finditer(pp.text):
            before, after = pp.text[: match.start()], pp.text[match.end() :]
            if re.search(r"[A-Z][\w’'-]*\s+$", before) and match.start() > 0 and not re.search(r"[.!?]\s+\S*\s*$", before[-3:]):
                continue  # part of a longer name the model read differently ("Islamic State")
            if re.match(r"\s+[A-Z]", after) and len(match.group(1).split()) == 1:
                continue
            start, end = para.start + match.start(), para.start + match.end()
            if any(k in taken for k in range(start, end)):
                continue
            taken.update(range(start, end))
            extra.append(RawMention(start, end, match.group(1), forms[match.group(1)], p_index, len(match.group(1).split()), -1))
    return extra


def _drop_role_fragments(mentions: list[RawMention]) -> list[RawMention]:
    """"Defence" in "Russian Defence Minister Sergei Shoigu" is part of a title, not an organisation."""
    spans = [m.role_span for m in mentions if m.role_span]
    if not spans:
        return mentions
    return [
        m for m in mentions
        if m.label in PLACE_LABELS or _names_a_body(m.text) or not any(s <= m.start and m.end <= e for s, e in spans)
    ]


def _names_a_body(text: str) -> bool:
    """"BBC" in "BBC correspondent", "Aberdeen" in "Aberdeen boss": a name, not a title's word."""
    return ALLCAPS.match(text) is not None or _place(text) is not None or party_name(text) is not None


def _implicit_acronyms(mentions: list[RawMention], acronyms: dict[str, str]) -> None:
    """"U.S." abbreviates "United States" when both name a place or body in the article."""
    expansions: dict[str, str] = {}
    for m in mentions:
        if m.label in {"GPE", "ORG", "LOC", "FAC", "EVENT", "LAW"} and len(m.text.split()) > 1:
            expansions.setdefault(initials(m.text), m.text)
    for m in mentions:
        letters = m.text.replace(".", "")
        if m.text not in acronyms and ALLCAPS.match(m.text) and letters in expansions and len(letters) >= 2:
            acronyms[m.text] = expansions[letters]


def _propagatable(form: str, label: str, acronyms: dict[str, str]) -> bool:
    """Only forms that are unmistakable on their own are searched for in the rest of the text."""
    if form in acronyms or ALLCAPS.match(form):
        return len(form.replace(".", "")) >= 2
    if len(form.split()) > 1:
        return True
    if label == "PERSON":
        return True
    place = gazetteer.lookup(form)
    return place is not None and place.prominent


def _place(text: str) -> gazetteer.Place | None:
    """A gazetteer place for a mention, unless the match is too weak to trust."""
    country = country_name(text)
    if country is not None:
        return gazetteer.lookup(country)  # "UK", "Britain": data, not the gazetteer's guess
    if ALLCAPS.match(text) and len(text.replace(".", "")) <= 4:
        return None  # "PRC" is an alternate name of a small US town
    place = gazetteer.lookup(text)
    if place is None:
        return None
    if place.prominent or plain(place.name) == plain(text):
        return place
    return None


def _canonical(members: list[RawMention], label: str, acronyms: dict[str, str]) -> str:
    counts = Counter(m.text for m in members)
    first_seen = {}
    for m in members:
        first_seen.setdefault(m.text, m.start)
    expansions = [m.text for m in members if any(acronyms.get(a) == m.text for a in acronyms)]
    if expansions:
        return max(expansions, key=lambda t: (counts[t], -first_seen[t]))
    words = lambda t: len(t.split()) - leading_honorific(t.split())  # noqa: E731
    if label == "PERSON":
        best_len = max(words(t) for t in counts)
        pool = [t for t in counts if words(t) == best_len and not leading_honorific(t.split())] or [
            t for t in counts if words(t) == best_len
        ]
    elif label not in PLACE_LABELS:
        # "United" is short for "Manchester United", whichever is written more often
        pool = [t for t in counts if words(t) > 1 or ALLCAPS.match(t)] or list(counts)
    else:
        pool = list(counts)
    return max(pool, key=lambda t: (counts[t], -first_seen[t]))


def find_entities(article: Article, parsed: list[ParsedParagraph], labels: Iterable[str] | None = None) -> list[EntityCluster]:
    wanted = set(labels) if labels is not None else None
    mentions, acronyms = raw_mentions(article, parsed)
    mentions = drop_common_openers(mentions, article, parsed)
    # An acronym takes its expansion's label; mentions of the form become mentions of the entity.
    forms: dict[str, str] = {}
    for m in mentions:
        if m.label == "PERSON" or m.label in PLACE_LABELS or m.label in {"ORG", "EVENT", "FAC", "PRODUCT", "LAW", "WORK_OF_ART"}:
            if m.text[:1].isupper() and len(m.text) >= 3:
                forms.setdefault(m.text, m.label)
    for acro, expansion in acronyms.items():
        forms.setdefault(acro, "ORG")
        forms.setdefault(expansion, "ORG")
    mentions = _drop_role_fragments(mentions)
    _implicit_acronyms(mentions, acronyms)
    forms = {f: lab for f, lab in forms.items() if _propagatable(f, lab, acronyms)}
    mentions.extend(_propagate(article, parsed, mentions, forms))
    mark_evidence(mentions, article.text)

    clusters: list[EntityCluster] = []
    used_ids: set[str] = set()
    for members in cluster_mentions(mentions, acronyms, _place):
        members.sort(key=lambda m: m.start)
        label, place = cluster_label(members, acronyms, _place)
        if wanted is not None and label not in wanted:
            continue
        canonical = _canonical(members, label, acronyms)
        if label == "ORG" and _event_head(canonical):
            label = "EVENT"  # "Moscow Conference on International Security": a gathering, not a body
            if wanted is not None and label not in wanted:
                continue
        cid = f"{label.lower()}:{slug(canonical)}"
        while cid in used_ids:
            cid += "'"
        used_ids.add(cid)
        acro = next((m.text for m in members if m.text in acronyms), None) or acronym_of(canonical, acronyms)
        cluster = EntityCluster(
            id=cid,
            canonical=canonical,
            label=label,
            mentions=[Mention(m.start, m.end, m.text, m.label, m.paragraph, m.role) for m in members],
            roles=list(dict.fromkeys(m.role for m in members if m.role)),
            acronym=acro,
            expansion=acronyms.get(acro) if acro else None,
            place=_place_facts(place) if place else None,
        )
        clusters.append(cluster)
    clusters.sort(key=lambda c: c.mentions[0].start)
    return clusters


EVENT_HEADS = {
    "conference", "summit", "games", "olympics", "championship", "championships", "cup", "festival",
    "expo", "tournament", "marathon", "ceremony", "awards", "talks", "week", "grand prix",
}


def _event_head(name: str) -> bool:
    """The head noun of a name (before "on"/"of"/"for") names an event."""
    head = re.split(r"\s+(?:on|of|for|in|at)\s+", name, maxsplit=1)[0].split()
    return bool(head) and head[-1].lower() in EVENT_HEADS


def _place_facts(place: gazetteer.Place) -> dict:
    return {
        "name": place.name,
        "kind": place.kind,
        "country": place.country,
        "countryCode": place.country_code,
        "population": place.population,
        "geonameid": place.geonameid,
    }


def entity_findings(clusters: list[EntityCluster]) -> Iterable[Finding]:
    for cluster in clusters:
        count = len(cluster.mentions)
        noun = "mention" if count == 1 else "mentions"
        message = f"{cluster.label} · {cluster.canonical} · {count} {noun}"
        for mention in cluster.mentions:
            yield Finding(Code.ENTITY, mention.start, mention.end, message, data={"entity": cluster.id})

"""Named entities: spaCy mentions, cleaned, relabelled where the small model errs, and clustered.

Clustering joins the mentions that name the same thing in one article:
"Russian Defence Minister Sergei Shoigu" / "Shoigu" / "Sergey Shoigu";
"Shanghai Cooperation Organisation (SCO)" / "SCO"; "Kiev" / "Kyiv".
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from .. import gazetteer
from ..article import Article
from ..findings import Code, Finding
from ..nlp import ParsedParagraph
from .model import EntityCluster, Mention
from .names import acronym_of, initials, initials_match, name_key, person_parts_compatible, plain, slug

PLACE_LABELS = {"GPE", "LOC", "FAC"}
DETERMINERS = {"the", "a", "an", "The", "A", "An"}
CONNECTORS = {"of", "the", "for", "and", "on", "de", "'s", "’s", "-", "&"}
ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w’'-]*|[0-9]+(?:st|nd|rd|th)?)(?:\s+(?:(?:of|on|for|and|the|in|de|du|la|&)\s+)*[A-Z][\w’'-]*){1,9})"
    r"\s*\(\s*([A-Z][A-Za-z0-9&]*[A-Z0-9][A-Za-z0-9&]*)\s*\)"
)
ALLCAPS = re.compile(r"^[A-Z][A-Z0-9&.]*[A-Z0-9]\.?$")


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    raw = resources.files("copydesk.data").joinpath("titles.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


class ParagraphCache:
    """Bounded map from a paragraph's text to what a pass derived from its parse.

    Per-paragraph results are kept relative to the paragraph, so an edit elsewhere (which
    shifts offsets) still hits. An entry counts only for the same parse: the stored
    ``ParsedParagraph`` must be the one asked with (identity, else equality). Oldest first out;
    a lock keeps eviction safe when analyses run in worker threads.
    """

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._entries: dict[str, tuple[ParsedParagraph, object]] = {}
        self._lock = threading.Lock()

    def get(self, pp: ParsedParagraph):
        hit = self._entries.get(pp.text)
        if hit is not None and (hit[0] is pp or hit[0] == pp):
            return hit[1]
        return None

    def put(self, pp: ParsedParagraph, value) -> None:
        with self._lock:
            if len(self._entries) >= self.size:
                self._entries.pop(next(iter(self._entries)), None)
            self._entries[pp.text] = (pp, value)


class _Raw:
    __slots__ = ("start", "end", "text", "label", "paragraph", "role", "role_span", "tokens", "first_tok")

    def __init__(self, start, end, text, label, paragraph, tokens, first_tok, role=None, role_span=None):
        self.start, self.end, self.text, self.label = start, end, text, label
        self.paragraph, self.tokens, self.first_tok = paragraph, tokens, first_tok
        self.role, self.role_span = role, role_span


def _clean(parsed: ParsedParagraph, start_tok: int, end_tok: int) -> tuple[int, int]:
    toks = parsed.tokens
    while start_tok < end_tok and (
        toks[start_tok].text in DETERMINERS
        or toks[start_tok].pos == "PUNCT"
        or (toks[start_tok].tag == "CD" and start_tok + 1 < end_tok)
        or re.fullmatch(r"\d+(st|nd|rd|th)", toks[start_tok].text)
    ):
        start_tok += 1
    while start_tok < end_tok and not any(ch.isalnum() for ch in toks[start_tok].text):
        start_tok += 1  # emoji, dashes, stray symbols the small model pulls into a name
    while end_tok > start_tok and (
        toks[end_tok - 1].tag == "POS"
        or toks[end_tok - 1].pos == "PUNCT" and toks[end_tok - 1].text not in {".", "&"}
        or not any(ch.isalnum() for ch in toks[end_tok - 1].text) and toks[end_tok - 1].text != "."
    ):
        end_tok -= 1
    while end_tok > start_tok and toks[end_tok - 1].text == "." and end_tok - 1 > start_tok and not toks[end_tok - 2].text.isupper():
        end_tok -= 1
    return start_tok, end_tok


def _role_before(parsed: ParsedParagraph, first: int) -> tuple[int, int] | None:
    """Title words right before a name: "Russian Defence Minister" Sergei Shoigu."""
    titles = title_words()
    toks = parsed.tokens
    i = first - 1
    run_start = first
    sent_start, _ = parsed.sentence_of(first)
    while i >= sent_start and first - i <= 12:
        t = toks[i]
        word = t.text
        if word.isspace():
            i -= 1
            continue
        if word[:1].isupper() or word.lower() in titles or (word in CONNECTORS and i > sent_start) or t.tag == "POS":
            run_start = i
            i -= 1
            continue
        break
    run = [t for t in toks[run_start:first] if not t.text.isspace()]
    # The run must contain a title word; it starts at the earliest descriptive token.
    if not any(t.text.lower() in titles for t in run):
        return None
    while run and (run[0].text in CONNECTORS or run[0].text in DETERMINERS or run[0].tag == "POS"):
        run = run[1:]
    if not run or run[-1].text.lower() not in titles and run[-1].tag != "NNP":
        return None
    return run[0].idx, run[-1].end


def _title_fragment(parsed: ParsedParagraph, i: int) -> bool:
    """ "Defense" in "Minister of Defense" or "Defence Minister": part of a title, not a body."""
    titles = title_words()
    toks = parsed.tokens
    after = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
    before = [t.text.lower() for t in toks[max(0, i - 2) : i]]
    return after in titles or (len(before) == 2 and before[1] == "of" and before[0] in titles)


def _role_text(text: str) -> str:
    words = text.split()
    deduped = [w for k, w in enumerate(words) if k == 0 or w.lower() != words[k - 1].lower()]
    return " ".join(deduped)


def _role_after(parsed: ParsedParagraph, last: int) -> tuple[int, int] | None:
    """An apposition after a name: Sergei Shoigu, "Russia's defence minister", said ..."""
    titles = title_words()
    toks = parsed.tokens
    for child in parsed.children(last):
        if child.dep != "appos":
            continue
        sub = [t for t in toks if _descends(parsed, t.i, child.i)]
        if not sub or not any(t.text.lower() in titles for t in sub) or len(sub) > 12:
            continue
        while sub and sub[0].text in DETERMINERS | {","}:
            sub = sub[1:]
        while sub and sub[-1].pos == "PUNCT":
            sub = sub[:-1]
        if sub:
            return sub[0].idx, sub[-1].end
    return None


def _descends(parsed: ParsedParagraph, i: int, ancestor: int) -> bool:
    seen = 0
    while seen < 64:
        if i == ancestor:
            return True
        head = parsed.tokens[i].head
        if head == i:
            return False
        i = head
        seen += 1
    return False


_MENTIONS_CACHE = ParagraphCache()


def _raw_mentions(article: Article, parsed: list[ParsedParagraph]) -> tuple[list[_Raw], dict[str, str]]:
    mentions: list[_Raw] = []
    acronyms: dict[str, str] = {}  # acronym -> expansion
    for p_index, (para, pp) in enumerate(zip(article.paragraphs, parsed)):
        found = _MENTIONS_CACHE.get(pp)
        if found is None:
            found = _paragraph_mentions(pp)
            _MENTIONS_CACHE.put(pp, found)
        definitions, records = found
        for acro, expansion in definitions:
            acronyms.setdefault(acro, expansion)
        base = para.start
        for start, end, text, label, n_tokens, first_tok, role, role_span in records:
            if role_span is not None:
                role_span = (base + role_span[0], base + role_span[1])
            mentions.append(_Raw(base + start, base + end, text, label, p_index, n_tokens, first_tok, role, role_span))
    return mentions, acronyms


def _paragraph_mentions(pp: ParsedParagraph) -> tuple[tuple[tuple[str, str], ...], tuple[tuple, ...]]:
    """One paragraph's acronym definitions and raw mentions, offsets relative to the paragraph
    (records: start, end, text, label, token count, first token, role, role span)."""
    definitions: list[tuple[str, str]] = []
    mentions: list[tuple] = []
    for match in ACRONYM_DEF.finditer(pp.text):
        expansion, acro = match.group(1), match.group(2)
        expansion = re.sub(r"^(?:The|the|[0-9]+(?:st|nd|rd|th)?)\s+", "", expansion)
        if initials_match(acro, expansion):
            definitions.append((acro, expansion))
    for ent in pp.ents:
        start_tok, end_tok = _clean(pp, ent.start, ent.end)
        if start_tok >= end_tok:
            continue
        toks = pp.tokens[start_tok:end_tok]
        # "Shanghai Cooperation Organisation (SCO" -> expansion and acronym
        if "(" in (t.text for t in toks):
            cut = next(k for k, t in enumerate(toks) if t.text == "(")
            acro_toks = [t for t in toks[cut + 1 :] if t.text != ")"]
            toks = toks[:cut]
            if acro_toks:
                a = acro_toks[0]
                mentions.append((a.idx, a.end, a.text, "ORG" if ent.label != "GPE" else "GPE", 1, a.i, None, None))
            if not toks:
                continue
            start_tok, end_tok = toks[0].i, toks[-1].i + 1
        start_char, end_char = toks[0].idx, toks[-1].end
        if not any(ch.isupper() for t in toks for ch in t.text):
            continue  # "café" tagged PERSON: names are written with capitals
        label = ent.label
        if label == "ORG" and len(toks) == 1 and _title_fragment(pp, toks[0].i):
            continue
        if len(toks) == 1 and toks[0].tag in {"JJ", "JJR", "JJS"} and label in {"GPE", "ORG", "LOC"}:
            label = "NORP"  # "Ukrainian" tagged GPE
        role = role_span = None
        if label == "PERSON":
            found = _role_before(pp, start_tok) or _role_after(pp, end_tok - 1)
            if found:
                role = _role_text(pp.text[found[0] : found[1]])
                role_span = found
        mentions.append((start_char, end_char, pp.text[start_char:end_char], label, len(toks), start_tok, role, role_span))
    for raw in _gazetteer_mentions(0, 0, pp):
        mentions.append((raw.start, raw.end, raw.text, raw.label, raw.tokens, raw.first_tok, None, None))
    return tuple(definitions), tuple(mentions)


def _gazetteer_mentions(offset: int, p_index: int, pp: ParsedParagraph) -> list[_Raw]:
    """Well-known places the model did not tag at all ("“in Kyiv”")."""
    found = []
    toks = pp.tokens
    for t in toks:
        if t.ent_type or t.tag != "NNP" or not t.text[:1].isupper() or len(t.text) < 3:
            continue
        if any(0 <= j < len(toks) and toks[j].tag == "NNP" for j in (t.i - 1, t.i + 1)):
            continue  # part of a longer name
        place = gazetteer.lookup(t.text)
        if place is not None and place.prominent and plain(place.name) == plain(t.text) or (
            place is not None and place.population >= 1_000_000
        ):
            found.append(_Raw(offset + t.idx, offset + t.end, t.text, "GPE", p_index, 1, t.i))
    return found


def _propagate(article: Article, parsed: list[ParsedParagraph], mentions: list[_Raw], forms: dict[str, str]) -> list[_Raw]:
    """Find mentions the model missed: exact, capitalised repeats of a form already seen."""
    covered = [(m.start, m.end) for m in mentions]
    covered.sort()
    taken = set()
    for s, e in covered:
        taken.update(range(s, e))
    extra: list[_Raw] = []
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
            extra.append(_Raw(start, end, match.group(1), forms[match.group(1)], p_index, len(match.group(1).split()), -1))
    return extra


def _drop_role_fragments(mentions: list[_Raw]) -> list[_Raw]:
    """"Defence" in "Russian Defence Minister Sergei Shoigu" is part of a title, not an organisation."""
    spans = [m.role_span for m in mentions if m.role_span]
    if not spans:
        return mentions
    return [
        m for m in mentions
        if m.label in PLACE_LABELS or not any(s <= m.start and m.end <= e for s, e in spans)
    ]


def _implicit_acronyms(mentions: list[_Raw], acronyms: dict[str, str]) -> None:
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


class _Builder:
    def __init__(self) -> None:
        self.clusters: list[list[_Raw]] = []
        self.by_key: dict[str, int] = {}

    def add(self, key: str, mention: _Raw) -> None:
        idx = self.by_key.get(key)
        if idx is None:
            idx = len(self.clusters)
            self.clusters.append([])
            self.by_key[key] = idx
        self.clusters[idx].append(mention)


def _person_clusters(mentions: list[_Raw]) -> tuple[list[list[_Raw]], list[_Raw]]:
    """Full names first, then single names that match a full name's first or last part."""
    persons: list[list[_Raw]] = []
    rest: list[_Raw] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if m.label != "PERSON" or len(m.text.split()) < 2:
            rest.append(m)
            continue
        parts = m.text.split()
        home = next((c for c in persons if person_parts_compatible(c[0].text.split(), parts)), None)
        if home is None:
            persons.append([m])
        else:
            home.append(m)
    leftover: list[_Raw] = []
    for m in rest:
        if len(m.text.split()) != 1 or (m.label not in {"PERSON", "GPE", "ORG", "NORP"}):
            leftover.append(m)
            continue
        key = name_key(m.text)
        candidates = [c for c in persons if any(key in (name_key(x.text.split()[0]), name_key(x.text.split()[-1])) for x in c if len(x.text.split()) > 1)]
        place = _place(m.text)
        if candidates and not (m.label != "PERSON" and place is not None and place.prominent):
            before = [c for c in candidates if c[0].start <= m.start]
            (before[-1] if before else candidates[0]).append(m)
        else:
            leftover.append(m)
    return persons, leftover


def _place(text: str) -> gazetteer.Place | None:
    """A gazetteer place for a mention, unless the match is too weak to trust."""
    if ALLCAPS.match(text) and len(text.replace(".", "")) <= 4:
        return None  # "PRC" is an alternate name of a small US town
    place = gazetteer.lookup(text)
    if place is None:
        return None
    if place.prominent or plain(place.name) == plain(text):
        return place
    return None


def _cluster_key(m: _Raw, acronyms: dict[str, str]) -> str:
    text = acronyms.get(m.text, m.text)
    if m.label in PLACE_LABELS or m.label == "PERSON" and len(text.split()) == 1:
        place = _place(text)
        if place is not None and (m.label in PLACE_LABELS or place.prominent):
            return f"place:{place.geonameid}"
    return name_key(text)


def _label_of(members: list[_Raw], acronyms: dict[str, str]) -> tuple[str, gazetteer.Place | None]:
    votes = Counter(m.label for m in members)
    label = max(votes, key=lambda lab: (votes[lab], lab == "PERSON", -len(lab)))
    if any(len(m.text.split()) > 1 and m.label == "PERSON" for m in members):
        return "PERSON", None
    place = None
    for m in members:
        place = place or _place(acronyms.get(m.text, m.text))
    if place is not None:
        if label in PLACE_LABELS:
            return label, place
        if label in {"PERSON", "ORG", "NORP"} and place.prominent and all(len(m.text.split()) <= 3 for m in members):
            return "GPE", place
        return label, None
    if label == "GPE" and all(ALLCAPS.match(m.text) for m in members) and not any(m.text.replace(".", "") in _COUNTRY_CODES for m in members):
        return "ORG", None  # "MoD", "MIOS" tagged GPE
    return label, None


_COUNTRY_CODES = {"US", "USA", "UK", "UAE", "EU", "PRC", "DPRK", "ROK", "USSR", "GB"}


def _canonical(members: list[_Raw], label: str, acronyms: dict[str, str]) -> str:
    counts = Counter(m.text for m in members)
    first_seen = {}
    for m in members:
        first_seen.setdefault(m.text, m.start)
    expansions = [m.text for m in members if any(acronyms.get(a) == m.text for a in acronyms)]
    if expansions:
        return max(expansions, key=lambda t: (counts[t], -first_seen[t]))
    words = lambda t: len(t.split())  # noqa: E731
    if label == "PERSON":
        best_len = max(words(t) for t in counts)
        pool = [t for t in counts if words(t) == best_len]
    else:
        pool = list(counts)
    return max(pool, key=lambda t: (counts[t], -first_seen[t]))


def find_entities(article: Article, parsed: list[ParsedParagraph], labels: Iterable[str] | None = None) -> list[EntityCluster]:
    wanted = set(labels) if labels is not None else None
    mentions, acronyms = _raw_mentions(article, parsed)
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
    persons, rest = _person_clusters(mentions)
    builder = _Builder()
    for members in persons:
        key = "person:" + name_key(members[0].text)
        for m in members:
            builder.add(key, m)
    for m in sorted(rest, key=lambda m: m.start):
        builder.add(_cluster_key(m, acronyms), m)

    clusters: list[EntityCluster] = []
    used_ids: set[str] = set()
    for members in builder.clusters:
        members.sort(key=lambda m: m.start)
        label, place = _label_of(members, acronyms)
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

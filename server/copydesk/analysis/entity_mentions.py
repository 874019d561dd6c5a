"""Entity mentions in one paragraph: spaCy's entities cleaned, with titles and roles.

Per paragraph and relative to it, cached by parse, so an edit recomputes only the
paragraph it changed; ``entities`` places them in the article and clusters them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .. import gazetteer
from ..article import Article
from ..nlp import ParsedParagraph
from .entity_lists import list_items, score_line
from .entity_words import honorifics
from .entity_works import work_spans
from .lexicon import inverted_speech_verb
from .names import initials_match, plain
from .paragraph_cache import ParagraphCache

DETERMINERS = {"the", "a", "an", "The", "A", "An"}
CONNECTORS = {"of", "the", "for", "and", "on", "de", "'s", "’s", "-", "&"}
ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w’'-]*|[0-9]+(?:st|nd|rd|th)?)(?:\s+(?:(?:of|on|for|and|the|in|de|du|la|&)\s+)*[A-Z][\w’'-]*){1,9})"
    r"\s*\(\s*([A-Z][A-Za-z0-9&]*[A-Z0-9][A-Za-z0-9&]*)\s*\)"
)


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    raw = resources.files("copydesk.data").joinpath("titles.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


class RawMention:
    """A mention placed in the article, before clustering."""

    __slots__ = ("start", "end", "text", "label", "paragraph", "role", "role_span", "tokens", "first_tok", "evidence")

    def __init__(self, start, end, text, label, paragraph, tokens, first_tok, role=None, role_span=None, evidence=None):
        self.start, self.end, self.text, self.label = start, end, text, label
        self.paragraph, self.tokens, self.first_tok = paragraph, tokens, first_tok
        self.role, self.role_span = role, role_span
        # The rule that gave ``label`` (a team sheet, an honorific, a company suffix ...):
        # such a label outweighs the tagger's when a cluster's mentions vote.
        self.evidence = evidence


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
    if start_tok + 1 < end_tok and toks[start_tok].sent_start and inverted_speech_verb(toks[start_tok].text):
        start_tok += 1  # "Stated Stone:", "Added Smith:": the verb of a speaker label is not the name
    while end_tok > start_tok and (
        toks[end_tok - 1].tag == "POS"
        or toks[end_tok - 1].pos == "PUNCT" and toks[end_tok - 1].text not in {".", "&"}
        or not any(ch.isalnum() for ch in toks[end_tok - 1].text) and toks[end_tok - 1].text != "."
    ):
        end_tok -= 1
    while end_tok > start_tok and toks[end_tok - 1].text == "." and end_tok - 1 > start_tok and not toks[end_tok - 2].text.isupper():
        end_tok -= 1
    return start_tok, end_tok


PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}(?:s|es|'s|’s)$")
_SENTENCE_FULL_STOP = re.compile(r"[a-z]{2}\.$")
_ABBREVIATION = re.compile(r"\b(?:Inc|Ltd|Corp|Co|Jr|Sr|St|Bros|Mt|Ft|Ave|Rd|Gen|Col|Capt|Sgt|Lt|Mr|Mrs|Ms|Dr|Prof)\.$")
# Lower-case words that stay inside a name between capitalised words ("Bank of England",
# "Dogs without Borders"); "of" may also join two tagged names ("Government of Liberia").
INNER_WORDS = {"of", "for", "the", "without", "de", "du", "la", "le", "von", "van", "da", "del", "der", "y"}
TRAILING = {"of", "for", "the", "and", "&", "in", "on", "at", "to", "de"}
NOT_NAME_WORDS = {
    "I", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "June", "July", "August", "September", "October", "November", "December",
}
NUMERIC_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "NORP"}


def _capitalised(t) -> bool:
    return t.text[:1].isupper() and any(ch.isalpha() for ch in t.text) and t.text not in NOT_NAME_WORDS and t.tag != "POS"


def _title_case(pp: ParsedParagraph) -> bool:
    """A headline written in title case: its capitals say nothing about names."""
    words = [t for t in pp.tokens if t.text[:1].isalpha()]
    return len(words) >= 4 and sum(t.text[:1].isupper() for t in words) >= 0.75 * len(words)


SPLIT_WORDS = {",", ";", "or", "v", "vs", "vs.", "/"}
FIXTURE_WORDS = {"v", "vs", "vs."}


TITLE_LABELS = {"WORK_OF_ART", "LAW", "EVENT", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
# Lower-case words that belong inside names ("Bank of England", "Newcastle upon Tyne").
NAME_PARTICLES = {
    "of", "and", "for", "the", "de", "du", "la", "le", "van", "von", "der", "den", "da", "di", "del", "dos",
    "y", "on", "in", "at", "upon", "under", "al", "el", "bin", "ibn", "&",
}


def _lower_word(t) -> bool:
    return re.fullmatch(r"[a-z]+(?:-[a-z]+)*", t.text) is not None and t.text not in NAME_PARTICLES


def _pieces(pp: ParsedParagraph, label: str, s: int, e: int) -> list[list]:
    """One tagged span that names several things: "Chris Martin, Dido", "Brentford v
    Manchester United" (two teams), "Petrov and Juninho"; and a role the model took into a
    person's name: "Striker Novo", "Green MSP Mark Ballard"."""
    toks = pp.tokens
    cuts = SPLIT_WORDS | ({"and", "&"} if label == "PERSON" else set())
    if label in {"GPE", "LOC"}:
        cuts = cuts - {","}  # "Paris, Texas"
    owner = next((k for k in range(s + 1, e - 1) if toks[k].tag == "POS"), None) if label == "WORK_OF_ART" else None
    if owner is not None:
        # "U2's How to Dismantle a Bomb": the maker, then the title
        return [["ORG", s, owner, None], *_pieces(pp, label, owner + 1, e)]
    honorific = next((k for k in range(s + 1, e - 1) if toks[k].text.lower().rstrip(".") in honorifics()), None)
    if honorific is not None:
        s = honorific  # "Later Ms Quellwood": the name starts at its honorific
    if e < len(toks) and e - 1 > s and toks[e].text in {"-", "–"} and not toks[e - 1].ws and _lower_word(toks[e - 1]):
        e -= 1  # "Scottish Cup quarter" of "quarter-final": half a compound is not the name's
    if label not in TITLE_LABELS:
        while e - 1 > s and _lower_word(toks[e - 1]):
            e -= 1  # "Scottish Cup quarter(-final)": the lower-case words after a name are not it
        cuts = cuts | {toks[k].text for k in range(s + 1, e - 1) if _lower_word(toks[k])}  # "Riverside as Middlesbrough"
    pieces, start, fixture = [], s, False
    for k in range(s, e + 1):
        if k == e or toks[k].text in cuts:
            fixture = fixture or (k < e and toks[k].text in FIXTURE_WORDS)
            if start < k:
                pieces.append([label, start, k, None])
            start = k + 1
    if fixture:
        for piece in pieces:
            piece[0], piece[3] = "ORG", "fixture"
    if label == "PERSON":
        titles = title_words()
        for piece in pieces:
            a, b = piece[1], piece[2]
            role_end = max((k for k in range(a, b - 1) if toks[k].text.lower().rstrip(".") in titles or _spaced_dash(toks, k)), default=None)
            if role_end is not None and all(toks[k].text[:1].isupper() for k in range(role_end + 1, b)):
                piece[1] = role_end + 1
    return [p for p in pieces if p[1] < p[2]]


def _spaced_dash(toks, k: int) -> bool:
    """"MPs - Keith Vaz", not the hyphen of "Jean-Luc"."""
    return toks[k].text in {"-", "–", "—"} and bool(toks[k].ws) and k > 0 and bool(toks[k - 1].ws)


def _spans(pp: ParsedParagraph):
    """The model's entities, cleaned, each grown to the whole capitalised name it is part of:
    "James Dean" + Bradfield, HI + "Europe", "Talal" + "El Karkouri", "Federation" + for
    Global Biodiversity ..., so a fragment of a longer name is never a name of its own.
    Yields [label, first token, end token, evidence]."""
    toks = pp.tokens
    cleaned = []
    for ent in pp.ents:
        s, e = _clean(pp, ent.start, ent.end)
        while e > s and toks[e - 1].text in TRAILING:
            e -= 1
        if s < e:
            cleaned.extend(_pieces(pp, ent.label, s, e))
    if _title_case(pp):
        return cleaned
    owner = {}
    for k, (_, s, e, _) in enumerate(cleaned):
        for i in range(s, e):
            owner[i] = k
    titles = title_words()
    roles = titles | {"mr", "mrs", "ms", "dr", "sir"}

    def joinable(i: int, left_label: str) -> bool:
        t = toks[i]
        if i in owner:
            other = cleaned[owner[i]][0]
            return other not in NUMERIC_LABELS and not (other == "PERSON" and left_label == "PERSON")
        if left_label == "PERSON" and _prominent_place(t.text):
            return False  # "China" before "Dong Jun" is the country in a title, not a first name
        return _capitalised(t) and t.tag in {"NNP", "NNPS"} and t.text.lower().rstrip(".") not in roles and not t.sent_start

    merged: list[list] = []
    for label, s, e, evidence in cleaned:
        if label in NUMERIC_LABELS or evidence:
            merged.append([label, s, e, evidence])
            continue
        sent_s, sent_e = pp.sentence_of(s)
        if merged and merged[-1][2] > s:
            continue  # swallowed by the name before it
        while e < sent_e:  # rightwards
            if e + 1 < sent_e and e not in owner and toks[e + 1].text.lower() in titles:
                break  # "UK Foreign Secretary": "Foreign" begins a title, not the name
            if e in owner and cleaned[owner[e]][0] == "PERSON" and e - s > 1 and owner_end(cleaned, owner, e) - e > 1:
                break  # "the Minister of Trade ... Wen Hao": two names; "Talal" + "El Karkouri" is one
            if joinable(e, label):
                e = owner_end(cleaned, owner, e) if e in owner else e + 1
            elif (
                toks[e].text in INNER_WORDS and e + 1 < sent_e and joinable(e + 1, label)
                and (e + 1 not in owner or toks[e].text == "of" and label != "PERSON")
                and toks[e - 1].text[:1].isupper()
            ):
                e = owner_end(cleaned, owner, e + 1) if e + 1 in owner else e + 2
            else:
                break
        while s > sent_s:  # leftwards, never onto a sentence's first word unless it is a letter or an acronym
            if s - 1 not in owner and label != "PERSON" and toks[s - 1].text.lower().rstrip(".") not in roles and (
                joinable(s - 1, label) or _initial_or_acronym(toks[s - 1])
            ):  # not before a person: "Beatle George Harrison", "Minister of Defense Li Shangfu"
                s -= 1
            elif label != "PERSON" and s - 2 > sent_s and toks[s - 1].text in INNER_WORDS - {"the"} and s - 2 not in owner and joinable(s - 2, label):
                s -= 2
            elif toks[s - 1].text == "The" and s - 2 >= sent_s and toks[s - 2].text.isalpha():
                s -= 1  # "and The Zutons": a capital The mid-sentence belongs to the name
                break
            else:
                break
        while merged and merged[-1][0] not in NUMERIC_LABELS and not merged[-1][3] and merged[-1][2] > s:
            merged.pop()  # the earlier fragment is inside this name now
        merged.append([label, s, e, None])
    return merged


def _prominent_place(text: str) -> bool:
    place = gazetteer.lookup(text)
    return place is not None and place.prominent


def _initial_or_acronym(t) -> bool:
    """"Q" of Q Magazine, "HI" of HI Europe: a name's first word even at a sentence's start."""
    return t.tag == "NNP" and t.text not in {"A", "I"} and (len(t.text) == 1 and t.text.isupper() or 2 <= len(t.text) <= 4 and t.text.isupper())


def owner_end(cleaned: list, owner: dict, i: int) -> int:
    return cleaned[owner[i]][2]


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


# A team sheet lists a whole side: with one in the article, shorter lists ("Brebner.",
# "Blanchard, McGuire.") are the bookings and unused substitutes of the same report.
TEAM_SHEET_ITEMS = 6


def raw_mentions(article: Article, parsed: list[ParsedParagraph]) -> tuple[list[RawMention], dict[str, str]]:
    mentions: list[RawMention] = []
    acronyms: dict[str, str] = {}  # acronym -> expansion
    found_all = []
    for pp in parsed:
        found = _MENTIONS_CACHE.get(pp)
        if found is None:
            found = _paragraph_mentions(pp)
            _MENTIONS_CACHE.put(pp, found)
        found_all.append(found)
    has_team_sheet = any(n >= TEAM_SHEET_ITEMS for _, _, (_, n), _ in found_all)
    for p_index, (para, pp, found) in enumerate(zip(article.paragraphs, parsed, found_all)):
        definitions, records, (items, n_items), teams = found
        for acro, expansion in definitions:
            acronyms.setdefault(acro, expansion)
        base = para.start
        if has_team_sheet and n_items:
            for start, end, text, label, _ in items:
                mentions.append(RawMention(base + start, base + end, text, label, p_index, len(text.split()), -1, evidence="list"))
            continue
        for start, end, text, label, _ in teams:
            mentions.append(RawMention(base + start, base + end, text, label, p_index, len(text.split()), -1, evidence="score"))
        for start, end, text, label, n_tokens, first_tok, role, role_span, evidence in records:
            if any(s < end and start < e for s, e, *_ in teams):
                continue
            if role_span is not None:
                role_span = (base + role_span[0], base + role_span[1])
            mentions.append(RawMention(base + start, base + end, text, label, p_index, n_tokens, first_tok, role, role_span, evidence))
    return mentions, acronyms


def _paragraph_mentions(pp: ParsedParagraph) -> tuple:
    """One paragraph's acronym definitions, raw mentions, team-sheet items and score-line teams,
    offsets relative to the paragraph (records: start, end, text, label, token count, first
    token, role, role span)."""
    definitions: list[tuple[str, str]] = []
    mentions: list[tuple] = []
    for match in ACRONYM_DEF.finditer(pp.text):
        expansion, acro = match.group(1), match.group(2)
        expansion = re.sub(r"^(?:The|the|[0-9]+(?:st|nd|rd|th)?)\s+", "", expansion)
        if initials_match(acro, expansion):
            definitions.append((acro, expansion))
    for ent_label, start_tok, end_tok, evidence in _spans(pp):
        toks = pp.tokens[start_tok:end_tok]
        # "Shanghai Cooperation Organisation (SCO" -> expansion and acronym
        if "(" in (t.text for t in toks):
            cut = next(k for k, t in enumerate(toks) if t.text == "(")
            acro_toks = [t for t in toks[cut + 1 :] if t.text != ")"]
            toks = toks[:cut]
            if acro_toks:
                a = acro_toks[0]
                mentions.append((a.idx, a.end, a.text, "ORG" if ent_label != "GPE" else "GPE", 1, a.i, None, None, None))
            if not toks:
                continue
            start_tok, end_tok = toks[0].i, toks[-1].i + 1
        start_char, end_char = toks[0].idx, toks[-1].end
        if not any(ch.isupper() for t in toks for ch in t.text):
            continue  # "café" tagged PERSON: names are written with capitals
        if len(toks) == 1 and PLURAL_ACRONYM.match(toks[0].text):
            continue  # "SMSes", "PCs": a plural is a common noun
        if _SENTENCE_FULL_STOP.search(pp.text[start_char:end_char]) and not _ABBREVIATION.search(pp.text[start_char:end_char]):
            end_char -= 1  # "Norbert Ore." at the end of a sentence: the stop is not the name's
        label = ent_label
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
        mentions.append((start_char, end_char, pp.text[start_char:end_char], label, len(toks), start_tok, role, role_span, evidence))
    for raw in _gazetteer_mentions(0, 0, pp):
        mentions.append((raw.start, raw.end, raw.text, raw.label, raw.tokens, raw.first_tok, None, None, None))
    mentions = _with_works(pp, mentions)
    items, n_items = list_items(pp.text)
    return tuple(definitions), tuple(mentions), (tuple(items), n_items), tuple(score_line(pp.text))


def _with_works(pp: ParsedParagraph, mentions: list[tuple]) -> list[tuple]:
    """Titles of works replace the names the model found inside them ("Atomic Bomb")."""
    person_tokens = {i for e in pp.ents if e.label == "PERSON" for i in range(e.start, e.end)}
    place_tokens = {i for e in pp.ents if e.label in {"GPE", "LOC"} for i in range(e.start, e.end)}
    spans = work_spans(pp, person_tokens, place_tokens)
    if not spans:
        return mentions
    toks = pp.tokens
    works = [(toks[s].idx, toks[e - 1].end) for s, e in spans]
    kept = [m for m in mentions if not any(a < m[1] and m[0] < b for a, b in works)]
    for (a, b), (s, e) in zip(works, spans):
        kept.append((a, b, pp.text[a:b], "WORK_OF_ART", e - s, s, None, None, "work"))
    return kept


def _gazetteer_mentions(offset: int, p_index: int, pp: ParsedParagraph) -> list[RawMention]:
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
            found.append(RawMention(offset + t.idx, offset + t.end, t.text, "GPE", p_index, 1, t.i))
    return found

"""Who said what inside one paragraph, from the dependency parse and the cue lexicon.

Everything here is paragraph-relative and depends only on the paragraph text, so the
result is cached by that text; the document-level step (carry-over, pronoun resolution,
findings) lives in attribution.py.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import replace
from threading import Lock

from ..nlp import ParsedParagraph, Token
from .attribution_records import ParagraphAttributions, RawAttribution, Range, SentenceInfo, VagueSource
from .attribution_tree import (
    PERSONAL,
    NAME_LABELS,
    THING_SOURCE_VERBS,
    ISSUING_VERBS,
    EXPLETIVE_IT,
    ADDRESSEE_VERBS,
    WEAK_WITH_THINGS,
    CLAUSE,
    GAP,
    CUE_TAIL,
    MAX_CUE_GAP,
    Tree,
    subject_of,
    source_range,
    source_type,
    kind_of,
    hull,
)
from .attribution_frames import HEARSAY_ADVERBS, adjective_attribution, asked_participle, colon_quote_attributions, hearsay_attribution, passive_attribution
from .claims import sentence_info
from .lexicon import Cue, Lexicon, lexicon
from .quotes import Quote, find_quotes, quote_only


# Verbs that report words even when the parse finds no complement for them ("as Mr. Sykes
# said, ...", "wouldn't say when ..."); weaker speech verbs ("spoke at", "went on") do not.
BARE_REPORTING = {
    "say", "tell", "add", "write", "state", "claim", "explain", "argue", "insist", "note",
    "tweet", "reply", "declare", "acknowledge", "admit", "assert", "recall", "concede",
    "predict", "suggest", "announce", "confirm", "deny", "warn", "complain", "joke", "observe",
    "remark", "retort", "quip", "allege", "contend", "maintain", "stress", "emphasize",
    "reiterate", "vow", "promise", "pledge", "boast", "testify", "mention", "report",
}

_CACHE: OrderedDict[str, ParagraphAttributions] = OrderedDict()
_CACHE_LOCK = Lock()
_CACHE_SIZE = 20000


def extract_paragraph(pp: ParsedParagraph) -> ParagraphAttributions:
    """Attributions, quotations and sentence facts of one parsed paragraph (cached by text)."""
    with _CACHE_LOCK:
        hit = _CACHE.get(pp.text)
        if hit is not None:
            _CACHE.move_to_end(pp.text)
            return hit
    result = _extract(pp, lexicon())
    with _CACHE_LOCK:
        _CACHE[pp.text] = result
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return result


def _extract(pp: ParsedParagraph, lex: Lexicon) -> ParagraphAttributions:
    text = pp.text
    quotes = find_quotes(text)
    if not pp.tokens:
        return ParagraphAttributions(tuple(quotes), (), (), (), False, False)
    tree = Tree(pp)
    sentences = tuple(sentence_info(pp, s, e, quotes, lex) for s, e in pp.sents)
    attrs: list[RawAttribution] = []
    for si, (s, e) in enumerate(pp.sents):
        attrs.extend(_sentence_attributions(tree, si, s, e, quotes, lex))
    colon = _colon_attribution(tree, quotes)
    if colon is not None and not any(a.cue is not None and a.cue[0] <= colon.cue[0] for a in attrs):
        attrs.append(colon)
    attrs.extend(colon_quote_attributions(tree, quotes, attrs, lex))
    attrs = _join_quote_groups(sentences, quotes, _drop_embedded(attrs), text)
    vague = _vague_sources(pp, sentences, attrs, lex)
    boiler = bool(sentences) and all(s.boilerplate for s in sentences)
    return ParagraphAttributions(tuple(quotes), sentences, tuple(attrs), tuple(vague), quote_only(text, quotes), boiler)


def _in_quote(quotes: list[Quote], offset: int) -> Quote | None:
    for q in quotes:
        if q.start < offset < q.end - (1 if q.closed else 0):
            return q
    return None


def _lemma(t: Token) -> str:
    lemma = t.lemma.lower()
    if lemma == "hop" and t.text.lower().startswith(("hope", "hoping")):
        return "hope"  # the small model lemmatises "hoping" as "hop"
    return lemma


def _sentence_attributions(
    tree: Tree, si: int, s: int, e: int, quotes: list[Quote], lex: Lexicon
) -> list[RawAttribution]:
    toks = tree.toks
    out: list[RawAttribution] = []
    used_cues: set[int] = set()
    for t in toks[s:e]:
        if t.i in used_cues:
            continue
        low = t.text.lower()
        if low == "according" and t.i + 1 < e and toks[t.i + 1].text.lower() == "to":
            found = _according_to(tree, si, s, e, t, quotes)
            if found:
                out.append(found)
                used_cues.update((t.i, t.i + 1))
            continue
        lemma = _lemma(t)
        if t.pos == "VERB" and lemma == "make" and _makes_clear(tree, t):
            found = _verb_attribution(tree, si, s, e, t, MAKE_CLEAR, quotes, lex)
            if found:
                out.append(found)
                used_cues.add(t.i)
            continue
        if t.pos == "VERB" and lemma in lex.verbs:
            found = _verb_attribution(tree, si, s, e, t, lex.verbs[lemma], quotes, lex)
            if found is None or found.source is None:
                found = passive_attribution(tree, si, t, quotes) or asked_participle(tree, si, t, quotes) or found
            if found:
                out.append(found)
                used_cues.add(t.i)
            continue
        if t.pos == "ADV" and low in HEARSAY_ADVERBS:
            found = hearsay_attribution(tree, si, t, quotes)
            if found:
                out.append(found)
            continue
        if t.pos == "ADJ" and t.lemma.lower() in lex.adjectives:
            found = adjective_attribution(tree, si, t, lex.adjectives[t.lemma.lower()], quotes, lex)
            if found:
                out.append(found)
                used_cues.add(t.i)
            continue
        if t.pos == "NOUN" and t.lemma.lower() in lex.nouns:
            found = _noun_attribution(tree, si, s, e, t, lex.nouns[t.lemma.lower()], quotes, lex)
            if found:
                out.append(found)
    for t in toks[s:e]:
        found = _in_document(tree, si, s, e, t, quotes, lex, out)
        if found:
            out.append(found)
    return out



MAKE_CLEAR = Cue(frozenset({"speech"}), frozenset())
# Findings that speak through a poll or study: "In a CBS News poll, Mr. Cruz had a lead".
EVIDENCE_HOLDERS = {
    "poll", "survey", "study", "report", "analysis", "census", "audit", "review", "tally",
    "estimate", "ranking", "projection", "forecast", "statement", "interview", "memo", "letter",
    "filing", "complaint", "lawsuit", "indictment", "ruling", "op-ed", "editorial", "column",
    "post", "tweet", "speech", "testimony", "affidavit", "document", "documents", "email",
}


def _makes_clear(tree: Tree, v: Token) -> bool:
    """'made clear that ...', 'made it clear that ...', 'made the case that ...'."""
    toks = tree.toks
    for c in tree.kids[v.i]:
        ct = toks[c]
        low = ct.lemma.lower()
        if low in ("clear", "plain", "known") and ct.dep in ("oprd", "ccomp", "xcomp", "acomp", "dobj", "advmod"):
            return True
        if ct.dep == "dobj" and low == "case":
            return True
    return False


def _in_document(
    tree: Tree, si: int, s: int, e: int, t: Token, quotes: list[Quote], lex: Lexicon, found: list[RawAttribution]
) -> RawAttribution | None:
    """'In a Washington Post-ABC News poll released Sunday, 75 percent said ...': the poll speaks."""
    toks = tree.toks
    text = tree.pp.text
    if t.text.lower() != "in" or t.dep != "prep":
        return None
    obj = tree.child(t.i, {"pobj"})
    if obj is None or obj.lemma.lower() not in EVIDENCE_HOLDERS or obj.pos != "NOUN":
        return None
    if any(toks[c].dep == "poss" for c in tree.kids[obj.i]):
        return None  # "in his statement": the owner speaks, with or without a verb
    head = toks[t.head]
    if head.pos not in ("VERB", "AUX") or not (s <= head.i < e):
        return None
    if any(a.cue is not None and a.cue[0] <= head.idx < a.cue[1] for a in found):
        return None  # "said in a statement": the verb is the cue
    if obj.lemma.lower() in ("statement", "interview", "speech", "testimony", "letter", "email", "memo", "tweet", "post") and subject_of(tree, head.i) is not None:
        return None  # "In an interview, he joked ...": the speaker and the verb carry it
    c_lo, c_hi = tree.lo[head.i], tree.hi[head.i]
    p_lo, p_hi = tree.lo[t.i], tree.hi[t.i]
    if p_lo <= c_lo + 1:
        content = tree.span(p_hi + 1, c_hi)
    else:
        content = tree.span(c_lo, p_lo - 1)
    if len(text[content[0]:content[1]].split()) < 3:
        return None
    src = source_range(tree, obj)
    return RawAttribution(content, "according-to", src, (t.idx, t.end), "according-to", "document", obj.lemma.lower(),
                          obj.ent_type, si, nested=_in_quote(quotes, t.idx) is not None, source_words=_words(text, src))


def _clause_content(tree: Tree, v: Token, cue: Cue) -> Range | None:
    toks = tree.toks
    cls = cue.classes
    kids = [toks[c] for c in tree.kids[v.i]]
    for k in kids:
        if k.dep in CLAUSE:
            return tree.subtree(k.i)
    if v.dep == "parataxis" and v.head != v.i:
        head = toks[v.head]
        lo, hi = tree.lo[head.i], tree.hi[head.i]
        if tree.lo[v.i] <= lo + 1:
            lo = tree.hi[v.i] + 1
        if tree.hi[v.i] >= hi - 1:
            hi = tree.lo[v.i] - 1
        if hi > lo:
            return tree.span(lo, hi)
    if cls & {"intention", "directive", "belief"} or v.lemma.lower() in ("promise", "vow", "pledge", "threaten", "refuse", "decline", "agree", "offer"):
        for k in kids:
            if k.dep == "xcomp":
                return tree.subtree(k.i)
    for k in kids:
        if k.dep == "prep" and k.text.lower() in cue.preps:
            obj = tree.child(k.i, {"pobj", "pcomp"})
            if obj is not None:
                return tree.subtree(k.i)
    if True:
        for k in kids:
            if k.dep == "dobj":
                personal = k.ent_type == "PERSON" or (k.pos == "PRON" and k.text.lower() in PERSONAL)
                oprd = tree.child(v.i, {"oprd"})
                if oprd is not None:  # 'called her "third-rate"'
                    return hull(tree.subtree(k.i), tree.subtree(oprd.i))
                if v.lemma.lower() in ADDRESSEE_VERBS and (personal or k.ent_type in NAME_LABELS or k.lemma.lower() in ("reporter", "audience", "meeting", "crowd", "supporter", "journalist")):
                    continue  # the addressee, not the content
                if personal and "stance" not in cls:
                    continue
                if k.pos == "PRON" and k.text.lower() in ("that", "which", "what") and v.dep == "relcl":
                    head = toks[v.head]  # "an allegation that Kyiv has denied": the allegation
                    return tree.span(tree.lo[head.i], max(tree.lo[head.i], tree.lo[v.i] - 1))
                if "stance" not in cls and k.pos == "PRON":
                    continue
                rng = tree.subtree(k.i)
                for k2 in kids:  # "accused X of trying ..."
                    if k2.dep == "prep" and k2.i > k.i and k2.text.lower() in cue.preps:
                        rng = hull(rng, tree.subtree(k2.i))
                return rng
    return None


def _adjacent_quote(text: str, quotes: list[Quote], clause: Range, s_char: int, e_char: int) -> Quote | None:
    """A quotation right before or right after the cue clause ('"...," he said' / 'he said: "..."')."""
    best = None
    for q in quotes:
        if q.end <= clause[0] + 1 and q.end >= s_char - 2:
            if GAP.match(text[q.end:clause[0]]):
                best = q
        elif q.start >= clause[1] - 1 and q.start - clause[1] <= MAX_CUE_GAP:
            gap = text[clause[1]:q.start]
            colon = gap.rstrip().endswith(":") and len(gap) <= 80 and not re.search(r"[.!?\"“”]", gap)
            if colon or (CUE_TAIL.match(gap) and ":" in gap + ("," if q.start < e_char else "")):
                return best or q  # 'he told the BBC News website: "..."' 
    return best


def _verb_attribution(
    tree: Tree, si: int, s: int, e: int, v: Token, cue: Cue, quotes: list[Quote], lex: Lexicon
) -> RawAttribution | None:
    pp = tree.pp
    text = pp.text
    toks = tree.toks
    s_char, e_char = toks[s].idx, toks[e - 1].end
    subj = subject_of(tree, v.i)
    if subj is not None and subj.text.lower() in ("who", "which", "that") and v.dep == "relcl":
        subj = toks[v.head]  # "the Minister who underscored ...": the antecedent speaks
    stype = source_type(tree, subj, lex) if subj is not None else "none"
    lemma = _lemma(v)
    cls = cue.classes
    if subj is not None and subj.pos == "PRON" and subj.text.lower() == "it" and (
        lemma in EXPLETIVE_IT or not cls & {"speech", "evidence", "stance"}
    ):
        return None  # "it seems", "it means": no one is speaking
    if stype == "other" and lemma not in THING_SOURCE_VERBS and (
        not cls & {"speech", "belief", "intention", "directive"} or lemma in WEAK_WITH_THINGS
    ):
        return None
    if stype == "document" and not (cls & {"speech", "evidence"}):
        return None
    if stype == "none" and not any(toks[c].dep in ("nsubjpass", "auxpass") for c in tree.kids[v.i]):
        if v.dep not in ("advcl", "xcomp", "acl", "conj", "ccomp", "relcl", "pcomp") and v.dep != "ROOT":
            return None
    inherited = subj is not None and subj.head != v.i and not any(
        toks[c].dep == "agent" for c in tree.kids[v.i]
    )
    infinitive = v.tag == "VB" and any(toks[c].dep == "aux" and toks[c].text.lower() == "to" for c in tree.kids[v.i])
    if inherited and infinitive and not any(toks[c].dep == "ccomp" for c in tree.kids[v.i]):
        return None  # "went to see", "a bill to ban": an aim, not a report
    if inherited and (stype == "other" or ("stance" in cls and not cls & {"speech", "belief"} and v.tag == "VB")):
        return None  # "an attempt to find ...", "weapons to attack ...": not someone speaking
    source = source_range(tree, subj) if subj is not None else None
    content = _clause_content(tree, v, cue)
    if subj is None and content is not None and not any(
        toks[c].dep in ("ccomp", "xcomp") for c in tree.kids[v.i]
    ) and v.dep != "parataxis":
        content = None  # "must be regarded as ...": a passive with no speaker and no reported clause
    cue_rng = _cue_range(tree, v)
    clause = cue_rng if source is None else hull(cue_rng, source)
    adj = _adjacent_quote(text, quotes, clause, s_char, e_char)
    if content is not None:
        touching = [q for q in quotes if q.start < content[1] and content[0] < q.end and not q.contains(v.idx)]
        for q in touching:
            content = hull(content, (q.start, q.end))
    elif adj is not None and not adj.contains(v.idx):
        content = (adj.start, adj.end)
    else:  # 'branded "deeply irresponsible" by the Liberal Democrats': a quotation among the verb's dependents
        own = [q for q in quotes if tree.toks[tree.lo[v.i]].idx <= q.start and q.end <= tree.toks[tree.hi[v.i]].end
               and not q.contains(v.idx) and not (source and source[0] <= q.start < source[1])]
        if own:
            content = (own[0].start, own[-1].end)
    if content is None and lemma in BARE_REPORTING and source is not None:
        content = _rest_of_clause(tree, v, clause, s, e)
    if content is None:
        if text[cue_rng[1]:].strip() in (":", "") and text[cue_rng[1]:].strip() == ":" and cls & {"speech"}:
            return RawAttribution(cue_rng, "direct", source, cue_rng, "speech", stype,
                                  subj.text.lower() if subj else "", subj.ent_type if subj else "", si,
                                  open_colon=True, source_words=_words(text, source))
        return None
    # a quotation split around its cue: '"...," he said, "..."'
    if adj is not None and content[1] <= clause[0]:
        # Only quotes starting within 40 characters can count (quotes are in text order), so the
        # gap is never the rest of a long paragraph: that made one 200,000-character line take hours.
        after = [q for q in quotes if 0 <= q.start - clause[1] < 40 and GAP.match(_strip_tail(text[clause[1]:q.start]))]
        if after and after[0].start - clause[1] < 40:
            content = hull(content, (after[0].start, after[0].end))
    if content[1] - content[0] < 2:
        return None
    nested = _in_quote(quotes, v.idx) is not None
    kind = kind_of(text, content, quotes, cue_rng)
    cls_name = next((c for c in ("speech", "evidence", "belief", "intention", "directive", "stance") if c in cls), "speech")
    return RawAttribution(
        content, kind, source, cue_rng, cls_name, stype,
        subj.text.lower() if subj is not None else "", subj.ent_type if subj is not None else "",
        si, nested=nested, vague=stype == "vague", source_words=_words(text, source),
    )


def _rest_of_clause(tree: Tree, v: Token, clause: Range, s: int, e: int) -> Range | None:
    """What a speech verb reports when the parse gives it no complement.

    '"...," said the company's chief executive' parsed as a fragment, 'as Mr. Sykes said, ...',
    'declined to say when ...': the words after the cue up to the sentence end, or else the
    words before the source.
    """
    toks = tree.toks
    text = tree.pp.text
    s_char, e_char = toks[s].idx, toks[e - 1].end
    after = _trim(text, (clause[1], e_char))
    before = _trim(text, (s_char, clause[0]))
    ancestors = [a for a in _ancestors(tree, v.i) if s <= a < e]
    if any(_lemma(toks[a]) in BARE_REPORTING for a in ancestors):
        return None  # 'X, writing for the majority, said ...': the governing verb reports
    # 'Trump later said he was joking', 'Cook said X, but did not say when': when the verb hangs
    # below an earlier word, the words before it are the governing clause, not what it reports.
    governed = any(a < v.i for a in ancestors)
    for rng in ((after,) if governed else (after, before)):
        words = text[rng[0]:rng[1]].split()
        if len([w for w in words if any(ch.isalpha() for ch in w)]) >= 2:
            return rng
    return None


def _ancestors(tree: Tree, i: int) -> list[int]:
    out: list[int] = []
    toks = tree.toks
    while toks[i].head != i and len(out) < 50:
        i = toks[i].head
        out.append(i)
    return out


def _strip_tail(gap: str) -> str:
    return re.sub(r"\b(?:on|in|at|last|this|late|early)?\s*\w+day\b|\badding\b|\bcontinuing\b", "", gap)


def _cue_range(tree: Tree, v: Token) -> Range:
    """The verb with its auxiliaries and particle ("has said", "pointed out")."""
    toks = tree.toks
    lo = hi = v.i
    for c in tree.kids[v.i]:
        ct = toks[c]
        if ct.dep in ("aux", "auxpass", "neg") and c < v.i and v.i - c <= 3:
            lo = min(lo, c)
        if ct.dep == "prt" and c > v.i and c - v.i <= 2:
            hi = max(hi, c)
    return toks[lo].idx, toks[hi].end


def _words(text: str, rng: Range | None) -> tuple[str, ...]:
    if rng is None:
        return ()
    return tuple(w.lower() for w in re.findall(r"[\w.-]+", text[rng[0]:rng[1]]))


def _according_to(tree: Tree, si: int, s: int, e: int, t: Token, quotes: list[Quote]) -> RawAttribution | None:
    toks = tree.toks
    text = tree.pp.text
    to = toks[t.i + 1]
    obj = tree.child(to.i, {"pobj"}) or tree.child(t.i, {"pobj"})
    if obj is None:
        return None
    src = source_range(tree, obj)
    phrase_lo = t.i
    phrase_hi = max(tree.hi[obj.i], to.i)
    s_char, e_char = tree.span(s, e - 1)
    before = (s_char, toks[phrase_lo].idx)
    after = (toks[phrase_hi].end, e_char)
    content = before if len(text[before[0]:before[1]].strip(" ,;:—–-")) >= len(text[after[0]:after[1]].strip(" ,;:—–-.")) else after
    if len(text[content[0]:content[1]].strip(" ,;:—–-.")) < 3:
        return None
    for q in quotes:
        if q.start < content[1] and content[0] < q.end:
            content = hull(content, (q.start, q.end))
    content = _trim(text, content)
    lex = lexicon()
    stype = source_type(tree, obj, lex)
    cue = (t.idx, to.end)
    return RawAttribution(content, "according-to", src, cue, "according-to", stype, obj.text.lower(), obj.ent_type,
                          si, nested=_in_quote(quotes, t.idx) is not None, vague=stype == "vague",
                          source_words=_words(text, src))


def _trim(text: str, rng: Range) -> Range:
    s, e = rng
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    return s, e


def _noun_attribution(
    tree: Tree, si: int, s: int, e: int, n: Token, cue: Cue, quotes: list[Quote], lex: Lexicon
) -> RawAttribution | None:
    toks = tree.toks
    text = tree.pp.text
    src_tok = None
    for c in tree.kids[n.i]:
        ct = toks[c]
        if ct.dep == "poss" and (ct.pos in ("PROPN", "PRON") or ct.ent_type in NAME_LABELS or ct.lemma.lower() in lex.source_nouns):
            src_tok = ct
        elif ct.dep == "prep" and ct.text.lower() in ("by", "from"):
            obj = tree.child(ct.i, {"pobj"})
            if obj is not None and (obj.pos == "PROPN" or obj.ent_type in NAME_LABELS or obj.lemma.lower() in lex.source_nouns):
                src_tok = obj
    if src_tok is None and n.dep == "dobj" and toks[n.head].lemma.lower() in ISSUING_VERBS:
        src_tok = subject_of(tree, n.head)  # "It issued a statement that ..."
        if src_tok is not None and src_tok.pos == "PRON" and src_tok.text.lower() in ("who", "which", "that"):
            src_tok = None
    if src_tok is None:
        return None
    content = None
    for c in tree.kids[n.i]:
        ct = toks[c]
        if ct.dep in ("acl", "ccomp", "relcl") and any(toks[g].dep == "mark" and toks[g].text.lower() == "that" for g in tree.kids[c]):
            content = tree.subtree(c)
        elif ct.dep == "prep" and ct.text.lower() in cue.preps and content is None:
            content = tree.subtree(c)
    if content is None:
        return None
    for q in quotes:
        if q.start < content[1] and content[0] < q.end:
            content = hull(content, (q.start, q.end))
    stype = source_type(tree, src_tok, lex)
    src = source_range(tree, src_tok) if src_tok.dep != "poss" else (src_tok.idx, src_tok.end)
    return RawAttribution(content, "according-to", src, (n.idx, n.end), "noun", stype, src_tok.text.lower(),
                          src_tok.ent_type, si, nested=_in_quote(quotes, n.idx) is not None,
                          vague=stype == "vague", source_words=_words(text, src))


def _colon_attribution(tree: Tree, quotes: list[Quote]) -> RawAttribution | None:
    """A paragraph that opens with a speaker label: "Trump: the wall will be built",
    "NY Daily News: ...", a transcript's "TAPPER: And obviously ..." or "Q: ..."."""
    toks = tree.toks
    n = len(toks)
    for j in range(1, min(n - 2, 7)):
        if toks[j].text != ":":
            continue
        head = [t for t in toks[:j] if t.pos != "SPACE"]
        if not head:
            return None
        label = "".join(t.text for t in head)
        if not (label.isupper() or all(
            t.pos == "PROPN" or t.ent_type in NAME_LABELS or (t.text[:1].isupper() and t.pos != "VERB") or t.text in ("-", "’s", "'s", ".")
            for t in head
        )):
            return None
        text = tree.pp.text
        content = _trim(text, (toks[j + 1].idx, toks[-1].end))
        if len(text[content[0]:content[1]].split()) < 2:
            return None
        src = (head[0].idx, head[-1].end)
        si = next((k for k, (a, b) in enumerate(tree.pp.sents) if a <= j < b), 0)
        return RawAttribution(content, kind_of(text, content, quotes, None), src, (toks[j].idx, toks[j].end),
                              "colon", "name", head[-1].text.lower(), head[-1].ent_type, si,
                              source_words=_words(text, src))
    return None


def _vague_sources(
    pp: ParsedParagraph, sentences: tuple[SentenceInfo, ...], attrs: list[RawAttribution], lex: Lexicon
) -> list[VagueSource]:
    out: list[VagueSource] = []
    taken: list[Range] = []
    for a in attrs:
        if a.vague and a.source is not None and not a.nested and a.cue_class in ("speech", "belief", "evidence", "according-to"):
            out.append(VagueSource(a.source[0], a.source[1], pp.text[a.source[0]:a.source[1]], a.sentence))
            taken.append(a.source)
    for si, sent in enumerate(sentences):
        chunk = pp.text[sent.start:sent.end]
        for rx in lex.vague_phrases:
            for m in rx.finditer(chunk):
                s, e = sent.start + m.start(), sent.start + m.end()
                if any(a < e and s < b for a, b in taken):
                    continue
                taken.append((s, e))
                out.append(VagueSource(s, e, pp.text[s:e], si))
    out.sort(key=lambda v: v.start)
    return out


def _join_quote_groups(
    sentences: tuple[SentenceInfo, ...], quotes: list[Quote], attrs: list[RawAttribution], text: str
) -> list[RawAttribution]:
    """One speaker for several quotations linked across sentences.

    '"A" ... where "B. C," Shoigu said.' -- the parser splits inside the quotation, so the
    cue's sentence sees only part of it; sentences joined by a quotation form one group and
    a lone quoting attribution in the group gets every quotation of the group.
    """
    if not quotes or not attrs:
        return attrs
    group = list(range(len(sentences)))

    def find(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    for q in quotes:
        hit = [i for i, st in enumerate(sentences) if st.start < q.end and q.start < st.end]
        for a, b in zip(hit, hit[1:]):
            group[find(b)] = find(a)
    out = list(attrs)
    by_group: dict[int, list[int]] = {}
    for k, a in enumerate(attrs):
        if not a.nested and a.kind in ("direct", "mixed") and a.source is not None:
            by_group.setdefault(find(a.sentence), []).append(k)
    for g, ks in by_group.items():
        if len(ks) != 1:
            continue
        k = ks[0]
        a = attrs[k]
        members = [i for i in range(len(sentences)) if find(i) == g]
        lo, hi = sentences[members[0]].start, sentences[members[-1]].end
        others = [b.content for j, b in enumerate(attrs) if j != k and not b.nested]
        content = a.content
        for q in quotes:
            if lo <= q.start < hi and not any(s0 < q.end and q.start < e0 for s0, e0 in others):
                content = hull(content, (q.start, q.end))
        if content != a.content:
            out[k] = replace(a, content=content, kind=kind_of(text, content, quotes, a.cue))
    return out


def _drop_embedded(attrs: list[RawAttribution]) -> list[RawAttribution]:
    """'She cited reports that he said ...': the inner report belongs to the outer content."""
    out = []
    for a in attrs:
        if a.cue is None or a.nested or a.cue_class == "question":  # 'Asked if ..., X said': both stand
            out.append(a)
            continue
        inside = any(
            b is not a and b.cue is not None and not b.nested and b.sentence == a.sentence
            and b.content[0] <= a.cue[0] and a.cue[1] <= b.content[1]
            and not (b.content[0] <= b.cue[0] < b.content[1])
            for b in attrs
        )
        if not inside:
            out.append(a)
    return out

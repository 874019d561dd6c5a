"""Who said what inside one paragraph, from the dependency parse and the cue lexicon.

Everything here is paragraph-relative and depends only on the paragraph text, so the
result is cached by that text; the document-level step (carry-over, pronoun resolution,
findings) lives in attribution.py. The frames themselves are in attribution_verbs.py
(reporting verbs), attribution_nouns.py (according to, cue nouns, documents, speaker
labels) and attribution_frames.py (adjectives, passives, hearsay adverbs, colon quotes);
this module runs them per sentence and pairs the results with the paragraph's quotations.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import replace
from threading import Lock

from ..nlp import ParsedParagraph
from .attribution_formulas import drop_echoing_participles, not_a_report
from .attribution_frames import (
    HEARSAY_ADVERBS,
    adjective_attribution,
    asked_participle,
    colon_quote_attributions,
    hearsay_attribution,
    passive_attribution,
    passive_report,
)
from .attribution_light import (
    APPEARANCE_VERBS,
    LIGHT_VERBS,
    PSYCH_VERBS,
    RECEIVING_VERBS,
    appearance_attribution,
    light_verb_attribution,
    psych_attribution,
    reception_attribution,
)
from .attribution_nested import drop_embedded, drop_inside_sources, split_coordinated
from .attribution_nouns import (
    according_to,
    colon_label_attribution,
    in_document,
    noun_attribution,
    stance_phrase,
)
from .attribution_records import (
    ParagraphAttributions,
    Range,
    RawAttribution,
    SentenceInfo,
    VagueSource,
)
from .attribution_repair import repair_tags
from .attribution_tree import QUOTED_VERBS, Tree, hull, kind_of
from .attribution_verbs import (
    MAKE_CLEAR,
    PHRASAL_SPEECH,
    cue_lemma,
    makes_clear,
    phrasal_speech,
    verb_attribution,
)
from .claim_findings import eyewitness_marks
from .claims import sentence_info
from .lexicon import Lexicon, lexicon
from .quotes import Quote, find_quotes, quote_only

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
    pp = repair_tags(pp, lex.verbs)
    text = pp.text
    quotes = find_quotes(text)
    if not pp.tokens:
        return ParagraphAttributions(tuple(quotes), (), (), (), False, False)
    tree = Tree(pp)
    sentences = tuple(sentence_info(pp, s, e, quotes, lex) for s, e in pp.sents)
    attrs: list[RawAttribution] = []
    for si, (s, e) in enumerate(pp.sents):
        attrs.extend(_sentence_attributions(tree, si, s, e, quotes, lex))
    colon = colon_label_attribution(tree, quotes)
    if colon is not None and not any(a.cue is not None and a.cue[0] <= colon.cue[0] for a in attrs):
        attrs.append(colon)
    attrs.extend(colon_quote_attributions(tree, quotes, attrs, lex))
    attrs = drop_inside_sources(attrs)
    attrs = split_coordinated(tree, attrs, quotes, lex)
    attrs = _join_quote_groups(sentences, quotes, drop_embedded(tree, attrs), text)
    vague = _vague_sources(pp, sentences, attrs, lex)
    boiler = bool(sentences) and all(s.boilerplate for s in sentences)
    return ParagraphAttributions(
        tuple(quotes), sentences, tuple(attrs), tuple(vague), quote_only(text, quotes), boiler, eyewitness_marks(text)
    )


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
            found = according_to(tree, si, s, e, t, quotes)
            if found:
                out.append(found)
                used_cues.update((t.i, t.i + 1))
            continue
        lemma = cue_lemma(t)
        if t.pos == "VERB" and (lemma in PSYCH_VERBS or lemma in LIGHT_VERBS or lemma in RECEIVING_VERBS or lemma == "come"):
            found = (psych_attribution(tree, si, t, quotes, lex) or reception_attribution(tree, si, t, quotes, lex)
                     or light_verb_attribution(tree, si, t, quotes, lex))
            if found and found.cue is not None:
                out.append(found)  # the object noun ("made the case", "voiced concern") is part of this cue
                used_cues.update(k.i for k in toks[s:e] if found.cue[0] <= k.idx < found.cue[1])
                continue
        if t.pos == "VERB" and lemma in ("put", "go") and phrasal_speech(tree, t):
            found = verb_attribution(tree, si, s, e, t, PHRASAL_SPEECH, quotes, lex)
            if found:
                out.append(found)
                used_cues.add(t.i)
            continue
        if t.pos == "VERB" and lemma == "make" and makes_clear(tree, t):
            found = verb_attribution(tree, si, s, e, t, MAKE_CLEAR, quotes, lex)
            if found:
                out.append(found)
                used_cues.add(t.i)
            continue
        if t.pos == "VERB" and lemma in lex.verbs:
            if not_a_report(tree, t, e):
                continue
            # "Asked about X, Rubio said ...", "when asked ...": the asker is not named, and the one
            # asked is the main clause's speaker, not this cue's (PolNeAR leaves these unsourced)
            found = asked_participle(tree, si, t, quotes) or verb_attribution(tree, si, s, e, t, lex.verbs[lemma], quotes, lex)
            if (found is None or found.source is None) and lemma != "hear":  # "was heard telling": the participle reports
                found = (passive_attribution(tree, si, t, quotes)  # asked_participle was tried first
                         or found or appearance_attribution(tree, si, t, quotes)
                         or passive_report(tree, si, t, lex.verbs[lemma], quotes, lex))
            if found and found.source is not None and lemma in APPEARANCE_VERBS and not _acts_on_view(tree, t, lex):
                found = _sourceless(found)  # "the plan seems unfair", "he appears to be winning": the writer's reading
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
        if t.pos == "NOUN" and t.lemma.lower() in lex.nouns and t.i not in used_cues:
            found = noun_attribution(tree, si, s, e, t, lex.nouns[t.lemma.lower()], quotes, lex)
            if found:
                out.append(found)
    for t in toks[s:e]:
        found = in_document(tree, si, s, e, t, quotes, lex, out) or stance_phrase(tree, si, t, quotes, lex)
        if found:
            out.append(found)
    out = drop_echoing_participles(tree, out)
    sourced = {a.content for a in out if a.source is not None}
    # "The mayor was quoted as saying: ...": the participle names the speaker of what the passive reports
    return [a for a in out if a.source is not None or a.content not in sourced or not _quoted_passive(tree, a)]


def _quoted_passive(tree: Tree, a: RawAttribution) -> bool:
    return a.cue is not None and any(
        t.pos == "VERB" and t.lemma.lower() in QUOTED_VERBS for t in tree.tokens_in(a.cue)
    )


def _acts_on_view(tree: Tree, v, lex: Lexicon) -> bool:
    """'seemed to confirm', 'appeared to mock': the complement is itself a report by the subject."""
    for c in tree.kids[v.i]:
        ct = tree.toks[c]
        if ct.dep == "xcomp" and ct.pos == "VERB" and cue_lemma(ct) in lex.verbs and cue_lemma(ct) not in APPEARANCE_VERBS:
            return True
    return False


def _sourceless(a: RawAttribution) -> RawAttribution:
    return replace(a, source=None, source_type="none", source_head="", source_label="", vague=False, source_words=())


_RELATIVE_TAIL = re.compile(r"[\s,]+(?:who|which|that)$")


def _vague_sources(
    pp: ParsedParagraph, sentences: tuple[SentenceInfo, ...], attrs: list[RawAttribution], lex: Lexicon
) -> list[VagueSource]:
    out: list[VagueSource] = []
    taken: list[Range] = []
    for a in attrs:
        if a.vague and a.source is not None and not a.nested and a.cue_class in ("speech", "belief", "evidence", "according-to", "stance"):
            s, e = a.source
            m = _RELATIVE_TAIL.search(pp.text, s, e)
            if m is not None and m.end() == e and m.start() > s:
                e = m.start()  # the source "Critics who" (PolNeAR marks "who") is marked as "Critics"
            out.append(VagueSource(s, e, pp.text[s:e], a.sentence))
            taken.append((s, e))
    for si, sent in enumerate(sentences):
        chunk = pp.text[sent.start:sent.end]
        for rx in lex.vague_phrases:
            for m in rx.finditer(chunk):
                s, e = sent.start + m.start(), sent.start + m.end()
                if any(a < e and s < b for a, b in taken):
                    continue
                taken.append((s, e))
                out.append(VagueSource(s, e, pp.text[s:e], si, phrase=True))
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

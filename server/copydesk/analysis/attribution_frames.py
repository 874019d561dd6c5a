"""Cue frames beyond the plain reporting verb: adjectives that report a view
("Smith is confident that ...", "the Bank is concerned about ...").

Paragraph-relative, like attribution_extract.py, which calls these per sentence.
"""

from __future__ import annotations

import re

from ..nlp import Token
from .attribution_records import Range, RawAttribution
from .attribution_tree import (
    DOCUMENT_HEADS,
    NAME_LABELS,
    PERSONAL,
    Tree,
    hull,
    kind_of,
    source_range,
    source_type,
    subject_of,
)
from .lexicon import Cue, Lexicon
from .quotes import Quote

# Verbs that link a subject to an adjective cue: "is", "remains", "seemed", "grew".
COPULAS = {"be", "remain", "seem", "appear", "sound", "feel", "look", "grow", "become", "stay", "get"}
# Sources that can hold a view; things ("the plan is clear") and expletives ("it is clear") cannot.
HOLDER_TYPES = {"name", "pronoun", "role", "vague"}


def adjective_attribution(
    tree: Tree, si: int, a: Token, cue: Cue, quotes: list[Quote], lex: Lexicon
) -> RawAttribution | None:
    """'Smith is confident that the vote will pass': Smith (source), confident (cue), the clause."""
    toks = tree.toks
    text = tree.pp.text
    if a.dep != "acomp" or a.head == a.i:
        return None
    head = toks[a.head]
    if head.lemma.lower() not in COPULAS:
        return None
    subj = subject_of(tree, head.i)
    if subj is None:
        return None
    relative = None
    if subj.pos == "PRON" and subj.text.lower() in ("who", "that") and head.dep == "relcl":
        relative, subj = subj, toks[head.head]  # "officials who are worried about ...": the antecedent holds the view
    low = subj.text.lower()
    if subj.pos == "PRON" and low not in PERSONAL - {"it"}:
        return None
    stype = source_type(tree, subj, lex)
    if stype not in HOLDER_TYPES:
        return None
    content = _adjective_content(tree, a, head, cue)
    if content is None or len(text[content[0]:content[1]].split()) < 2:
        return None
    for q in quotes:
        if q.start < content[1] and content[0] < q.end:
            content = hull(content, (q.start, q.end))
    cue_lo = head if 0 < a.i - head.i <= 3 else a
    cue_rng = (cue_lo.idx, a.end)
    source = source_range(tree, subj)
    if relative is not None and 0 <= relative.idx - source[1] <= 3:
        source = (source[0], relative.end)  # "Mr. Ryan, who": the name and the pronoun that stands for it
    cls_name = next((c for c in ("speech", "belief", "intention", "stance") if c in cue.classes), "belief")
    nested = any(q.start < a.idx < q.end - 1 for q in quotes)
    return RawAttribution(
        content, kind_of(text, content, quotes, cue_rng), source, cue_rng, cls_name, stype, low, subj.ent_type, si,
        nested=nested, vague=stype == "vague", source_words=tuple(w.lower() for w in re.findall(r"[\w.-]+", text[source[0]:source[1]])),
    )


def _adjective_content(tree: Tree, a: Token, head: Token, cue: Cue) -> Range | None:
    toks = tree.toks
    for k in tree.kids[a.i]:  # "confident that ...", "eager to ..."
        if toks[k].dep in ("ccomp", "xcomp"):
            return tree.subtree(k)
    for k in tree.kids[a.i]:  # "concerned about the rise in prices"
        kt = toks[k]
        if kt.dep == "prep" and kt.text.lower() in cue.preps and tree.child(k, {"pobj", "pcomp"}) is not None:
            return tree.subtree(k)
    for k in tree.kids[head.i]:  # the parser often hangs the clause on the copula: "is sure (that) X"
        kt = toks[k]
        if kt.dep == "ccomp" and k > a.i:
            return tree.subtree(k)
        if kt.dep == "prep" and k > a.i and kt.text.lower() in cue.preps and tree.child(k, {"pobj", "pcomp"}) is not None:
            return tree.subtree(k)
    return None


def colon_quote_attributions(
    tree: Tree, quotes: list[Quote], attrs: list[RawAttribution], lex: Lexicon
) -> list[RawAttribution]:
    """'... territory - Philip Bump: "Two weeks ago ..."', 'From the report: "..."': a name or a
    document right before a colon speaks the quotation after it, when no verb claimed it."""
    toks = tree.toks
    text = tree.pp.text
    out: list[RawAttribution] = []
    by_start = {t.idx: t for t in toks}
    for q in quotes:
        if not q.opened:
            continue
        lead = text[:q.start].rstrip()
        if not lead.endswith(":") or any(a.content[0] <= q.start < a.content[1] for a in attrs):
            continue
        colon = by_start.get(len(lead) - 1)
        if colon is None or colon.i == 0:
            continue
        head = toks[colon.i - 1]
        named = head.pos == "PROPN" or head.ent_type in NAME_LABELS
        if not (named or head.lemma.lower() in DOCUMENT_HEADS or head.lemma.lower() in lex.source_nouns):
            continue
        lo = head.i
        while lo - 1 >= 0 and colon.i - lo < 6 and (
            toks[lo - 1].pos == "PROPN" or toks[lo - 1].dep in ("compound", "det", "poss", "case", "amod")
        ) and toks[lo - 1].text not in ("-", "—", "–", ":"):
            lo -= 1
        if lo > 0 and toks[lo - 1].pos == "ADP" and not (head.lemma.lower() in DOCUMENT_HEADS or head.lemma.lower() in lex.nouns):
            continue  # '... was from Mexico: "..."': the end of a phrase, not a speaker label
        source = (toks[lo].idx, head.end)
        si = next((k for k, (a, b) in enumerate(tree.pp.sents) if a <= colon.i < b), 0)
        stype = source_type(tree, head, lex)
        out.append(RawAttribution(
            (q.start, q.end), "direct", source, (colon.idx, colon.end), "colon", stype, head.text.lower(), head.ent_type, si,
            source_words=tuple(w.lower() for w in re.findall(r"[\w.-]+", text[source[0]:source[1]])),
        ))
    return out



# Sourceless passives that still report a view: "is said to", "is widely seen as", "known as".
# Lemma -> the complements that carry the content (xcomp: "to ...", as: "as ...", oprd: "a ...").
PASSIVE_CUES = {
    "say": {"xcomp"}, "report": {"xcomp"}, "rumor": {"xcomp"}, "rumour": {"xcomp"},
    "expect": {"xcomp"}, "believe": {"xcomp"}, "think": {"xcomp"}, "know": {"xcomp", "as", "for"},
    "see": {"as"}, "view": {"as"}, "regard": {"as"}, "consider": {"xcomp", "as", "oprd"}, "perceive": {"as"},
    "deem": {"xcomp", "oprd"}, "describe": {"as"}, "label": {"as", "oprd"}, "portray": {"as"},
    "characterize": {"as"}, "characterise": {"as"}, "bill": {"as"}, "tout": {"as"}, "hail": {"as"},
    "brand": {"as", "oprd"}, "dub": {"oprd"}, "rate": {"as"}, "rank": {"as"},
}


def passive_attribution(tree: Tree, si: int, v: Token, quotes: list[Quote]) -> RawAttribution | None:
    """'Some advisers are said to be urging ...': no source, cue 'are said', content the
    subject and what is said of it; 'Known until last month as the X Club, it ...'."""
    toks = tree.toks
    text = tree.pp.text
    lemma = v.lemma.lower()
    allowed = PASSIVE_CUES.get(lemma)
    if allowed is None or v.tag != "VBN" or any(q.start < v.idx < q.end for q in quotes):
        return None
    kids = tree.kids[v.i]
    if any(toks[c].dep == "agent" for c in kids):
        return None  # "was seen as ... by the voters": the verb frame has a source
    subj = next((toks[c] for c in kids if toks[c].dep == "nsubjpass"), None)
    participle = subj is None and v.dep in ("advcl", "acl")  # "Known as ...", "a group known for ..."
    if subj is None and not participle:
        return None
    comp = None
    for c in kids:
        ct = toks[c]
        if ct.dep in ("xcomp", "oprd") and ct.dep in allowed and c > v.i:
            comp = tree.subtree(c)
        elif ct.dep == "prep" and ct.text.lower() in allowed and c > v.i and tree.child(c, {"pobj", "pcomp"}) is not None:
            comp = tree.subtree(c)
        if comp is not None:
            break
    if comp is None or len(text[comp[0]:comp[1]].split()) < 2:
        return None
    content = hull(tree.subtree(subj.i), comp) if subj is not None else comp
    if content[0] > comp[0] or content[1] - content[0] > 400:
        return None
    lo = min([c for c in kids if toks[c].dep in ("aux", "auxpass") and v.i - c <= 3] + [v.i])
    cue = (toks[lo].idx, v.end)
    for q in quotes:
        if q.start < content[1] and content[0] < q.end:
            content = hull(content, (q.start, q.end))
    return RawAttribution(content, kind_of(text, content, quotes, cue), None, cue, "belief", "none", "", "", si)


# Adverbs that say the clause is someone's report without naming them.
HEARSAY_ADVERBS = {"reportedly"}


def hearsay_attribution(tree: Tree, si: int, adv: Token, quotes: list[Quote]) -> RawAttribution | None:
    """'The firm reportedly paid the fine': cue 'reportedly', no source, the clause as content."""
    toks = tree.toks
    text = tree.pp.text
    if adv.dep != "advmod" or adv.head == adv.i or toks[adv.head].pos not in ("VERB", "AUX"):
        return None
    head = adv.head
    hi = tree.hi[head]
    for c in tree.kids[head]:  # "..., and Smith said ...": a coordinated clause is not part of the report
        if c > adv.i and (toks[c].dep == "cc" or (toks[c].dep == "conj" and toks[c].pos in ("VERB", "AUX"))):
            hi = min(hi, c - 1)
    content = tree.span(tree.lo[head], hi)
    if len(text[content[0]:content[1]].split()) < 3:
        return None
    nested = any(q.start < adv.idx < q.end for q in quotes)
    return RawAttribution(content, kind_of(text, content, quotes, (adv.idx, adv.end)), None, (adv.idx, adv.end),
                          "speech", "none", "", "", si, nested=nested)


def asked_participle(tree: Tree, si: int, v: Token, quotes: list[Quote]) -> RawAttribution | None:
    """'Asked if he was ever bullied, the candidate said no', 'when asked about his errors':
    a question put to the subject of the main clause; the question is the content."""
    toks = tree.toks
    text = tree.pp.text
    if v.lemma.lower() != "ask" or v.tag != "VBN" or v.dep != "advcl":
        return None
    kids = tree.kids[v.i]
    if any(toks[c].dep in ("nsubj", "nsubjpass", "auxpass", "aux") for c in kids):
        return None
    content = None
    for c in kids:
        ct = toks[c]
        if ct.dep == "ccomp" and c > v.i:
            content = tree.subtree(c)
        elif ct.dep == "prep" and ct.text.lower() == "about" and c > v.i and tree.child(c, {"pobj", "pcomp"}) is not None:
            content = tree.subtree(c)
        if content is not None:
            break
    if content is None or len(text[content[0]:content[1]].split()) < 2:
        return None
    for q in quotes:
        if q.start < content[1] and content[0] < q.end:
            content = hull(content, (q.start, q.end))
    nested = any(q.start < v.idx < q.end for q in quotes)
    return RawAttribution(content, kind_of(text, content, quotes, (v.idx, v.end)), None, (v.idx, v.end),
                          "question", "none", "", "", si, nested=nested)


# Passives that tell of an event, not a judgement: "the video was released", "a group called X",
# "votes were cast" (counted on PolNeAR: as passives these are seldom attributions).
_PASSIVE_EVENTS = {
    "release", "issue", "publish", "post", "write", "cast", "call", "name", "relate", "find", "pose", "list",
    "identify", "disclose", "debate", "view", "see", "report", "address", "answer", "discuss", "title", "tweet",
    "quote", "cite", "record", "document", "detail", "read", "print", "air", "broadcast", "file", "sign",
}


def passive_report(tree: Tree, si: int, v: Token, cue: Cue, quotes: list[Quote], lex: Lexicon) -> RawAttribution | None:
    """What a passive cue says of its subject: 'the post was widely condemned' (no one named),
    'a fact later confirmed by the department', 'Kasich, endorsed by the Globe' (the agent speaks)."""
    toks = tree.toks
    text = tree.pp.text
    if v.tag != "VBN" or not cue.classes & {"speech", "stance", "evidence"} or v.lemma.lower() in _PASSIVE_EVENTS:
        return None
    kids = [toks[c] for c in tree.kids[v.i]]
    agent = None
    for k in kids:
        if k.dep == "agent":
            agent = tree.child(k.i, {"pobj"})
    subj = next((k for k in kids if k.dep == "nsubjpass"), None)
    if subj is not None:
        if subj.pos == "PRON" and subj.text.lower() in ("who", "which", "that") and v.dep == "relcl":
            content = tree.span(tree.lo[v.head], max(tree.lo[v.head], tree.lo[subj.i] - 1))
        else:
            content = tree.subtree(subj.i)
    elif v.dep == "acl" and v.head != v.i and toks[v.head].pos in ("NOUN", "PROPN") and tree.lo[v.i] > tree.lo[v.head]:
        content = tree.span(tree.lo[v.head], tree.lo[v.i] - 1)  # "a fact later confirmed by ...": the noun
    else:
        return None
    if content[1] - content[0] < 2 or (subj is not None and subj.text.lower() in ("it", "there")):
        return None
    lo = min([c for c in tree.kids[v.i] if toks[c].dep in ("aux", "auxpass", "neg") and c < v.i and v.i - c <= 3] + [v.i])
    cue_rng = (toks[lo].idx, v.end)
    for q in quotes:
        if q.start < content[1] and content[0] < q.end:
            content = hull(content, (q.start, q.end))
    nested = any(q.start < v.idx < q.end - 1 for q in quotes)
    if agent is None:
        return RawAttribution(content, kind_of(text, content, quotes, cue_rng), None, cue_rng, "stance", "none", "", "", si, nested=nested)
    source = source_range(tree, agent)
    stype = source_type(tree, agent, lex)
    return RawAttribution(content, kind_of(text, content, quotes, cue_rng), source, cue_rng, "stance", stype, agent.text.lower(),
                          agent.ent_type, si, nested=nested, vague=stype == "vague",
                          source_words=tuple(w.lower() for w in re.findall(r"[\w.-]+", text[source[0]:source[1]])))

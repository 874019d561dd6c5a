"""Frames without a reporting verb: "according to X", "X's claim that ...", "In a poll, ...",
and a speaker label opening a paragraph ("TAPPER: ...").

Paragraph-relative, like attribution_extract.py, which calls these per sentence.
"""

from __future__ import annotations

from ..nlp import Token
from .attribution_records import RawAttribution
from .attribution_tree import (
    ISSUING_VERBS,
    NAME_LABELS,
    SHARE_HEADS,
    Tree,
    hull,
    in_quote,
    kind_of,
    source_range,
    source_type,
    subject_of,
    trim_range,
    words_of,
)
from .lexicon import Cue, Lexicon, inverted_speech_verb, lexicon
from .quotes import Quote

# Findings that speak through a poll or study: "In a CBS News poll, Mr. Cruz had a lead".
EVIDENCE_HOLDERS = {
    "poll", "survey", "study", "report", "analysis", "census", "audit", "review", "tally",
    "estimate", "ranking", "projection", "forecast", "statement", "interview", "memo", "letter",
    "filing", "complaint", "lawsuit", "indictment", "ruling", "op-ed", "editorial", "column",
    "post", "tweet", "speech", "testimony", "affidavit", "document", "documents", "email",
}


def in_document(
    tree: Tree, si: int, s: int, e: int, t: Token, quotes: list[Quote], lex: Lexicon, found: list[RawAttribution]
) -> RawAttribution | None:
    """'In a Valley Courier poll released Friday, 71 percent said ...': the poll speaks."""
    toks = tree.toks
    text = tree.pp.text
    if t.text.lower() != "in" or t.dep != "prep":
        return None
    obj = tree.child(t.i, {"pobj"})
    if obj is None or obj.lemma.lower() not in EVIDENCE_HOLDERS or obj.pos != "NOUN":
        return None
    if obj.tag == "NNS":
        return None  # "leads in the polls", "trails in recent surveys": the standing, not one finding
    if any(toks[c].dep == "poss" for c in tree.kids[obj.i]):
        return None  # "in his statement": the owner speaks, with or without a verb
    head = toks[t.head]
    if head.pos not in ("VERB", "AUX") or not (s <= head.i < e):
        return None
    if any(a.cue is not None and a.cue[0] <= head.idx < a.cue[1] and not _respondents(a) for a in found):
        return None  # "said in a statement": the verb is the cue; "In a poll, 75 percent said": the poll
    if obj.lemma.lower() in ("statement", "interview", "speech", "testimony", "letter", "email", "memo", "tweet", "post") and subject_of(tree, head.i) is not None:
        return None  # "In an interview, he joked ...": the speaker and the verb carry it
    c_lo, c_hi = tree.lo[head.i], tree.hi[head.i]
    p_lo, p_hi = tree.lo[t.i], tree.hi[t.i]
    if p_lo <= c_lo + 1:
        if p_hi >= c_hi:
            return None  # "... said in a statement" with nothing after it: no content here
        content = tree.span(p_hi + 1, c_hi)
    else:
        content = tree.span(c_lo, p_lo - 1)
    if len(text[content[0]:content[1]].split()) < 3:
        return None
    polled = [a.content for a in found if _respondents(a)]
    if any(a.cue is not None and content[0] <= a.cue[0] < content[1] and not _respondents(a)
           and not any(lo <= a.cue[0] < hi for lo, hi in polled) for a in found):
        return None  # "According to the Times, the note is included in the report": already sourced
    src = source_range(tree, obj)
    return RawAttribution(content, "according-to", src, (t.idx, t.end), "according-to", "document", obj.lemma.lower(),
                          obj.ent_type, si, nested=in_quote(quotes, t.idx) is not None, source_words=words_of(text, src))


def _respondents(a: RawAttribution) -> bool:
    """'75 percent of Republicans said', '31% said': a share of those polled, who speak through the poll."""
    return a.source_head in SHARE_HEADS or a.source_head.replace(",", "").replace(".", "").isdigit()


def according_to(tree: Tree, si: int, s: int, e: int, t: Token, quotes: list[Quote]) -> RawAttribution | None:
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
    content = trim_range(text, content)
    lex = lexicon()
    stype = source_type(tree, obj, lex)
    cue = (t.idx, to.end)
    return RawAttribution(content, "according-to", src, cue, "according-to", stype, obj.text.lower(), obj.ent_type,
                          si, nested=in_quote(quotes, t.idx) is not None, vague=stype == "vague",
                          source_words=words_of(text, src))


def noun_attribution(
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
    if src_tok is None and n.lemma.lower() not in UNOWNED_NOUNS:
        return None
    content = None
    for c in tree.kids[n.i]:
        ct = toks[c]
        if ct.dep in ("acl", "ccomp", "relcl") and any(toks[g].dep == "mark" and toks[g].text.lower() == "that" for g in tree.kids[c]):
            content = tree.subtree(c)
        elif n.lemma.lower() in COMMITMENT_NOUNS and ct.dep in ("acl", "relcl") and c > n.i and any(toks[g].dep == "aux" and toks[g].text.lower() == "to" for g in tree.kids[c]):
            content = content or tree.subtree(c)  # "his promise to build a wall", "her decision not to run"
        elif ct.dep == "prep" and ct.text.lower() in cue.preps and content is None:
            content = tree.subtree(c)
    if content is None:
        return None
    for q in quotes:
        if q.start < content[1] and content[0] < q.end:
            content = hull(content, (q.start, q.end))
    if src_tok is None:  # "questions about her emails", "speculation that he will run": no one named
        if len(text[content[0]:content[1]].split()) < 3:
            return None
        return RawAttribution(content, "according-to", None, (n.idx, n.end), "noun", "none", "", "", si,
                              nested=in_quote(quotes, n.idx) is not None)
    if src_tok.dep == "poss" and src_tok.text.lower() in OWN_POSSESSIVES and n.dep == "dobj":
        doer = subject_of(tree, n.head)  # "He stepped up his attacks on ...": the one doing it speaks
        if doer is not None and doer.text.lower() not in ("who", "which", "that", "it") and source_type(tree, doer, lex) in ("name", "pronoun", "role"):
            src_tok = doer
    stype = source_type(tree, src_tok, lex)
    src = source_range(tree, src_tok) if src_tok.dep != "poss" else (src_tok.idx, src_tok.end)
    return RawAttribution(content, "according-to", src, (n.idx, n.end), "noun", stype, src_tok.text.lower(),
                          src_tok.ent_type, si, nested=in_quote(quotes, n.idx) is not None,
                          vague=stype == "vague", source_words=words_of(text, src))


# Possessives that point back to the clause's subject ("she escalated her attacks on ...").
OWN_POSSESSIVES = {"his", "her", "their", "its", "my", "our"}
# Cue nouns that report even when no one is named: "questions about her emails", "speculation
# that he will run", "criticism of the plan".
UNOWNED_NOUNS = {
    "question", "speculation", "debate", "concern", "criticism", "claim", "allegation",
    "rumor", "rumour", "accusation", "doubt", "suggestion", "warning", "complaint", "call", "demand",
}
# Nouns whose "to"-infinitive is what someone committed to ("his promise to build a wall"); a
# plan, effort or proposal "to ..." is an aim, more often the writer's summary than a report.
COMMITMENT_NOUNS = {"promise", "pledge", "vow", "decision", "refusal", "threat", "commitment", "oath", "vote"}
# Headline labels that are not speakers: "The Latest: ...", "UPDATE: ...", "EXCLUSIVE: ...".
# ("Poll: Trump leads" stays: the poll speaks.)
HEADLINE_KICKERS = {
    "latest", "breaking", "exclusive", "update", "updates", "watch", "video", "videos", "analysis",
    "opinion", "editorial", "live", "photos", "photo", "read", "related", "note", "correction", "timeline",
    "recap", "explainer", "review", "factcheck", "fact-check", "check", "listen", "podcast", "transcript",
    "developing", "alert", "summary", "background", "context", "preview", "scorecard", "takeaways", "why",
}


def _named_label(head: list[Token]) -> bool:
    """'Clinton camp:', 'Former AG Mukasey at RNC:', 'Clinton to Planned Parenthood:': a
    headline label that opens with a name, with lower-case nouns and prepositions after it."""
    if not head[0].text[:1].isupper() or not any(t.pos == "PROPN" or t.ent_type in NAME_LABELS for t in head):
        return False
    return all(t.text[:1].isupper() or t.pos in ("NOUN", "ADP", "DET", "CCONJ", "PART") for t in head)


def colon_label_attribution(tree: Tree, quotes: list[Quote]) -> RawAttribution | None:
    """A paragraph that opens with a speaker label: "Trump: the wall will be built",
    "NY Daily News: ...", a transcript's "TAPPER: And obviously ..." or "Q: ..."."""
    toks = tree.toks
    n = len(toks)
    for j in range(1, min(n, 7)):
        if toks[j].text != ":":
            continue
        head = [t for t in toks[:j] if t.pos != "SPACE"]
        if len(head) > 2 and head[0].text.lower() in HEADLINE_KICKERS and head[1].text in ("-", "–", "—"):
            head = head[2:]  # "EXCLUSIVE – Roger Stone: ..."
        if not head:
            return None
        verb = head[0] if len(head) > 1 and inverted_speech_verb(head[0].text) else None
        if verb is not None:
            head = head[1:]  # "Continued Stone: ...": Stone speaks
        label = "".join(t.text for t in head)
        if not (label.isupper() or all(
            t.pos == "PROPN" or t.ent_type in NAME_LABELS or (t.text[:1].isupper() and t.pos != "VERB") or t.text in ("-", "’s", "'s", ".")
            for t in head
        ) or _named_label(head)):
            return None
        if head[-1].text.lower() in HEADLINE_KICKERS:
            return None
        text = tree.pp.text
        cue = (verb.idx, verb.end) if verb is not None else (toks[j].idx, toks[j].end)
        si = next((k for k, (a, b) in enumerate(tree.pp.sents) if a <= j < b), 0)
        if all(t.pos == "SPACE" for t in toks[j + 1:]):
            # "Stated Stone:" on a line of its own: the quotation in the next paragraph is Stone's
            src = (head[0].idx, head[-1].end)
            return RawAttribution(cue, "direct", src, cue, "speech", "name", head[-1].text.lower(), head[-1].ent_type,
                                  si, open_colon=True, source_words=words_of(text, src))
        content = trim_range(text, (toks[j + 1].idx, toks[-1].end))
        if len(text[content[0]:content[1]].split()) < 2:
            return None
        speaker = next((head[:k] for k, t in enumerate(head) if k and t.pos == "ADP" and t.text.islower()), head)
        src = (speaker[0].idx, speaker[-1].end)  # "Clinton to Planned Parenthood:": Clinton speaks
        return RawAttribution(content, kind_of(text, content, quotes, None), src, cue,
                              "colon", "name", head[-1].text.lower(), head[-1].ent_type, si,
                              source_words=words_of(text, src))
    return None





# "in response to X", "in support of X", "in hopes of X": a stance taken by the subject of the
# clause the phrase modifies.
STANCE_PHRASES = {"support": "of", "favor": "of", "favour": "of",
                  "defense": "of", "defence": "of", "protest": "of", "opposition": "to", "hopes": "of",
                  "hope": "of", "praise": "of", "solidarity": "with", "tribute": "to", "memory": "of"}


def stance_phrase(tree: Tree, si: int, t: Token, quotes: list[Quote], lex: Lexicon) -> RawAttribution | None:
    """'In response to the rhetoric, Saldana expressed ...': source the clause's subject, cue the
    phrase, content what it responds to."""
    toks = tree.toks
    text = tree.pp.text
    if t.text.lower() != "in" or t.dep != "prep":
        return None
    noun = tree.child(t.i, {"pobj"})
    if noun is None or STANCE_PHRASES.get(noun.lemma.lower()) is None or noun.i != t.i + 1:
        return None  # only the fixed phrase: "in response to", not "in his response to"
    inner = next((toks[c] for c in tree.kids[noun.i] if toks[c].dep == "prep" and toks[c].text.lower() == STANCE_PHRASES[noun.lemma.lower()]), None)
    obj = tree.child(inner.i, {"pobj", "pcomp"}) if inner is not None else None
    head = toks[t.head]
    if obj is None or head.pos not in ("VERB", "AUX"):
        return None
    subj = subject_of(tree, head.i)
    if subj is None:
        return None
    stype = source_type(tree, subj, lex)
    if stype not in ("name", "pronoun", "role", "vague", "document"):
        return None
    content = tree.subtree(obj.i)
    for q in quotes:
        if q.start < content[1] and content[0] < q.end:
            content = hull(content, (q.start, q.end))
    src = source_range(tree, subj)
    return RawAttribution(content, kind_of(text, content, quotes, (t.idx, inner.end)), src, (t.idx, inner.end), "stance",
                          stype, subj.text.lower(), subj.ent_type, si, nested=in_quote(quotes, t.idx) is not None,
                          vague=stype == "vague", source_words=words_of(text, src))

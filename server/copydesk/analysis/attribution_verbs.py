"""Reporting-verb frames: "X said (that) ...", '"...," said X', "X accused Y of ...".

The verb's subject is the source, its clause, object or quotation the content. Paragraph-relative,
like attribution_extract.py, which calls ``verb_attribution`` for every cue verb.
"""

from __future__ import annotations

import re

from ..nlp import Token
from .attribution_records import Range, RawAttribution
from .attribution_speakers import inverted_subject, message_sender
from .attribution_tree import (
    ADDRESSEE_VERBS,
    CLAUSE,
    CUE_TAIL,
    DOCUMENT_HEADS,
    EXPLETIVE_IT,
    GAP,
    MAX_CUE_GAP,
    NAME_LABELS,
    PERSONAL,
    THING_SOURCE_VERBS,
    WEAK_WITH_THINGS,
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
from .lexicon import Cue, Lexicon
from .quotes import Quote

# Verbs that report words even when the parse finds no complement for them ("as Mr. Sykes
# said, ...", "wouldn't say when ..."); weaker speech verbs ("spoke at", "went on") do not.
BARE_REPORTING = {
    "say", "tell", "add", "write", "state", "claim", "explain", "argue", "insist", "note",
    "tweet", "reply", "declare", "acknowledge", "admit", "assert", "recall", "concede",
    "predict", "suggest", "announce", "confirm", "deny", "warn", "complain", "joke", "observe",
    "remark", "retort", "quip", "allege", "contend", "maintain", "stress", "emphasize",
    "reiterate", "vow", "promise", "pledge", "boast", "testify", "mention", "report",
}

# Antecedents a relative clause describes by time, manner or measure ("the first time they
# campaigned", "any way they like"), never as what someone said or wanted.
_ADVERBIAL_HEADS = {"time", "times", "way", "ways", "day", "days", "year", "years", "week", "moment", "place",
                    "point", "reason", "amount", "number", "extent", "degree", "kind", "sort", "thing", "things"}
# Verbs that give someone a name: 'called him "a loser"', 'branded them traitors'.
NAMING = {"call", "label", "brand", "dub", "term", "nickname", "deem"}
# Verbs of perception and discovery: a view only with a clause ("found that ..."), a complement
# or a document as subject ("the poll found Cruz ahead"); "found ways to ..." is a thing met.
# ("see" and "feel" stay out: "did not see the point", "saw a culprit in ..." are views as often as not.)
PERCEPTION = {"find", "know", "hear", "notice", "watch", "witness", "discover", "spot", "meet"}
# "made (it) clear that ...": the light-verb phrase reports like "said".
MAKE_CLEAR = Cue(frozenset({"speech"}), frozenset())
# "as she put it", "went on: ...": phrases that report words like "said" does.
PHRASAL_SPEECH = Cue(frozenset({"speech"}), frozenset())
# Heads whose infinitive is the report itself: "went on to say", "continued to insist".
ASPECTUAL = {"go", "continue", "proceed", "begin", "start", "hasten", "rush", "move", "repeat", "keep"}


def phrasal_speech(tree: Tree, v: Token) -> bool:
    """'as Milbank puts it', 'put it bluntly:', '"...," he went on': "put it" and "go on" with no
    place or object of their own report words."""
    toks = tree.toks
    kids = [toks[c] for c in tree.kids[v.i]]
    lemma = v.lemma.lower()
    if lemma == "put":
        obj = next((k for k in kids if k.dep == "dobj"), None)
        return obj is not None and obj.text.lower() == "it" and not any(k.dep in ("prep", "prt") for k in kids)
    if lemma == "go":
        return any(k.dep == "prt" and k.text.lower() == "on" for k in kids) and not any(
            k.dep in ("prep", "xcomp", "dobj", "advcl") for k in kids
        )
    return False


def makes_clear(tree: Tree, v: Token) -> bool:
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


def cue_lemma(t: Token) -> str:
    lemma = t.lemma.lower()
    if lemma == "hop" and t.text.lower().startswith(("hope", "hoping")):
        return "hope"  # the small model lemmatises "hoping" as "hop"
    if lemma == "retweete":
        return "retweet"  # and "retweeted" as "retweete"
    return lemma


def clause_content(tree: Tree, v: Token, cue: Cue, document: bool = False) -> Range | None:
    """What the cue verb reports: its clause, quotation-free complement or object.

    ``document``: the speaker is a poll, report or letter, whose "finds X ahead" is a finding.
    """
    toks = tree.toks
    cls = cue.classes
    kids = [toks[c] for c in tree.kids[v.i]]
    clause = _reported_clause(tree, v, kids)
    if clause is not None:
        return tree.subtree(clause.i)
    if v.dep == "parataxis" and v.head != v.i and not any(k.dep in ("xcomp", "dobj") for k in kids):
        # 'The plan, he said, will fail': the clause around the aside; a verb with its own
        # complement ("...; Moreno just wants to keep the town safe") is a clause of its own
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
                rng = tree.subtree(k.i)
                for p in kids:  # "called for a special investigator to review": the one called on, too
                    if p.dep == "prep" and p.i < k.i and p.text.lower() in cue.preps:
                        rng = hull(tree.subtree(p.i), rng)
                return rng
    if "stance" in cls:
        for k in kids:
            if k.dep == "xcomp" and k.tag == "VBG":
                return tree.subtree(k.i)  # "support deploying ground forces": the gerund is what is backed
    for k in kids:
        if k.dep == "prep" and k.text.lower() in cue.preps:
            obj = tree.child(k.i, {"pobj", "pcomp"})
            if obj is not None and obj.ent_type not in ("DATE", "TIME"):  # "called on Monday" is a time
                return tree.subtree(k.i)
    for k in kids:  # "called for the wage to be raised": the parser reads "for" as a clause marker
        if k.dep == "advcl" and k.i > v.i and any(toks[g].dep == "mark" and toks[g].text.lower() in cue.preps for g in tree.kids[k.i]):
            return tree.subtree(k.i)
    if v.lemma.lower() in NAMING:
        named = naming_content(tree, v, kids)
        if named is not None:
            return named
    if v.dep == "relcl" and v.head != v.i and not any(k.dep in ("dobj", "ccomp", "xcomp", "prep", "nsubjpass") for k in kids) and any(
        k.dep == "nsubj" and k.text.lower() not in ("who", "which", "that") for k in kids
    ) and cls & {"stance", "belief", "intention", "speech"}:
        head = toks[v.head]  # "the deal she once supported", "the establishment he rails against": the antecedent
        if head.pos in ("NOUN", "PRON", "PROPN") and tree.lo[v.i] > tree.lo[head.i] and head.lemma.lower() not in _ADVERBIAL_HEADS and not head.ent_type:
            return tree.span(tree.lo[head.i], max(tree.lo[head.i], tree.lo[v.i] - 1))
    if v.lemma.lower() in PERCEPTION and not document:
        return None  # "found ways to ...", "saw a 50 percent increase": the object is a thing met, not a view
    if True:
        for k in kids:
            if k.dep == "dobj":
                personal = k.ent_type == "PERSON" or (k.pos == "PRON" and k.text.lower() in PERSONAL)
                oprd = tree.child(v.i, {"oprd"})
                if oprd is not None:  # 'called her "third-rate"'
                    return hull(tree.subtree(k.i), tree.subtree(oprd.i))
                if v.lemma.lower() in ADDRESSEE_VERBS and (personal or k.ent_type in NAME_LABELS or k.lemma.lower() in ("reporter", "audience", "meeting", "crowd", "supporter", "journalist")):
                    continue  # the addressee, not the content
                if personal and "evidence" in cls and v.lemma.lower() not in ADDRESSEE_VERBS:
                    return tree.span(tree.lo[k.i], tree.hi[v.i])  # 'the poll shows Cruz 16 points ahead': the finding
                phrasal = any(toks[c].dep == "prt" for c in tree.kids[v.i])  # "called out Trump", "singled out her rival"
                if personal and "stance" not in cls and not phrasal:
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


def _reported_clause(tree: Tree, v: Token, kids: list[Token]) -> Token | None:
    """The verb's clausal complement: the one nearest the verb when the parser gave it two
    ('Trump asserted that ...: "France is no longer France," he claimed'), and none across a
    semicolon ('They say that ...; Moreno just wants to keep the town safe')."""
    clauses = [k for k in kids if k.dep in CLAUSE]
    if not clauses:
        return None
    clauses = [k for k in clauses if k.pos in ("VERB", "AUX") and k.text[:1].isalpha()] or clauses  # not the "-" of "re-sell"
    k = min(clauses, key=lambda c: abs(c.i - v.i))
    if k.i < v.i and any(t.text == ";" for t in tree.toks[tree.hi[k.i] + 1:v.i]):
        return None
    return k


def naming_content(tree: Tree, v: Token, kids: list[Token]) -> Range | None:
    """'called Mr. Yanukovych, a former director, an outstanding leader', 'calling them rapists':
    the person named and what they were called; a bare name ("called Clinton on Monday") is a
    phone call, not a label."""
    toks = tree.toks
    obj = next((k for k in kids if k.dep == "dobj"), None)
    if obj is None:
        return None
    label = any(toks[c].dep == "appos" and toks[c].pos in ("NOUN", "ADJ") for c in tree.kids[obj.i]) or any(
        k.dep in ("oprd", "xcomp", "attr", "acomp") and k.i > obj.i for k in kids
    )
    after = tree.hi[obj.i] + 1
    quoted = after < len(toks) and toks[after].text in ("\"", "“", "‘", "'", "''") and toks[after].i <= tree.hi[v.i]
    if not (label or quoted):
        return None
    return tree.span(tree.lo[obj.i], tree.hi[v.i])


def _quote_hands_over(text: str, q: Quote) -> bool:
    """'"...," he said', '"...?" she asked': the quotation ends with the comma, '?' or '!' that
    hands it to the cue after it."""
    inside = text[q.start:q.end].rstrip("\"'”’ ")
    return inside.endswith((",", "?", "!"))


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


_EVENT_PERCEPTION = frozenset({"see", "watch", "notice", "witness", "feel"})


def _bare_event(tree: Tree, v: Token) -> bool:
    """The verb's clause is a bare infinitive with no marker or auxiliary ("saw prices rise");
    after a past form a plural's bare verb is one too ("has seen profits climb"), while "see
    voters want change" is a view."""
    toks = tree.toks
    forms = ("VB", "VBP") if v.tag in ("VBD", "VBN") else ("VB",)
    for c in tree.kids[v.i]:
        k = toks[c]
        if k.dep == "ccomp" and k.tag in forms and k.pos == "VERB" and not any(toks[g].dep in ("mark", "aux", "auxpass") for g in tree.kids[k.i]):
            return True
    return False


# Bodies whose "heard" reports evidence given to them ("..., an inquest has heard").
HEARING_BODIES = {"court", "tribunal", "inquiry", "jury", "hearing", "trial", "committee", "panel", "inquest", "commission"}


def verb_attribution(
    tree: Tree, si: int, s: int, e: int, v: Token, cue: Cue, quotes: list[Quote], lex: Lexicon
) -> RawAttribution | None:
    pp = tree.pp
    text = pp.text
    toks = tree.toks
    s_char, e_char = toks[s].idx, toks[e - 1].end
    subj = subject_of(tree, v.i)
    inverted = False
    if subj is None and "speech" in cue.classes:
        subj = inverted_subject(tree, v, cue_lemma(v), s, e)  # '"...," added another Republican'
        inverted = subj is not None
    relative = None
    if subj is not None and subj.text.lower() in ("who", "which", "that") and v.dep == "relcl":
        relative, subj = subj, toks[v.head]  # "the Minister who underscored ...": the antecedent speaks
    if subj is not None and v.dep == "acl" and v.tag == "VBG" and v.head == subj.i:
        subj = message_sender(tree, subj, lex) or subj  # "his campaign sent out a press release saying ..."
    stype = source_type(tree, subj, lex) if subj is not None else "none"
    if stype == "other" and relative is not None and relative.text.lower() in ("who", "whom"):
        stype = "role"  # "opponents on the left, who accused ...": "who" stands for people, whatever noun it hangs on
    lemma = cue_lemma(v)
    if lemma == "hear":
        if subj is None or subj.lemma.lower() not in HEARING_BODIES:
            return None  # "she heard a noise": only a court or an inquiry hears what it reports
        if stype == "other":
            stype = "role"  # "an inquest has heard": the body reports what it was told
    if lemma in ("pledge", "commit", "bind") and v.i + 1 < len(toks) and toks[v.i + 1].lemma.lower() in ("delegate", "delegates"):
        return None  # "271 pledged delegates": a count of delegates, not a pledge
    cls = cue.classes
    if subj is not None and subj.pos == "PRON" and subj.text.lower() == "it" and (
        lemma in EXPLETIVE_IT or not cls & {"speech", "evidence", "stance"}
    ):
        return None  # "it seems", "it means": no one is speaking
    if stype == "other" and lemma not in THING_SOURCE_VERBS and (
        not cls & {"speech", "belief", "intention", "directive"} or lemma in WEAK_WITH_THINGS
    ):
        return None
    if stype == "document" and not (cls & {"speech", "evidence", "stance"}):  # 'the letter accuses X of ...'
        return None
    if stype == "none" and not any(toks[c].dep in ("nsubjpass", "auxpass") for c in tree.kids[v.i]):
        if v.dep not in ("advcl", "xcomp", "acl", "conj", "ccomp", "relcl", "pcomp") and v.dep != "ROOT":
            return None
    inherited = subj is not None and not inverted and subj.head != v.i and not any(
        toks[c].dep == "agent" for c in tree.kids[v.i]
    )
    infinitive = v.tag == "VB" and any(toks[c].dep == "aux" and toks[c].text.lower() == "to" for c in tree.kids[v.i])
    aspect = v.dep == "xcomp" and toks[v.head].lemma.lower() in ASPECTUAL  # "went on to say", "continued to insist"
    # "took to Twitter to denounce ...", "used the speech to warn ...": a speech act as the purpose of an act
    aspect = aspect or (v.dep in ("advcl", "xcomp") and toks[v.head].pos == "VERB" and bool(cls & {"speech", "directive", "stance"}) and "belief" not in cls)
    if inherited and infinitive and not aspect and not any(toks[c].dep == "ccomp" for c in tree.kids[v.i]):
        return None  # "went to see", "a bill to ban": an aim, not a report
    if (lemma in PERCEPTION or lemma == "see") and (infinitive or (v.tag == "VBG" and v.dep == "pcomp")):
        return None  # "waited to see if ...", "hard to see how ...", "after seeing the damage": looking, not a view
    if lemma in _EVENT_PERCEPTION and _bare_event(tree, v):
        return None  # "has seen profits climb", "watched him leave": an event met, not a view
    # 'Giles attempted ... and said ...', 'four in 10 who said ...': a speech verb joined to its
    # speaker's clause keeps that speaker, whatever the tagger made of it
    joined = not infinitive and ((v.dep in ("conj", "advcl") and "speech" in cls) or (v.dep == "relcl" and lemma in BARE_REPORTING))
    # "a sign saying ...", "a response saying ...", "50 percent saying ...": the noun carries the words
    joined = joined or (v.dep == "acl" and v.tag == "VBG" and lemma in BARE_REPORTING)
    if inherited and not joined and not aspect and (stype == "other" or ("stance" in cls and not cls & {"speech", "belief"} and v.tag == "VB")):
        return None  # "an attempt to find ...", "weapons to attack ...": not someone speaking
    source = source_range(tree, subj) if subj is not None else None
    if source is not None and relative is not None and (0 <= relative.idx - source[1] <= 3 or (
        relative.idx > source[1] and tree.lo[v.i] == relative.i and GAP.match(text[toks[relative.i - 1].idx:relative.idx]) is not None
    )):
        source = (source[0], relative.end)  # "Mr. Scott, who": the name and the pronoun that stands for it
    document = stype == "document" or (subj is not None and subj.lemma.lower() in DOCUMENT_HEADS)
    content = clause_content(tree, v, cue, document)
    if content is None and "speech" in cls and source is not None:
        comma = next((q for q in quotes if 0 <= q.start - cue_range(tree, v)[1] <= 3
                      and text[cue_range(tree, v)[1]:q.start].strip() == ","), None)
        if comma is not None:  # 'Issa continued, "Yes. ..."', 'He responds, "Yes, but ..."'
            content = (comma.start, comma.end)
    if subj is None and content is not None and not any(
        toks[c].dep in ("ccomp", "xcomp") for c in tree.kids[v.i]
    ) and v.dep != "parataxis":
        content = None  # "must be regarded as ...": a passive with no speaker and no reported clause
    cue_rng = cue_range(tree, v)
    clause = cue_rng if source is None else hull(cue_rng, source)
    adj = _adjacent_quote(text, quotes, clause, s_char, e_char)
    if adj is not None and adj.end <= clause[0] and not adj.contains(v.idx) and (
        v.dep == "parataxis" or (content is not None and content[0] < adj.start and ":" in text[content[0]:adj.start])
    ):
        content = (adj.start, adj.end)  # 'Trump asserted that ...: "France is no longer France," he claimed'
    if adj is not None and content is not None and lemma in ADDRESSEE_VERBS and subj is not None and not inherited and (
        adj.end <= clause[0] and content[0] >= clause[1] and _quote_hands_over(text, adj)
        and not any(t.pos in ("VERB", "AUX") for t in tree.tokens_in(content))
    ):
        content = (adj.start, adj.end)  # '"... what kind of society we are," he told the show': the show is told
    if content is not None:
        touching = [q for q in quotes if q.start < content[1] and content[0] < q.end and not q.contains(v.idx)]
        for q in touching:
            content = hull(content, (q.start, q.end))
        after = next((q for q in quotes if 0 <= q.start - content[1] <= 4 and text[content[1]:q.start].strip() == ":"), None)
        if after is not None:  # 'praised the ruling on Facebook: "Today, we have won ..."'
            content = hull(content, (after.start, after.end))
    elif adj is not None and not adj.contains(v.idx):
        content = (adj.start, adj.end)
    else:  # 'branded "deeply irresponsible" by the Liberal Democrats': a quotation among the verb's dependents
        own = [q for q in quotes if tree.toks[tree.lo[v.i]].idx <= q.start and q.end <= tree.toks[tree.hi[v.i]].end
               and not q.contains(v.idx) and not (source and source[0] <= q.start < source[1])]
        if own:
            content = (own[0].start, own[-1].end)
    as_clause = v.dep == "advcl" and "speech" in cls and any(toks[c].dep == "mark" and toks[c].text.lower() == "as" for c in tree.kids[v.i])
    if content is None and (lemma in BARE_REPORTING or cue is PHRASAL_SPEECH or as_clause) and source is not None:
        content = _rest_of_clause(tree, v, clause, s, e)
    if content is None:
        if text[cue_rng[1]:].strip() in (":", "") and text[cue_rng[1]:].strip() == ":" and cls & {"speech"}:
            return RawAttribution(cue_rng, "direct", source, cue_rng, "speech", stype,
                                  subj.text.lower() if subj else "", subj.ent_type if subj else "", si,
                                  open_colon=True, source_words=words_of(text, source))
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
    nested = in_quote(quotes, v.idx) is not None
    kind = kind_of(text, content, quotes, cue_rng)
    cls_name = next((c for c in ("speech", "evidence", "belief", "intention", "directive", "stance") if c in cls), "speech")
    return RawAttribution(
        content, kind, source, cue_rng, cls_name, stype,
        subj.text.lower() if subj is not None else "", subj.ent_type if subj is not None else "",
        si, nested=nested, vague=stype == "vague", source_words=words_of(text, source),
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
    after = trim_range(text, (clause[1], e_char))
    before = trim_range(text, (s_char, clause[0]))
    m = re.search(r"[\s,]*\bas$", text[before[0]:before[1]], flags=re.I)
    if m:  # "..., as Senator Kim noted": the clause before the "as"
        before = trim_range(text, (before[0], before[0] + m.start()))
    ancestors = [a for a in _ancestors(tree, v.i) if s <= a < e]
    if any(cue_lemma(toks[a]) in BARE_REPORTING for a in ancestors):
        return None  # 'X, writing for the majority, said ...': the governing verb reports
    # 'Trump later said he was joking', 'Cook said X, but did not say when': when the verb hangs
    # below an earlier word, the words before it are the governing clause, not what it reports.
    governed = any(a < v.i for a in ancestors)
    lead = re.sub(r"\s+as$", "", text[s_char:clause[0]].rstrip(), flags=re.I)  # ", as Senator Kim noted."
    if governed and not any(ch.isalpha() for ch in text[after[0]:after[1]]) and lead.endswith((",", "—", "–")):
        governed = False  # '..., and reach others, she said.': the cue closes the sentence it reports
    for rng in ((after,) if governed else (after, before)):
        words = text[rng[0]:rng[1]].split()
        letters = [w.strip(".,!?;:'\"").lower() for w in words if any(ch.isalpha() for ch in w)]
        if len(letters) >= 2 or letters in (["yes"], ["no"], ["so"]):  # "Everyone but Hewlett said yes."
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


def cue_range(tree: Tree, v: Token) -> Range:
    """The verb with its auxiliaries and particle ("has said", "pointed out")."""
    toks = tree.toks
    lo = hi = v.i
    for c in tree.kids[v.i]:
        ct = toks[c]
        if ct.dep in ("aux", "auxpass", "neg") and c < v.i and v.i - c <= 3 and not any(toks[j].pos == "PUNCT" for j in range(c + 1, v.i)):
            lo = min(lo, c)
        if ct.dep == "prt" and c > v.i and c - v.i <= 2:
            hi = max(hi, c)
    return toks[lo].idx, toks[hi].end

